/*
 * exc_delay_slot.S: an exception in a branch delay slot reports
 * EPC = the branch and Cause.BD = 1, for taken and not-taken branches
 * and jumps; outside a slot EPC = the instruction and BD = 0
 * (r3000.md 1.5).  The pending load retires before the handler runs.
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS
	li	$s0, 0x80010002		# misaligned: LW raises AdEL

	/* Taken branch, fault in the slot. */
	EXC_CLEAR
	RESUME_AT 1f
br1:	b	9f
	lw	$t0, 0($s0)		# (delay slot: AdEL)
9:	FAIL	1
1:	CHECK_EXC EXC_COUNT, 1, 2
	CHECK_EXC EXC_EPC, br1, 3
	CHECK_CAUSE EXC_ADEL, 1, 4
	CHECK_EXC EXC_BADVA, 0x80010002, 5

	/* Not-taken branch, fault in the slot. */
	EXC_CLEAR
	RESUME_AT 1f
br2:	bnez	$zero, 9f
	lw	$t0, 0($s0)		# (delay slot: AdEL)
9:	FAIL	6
1:	CHECK_EXC EXC_EPC, br2, 7
	CHECK_CAUSE EXC_ADEL, 1, 8

	/* JR, fault in the slot (a SYSCALL this time). */
	EXC_CLEAR
	RESUME_AT 1f
	la	$t1, 9f
br3:	jr	$t1
	syscall				# (delay slot)
9:	FAIL	9
1:	CHECK_EXC EXC_EPC, br3, 10
	CHECK_CAUSE EXC_SYS, 1, 11

	/* Outside a slot: EPC = the instruction, BD = 0; the handler
	 * returns to EPC + 4. */
	EXC_CLEAR
	li	$t2, 0
ins4:	lw	$t0, 0($s0)		# AdEL
	addiu	$t2, $t2, 1
	CHECK_EXC EXC_EPC, ins4, 12
	CHECK_CAUSE EXC_ADEL, 0, 13
	CHECK_EQ $t2, 1, 14

	/* An exception in the slot of a load: the load has completed when
	 * the handler runs (and restarts see the new value). */
	EXC_CLEAR
	la	$s1, word
	li	$t3, 1
	lw	$t3, 0($s1)		# 0x5a5a5a5a
ins5:	lw	$t0, 0($s0)		# (load delay slot: AdEL)
	CHECK_EQ $t3, 0x5a5a5a5a, 15
	CHECK_EXC EXC_EPC, ins5, 16

	/* The fault squashes the slot's own result: Ov leaves rd alone. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$t4, 0x7fffffff
	li	$t5, 0x1234
br6:	beq	$zero, $zero, 9f
	add	$t5, $t4, $t4		# (delay slot: Ov)
9:	FAIL	17
1:	CHECK_EQ $t5, 0x1234, 18
	CHECK_EXC EXC_EPC, br6, 19
	CHECK_CAUSE EXC_OV, 1, 20
	PASS

	.data
	.balign 4
word:	.word	0x5a5a5a5a
