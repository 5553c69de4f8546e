/*
 * muldiv.S: MULT/MULTU/DIV/DIVU results, signed and unsigned corners,
 * and the R3000A's division by zero and overflow results (r3000.md
 * 1.8): no exception; DIVU x/0 gives HI = x, LO = -1; DIV x/0 gives
 * HI = x, LO = -1 for x >= 0 and +1 for x < 0; 0x80000000 / -1 gives
 * LO = 0x80000000, HI = 0.  MTHI/MTLO write HI/LO.
 */
#include "test.h"

	/* HI:LO of `op a, b` must equal hi:lo, else fail code. */
	.macro MD op, a, b, hi, lo, code
	li	$t0, \a
	li	$t1, \b
	.ifc	\op, mult
	mult	$t0, $t1
	.endif
	.ifc	\op, multu
	multu	$t0, $t1
	.endif
	.ifc	\op, div
	div	$zero, $t0, $t1		# the raw instruction, no zero check
	.endif
	.ifc	\op, divu
	divu	$zero, $t0, $t1
	.endif
	mfhi	$t2
	mflo	$t3
	CHECK_EQ $t2, \hi, \code
	CHECK_EQ $t3, \lo, \code + 100
	.endm

	TEST_BEGIN
	MD mult, 6, 7, 0, 42, 1
	MD mult, -6, 7, 0xffffffff, 0xffffffd6, 2
	MD mult, 0x80000000, 0x80000000, 0x40000000, 0, 3
	MD mult, 0x7fffffff, 0x7fffffff, 0x3fffffff, 1, 4
	MD mult, 0x80000000, 0x7fffffff, 0xc0000000, 0x80000000, 5
	MD mult, -1, -1, 0, 1, 6
	MD multu, -1, -1, 0xfffffffe, 1, 7
	MD multu, 0x80000000, 2, 1, 0, 8
	MD multu, 0x12345678, 0x9abcdef0, 0x0b00ea4e, 0x242d2080, 9
	MD div, 7, 2, 1, 3, 10
	MD div, -7, 2, 0xffffffff, 0xfffffffd, 11
	MD div, 7, -2, 1, 0xfffffffd, 12
	MD div, -7, -2, 0xffffffff, 3, 13
	MD divu, 0xffffffff, 2, 1, 0x7fffffff, 14
	MD divu, 7, 0x80000000, 7, 0, 15
	/* Division by zero and overflow. */
	MD divu, 0x12345678, 0, 0x12345678, 0xffffffff, 16
	MD divu, 0, 0, 0, 0xffffffff, 17
	MD div, 5, 0, 5, 0xffffffff, 18
	MD div, 0, 0, 0, 0xffffffff, 19
	MD div, -5, 0, 0xfffffffb, 1, 20
	MD div, 0x80000000, 0, 0x80000000, 1, 21
	MD div, 0x80000000, -1, 0, 0x80000000, 22
	MD div, 0x80000000, 1, 0, 0x80000000, 23
	/* MTHI/MTLO. */
	li	$t0, 0x13579bdf
	li	$t1, 0x2468ace0
	mthi	$t0
	mtlo	$t1
	mfhi	$t2
	mflo	$t3
	CHECK_EQ $t2, 0x13579bdf, 24
	CHECK_EQ $t3, 0x2468ace0, 25
	PASS
