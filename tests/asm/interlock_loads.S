/*
 * interlock_loads.S: --interlock-loads (interlock_loads.opts), the
 * compatibility mode that is not the R3000: a load's and an MFC0's
 * result is there for the very next instruction, as on MIPS II and
 * later.  Without the mode the checks 1, 3 and 5 would fail (the old
 * values); load_delay.S checks the R3000's behaviour.
 */
#include "test.h"

	TEST_BEGIN
	la	$s0, word
	li	$t0, 1
	lw	$t0, 0($s0)
	addu	$t1, $t0, $zero		# reads t0 right after the load
	CHECK_EQ $t1, 0x77, 1
	lw	$t2, 0($s0)
	li	$t2, 5			# a later write still wins
	CHECK_EQ $t2, 5, 2
	li	$t3, 0x1234
	mtc0	$t3, C0_ENTRYHI
	nop
	li	$t4, 0
	mfc0	$t4, C0_ENTRYHI
	move	$t5, $t4		# reads t4 right after MFC0
	CHECK_EQ $t5, 0x1200, 3		# EntryHi keeps VPN and ASID bits only
	la	$s1, bytes
	lwl	$t6, 3($s1)		# LWL then LWR merge as always
	lwr	$t6, 0($s1)
	CHECK_EQ $t6, 0x44332211, 4
	lbu	$t7, 1($s1)
	sll	$t7, $t7, 4		# reads t7 right after the load
	CHECK_EQ $t7, 0x220, 5
	PASS

	.data
	.balign	4
word:	.word	0x77
bytes:	.byte	0x11, 0x22, 0x33, 0x44
