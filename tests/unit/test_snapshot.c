/*
 * test_snapshot.c: snapshots and determinism.  A busy guest (multiply
 * and divide, loads and stores, the mp device's pseudo-random words,
 * RTC interrupts with a handler) runs N cycles; a snapshot is taken;
 * M more cycles give a state; restoring and running M again (in the
 * same machine, or in a fresh one) must give exactly that state.
 */
#include <stdlib.h>

#include "unit.h"

#define HZ 25000                 /* one RTC tick every 1000 cycles at 25 MHz */

/* The RTC interrupt handler at the general vector: acknowledge,
 * count in s4, return. */
static const uint32_t *handler(size_t *n)
{
	static uint32_t h[8];

	h[0] = a_lui(K0, 0xb500);                 /* RTC through kseg1 */
	h[1] = a_sw(ZERO, RTC_ACK, K0);
	h[2] = a_addiu(S4, S4, 1);
	h[3] = a_mfc0(K0, CP0_EPC);
	h[4] = a_nop();
	h[5] = a_jr(K0);
	h[6] = a_rfe();
	*n = 7;
	return h;
}

static struct machine *busy_machine(void)
{
	struct machine *m = um_new();
	const uint32_t *h;
	size_t n;

	h = handler(&n);
	um_put(m, VEC_GENERAL & KSEG_PHYS_MASK, h, n);
	UM_CODE(m,
		/* 0 */ a_lui(S0, 0xb100),                  /* mp */
		/* 1 */ a_lui(S1, 0x8000),
		/* 2 */ a_ori(S1, S1, DATA_PA),
		/* 3 */ a_lui(S5, 0xb500),
		/* 4 */ a_ori(T0, ZERO, HZ),
		/* 5 */ a_sw(T0, RTC_HZ, S5),
		/* 6 */ a_ori(T0, ZERO, ST_IM(RTC_IRQ) | ST_IEC),
		/* 7 */ a_mtc0(T0, CP0_STATUS),
		/* loop: */
		/* 8 */ a_lw(T0, MP_RANDOM, S0),
		/* 9 */ a_addiu(S2, S2, 1),
		/* 10 */ a_multu(T0, S2),
		/* 11 */ a_mflo(T1),
		/* 12 */ a_andi(T2, T1, 0xffc),
		/* 13 */ a_addu(T3, S1, T2),
		/* 14 */ a_lw(T4, 0, T3),
		/* 15 */ a_nop(),
		/* 16 */ a_addu(T4, T4, T1),
		/* 17 */ a_sw(T4, 0, T3),
		/* 18 */ a_divu(T4, S2),
		/* 19 */ a_mfhi(T5),
		/* 20 */ a_addu(S3, S3, T5),
		/* 21 */ a_j(CODE_VA + 8 * 4),
		/* 22 */ a_nop());
	return m;
}

struct state {
	struct cpu_state cpu;
	uint8_t *ram;
	uint32_t ram_size;
};

static void record(struct machine *m, struct state *s)
{
	uint8_t *ram = machine_ram(m, &s->ram_size);

	s->cpu = *machine_cpu(m);
	s->ram = malloc(s->ram_size);
	ck_assert_ptr_nonnull(s->ram);
	memcpy(s->ram, ram, s->ram_size);
}

static void same_state(const struct state *a, const struct state *b)
{
	ck_assert_uint_eq(a->cpu.cycle, b->cpu.cycle);
	ck_assert_uint_eq(a->cpu.insns, b->cpu.insns);
	ck_assert_uint_eq(a->cpu.pc, b->cpu.pc);
	ck_assert_uint_eq(a->cpu.npc, b->cpu.npc);
	ck_assert_uint_eq(a->cpu.delay_slot, b->cpu.delay_slot);
	ck_assert_uint_eq(a->cpu.ld_reg, b->cpu.ld_reg);
	ck_assert_uint_eq(a->cpu.ld_val, b->cpu.ld_val);
	ck_assert_uint_eq(a->cpu.hi, b->cpu.hi);
	ck_assert_uint_eq(a->cpu.lo, b->cpu.lo);
	ck_assert_uint_eq(a->cpu.muldiv_ready, b->cpu.muldiv_ready);
	ck_assert_int_eq(memcmp(a->cpu.r, b->cpu.r, sizeof a->cpu.r), 0);
	for (int i = 0; i < 16; i++)
		ck_assert_msg(a->cpu.cp0[i] == b->cpu.cp0[i], "CP0 %d: 0x%08x != 0x%08x",
		              i, a->cpu.cp0[i], b->cpu.cp0[i]);
	ck_assert_int_eq(memcmp(a->cpu.tlb, b->cpu.tlb, sizeof a->cpu.tlb), 0);
	ck_assert_uint_eq(a->ram_size, b->ram_size);
	ck_assert_int_eq(memcmp(a->ram, b->ram, a->ram_size), 0);
}

#define N 5003
#define M 20011

START_TEST(test_restore_same_machine)
{
	struct machine *m = busy_machine();
	struct snapshot *snap;
	struct state first, second;
	struct sim_stats stats;

	ck_assert_int_eq(machine_run(m, N), STOP_CYCLE_LIMIT);
	snap = machine_save(m);
	ck_assert_ptr_nonnull(snap);
	ck_assert_int_eq(machine_run(m, N + M), STOP_CYCLE_LIMIT);
	record(m, &first);
	stats = *machine_stats(m);
	/* The run must have done what the test is about. */
	ck_assert_uint_ge(first.cpu.r[S4], 15);          /* RTC interrupts */
	ck_assert_uint_ge(first.cpu.r[S2], 100);         /* loop iterations */

	machine_restore(m, snap);
	ck_assert_uint_lt(machine_cpu(m)->cycle, N + 100);
	ck_assert_int_eq(machine_run(m, N + M), STOP_CYCLE_LIMIT);
	record(m, &second);
	same_state(&first, &second);
	ck_assert_int_eq(memcmp(&stats, machine_stats(m), sizeof stats), 0);
	snapshot_free(snap);
	free(first.ram);
	free(second.ram);
	machine_free(m);
}
END_TEST

/* Restoring into another machine continues the same way. */
START_TEST(test_restore_other_machine)
{
	struct machine *a = busy_machine(), *b = um_new();
	struct snapshot *snap;
	struct state first, second;

	ck_assert_int_eq(machine_run(a, N), STOP_CYCLE_LIMIT);
	snap = machine_save(a);
	ck_assert_int_eq(machine_run(a, N + M), STOP_CYCLE_LIMIT);
	record(a, &first);
	machine_free(a);

	machine_restore(b, snap);
	ck_assert_int_eq(machine_run(b, N + M), STOP_CYCLE_LIMIT);
	record(b, &second);
	same_state(&first, &second);
	snapshot_free(snap);
	free(first.ram);
	free(second.ram);
	machine_free(b);
}
END_TEST

/* Two machines, the same program: the same cycles, state and RAM,
 * whether run in one go or in slices. */
START_TEST(test_determinism)
{
	struct machine *a = busy_machine(), *b = busy_machine();
	struct state sa, sb;

	ck_assert_int_eq(machine_run(a, 50000), STOP_CYCLE_LIMIT);
	for (uint64_t t = 777; t < 50000; t += 777)
		ck_assert_int_eq(machine_run(b, t), STOP_CYCLE_LIMIT);
	ck_assert_int_eq(machine_run(b, 50000), STOP_CYCLE_LIMIT);
	record(a, &sa);
	record(b, &sb);
	same_state(&sa, &sb);
	free(sa.ram);
	free(sb.ram);
	machine_free(a);
	machine_free(b);
}
END_TEST

/* Single-stepping and running give the same machine. */
START_TEST(test_step_equals_run)
{
	struct machine *a = busy_machine(), *b = busy_machine();
	struct state sa, sb;

	ck_assert_int_eq(machine_run(a, 3000), STOP_CYCLE_LIMIT);
	while (machine_cpu(b)->cycle < machine_cpu(a)->cycle)
		ck_assert_int_eq(machine_step(b), STOP_STEP);
	/* A run stops after servicing the timers due at its limit; one
	 * more step on each brings both past that point. */
	ck_assert_int_eq(machine_step(a), STOP_STEP);
	ck_assert_int_eq(machine_step(b), STOP_STEP);
	record(a, &sa);
	record(b, &sb);
	same_state(&sa, &sb);
	free(sa.ram);
	free(sb.ram);
	machine_free(a);
	machine_free(b);
}
END_TEST

/*
 * Snapshots share the pages not written since the one before
 * (machine.c): a store through the fast path's host TLB after a
 * snapshot must still mark its page.  Guest code stores 1, 2, 3 to one
 * word, a snapshot after each; every snapshot restores its own value,
 * in any order, and a word of another page keeps its one value.
 */
START_TEST(test_snapshot_pages_shared)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	struct snapshot *snap[3];

	c->r[S0] = DATA_VA;
	um_poke(m, DATA_PA + 0x2000, 0x5a5a5a5au);
	UM_CODE(m, a_addiu(T0, ZERO, 1), a_sw(T0, 0, S0), a_nop(),
	        a_addiu(T0, ZERO, 2), a_sw(T0, 0, S0), a_nop(),
	        a_addiu(T0, ZERO, 3), a_sw(T0, 0, S0), a_nop());
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(machine_run(m, c->cycle + 3), STOP_CYCLE_LIMIT);
		ck_assert_uint_eq(um_word(m, DATA_PA), (uint32_t)i + 1);
		snap[i] = machine_save(m);
		ck_assert_ptr_nonnull(snap[i]);
	}
	for (int k = 0; k < 6; k++) {
		int i = (int)((k * 2) % 3);             /* 0, 2, 1, 0, 2, 1 */
		machine_restore(m, snap[i]);
		ck_assert_uint_eq(um_word(m, DATA_PA), (uint32_t)i + 1);
		ck_assert_uint_eq(um_word(m, DATA_PA + 0x2000), 0x5a5a5a5au);
	}
	/* A store after a restore marks the page again. */
	machine_restore(m, snap[0]);
	ck_assert_int_eq(machine_run(m, c->cycle + 3), STOP_CYCLE_LIMIT);
	ck_assert_uint_eq(um_word(m, DATA_PA), 2);
	snapshot_free(snap[1]);
	snap[1] = machine_save(m);
	machine_restore(m, snap[0]);
	ck_assert_uint_eq(um_word(m, DATA_PA), 1);
	machine_restore(m, snap[1]);
	ck_assert_uint_eq(um_word(m, DATA_PA), 2);
	for (int i = 0; i < 3; i++)
		snapshot_free(snap[i]);
	machine_free(m);
}
END_TEST

Suite *snapshot_suite(void)
{
	Suite *s = suite_create("snapshot");

	UM_TEST(s, test_restore_same_machine);
	UM_TEST(s, test_restore_other_machine);
	UM_TEST(s, test_determinism);
	UM_TEST(s, test_step_equals_run);
	UM_TEST(s, test_snapshot_pages_shared);
	return s;
}
