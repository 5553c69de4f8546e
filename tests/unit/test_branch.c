/*
 * test_branch.c: branches and jumps (r3000.md 1.3-1.4): the delay slot
 * always runs, pc/npc after each step, targets relative to the delay
 * slot, J's region bits from the delay slot's address, links written
 * whether or not BLTZAL/BGEZAL branch, and a misaligned jump target
 * faulting on the fetch, not on the jump.
 */
#include "unit.h"

/* The branch at CODE_VA jumps 3 words past its delay slot. */
#define TARGET (CODE_VA + 4 + 3 * 4)

/* Run `insn` with t1 = a, t2 = b; check the delay slot and the path. */
static void branch_case(uint32_t insn, uint32_t a, uint32_t b, int taken)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	uint32_t next = taken ? TARGET : CODE_VA + 8;

	c->r[T1] = a;
	c->r[T2] = b;
	UM_CODE(m, insn, a_addiu(T3, T3, 1));
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, CODE_VA + 4);
	ck_assert_uint_eq(c->npc, next);
	ck_assert_uint_eq(c->delay_slot, 1);
	um_step(m, 1);
	ck_assert_uint_eq(c->r[T3], 1);          /* the slot ran */
	ck_assert_uint_eq(c->pc, next);
	ck_assert_uint_eq(c->npc, next + 4);
	ck_assert_uint_eq(c->delay_slot, 0);
	machine_free(m);
}

START_TEST(test_conditional_branches)
{
	branch_case(a_beq(T1, T2, 3), 5, 5, 1);
	branch_case(a_beq(T1, T2, 3), 5, 6, 0);
	branch_case(a_bne(T1, T2, 3), 5, 6, 1);
	branch_case(a_bne(T1, T2, 3), 5, 5, 0);
	branch_case(a_blez(T1, 3), 0, 0, 1);
	branch_case(a_blez(T1, 3), 0x80000000, 0, 1);
	branch_case(a_blez(T1, 3), 1, 0, 0);
	branch_case(a_bgtz(T1, 3), 1, 0, 1);
	branch_case(a_bgtz(T1, 3), 0, 0, 0);
	branch_case(a_bgtz(T1, 3), 0xffffffff, 0, 0);
	branch_case(a_bltz(T1, 3), 0x80000000, 0, 1);
	branch_case(a_bltz(T1, 3), 0, 0, 0);
	branch_case(a_bgez(T1, 3), 0, 0, 1);
	branch_case(a_bgez(T1, 3), 0xffffffff, 0, 0);
}
END_TEST

START_TEST(test_backward_branch)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_beq(ZERO, ZERO, -2), a_nop());
	um_step(m, 1);
	ck_assert_uint_eq(c->npc, CODE_VA + 4 - 8);
	machine_free(m);
}
END_TEST

/* The condition is fixed when the branch runs; the slot cannot change it. */
START_TEST(test_slot_cannot_change_condition)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = c->r[T2] = 5;
	UM_CODE(m, a_beq(T1, T2, 3), a_addiu(T1, T1, 1));
	um_step(m, 2);
	ck_assert_uint_eq(c->pc, TARGET);
	ck_assert_uint_eq(c->r[T1], 6);
	machine_free(m);
}
END_TEST

/* BLTZAL/BGEZAL link whether or not they branch; the test reads ra
 * before linking. */
START_TEST(test_and_link)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = 1;
	UM_CODE(m, a_bltzal(T1, 3), a_nop());
	um_step(m, 2);
	ck_assert_uint_eq(c->r[RA], CODE_VA + 8);
	ck_assert_uint_eq(c->pc, CODE_VA + 8);
	machine_free(m);

	m = um_new();
	c = machine_cpu(m);
	c->r[RA] = 0x80000000;                     /* negative */
	UM_CODE(m, a_bltzal(RA, 3), a_nop());
	um_step(m, 2);
	ck_assert_uint_eq(c->r[RA], CODE_VA + 8);
	ck_assert_uint_eq(c->pc, TARGET);
	machine_free(m);

	m = um_new();
	c = machine_cpu(m);
	c->r[T1] = 0;
	UM_CODE(m, a_bgezal(T1, 3), a_nop());
	um_step(m, 2);
	ck_assert_uint_eq(c->r[RA], CODE_VA + 8);
	ck_assert_uint_eq(c->pc, TARGET);
	machine_free(m);
}
END_TEST

START_TEST(test_jumps)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_jal(0x80002000), a_nop());
	um_step(m, 1);
	ck_assert_uint_eq(c->npc, 0x80002000);
	ck_assert_uint_eq(c->r[RA], CODE_VA + 8);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, 0x80002000);
	machine_free(m);

	m = um_new();
	c = machine_cpu(m);
	c->r[T1] = 0x80003000;
	UM_CODE(m, a_jalr(T9, T1), a_nop());
	um_step(m, 2);
	ck_assert_uint_eq(c->r[T9], CODE_VA + 8);
	ck_assert_uint_eq(c->pc, 0x80003000);
	machine_free(m);

	m = um_new();
	c = machine_cpu(m);
	c->r[T1] = 0x80004000;
	UM_CODE(m, a_jr(T1), a_addiu(T2, ZERO, 9));
	um_step(m, 2);
	ck_assert_uint_eq(c->r[T2], 9);
	ck_assert_uint_eq(c->pc, 0x80004000);
	machine_free(m);
}
END_TEST

/* J takes bits 31..28 from the delay slot's address: a J in the last
 * word of a 256 MB region lands in the next region. */
START_TEST(test_j_region_from_delay_slot)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->tlb[0] = (struct tlb_entry){ 0x0ffff000, 0x3000 | ELO_V | ELO_D | ELO_G };
	c->tlb[1] = (struct tlb_entry){ 0x10000000, 0x4000 | ELO_V | ELO_D | ELO_G };
	um_poke(m, 0x3ffc, a_j(0x00000100));
	um_poke(m, 0x4000, a_nop());
	c->pc = 0x0ffffffc;
	c->npc = 0x10000000;
	um_step(m, 1);
	ck_assert_uint_eq(c->npc, 0x10000100);
	machine_free(m);
}
END_TEST

/* JR to a misaligned address: the fetch faults (AdEL, EPC = BadVAddr
 * = target, BD = 0), not the JR. */
START_TEST(test_misaligned_jump_target)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = CODE_VA + 0x102;
	UM_CODE(m, a_jr(T1), a_addiu(T2, ZERO, 1));
	um_step(m, 2);
	ck_assert_uint_eq(c->r[T2], 1);
	ck_assert_uint_eq(c->pc, CODE_VA + 0x102);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA + 0x102);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_BADVADDR), CODE_VA + 0x102);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & (CAUSE_BD | CAUSE_EXC_MASK),
	                  EXC_ADEL << CAUSE_EXC_SHIFT);
	machine_free(m);
}
END_TEST

Suite *branch_suite(void)
{
	Suite *s = suite_create("branch");

	UM_TEST(s, test_conditional_branches);
	UM_TEST(s, test_backward_branch);
	UM_TEST(s, test_slot_cannot_change_condition);
	UM_TEST(s, test_and_link);
	UM_TEST(s, test_jumps);
	UM_TEST(s, test_j_region_from_delay_slot);
	UM_TEST(s, test_misaligned_jump_target);
	return s;
}
