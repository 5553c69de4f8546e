/*
 * MFLO waits for the multiplier: MULT's result is ready 12 cycles
 * after it issues, DIV's 35 (r3000.md 3.2), on every profile.  With k
 * independent instructions in between, MULT + k + MFLO take
 * max(k + 1, 12) + 1 cycles.
 */
#include "timing.h"

	.macro MULK k
	MEASURE_START
	mult	$t0, $t1
	.rept \k
	nop
	.endr
	mflo	$t2
	MEASURE_END $s0
	.endm

	.macro DIVK k
	MEASURE_START
	div	$zero, $t0, $t1
	.rept \k
	nop
	.endr
	mflo	$t2
	MEASURE_END $s0
	.endm

	.macro CASE op, k, expect, code
	LOOP2
	\op	\k
	END_LOOP2
	CHECK_EQ $s0, \expect, \code
	.endm

	TEST_BEGIN
	li	$t0, 1000
	li	$t1, 7
	CASE MULK, 0, 13, 0x01
	CASE MULK, 1, 13, 0x02
	CASE MULK, 5, 13, 0x03
	CASE MULK, 10, 13, 0x04
	CASE MULK, 11, 13, 0x05
	CASE MULK, 12, 14, 0x06
	CASE MULK, 20, 22, 0x07
	CASE DIVK, 0, 36, 0x11
	CASE DIVK, 10, 36, 0x12
	CASE DIVK, 34, 36, 0x13
	CASE DIVK, 35, 37, 0x14
	CHECK_EQ $t2, 142, 0x15
	PASS
