/*
 * hotpath_edges.S: cases the interpreter's fast paths (cpu_loop.inc)
 * must get right.  A misaligned LW/SW/LH/SH to a page already in the
 * host TLB still raises AdEL/AdES (the alignment check is folded into
 * the host-TLB compare), also in a delay slot (BD set, EPC = branch);
 * a load in the last word of a page is still pending for the first
 * instruction of the next page; a load in a taken branch's delay slot
 * is pending for the target's first instruction; a store that patches
 * an instruction not yet fetched runs the new word.
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS
	la	$s0, data
	/* Put the data page in the host TLB for reads and writes. */
	lw	$t0, 0($s0)
	nop
	sw	$t0, 8($s0)
	EXC_CLEAR
	li	$t0, 0x77
lw1:	lw	$t0, 2($s0)
	CHECK_EXC EXC_EPC, lw1, 1
	CHECK_CAUSE EXC_ADEL, 0, 2
	CHECK_EXC EXC_BADVA, data + 2, 3
	CHECK_EQ $t0, 0x77, 4
	li	$t1, 0x12345678
sw1:	sw	$t1, 1($s0)
	CHECK_EXC EXC_EPC, sw1, 5
	CHECK_CAUSE EXC_ADES, 0, 6
	CHECK_EXC EXC_BADVA, data + 1, 7
lh1:	lh	$t0, 3($s0)
	CHECK_EXC EXC_EPC, lh1, 8
	CHECK_CAUSE EXC_ADEL, 0, 9
sh1:	sh	$t1, 3($s0)
	CHECK_EXC EXC_EPC, sh1, 10
	CHECK_CAUSE EXC_ADES, 0, 11
	lw	$t0, 0($s0)
	nop
	CHECK_EQ $t0, 0x03020100, 12	# memory unchanged
	CHECK_EXC EXC_COUNT, 4, 13

	/* A misaligned load in a delay slot. */
	EXC_CLEAR
	RESUME_AT 2f
br1:	b	1f
	lw	$t0, 1($s0)		# (delay slot)
1:	FAIL	14
2:	CHECK_EXC EXC_EPC, br1, 15
	CHECK_CAUSE EXC_ADEL, 1, 16
	CHECK_EXC EXC_BADVA, data + 1, 17

	/* The load delay across a page boundary. */
	li	$t2, 5
	jal	page_end
	nop				# (delay slot)
	CHECK_EQ $t3, 5, 18
	CHECK_EQ $t2, 0x03020100, 19

	/* A load in a taken branch's delay slot, read at the target. */
	li	$t4, 9
	b	3f
	lw	$t4, 0($s0)		# (delay slot)
3:	move	$t5, $t4		# in the load delay: the old value
	nop
	CHECK_EQ $t5, 9, 20
	CHECK_EQ $t4, 0x03020100, 21

	/* Patch the immediate of an ADDIU not yet fetched, then run it. */
	la	$t6, patch
	lw	$t7, 0($t6)
	nop
	ori	$t7, $t7, 0x40
	sw	$t7, 0($t6)
	li	$v0, 0
patch:	addiu	$v0, $v0, 1
	CHECK_EQ $v0, 0x41, 22
	PASS

	/* A load in the last word of a page. */
	.balign 4096
	.space	4096 - 4
page_end:
	lw	$t2, 0($s0)
	move	$t3, $t2		# next page, in the load delay: old t2
	jr	$ra
	nop				# (delay slot)

	.data
	.balign 4
data:	.byte	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
