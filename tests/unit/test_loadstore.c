/*
 * test_loadstore.c: loads, stores and the load delay (r3000.md 1.3,
 * 1.4, 1.6, 1.9).  Memory at DATA_PA holds the words 0x11223344 and
 * 0x8899aabb, i.e. the bytes 44 33 22 11 bb aa 99 88 (little-endian).
 */
#include "unit.h"

#define OLD 0xa1b2c3d4u

static struct machine *with_data(void)
{
	struct machine *m = um_new();

	um_poke(m, DATA_PA, 0x11223344);
	um_poke(m, DATA_PA + 4, 0x8899aabb);
	machine_cpu(m)->r[T1] = DATA_VA;
	machine_cpu(m)->r[T0] = OLD;
	return m;
}

/* One load into t0, a NOP for its delay slot; returns t0. */
static uint32_t load1(uint32_t insn)
{
	struct machine *m = with_data();
	uint32_t v;

	UM_CODE(m, insn, a_nop());
	um_step(m, 2);
	v = machine_cpu(m)->r[T0];
	machine_free(m);
	return v;
}

START_TEST(test_loads)
{
	ck_assert_uint_eq(load1(a_lw(T0, 0, T1)), 0x11223344);
	ck_assert_uint_eq(load1(a_lw(T0, 4, T1)), 0x8899aabb);
	ck_assert_uint_eq(load1(a_lb(T0, 4, T1)), 0xffffffbb);
	ck_assert_uint_eq(load1(a_lb(T0, 3, T1)), 0x11);
	ck_assert_uint_eq(load1(a_lbu(T0, 4, T1)), 0xbb);
	ck_assert_uint_eq(load1(a_lh(T0, 6, T1)), 0xffff8899);
	ck_assert_uint_eq(load1(a_lh(T0, 0, T1)), 0x3344);
	ck_assert_uint_eq(load1(a_lhu(T0, 6, T1)), 0x8899);
	ck_assert_uint_eq(load1(a_lw(T0, -4, T1) ), 0);           /* negative offset */
}
END_TEST

/* The instruction after a load sees the old value, the next one the new. */
START_TEST(test_load_delay)
{
	struct machine *m = with_data();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_lw(T0, 0, T1), a_addu(T2, T0, ZERO), a_addu(T3, T0, ZERO));
	um_step(m, 3);
	ck_assert_uint_eq(c->r[T2], OLD);
	ck_assert_uint_eq(c->r[T3], 0x11223344);
	machine_free(m);

	/* MFC0 has the same delay. */
	m = with_data();
	c = machine_cpu(m);
	UM_CODE(m, a_mfc0(T0, CP0_PRID), a_addu(T2, T0, ZERO), a_addu(T3, T0, ZERO));
	um_step(m, 3);
	ck_assert_uint_eq(c->r[T2], OLD);
	ck_assert_uint_eq(c->r[T3], R3000A_PRID);
	machine_free(m);
}
END_TEST

/* A write in the delay slot to the loaded register wins. */
START_TEST(test_later_write_wins)
{
	struct machine *m = with_data();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_lw(T0, 0, T1), a_addiu(T0, ZERO, 5), a_addu(T2, T0, ZERO));
	um_step(m, 3);
	ck_assert_uint_eq(c->r[T0], 5);
	ck_assert_uint_eq(c->r[T2], 5);
	machine_free(m);
}
END_TEST

START_TEST(test_back_to_back_loads)
{
	struct machine *m = with_data();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_lw(T0, 0, T1), a_lw(T0, 4, T1), a_addu(T2, T0, ZERO),
	        a_addu(T3, T0, ZERO));
	um_step(m, 4);
	ck_assert_uint_eq(c->r[T2], 0x11223344);
	ck_assert_uint_eq(c->r[T3], 0x8899aabb);
	machine_free(m);
}
END_TEST

/* LWL/LWR at each byte offset of the word 0x11223344, into 0xa1b2c3d4
 * (the table of r3000.md 1.6). */
START_TEST(test_lwl_lwr_offsets)
{
	static const uint32_t lwl[4] = { 0x44b2c3d4, 0x3344c3d4, 0x223344d4, 0x11223344 };
	static const uint32_t lwr[4] = { 0x11223344, 0xa1112233, 0xa1b21122, 0xa1b2c311 };

	for (int k = 0; k < 4; k++) {
		ck_assert_uint_eq(load1(a_lwl(T0, k, T1)), lwl[k]);
		ck_assert_uint_eq(load1(a_lwr(T0, k, T1)), lwr[k]);
	}
}
END_TEST

/* An unaligned word: LWR/LWL back to back, no NOP between, in either
 * order; the second merges with the first's pending value. */
START_TEST(test_lwl_lwr_merge)
{
	struct machine *m = with_data();
	struct cpu_state *c = machine_cpu(m);

	/* Bytes 1..4: 33 22 11 bb. */
	UM_CODE(m, a_lwr(T0, 1, T1), a_lwl(T0, 4, T1), a_addu(T2, T0, ZERO),
	        a_addu(T3, T0, ZERO));
	um_step(m, 4);
	ck_assert_uint_eq(c->r[T2], 0xa1112233);   /* LWL's slot: LWR's result */
	ck_assert_uint_eq(c->r[T3], 0xbb112233);
	machine_free(m);

	m = with_data();
	c = machine_cpu(m);
	UM_CODE(m, a_lwl(T0, 4, T1), a_lwr(T0, 1, T1), a_nop());
	um_step(m, 3);
	ck_assert_uint_eq(c->r[T0], 0xbb112233);
	machine_free(m);

	/* Merging also works with a plain load just before. */
	m = with_data();
	c = machine_cpu(m);
	UM_CODE(m, a_lw(T0, 4, T1), a_lwl(T0, 1, T1), a_nop());
	um_step(m, 3);
	ck_assert_uint_eq(c->r[T0], 0x3344aabb);
	machine_free(m);
}
END_TEST

static uint32_t store1(uint32_t insn)
{
	struct machine *m = with_data();
	uint32_t v;

	machine_cpu(m)->r[T2] = OLD;
	UM_CODE(m, insn);
	um_step(m, 1);
	v = um_word(m, DATA_PA);
	ck_assert_uint_eq(um_word(m, DATA_PA + 4), 0x8899aabb);
	machine_free(m);
	return v;
}

START_TEST(test_stores)
{
	static const uint32_t swl[4] = { 0x112233a1, 0x1122a1b2, 0x11a1b2c3, 0xa1b2c3d4 };
	static const uint32_t swr[4] = { 0xa1b2c3d4, 0xb2c3d444, 0xc3d43344, 0xd4223344 };

	ck_assert_uint_eq(store1(a_sw(T2, 0, T1)), OLD);
	ck_assert_uint_eq(store1(a_sb(T2, 1, T1)), 0x1122d444);
	ck_assert_uint_eq(store1(a_sh(T2, 2, T1)), 0xc3d43344);
	for (int k = 0; k < 4; k++) {
		ck_assert_uint_eq(store1(a_swl(T2, k, T1)), swl[k]);
		ck_assert_uint_eq(store1(a_swr(T2, k, T1)), swr[k]);
	}
}
END_TEST

/* Misaligned accesses: AdEL/AdES with BadVAddr, rt and memory unchanged. */
static void misaligned(uint32_t insn, int code, uint32_t badva)
{
	struct machine *m = with_data();
	struct cpu_state *c = machine_cpu(m);

	c->r[T2] = 0x55555555;
	UM_CODE(m, insn, a_nop());
	um_step(m, 2);
	ck_assert_uint_eq(c->pc, VEC_GENERAL + 4);
	ck_assert_uint_eq(c->r[T0], OLD);
	ck_assert_uint_eq(um_word(m, DATA_PA), 0x11223344);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_EXC_MASK,
	                  (uint32_t)code << CAUSE_EXC_SHIFT);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_BADVADDR), badva);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA);
	machine_free(m);
}

START_TEST(test_alignment_errors)
{
	misaligned(a_lw(T0, 2, T1), EXC_ADEL, DATA_VA + 2);
	misaligned(a_lw(T0, 1, T1), EXC_ADEL, DATA_VA + 1);
	misaligned(a_lh(T0, 1, T1), EXC_ADEL, DATA_VA + 1);
	misaligned(a_lhu(T0, 3, T1), EXC_ADEL, DATA_VA + 3);
	misaligned(a_sw(T2, 2, T1), EXC_ADES, DATA_VA + 2);
	misaligned(a_sh(T2, 1, T1), EXC_ADES, DATA_VA + 1);
}
END_TEST

/* A faulting load leaves rt alone; a pending load completes before
 * the handler runs. */
START_TEST(test_faulting_load)
{
	struct machine *m = with_data();
	struct cpu_state *c = machine_cpu(m);

	c->r[T3] = 0x00400000;                     /* kuseg, not mapped */
	UM_CODE(m, a_lw(T0, 0, T3));
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_UTLB);
	ck_assert_uint_eq(c->r[T0], OLD);
	machine_free(m);

	m = with_data();
	c = machine_cpu(m);
	UM_CODE(m, a_lw(T0, 0, T1), a_syscall());
	um_step(m, 2);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(c->r[T0], 0x11223344);
	machine_free(m);
}
END_TEST

/* A store into code that has already been decoded takes effect. */
START_TEST(test_store_to_code)
{
	struct machine *m = with_data();
	struct cpu_state *c = machine_cpu(m);

	c->r[T2] = a_addiu(T4, ZERO, 77);
	c->r[T3] = CODE_VA;
	UM_CODE(m, a_sw(T2, 8, T3), a_nop(), a_addiu(T4, ZERO, 1));
	um_step(m, 3);
	ck_assert_uint_eq(c->r[T4], 77);
	machine_free(m);
}
END_TEST

Suite *loadstore_suite(void)
{
	Suite *s = suite_create("loadstore");

	UM_TEST(s, test_loads);
	UM_TEST(s, test_load_delay);
	UM_TEST(s, test_later_write_wins);
	UM_TEST(s, test_back_to_back_loads);
	UM_TEST(s, test_lwl_lwr_offsets);
	UM_TEST(s, test_lwl_lwr_merge);
	UM_TEST(s, test_stores);
	UM_TEST(s, test_alignment_errors);
	UM_TEST(s, test_faulting_load);
	UM_TEST(s, test_store_to_code);
	return s;
}
