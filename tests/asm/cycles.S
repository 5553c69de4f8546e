/*
 * cycles.S: timing through the simctl cycle counter (r3000.md 3.1,
 * 3.2).  ALU instructions take one cycle each; a taken branch adds no
 * penalty; MULT followed at once by MFLO costs 13 cycles for the pair
 * (issue, then wait for the result 12 cycles after issue); MFLO 12
 * instructions after MULT does not stall; DIV + MFLO costs 36.
 *
 * Each sequence runs twice between two counter readings (CYCLES); the
 * second, warm run counts.  The cost of the readings themselves (an
 * uncached load, whatever the machine profile charges for it) is
 * measured with nothing between them and subtracted.
 */
#include "test.h"

	/* Run the code up to MEASURE_END twice; s3 = cycles of the last
	 * run, readings included. */
	.macro MEASURE_BEGIN
	li	$s2, 2
99:	CYCLES	$s0
	.endm

	.macro MEASURE_END
	CYCLES	$s1
	addiu	$s2, $s2, -1		# (load delay slot)
	bnez	$s2, 99b
	nop				# (delay slot)
	subu	$s3, $s1, $s0
	.endm

	/* The measured code took `cycles`, else fail. */
	.macro EXPECT cycles, code
	subu	$t0, $s3, $s4
	CHECK_EQ $t0, \cycles, \code
	.endm

	TEST_BEGIN
	li	$t1, 3
	li	$t2, 5

	/* The readings alone. */
	MEASURE_BEGIN
	MEASURE_END
	move	$s4, $s3

	/* Ten ALU instructions: 10 cycles. */
	MEASURE_BEGIN
	addu	$t3, $t1, $t2		# (load delay slot)
	subu	$t3, $t1, $t2
	and	$t3, $t1, $t2
	or	$t3, $t1, $t2
	xor	$t3, $t1, $t2
	sll	$t3, $t1, 3
	slt	$t3, $t1, $t2
	addiu	$t3, $t1, 7
	lui	$t3, 4
	nop
	MEASURE_END
	EXPECT 10, 1

	/* A taken branch and its slot: 2 cycles, no penalty. */
	MEASURE_BEGIN
	b	1f
	nop				# (delay slot)
1:	MEASURE_END
	EXPECT 2, 2

	/* MULT then MFLO at once: 13 cycles. */
	MEASURE_BEGIN
	mult	$t1, $t2		# (load delay slot)
	mflo	$t3
	MEASURE_END
	EXPECT 13, 3
	CHECK_EQ $t3, 15, 4

	/* MULTU, then MFHI as the 12th instruction after it: no stall,
	 * 13 instructions in 13 cycles. */
	MEASURE_BEGIN
	multu	$t1, $t2		# (load delay slot)
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	mfhi	$t3
	MEASURE_END
	EXPECT 13, 5

	/* MFLO as the 11th instruction after MULT: one cycle of stall. */
	MEASURE_BEGIN
	mult	$t1, $t2		# (load delay slot)
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	mflo	$t3
	MEASURE_END
	EXPECT 13, 6

	/* DIV then MFLO: 36 cycles. */
	MEASURE_BEGIN
	div	$zero, $t2, $t1		# (load delay slot)
	mflo	$t3
	MEASURE_END
	EXPECT 36, 7
	CHECK_EQ $t3, 1, 8
	PASS
