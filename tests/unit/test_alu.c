/*
 * test_alu.c: every MIPS I ALU, shift and immediate instruction, with
 * corner values (r3000.md 1.3, 1.7): sign extension of immediates,
 * SLTIU's unsigned compare of a sign-extended immediate, shift amounts
 * taken mod 32, and overflow traps that leave the destination alone.
 */
#include "unit.h"

#define OLD 0xdeadbeefu

/* Run one instruction with t1 = a, t2 = b; return t0. */
static uint32_t alu(uint32_t insn, uint32_t a, uint32_t b)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	uint32_t v;

	c->r[T0] = OLD;
	c->r[T1] = a;
	c->r[T2] = b;
	UM_CODE(m, insn);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, CODE_VA + 4);
	ck_assert_uint_eq(c->r[ZERO], 0);
	v = c->r[T0];
	machine_free(m);
	return v;
}

/* The instruction must trap with Ov and leave t0 unchanged. */
static void overflows(uint32_t insn, uint32_t a, uint32_t b)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T0] = OLD;
	c->r[T1] = a;
	c->r[T2] = b;
	UM_CODE(m, insn);
	um_step(m, 1);
	ck_assert_uint_eq(c->r[T0], OLD);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_EXC_MASK,
	                  EXC_OV << CAUSE_EXC_SHIFT);
	ck_assert_uint_eq(machine_stats(m)->exceptions[EXC_OV], 1);
	machine_free(m);
}

START_TEST(test_add_addu)
{
	ck_assert_uint_eq(alu(a_add(T0, T1, T2), 1, 2), 3);
	ck_assert_uint_eq(alu(a_add(T0, T1, T2), 0xffffffff, 0xffffffff), 0xfffffffe);
	ck_assert_uint_eq(alu(a_add(T0, T1, T2), 0x7fffffff, 0x80000000), 0xffffffff);
	ck_assert_uint_eq(alu(a_addu(T0, T1, T2), 0xffffffff, 1), 0);
	ck_assert_uint_eq(alu(a_addu(T0, T1, T2), 0x7fffffff, 1), 0x80000000);
	overflows(a_add(T0, T1, T2), 0x7fffffff, 1);
	overflows(a_add(T0, T1, T2), 0x80000000, 0xffffffff);
	overflows(a_add(T0, T1, T2), 0x80000000, 0x80000000);
	/* A trapping ADD to $zero still traps. */
	overflows(a_add(ZERO, T1, T2), 0x7fffffff, 0x7fffffff);
}
END_TEST

START_TEST(test_sub_subu)
{
	ck_assert_uint_eq(alu(a_sub(T0, T1, T2), 5, 7), 0xfffffffe);
	ck_assert_uint_eq(alu(a_sub(T0, T1, T2), 0x80000000, 0x80000000), 0);
	ck_assert_uint_eq(alu(a_subu(T0, T1, T2), 0x80000000, 1), 0x7fffffff);
	ck_assert_uint_eq(alu(a_subu(T0, T1, T2), 0, 0x80000000), 0x80000000);
	overflows(a_sub(T0, T1, T2), 0x80000000, 1);
	overflows(a_sub(T0, T1, T2), 0, 0x80000000);
	overflows(a_sub(T0, T1, T2), 0x7fffffff, 0xffffffff);
}
END_TEST

START_TEST(test_addi_addiu)
{
	ck_assert_uint_eq(alu(a_addi(T0, T1, 0xffff), 5, 0), 4);
	ck_assert_uint_eq(alu(a_addi(T0, T1, 0x8000), 0, 0), 0xffff8000);
	ck_assert_uint_eq(alu(a_addiu(T0, T1, 0xffff), 0, 0), 0xffffffff);
	ck_assert_uint_eq(alu(a_addiu(T0, T1, 1), 0x7fffffff, 0), 0x80000000);
	ck_assert_uint_eq(alu(a_addiu(T0, T1, 0x7fff), 0xffff8001, 0), 0);
	overflows(a_addi(T0, T1, 1), 0x7fffffff, 0);
	overflows(a_addi(T0, T1, 0xffff), 0x80000000, 0);
}
END_TEST

START_TEST(test_slt_family)
{
	ck_assert_uint_eq(alu(a_slt(T0, T1, T2), 0xffffffff, 1), 1);
	ck_assert_uint_eq(alu(a_slt(T0, T1, T2), 1, 0xffffffff), 0);
	ck_assert_uint_eq(alu(a_slt(T0, T1, T2), 3, 3), 0);
	ck_assert_uint_eq(alu(a_sltu(T0, T1, T2), 0xffffffff, 1), 0);
	ck_assert_uint_eq(alu(a_sltu(T0, T1, T2), 1, 0xffffffff), 1);
	ck_assert_uint_eq(alu(a_slti(T0, T1, 0xffff), 0xfffffffe, 0), 1);  /* -2 < -1 */
	ck_assert_uint_eq(alu(a_slti(T0, T1, 0xffff), 0, 0), 0);
	ck_assert_uint_eq(alu(a_slti(T0, T1, 0x8000), 0x80000000, 0), 1);
	/* SLTIU compares unsigned against the sign-extended immediate. */
	ck_assert_uint_eq(alu(a_sltiu(T0, T1, 0xffff), 0xfffffffe, 0), 1);
	ck_assert_uint_eq(alu(a_sltiu(T0, T1, 0xffff), 0xffffffff, 0), 0);
	ck_assert_uint_eq(alu(a_sltiu(T0, T1, 0x8000), 0x80000000, 0), 1);
	ck_assert_uint_eq(alu(a_sltiu(T0, T1, 0x8000), 0xffff8000, 0), 0);
	ck_assert_uint_eq(alu(a_sltiu(T0, T1, 1), 0, 0), 1);
}
END_TEST

START_TEST(test_logic)
{
	ck_assert_uint_eq(alu(a_and(T0, T1, T2), 0xff00ff00, 0x0ff00ff0), 0x0f000f00);
	ck_assert_uint_eq(alu(a_or(T0, T1, T2), 0xff00ff00, 0x0ff00ff0), 0xfff0fff0);
	ck_assert_uint_eq(alu(a_xor(T0, T1, T2), 0xff00ff00, 0x0ff00ff0), 0xf0f0f0f0);
	ck_assert_uint_eq(alu(a_nor(T0, T1, T2), 0xff00ff00, 0x0ff00ff0), 0x000f000f);
	/* Logical immediates are zero-extended. */
	ck_assert_uint_eq(alu(a_andi(T0, T1, 0x8000), 0xffffffff, 0), 0x8000);
	ck_assert_uint_eq(alu(a_ori(T0, T1, 0xffff), 0, 0), 0xffff);
	ck_assert_uint_eq(alu(a_xori(T0, T1, 0xffff), 0xffffffff, 0), 0xffff0000);
	/* LUI ignores rs. */
	ck_assert_uint_eq(enc_i(0x0f, T1, T0, 0x8001) & 0x03e00000, T1 << 21);
	ck_assert_uint_eq(alu(enc_i(0x0f, T1, T0, 0x8001), 0x1234, 0), 0x80010000);
	ck_assert_uint_eq(alu(a_lui(T0, 0), 0x1234, 0), 0);
}
END_TEST

START_TEST(test_shifts)
{
	ck_assert_uint_eq(alu(a_sll(T0, T2, 31), 0, 0x80000001), 0x80000000);
	ck_assert_uint_eq(alu(a_sll(T0, T2, 0), 0, 0x80000001), 0x80000001);
	ck_assert_uint_eq(alu(a_srl(T0, T2, 31), 0, 0x80000001), 1);
	ck_assert_uint_eq(alu(a_srl(T0, T2, 4), 0, 0x80000000), 0x08000000);
	ck_assert_uint_eq(alu(a_sra(T0, T2, 4), 0, 0x80000000), 0xf8000000);
	ck_assert_uint_eq(alu(a_sra(T0, T2, 31), 0, 0x80000000), 0xffffffff);
	ck_assert_uint_eq(alu(a_sra(T0, T2, 4), 0, 0x70000000), 0x07000000);
	/* Variable shifts use rs[4:0] only. */
	ck_assert_uint_eq(alu(a_sllv(T0, T2, T1), 33, 1), 2);
	ck_assert_uint_eq(alu(a_sllv(T0, T2, T1), 32, 0x1234), 0x1234);
	ck_assert_uint_eq(alu(a_srlv(T0, T2, T1), 0xffffffe4, 0x80000000), 0x08000000);
	ck_assert_uint_eq(alu(a_srav(T0, T2, T1), 0x3f, 0x80000000), 0xffffffff);
	ck_assert_uint_eq(alu(a_srav(T0, T2, T1), 8, 0x80001234), 0xff800012);
}
END_TEST

START_TEST(test_zero_register)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_addiu(ZERO, ZERO, 5), a_lui(ZERO, 0xffff), a_addu(T0, ZERO, ZERO),
	        a_ori(T1, ZERO, 7));
	c->r[T0] = OLD;
	um_step(m, 4);
	ck_assert_uint_eq(c->r[ZERO], 0);
	ck_assert_uint_eq(c->r[T0], 0);
	ck_assert_uint_eq(c->r[T1], 7);
	ck_assert_uint_eq(c->insns, 4);
	machine_free(m);
}
END_TEST

Suite *alu_suite(void)
{
	Suite *s = suite_create("alu");

	UM_TEST(s, test_add_addu);
	UM_TEST(s, test_sub_subu);
	UM_TEST(s, test_addi_addiu);
	UM_TEST(s, test_slt_family);
	UM_TEST(s, test_logic);
	UM_TEST(s, test_shifts);
	UM_TEST(s, test_zero_register);
	return s;
}
