/*
 * load_delay.S: the R3000 load delay is not interlocked (r3000.md 1.4).
 * The instruction after a load sees the register's old value, the next
 * one the new value; a write in the slot wins; of two back-to-back loads
 * to one register the slot sees the first; LWL/LWR right after a load
 * of the same rt merge with its value; MFC0 has the same delay.
 */
#include "test.h"

	TEST_BEGIN
	la	$s0, words

	/* The slot sees the old value, the next instruction the new one. */
	li	$t0, 7
	lw	$t0, 0($s0)		# words[0] = 0x11111111
	move	$t1, $t0		# (load delay slot: old value, 7)
	move	$t2, $t0		# new value
	CHECK_EQ $t1, 7, 1
	CHECK_EQ $t2, 0x11111111, 2

	/* A write in the slot to the loaded register wins. */
	lw	$t0, 0($s0)
	li	$t0, 5			# (load delay slot)
	nop
	CHECK_EQ $t0, 5, 3

	/* Back-to-back loads to one register. */
	li	$t0, 9
	lw	$t0, 0($s0)		# 0x11111111
	lw	$t0, 4($s0)		# 0x22222222 (slot of the first)
	move	$t1, $t0		# (slot of the second: the first's value)
	move	$t2, $t0
	CHECK_EQ $t1, 0x11111111, 4
	CHECK_EQ $t2, 0x22222222, 5

	/* The slot's own result is not disturbed by the load retiring
	 * into another register. */
	li	$t1, 1
	lw	$t0, 0($s0)
	addiu	$t1, $t1, 1		# (load delay slot)
	CHECK_EQ $t1, 2, 6
	CHECK_EQ $t0, 0x11111111, 7

	/* LWL right after LW of the same rt merges with the loaded value. */
	lw	$t0, 0($s0)		# 0x11111111
	lwl	$t0, 9($s0)		# bytes 8..9 (0x33, 0x44) into t0[23:16], t0[31:24]
	nop				# (load delay slot)
	CHECK_EQ $t0, 0x44331111, 8

	/* LWR right after LW of the same rt, likewise. */
	lw	$t0, 4($s0)		# 0x22222222
	lwr	$t0, 10($s0)		# bytes 10..11 into t0[15:0]
	nop				# (load delay slot)
	CHECK_EQ $t0, 0x22226655, 9

	/* The classic unaligned pair, no NOP between them. */
	li	$t0, 0
	lwr	$t0, 9($s0)
	lwl	$t0, 12($s0)
	nop				# (load delay slot)
	CHECK_EQ $t0, 0x77665544, 10

	/* MFC0 has a load delay too. */
	li	$t0, 0x12345000
	mtc0	$t0, C0_ENTRYHI
	li	$t0, 3
	mfc0	$t0, C0_ENTRYHI
	move	$t1, $t0		# (MFC0 delay slot: old value)
	move	$t2, $t0
	CHECK_EQ $t1, 3, 11
	CHECK_EQ $t2, 0x12345000, 12

	/* LB/LH sign-extend, LBU/LHU do not, through the same delay. */
	lb	$t0, 15($s0)
	lbu	$t1, 15($s0)
	lh	$t2, 14($s0)
	lhu	$t3, 14($s0)
	nop				# (load delay slot)
	CHECK_EQ $t0, 0xffffff88, 13
	CHECK_EQ $t1, 0x88, 14
	CHECK_EQ $t2, 0xffff8877, 15
	CHECK_EQ $t3, 0x8877, 16
	PASS

	.data
	.balign 4
words:	.word	0x11111111, 0x22222222
	.byte	0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x77, 0x88
