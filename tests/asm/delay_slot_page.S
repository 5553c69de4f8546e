/*
 * delay_slot_page.S: a branch in the last word of a page whose delay
 * slot lies on the next, unmapped page: the slot's fetch misses in the
 * TLB, reported with EPC = the branch, BD = 1, BadVAddr = the slot
 * (sim-anchors.md 16.5).  Also a page-crossing without a branch.
 */
#include "test.h"

#define VA 0x00400000

	.section .text.start, "ax"
	.balign	4096
cpage:	.space	4096 - 12
	addiu	$s0, $s0, 1		# VA + 0xff4: runs
	nop
last:	bnez	$s0, last		# VA + 0xffc: taken; its slot is on the next page
	.balign	4096

	TEST_BEGIN
	INSTALL_HANDLERS
	MTC0_LI C0_ENTRYHI, 0
	TLB_SET 8, VA, cpage - 0x80000000 + ELO_V

	EXC_CLEAR
	RESUME_AT 1f
	li	$s0, 0
	li	$t0, VA + 0xff4
	jr	$t0
	nop				# (delay slot)
1:	CHECK_EQ $s0, 1, 1
	CHECK_EXC EXC_COUNT, 1, 2
	CHECK_EXC EXC_VEC, VEC_UTLB, 3
	CHECK_EXC EXC_EPC, VA + 0xffc, 4
	CHECK_CAUSE EXC_TLBL, 1, 5
	CHECK_EXC EXC_BADVA, VA + 0x1000, 6

	/* Not-taken branch at the end of the page: same report. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$s0, -1			# addiu makes it 0: not taken
	li	$t0, VA + 0xff4
	jr	$t0
	nop				# (delay slot)
1:	CHECK_EQ $s0, 0, 7
	CHECK_EXC EXC_EPC, VA + 0xffc, 8
	CHECK_CAUSE EXC_TLBL, 1, 9
	CHECK_EXC EXC_BADVA, VA + 0x1000, 10

	/* Map the next page too: now the slot runs from it, the branch
	 * falls through to the SYSCALL after it. */
	TLB_SET 9, VA + 0x1000, nextpg - 0x80000000 + ELO_V
	EXC_CLEAR
	RESUME_AT 1f
	li	$s0, -1
	li	$s1, 0
	li	$t0, VA + 0xff4
	jr	$t0
	nop				# (delay slot)
1:	CHECK_EQ $s1, 1, 11		# the slot ran once
	CHECK_EXC EXC_COUNT, 1, 12
	CHECK_EXC EXC_EPC, VA + 0x1004, 13
	CHECK_CAUSE EXC_SYS, 0, 14
	PASS

	.balign	4096
nextpg:	addiu	$s1, $s1, 1		# VA + 0x1000: the slot
	syscall				# VA + 0x1004
	.balign	4096
