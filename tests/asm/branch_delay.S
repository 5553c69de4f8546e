/*
 * branch_delay.S: branch delay slots (r3000.md 1.4).  The slot runs
 * whether or not the branch is taken; JAL/JALR/BLTZAL/BGEZAL link
 * PC + 8, the AL branches even when not taken; a branch in a delay slot
 * runs one instruction at the first target, then goes to the second,
 * whose target is relative to that first target (its delay slot).
 */
#include "test.h"

	TEST_BEGIN
	/* Taken: the slot runs, the fall-through does not. */
	li	$t0, 0
	b	1f
	addiu	$t0, $t0, 1		# (delay slot)
	addiu	$t0, $t0, 10		# skipped
1:	CHECK_EQ $t0, 1, 1

	/* Not taken: the slot runs once, then the fall-through. */
	li	$t0, 0
	bnez	$zero, 1f
	addiu	$t0, $t0, 1		# (delay slot)
	addiu	$t0, $t0, 10
1:	CHECK_EQ $t0, 11, 2

	/* The condition is read before the slot changes it. */
	li	$t1, 0
	li	$t0, 0
	beqz	$t1, 1f
	li	$t1, 5			# (delay slot)
	addiu	$t0, $t0, 10		# skipped: the branch saw t1 = 0
1:	CHECK_EQ $t0, 0, 3
	CHECK_EQ $t1, 5, 4

	/* JAL links PC + 8. */
	jal	2f
	nop				# (delay slot)
jal_ret:
	b	3f
	nop				# (delay slot)
2:	la	$t0, jal_ret
	CHECK_REG $ra, $t0, 5
	jr	$ra
	nop				# (delay slot)
3:
	/* JALR links PC + 8 into rd. */
	la	$t1, 2f
	jalr	$s1, $t1
	nop				# (delay slot)
jalr_ret:
	b	3f
	nop				# (delay slot)
2:	la	$t0, jalr_ret
	CHECK_REG $s1, $t0, 6
	jr	$s1
	nop				# (delay slot)
3:
	/* BLTZAL not taken still links. */
	li	$ra, 0
	li	$t1, 1
	bltzal	$t1, 9f			# not taken
	nop				# (delay slot)
bltzal_ret:
	la	$t0, bltzal_ret
	CHECK_REG $ra, $t0, 7

	/* BGEZAL not taken still links; taken links and goes. */
	li	$ra, 0
	li	$t1, -1
	bgezal	$t1, 9f			# not taken
	nop				# (delay slot)
bgezal_ret:
	la	$t0, bgezal_ret
	CHECK_REG $ra, $t0, 8
	li	$t1, 0
	bgezal	$t1, 2f			# taken
	nop				# (delay slot)
bgezal_ret2:
	b	3f
	nop				# (delay slot)
2:	la	$t0, bgezal_ret2
	CHECK_REG $ra, $t0, 9
	jr	$ra
	nop				# (delay slot)
3:
	/* A branch in a branch delay slot: one instruction at the first
	 * target, then the second branch's target, which the R3000
	 * computes from its delay slot as it ran, the first target: the
	 * offset the assembler encoded for `2f` (16 bytes past the slot's
	 * successor) lands 16 bytes past `first` (pcsx-redux
	 * tests/cpu/branchbranch.s, hardware-tested; cpu_loop.inc). */
	li	$t0, 0
	b	first
	b	2f			# (delay slot: a branch, offset 16)
	addiu	$t0, $t0, 100		# never
	addiu	$t0, $t0, 100		# never
first:	addiu	$t0, $t0, 1		# runs, in the second branch's slot
	addiu	$t0, $t0, 10		# never
2:	addiu	$t0, $t0, 20		# never: the assembler's idea of the target
	addiu	$t0, $t0, 40		# never
	addiu	$t0, $t0, 2		# first + 16: the second target
	CHECK_EQ $t0, 3, 10

	/* Same with a not-taken second branch: after the one instruction
	 * at the first target, execution continues after it. */
	li	$t0, 0
	b	first2
	bnez	$zero, 9f		# (delay slot: a branch, not taken)
	addiu	$t0, $t0, 100		# never
first2:	addiu	$t0, $t0, 1
	addiu	$t0, $t0, 10		# runs: the second branch fell through
	CHECK_EQ $t0, 11, 11
	PASS
9:	FAIL	99
