/*
 * alu.S: shifts and comparisons that simulators get wrong
 * (sim-anchors.md 16.5): shifts by 0 and 31, variable shifts use only
 * the low 5 bits of rs (32 shifts by 0); SLTIU compares with the
 * sign-extended immediate as unsigned; SLTI/SLT are signed; the logical
 * immediates zero-extend; LUI.
 */
#include "test.h"

	TEST_BEGIN
	li	$t0, 0x80000001
	sll	$t1, $t0, 0
	CHECK_EQ $t1, 0x80000001, 1
	sll	$t1, $t0, 31
	CHECK_EQ $t1, 0x80000000, 2
	srl	$t1, $t0, 31
	CHECK_EQ $t1, 1, 3
	sra	$t1, $t0, 31
	CHECK_EQ $t1, 0xffffffff, 4
	sra	$t1, $t0, 0
	CHECK_EQ $t1, 0x80000001, 5
	srl	$t1, $t0, 0
	CHECK_EQ $t1, 0x80000001, 6
	/* Variable shifts: only rs[4:0] counts. */
	li	$t2, 32
	sllv	$t1, $t0, $t2
	CHECK_EQ $t1, 0x80000001, 7
	srlv	$t1, $t0, $t2
	CHECK_EQ $t1, 0x80000001, 8
	srav	$t1, $t0, $t2
	CHECK_EQ $t1, 0x80000001, 9
	li	$t2, 33
	sllv	$t1, $t0, $t2
	CHECK_EQ $t1, 2, 10
	li	$t2, 0xffffffff		# shift by 31
	srlv	$t1, $t0, $t2
	CHECK_EQ $t1, 1, 11
	srav	$t1, $t0, $t2
	CHECK_EQ $t1, 0xffffffff, 12
	li	$t2, 0x24		# 36 -> 4
	srav	$t1, $t0, $t2
	CHECK_EQ $t1, 0xf8000000, 13
	srlv	$t1, $t0, $t2
	CHECK_EQ $t1, 0x08000000, 14

	/* SLTIU: the immediate is sign-extended, then compared unsigned. */
	li	$t0, 5
	sltiu	$t1, $t0, -1		# 5 < 0xffffffff
	CHECK_EQ $t1, 1, 15
	li	$t0, 0xfffffffe
	sltiu	$t1, $t0, -1		# 0xfffffffe < 0xffffffff
	CHECK_EQ $t1, 1, 16
	li	$t0, 0xffffffff
	sltiu	$t1, $t0, -1
	CHECK_EQ $t1, 0, 17
	li	$t0, 0xffff8000
	sltiu	$t1, $t0, 0x8000	# imm = 0xffff8000: not less
	CHECK_EQ $t1, 0, 18
	li	$t0, 0x00008000
	sltiu	$t1, $t0, 0x7fff
	CHECK_EQ $t1, 0, 19
	sltiu	$t1, $zero, 1
	CHECK_EQ $t1, 1, 20
	/* SLTI and SLT are signed, SLTU unsigned. */
	li	$t0, -2
	slti	$t1, $t0, -1
	CHECK_EQ $t1, 1, 21
	slti	$t1, $t0, 0x7fff
	CHECK_EQ $t1, 1, 22
	li	$t3, 1
	slt	$t1, $t0, $t3
	CHECK_EQ $t1, 1, 23
	sltu	$t1, $t0, $t3
	CHECK_EQ $t1, 0, 24
	/* ANDI/ORI/XORI zero-extend; LUI fills the low half with 0. */
	li	$t0, 0xffffffff
	andi	$t1, $t0, 0x8000
	CHECK_EQ $t1, 0x8000, 25
	ori	$t1, $zero, 0x8000
	CHECK_EQ $t1, 0x8000, 26
	xori	$t1, $t0, 0xffff
	CHECK_EQ $t1, 0xffff0000, 27
	lui	$t1, 0x8765
	CHECK_EQ $t1, 0x87650000, 28
	nor	$t1, $t0, $zero
	CHECK_EQ $t1, 0, 29
	/* $zero stays 0. */
	addiu	$zero, $zero, 5
	lui	$zero, 1
	CHECK_EQ $zero, 0, 30
	PASS
