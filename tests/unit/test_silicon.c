/*
 * test_silicon.c: R3000 behaviours that the manuals leave undefined but
 * the silicon defines, as hardware tests established them (sources in
 * the code they test):
 *   - REGIMM decodes every rt value: bit 0 picks BGEZ over BLTZ, only
 *     rt = 10000 and 10001 link, nothing is RI (decode.c);
 *   - a branch or jump in the delay slot of a taken branch computes its
 *     target and link from its own delay slot, which is the first
 *     branch's target (cpu_loop.inc, BRANCH);
 *   - two loads in a row to one register: the instruction after the
 *     second sees the first's value, the next one the second's, and the
 *     second's address uses the register's value from before both;
 *   - SWL/SWR to a device write the bytes they name and read nothing
 *     (mem.c, store_partial_io).
 */
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

#define KSEG1(pa) ((pa) | 0xa0000000u)

/* REGIMM rt from 0 to 31, rs negative and non-negative. */
START_TEST(test_regimm_every_rt)
{
	for (unsigned rt = 0; rt < 32; rt++) {
		for (int neg = 0; neg < 2; neg++) {
			struct machine *m = um_new();
			struct cpu_state *c = machine_cpu(m);
			bool ge = rt & 1, link = (rt & 0x1e) == 0x10;
			bool taken = ge ? !neg : neg;

			c->r[T1] = neg ? 0xfffffff0u : 5;
			c->r[31] = 0xdead0000u;
			UM_CODE(m, enc_i(0x01, T1, rt, 3), a_nop());
			ck_assert_int_eq(machine_step(m), STOP_STEP);
			ck_assert_msg(c->pc == CODE_VA + 4, "rt %u: no RI, the slot is next", rt);
			ck_assert_msg(c->npc == (taken ? CODE_VA + 16 : CODE_VA + 8),
			              "rt %u rs %s: taken %d", rt, neg ? "<0" : ">=0", taken);
			ck_assert_msg(c->r[31] == (link ? CODE_VA + 8 : 0xdead0000u),
			              "rt %u: link %d", rt, link);
			machine_free(m);
		}
	}
}
END_TEST

/*
 * beq $0,$0 to T1 = CODE_VA + 24, and in its delay slot a branch or
 * jump with link: the slot's own delay slot is T1, so its target is T1
 * + offset and its link T1 + 4 (pcsx-redux branchbranch.s: the
 * instruction at the first target runs, then the second branch's).
 */
static void branch_in_slot(uint32_t slot, uint32_t want_target, unsigned link_reg)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	const uint32_t t1 = CODE_VA + 24;

	c->r[T2] = CODE_VA + 0x40;             /* JALR's target */
	UM_CODE(m, a_beq(ZERO, ZERO, 5), slot, a_nop(), a_nop(), a_nop(), a_nop(),
	        a_addiu(T3, T3, 1) /* T1 */, a_nop());
	um_step(m, 1);
	ck_assert_uint_eq(c->npc, t1);
	um_step(m, 1);                         /* the branch in the slot */
	ck_assert_uint_eq(c->pc, t1);
	ck_assert_uint_eq(c->npc, want_target);
	ck_assert_uint_eq(c->delay_slot, 1);
	if (link_reg)
		ck_assert_uint_eq(c->r[link_reg], t1 + 4);
	um_step(m, 1);                         /* T1's instruction, then the target */
	ck_assert_uint_eq(c->r[T3], 1);
	ck_assert_uint_eq(c->pc, want_target);
	machine_free(m);
}

START_TEST(test_branch_in_taken_delay_slot)
{
	const uint32_t t1 = CODE_VA + 24;

	branch_in_slot(a_beq(ZERO, ZERO, 2), t1 + 8, 0);
	branch_in_slot(a_bgezal(ZERO, 2), t1 + 8, 31);
	branch_in_slot(a_bltz(ZERO, 2), t1 + 4, 0);          /* not taken: T1 + 4 */
	branch_in_slot(a_jal(CODE_VA + 0x80), CODE_VA + 0x80, 31);
	branch_in_slot(a_jalr(T4, T2), CODE_VA + 0x40, T4);
}
END_TEST

/* Not taken first branch: the slot's branch is an ordinary one. */
START_TEST(test_branch_in_untaken_delay_slot)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = 1;
	UM_CODE(m, a_beq(ZERO, T1, 5), a_bgezal(ZERO, 2), a_nop());
	um_step(m, 2);
	ck_assert_uint_eq(c->pc, CODE_VA + 8);
	ck_assert_uint_eq(c->npc, CODE_VA + 16);
	ck_assert_uint_eq(c->r[31], CODE_VA + 12);
	machine_free(m);
}
END_TEST

/* lw t0,A; lw t0,B: the next reads A, the one after B (r3000.md 1.4). */
START_TEST(test_load_load_same_register)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	um_poke(m, DATA_PA, 0xaaaa0001u);
	um_poke(m, DATA_PA + 4, 0xbbbb0002u);
	um_poke(m, DATA_PA + 8, 0xcccc0003u);
	c->r[S0] = DATA_VA;
	UM_CODE(m, a_lw(T0, 0, S0), a_lw(T0, 4, S0), a_addu(T1, T0, ZERO),
	        a_addu(T2, T0, ZERO));
	um_step(m, 4);
	ck_assert_uint_eq(c->r[T1], 0xaaaa0001u);
	ck_assert_uint_eq(c->r[T2], 0xbbbb0002u);
	ck_assert_uint_eq(c->r[T0], 0xbbbb0002u);
	machine_free(m);

	/* The second load's base is the first's target register: it uses
	 * the value from before the first load. */
	m = um_new();
	c = machine_cpu(m);
	um_poke(m, DATA_PA, DATA_VA + 8);
	um_poke(m, DATA_PA + 8, 0xcccc0003u);
	c->r[T0] = DATA_VA + 8;
	c->r[S0] = DATA_VA;
	UM_CODE(m, a_lw(T0, 0, S0), a_lw(T0, -8, T0), a_addu(T1, T0, ZERO),
	        a_addu(T2, T0, ZERO));
	um_step(m, 4);
	ck_assert_uint_eq(c->r[T1], DATA_VA + 8);   /* the first load's value */
	ck_assert_uint_eq(c->r[T2], DATA_VA + 8);   /* loaded from DATA_VA */
	machine_free(m);
}
END_TEST

/* A machine whose console reads "xy" from a file and writes to a pipe. */
static struct machine *console_machine(int *out, char *path)
{
	struct sim_config cfg;
	char err[256];
	int p[2], fd = mkstemp(path);
	struct machine *m;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "xy", 2), 2);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	ck_assert_int_eq(pipe(p), 0);
	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_in_fd = fd;
	cfg.console_out_fd = p[1];
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	machine_cp0_write(m, CP0_STATUS, 0);
	machine_cpu(m)->pc = CODE_VA;
	machine_cpu(m)->npc = CODE_VA + 4;
	out[0] = p[0];
	out[1] = p[1];
	return m;
}

/* SWL at byte 0 of the console's data register writes one byte, rt's
 * highest, and takes no input byte with a read first; SWR at byte 3
 * writes one byte, rt's lowest, at offset 3 (a register that ignores
 * it).  The next two loads get the input whole. */
START_TEST(test_partial_store_to_device)
{
	char path[] = "/tmp/exosim-unit-XXXXXX", buf[8] = "";
	int p[2];
	struct machine *m = console_machine(p, path);
	struct cpu_state *c = machine_cpu(m);

	c->r[T0] = KSEG1(CONS_BASE);
	c->r[T1] = ('A' << 24) | 0x00424300u | 'D';
	UM_CODE(m, a_swl(T1, 0, T0), a_swr(T1, 3, T0), a_lbu(T2, 0, T0),
	        a_lbu(T3, 0, T0), a_nop());
	um_step(m, 5);
	ck_assert_uint_eq(c->r[T2], 'x');
	ck_assert_uint_eq(c->r[T3], 'y');
	machine_free(m);
	close(p[1]);
	ck_assert_int_eq(read(p[0], buf, sizeof buf - 1), 1);
	ck_assert_str_eq(buf, "A");
	close(p[0]);
	unlink(path);
}
END_TEST

Suite *silicon_suite(void)
{
	Suite *s = suite_create("silicon");

	UM_TEST(s, test_regimm_every_rt);
	UM_TEST(s, test_branch_in_taken_delay_slot);
	UM_TEST(s, test_branch_in_untaken_delay_slot);
	UM_TEST(s, test_load_load_same_register);
	UM_TEST(s, test_partial_store_to_device);
	return s;
}
