/*
 * tlb_random.S: Random (r3000.md 2.4) lies in 8..63 and counts down
 * once a cycle, wrapping from 8 to 63; TLBWR writes entry Random and
 * never one of 0..7.
 */
#include "test.h"

	TEST_BEGIN
	/* Two reads 4 cycles apart (mfc0, three nops, mfc0). */
	mfc0	$t0, C0_RANDOM
	nop				# (MFC0 delay)
	nop
	nop
	mfc0	$t1, C0_RANDOM
	nop				# (MFC0 delay)
	srl	$t0, $t0, RANDOM_SHIFT
	srl	$t1, $t1, RANDOM_SHIFT
	sltiu	$t2, $t0, 8
	bnez	$t2, 9f			# below 8
	sltiu	$t2, $t0, 64		# (delay slot)
	beqz	$t2, 9f			# above 63
	addiu	$t3, $t0, -4		# (delay slot) expected: t0 - 4,
	sltiu	$t2, $t3, 8		# wrapping below 8 to 63
	beqz	$t2, 1f
	nop				# (delay slot)
	addiu	$t3, $t3, 56
1:	CHECK_REG $t1, $t3, 1

	/* 200 times, at different phases: two reads five cycles apart
	 * differ by 5, wrapping from 8 to 63. */
	li	$s0, 200
3:	mfc0	$t0, C0_RANDOM		# read a, then b five cycles later
	nop				# (MFC0 delay)
	nop
	nop
	nop
	mfc0	$t1, C0_RANDOM
	srl	$t0, $t0, RANDOM_SHIFT	# (MFC0 delay)
	srl	$t1, $t1, RANDOM_SHIFT
	addiu	$t3, $t0, -5
	sltiu	$t2, $t3, 8
	beqz	$t2, 4f
	nop				# (delay slot)
	addiu	$t3, $t3, 56
4:	bne	$t1, $t3, 8f
	addiu	$s0, $s0, -1		# (delay slot)
	bnez	$s0, 3b
	nop				# (delay slot)

	/* TLBWR writes entry Random: read it, TLBWR two cycles later. */
	MTC0_LI C0_ENTRYHI, 0x00777000
	MTC0_LI C0_ENTRYLO, 0x00100000 | ELO_V
	mfc0	$t0, C0_RANDOM
	nop				# (MFC0 delay)
	tlbwr				# Random has moved down by 2
	srl	$t0, $t0, RANDOM_SHIFT
	addiu	$t3, $t0, -2
	sltiu	$t2, $t3, 8
	beqz	$t2, 5f
	nop				# (delay slot)
	addiu	$t3, $t3, 56
5:	tlbp
	mfc0	$t1, C0_INDEX
	nop				# (MFC0 delay)
	srl	$t1, $t1, INDEX_SHIFT
	CHECK_REG $t1, $t3, 2

	/* Entries 0..7 get a marker; 300 TLBWRs of distinct VPNs must
	 * leave them alone. */
	li	$s0, 0
6:	sll	$t0, $s0, INDEX_SHIFT
	mtc0	$t0, C0_INDEX
	sll	$t0, $s0, PAGE_SHIFT
	lui	$t1, 0x8800		# kseg0 VPNs never match
	or	$t0, $t0, $t1
	mtc0	$t0, C0_ENTRYHI
	mtc0	$zero, C0_ENTRYLO
	nop				# (CP0 write hazard)
	tlbwi
	addiu	$s0, $s0, 1
	sltiu	$t0, $s0, 8
	bnez	$t0, 6b
	nop				# (delay slot)
	li	$s0, 300
	lui	$s1, 0x0100
7:	mtc0	$s1, C0_ENTRYHI
	nop				# (CP0 write hazard)
	tlbwr
	addiu	$s1, $s1, 0x1000
	addiu	$s0, $s0, -1
	bnez	$s0, 7b
	nop				# (delay slot)
	li	$s0, 0
	lui	$s2, 0x8800
10:	sll	$t0, $s0, INDEX_SHIFT
	mtc0	$t0, C0_INDEX
	nop				# (CP0 write hazard)
	tlbr
	mfc0	$t1, C0_ENTRYHI
	sll	$t0, $s0, PAGE_SHIFT	# (MFC0 delay)
	or	$t0, $t0, $s2
	bne	$t0, $t1, 11f
	addiu	$s0, $s0, 1		# (delay slot)
	sltiu	$t0, $s0, 8
	bnez	$t0, 10b
	nop				# (delay slot)
	PASS
8:	FAIL	3
9:	FAIL	4
11:	FAIL	5
