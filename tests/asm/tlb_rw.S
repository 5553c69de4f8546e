/*
 * tlb_rw.S: TLBWI/TLBR/TLBP (r3000.md 2.4).  TLBR returns what TLBWI
 * wrote, overwriting the ASID in EntryHi; TLBP sets Index on a hit and
 * the P bit (31) on a miss, honouring G and the ASID.
 */
#include "test.h"

	TEST_BEGIN
	/* Write entry 13 with ASID 9, read it back with ASID 2 current. */
	TLB_SET 13, 0x12345000 | (9 << EHI_ASID_SHIFT), 0x00abc000 | ELO_V | ELO_D | ELO_N
	TLB_SET 20, 0x0000a000 | (3 << EHI_ASID_SHIFT), 0x00def000 | ELO_V | ELO_G
	MTC0_LI C0_ENTRYHI, 2 << EHI_ASID_SHIFT
	MTC0_LI C0_ENTRYLO, 0
	MTC0_LI C0_INDEX, 13 << INDEX_SHIFT
	tlbr
	mfc0	$t0, C0_ENTRYHI
	mfc0	$t1, C0_ENTRYLO		# (MFC0 delay)
	nop				# (MFC0 delay)
	CHECK_EQ $t0, 0x12345000 | (9 << EHI_ASID_SHIFT), 1
	CHECK_EQ $t1, 0x00abc000 | ELO_V | ELO_D | ELO_N, 2
	/* Only the defined fields are kept. */
	TLB_SET 14, 0xfffff03f | 0xfc0, 0xffffffff
	MTC0_LI C0_INDEX, 14 << INDEX_SHIFT
	tlbr
	mfc0	$t0, C0_ENTRYHI
	mfc0	$t1, C0_ENTRYLO		# (MFC0 delay)
	nop				# (MFC0 delay)
	CHECK_EQ $t0, 0xffffffc0, 3
	CHECK_EQ $t1, 0xffffff00, 4
	/* Index keeps only bits 13..8. */
	MTC0_LI C0_INDEX, 0xffffffff
	mfc0	$t0, C0_INDEX
	nop				# (MFC0 delay)
	CHECK_EQ $t0, 0x3f00, 5

	/* TLBP hit with the same ASID. */
	MTC0_LI C0_ENTRYHI, 0x12345000 | (9 << EHI_ASID_SHIFT)
	tlbp
	mfc0	$t0, C0_INDEX
	nop				# (MFC0 delay)
	CHECK_EQ $t0, 13 << INDEX_SHIFT, 6
	/* Miss with another ASID (entry 13 is not global): P set. */
	MTC0_LI C0_ENTRYHI, 0x12345000 | (8 << EHI_ASID_SHIFT)
	tlbp
	mfc0	$t0, C0_INDEX
	nop				# (MFC0 delay)
	CHECK_MASK $t0, INDEX_P, INDEX_P, 7
	/* Miss on VPN. */
	MTC0_LI C0_ENTRYHI, 0x12346000 | (9 << EHI_ASID_SHIFT)
	tlbp
	mfc0	$t0, C0_INDEX
	nop				# (MFC0 delay)
	bgez	$t0, 9f			# P is bit 31: the register is negative
	nop				# (delay slot)
	/* A global entry matches with any ASID. */
	MTC0_LI C0_ENTRYHI, 0x0000a000 | (40 << EHI_ASID_SHIFT)
	tlbp
	mfc0	$t0, C0_INDEX
	nop				# (MFC0 delay)
	CHECK_EQ $t0, 20 << INDEX_SHIFT, 8
	PASS
9:	FAIL	9
