/*
 * test_muldiv.c: MULT/MULTU/DIV/DIVU results, division by zero and
 * overflow (r3000.md 1.8), MTHI/MTLO, and the multiplier's timing:
 * MULT 12 and DIV 35 cycles from issue, MFHI/MFLO interlocked.
 *
 * Cycle counts are measured on a second pass over the same code so
 * that a cold start (e.g. cache misses in a timing model) is not part
 * of the figure: only the multiplier's latency is.
 */
#include "unit.h"

/* Run `op` with t1 = a, t2 = b, then MFHI/MFLO; *hi, *lo. */
static void muldiv(uint32_t op, uint32_t a, uint32_t b, uint32_t *hi, uint32_t *lo)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = a;
	c->r[T2] = b;
	UM_CODE(m, op, a_mfhi(T3), a_mflo(T4));
	um_step(m, 3);
	*hi = c->r[T3];
	*lo = c->r[T4];
	ck_assert_uint_eq(c->hi, *hi);
	ck_assert_uint_eq(c->lo, *lo);
	machine_free(m);
}

#define CHECK(op, a, b, ehi, elo) do { \
	uint32_t hi_, lo_; \
	muldiv(op, a, b, &hi_, &lo_); \
	ck_assert_uint_eq(hi_, ehi); \
	ck_assert_uint_eq(lo_, elo); \
} while (0)

START_TEST(test_mult)
{
	CHECK(a_mult(T1, T2), 0x7fffffff, 0x7fffffff, 0x3fffffff, 0x00000001);
	CHECK(a_mult(T1, T2), 0xffffffff, 1, 0xffffffff, 0xffffffff);
	CHECK(a_mult(T1, T2), 0x80000000, 0x80000000, 0x40000000, 0);
	CHECK(a_mult(T1, T2), 0x80000000, 2, 0xffffffff, 0);
	CHECK(a_mult(T1, T2), 0xfffffffd, 0xfffffffb, 0, 15);         /* -3 * -5 */
	CHECK(a_multu(T1, T2), 0xffffffff, 0xffffffff, 0xfffffffe, 0x00000001);
	CHECK(a_multu(T1, T2), 0x80000000, 2, 1, 0);
	CHECK(a_multu(T1, T2), 0x12345678, 0x10, 0x1, 0x23456780);
}
END_TEST

START_TEST(test_div)
{
	CHECK(a_div(T1, T2), 7, 0xfffffffe, 1, 0xfffffffd);              /* 7 / -2 */
	CHECK(a_div(T1, T2), 0xfffffff9, 2, 0xffffffff, 0xfffffffd);     /* -7 / 2 */
	CHECK(a_div(T1, T2), 0xfffffff9, 0xfffffffe, 0xffffffff, 3);     /* -7 / -2 */
	CHECK(a_divu(T1, T2), 0xffffffff, 2, 1, 0x7fffffff);
	CHECK(a_divu(T1, T2), 100, 7, 2, 14);
	/* Overflow: no exception, the table's result. */
	CHECK(a_div(T1, T2), 0x80000000, 0xffffffff, 0, 0x80000000);
}
END_TEST

/* Division by zero (r3000.md 1.8 table). */
START_TEST(test_div_by_zero)
{
	CHECK(a_divu(T1, T2), 5, 0, 5, 0xffffffff);
	CHECK(a_divu(T1, T2), 0x80000000, 0, 0x80000000, 0xffffffff);
	CHECK(a_div(T1, T2), 5, 0, 5, 0xffffffff);
	CHECK(a_div(T1, T2), 0, 0, 0, 0xffffffff);
	CHECK(a_div(T1, T2), 0x7fffffff, 0, 0x7fffffff, 0xffffffff);
	CHECK(a_div(T1, T2), 0xfffffffb, 0, 0xfffffffb, 1);
	CHECK(a_div(T1, T2), 0x80000000, 0, 0x80000000, 1);
}
END_TEST

START_TEST(test_mthi_mtlo)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = 0x1234;
	c->r[T2] = 0x5678;
	UM_CODE(m, a_mthi(T1), a_mtlo(T2), a_mfhi(T3), a_mflo(T4));
	um_step(m, 4);
	ck_assert_uint_eq(c->r[T3], 0x1234);
	ck_assert_uint_eq(c->r[T4], 0x5678);
	machine_free(m);
}
END_TEST

/* Cycles taken by `n` instructions at CODE_VA, on the second pass. */
static uint64_t cycles_of(struct machine *m, int n)
{
	struct cpu_state *c = machine_cpu(m);
	uint64_t t0;

	um_step(m, n);
	c->pc = CODE_VA;
	c->npc = CODE_VA + 4;
	t0 = c->cycle;
	um_step(m, n);
	return c->cycle - t0;
}

START_TEST(test_muldiv_timing)
{
	struct machine *m = um_new();
	uint64_t stall0;

	/* MULT then MFLO: 12 cycles of latency + the MFLO = 13. */
	UM_CODE(m, a_mult(T1, T2), a_mflo(T0));
	stall0 = machine_stats(m)->muldiv_stall_cycles;
	ck_assert_uint_eq(cycles_of(m, 2), 13);
	ck_assert_uint_eq(machine_stats(m)->muldiv_stall_cycles - stall0, 2 * 11);
	machine_free(m);

	m = um_new();
	UM_CODE(m, a_multu(T1, T2), a_mfhi(T0));
	ck_assert_uint_eq(cycles_of(m, 2), 13);
	machine_free(m);

	/* DIV then MFLO: 35 + 1. */
	m = um_new();
	UM_CODE(m, a_div(T1, T2), a_mflo(T0));
	ck_assert_uint_eq(cycles_of(m, 2), 36);
	machine_free(m);

	m = um_new();
	UM_CODE(m, a_divu(T1, T2), a_mfhi(T0));
	ck_assert_uint_eq(cycles_of(m, 2), 36);
	machine_free(m);

	/* Eleven independent instructions hide the multiply entirely. */
	m = um_new();
	UM_CODE(m, a_mult(T1, T2), a_nop(), a_nop(), a_nop(), a_nop(), a_nop(),
	        a_nop(), a_nop(), a_nop(), a_nop(), a_nop(), a_nop(), a_mflo(T0));
	ck_assert_uint_eq(cycles_of(m, 13), 13);
	ck_assert_uint_eq(machine_stats(m)->muldiv_stall_cycles, 0);
	machine_free(m);

	/* Five of them hide five cycles of it. */
	m = um_new();
	UM_CODE(m, a_mult(T1, T2), a_nop(), a_nop(), a_nop(), a_nop(), a_nop(), a_mflo(T0));
	ck_assert_uint_eq(cycles_of(m, 7), 13);
	machine_free(m);
}
END_TEST

Suite *muldiv_suite(void)
{
	Suite *s = suite_create("muldiv");

	UM_TEST(s, test_mult);
	UM_TEST(s, test_div);
	UM_TEST(s, test_div_by_zero);
	UM_TEST(s, test_mthi_mtlo);
	UM_TEST(s, test_muldiv_timing);
	return s;
}
