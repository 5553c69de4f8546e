/*
 * tlb_utlb_vector.S: a kuseg reference that no entry matches goes to
 * the UTLB vector 0x80000000 (r3000.md 2.6), loads with TLBL, stores
 * with TLBS, setting BadVAddr, Context.BadVPN and EntryHi.VPN and
 * keeping the ASID.  A kernel-mode reference, in a delay slot too.
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS
	MTC0_LI C0_CONTEXT, 0xc0000000
	MTC0_LI C0_ENTRYHI, 0x00001000 | (17 << EHI_ASID_SHIFT)

	/* Load miss. */
	EXC_CLEAR
	li	$s0, 0x00345678
ld1:	lw	$t0, 0($s0)
	CHECK_EXC EXC_COUNT, 1, 1
	CHECK_EXC EXC_VEC, VEC_UTLB, 2
	CHECK_EXC EXC_EPC, ld1, 3
	CHECK_CAUSE EXC_TLBL, 0, 4
	CHECK_EXC EXC_BADVA, 0x00345678, 5
	CHECK_EXC EXC_CONTEXT, 0xc0000000 | (0x345 << 2), 6
	CHECK_EXC EXC_ENTRYHI, 0x00345000 | (17 << EHI_ASID_SHIFT), 7

	/* Store miss. */
	EXC_CLEAR
	li	$s0, 0x7ffff004
st1:	sw	$t0, 0($s0)
	CHECK_EXC EXC_VEC, VEC_UTLB, 8
	CHECK_EXC EXC_EPC, st1, 9
	CHECK_CAUSE EXC_TLBS, 0, 10
	CHECK_EXC EXC_BADVA, 0x7ffff004, 11
	CHECK_EXC EXC_CONTEXT, 0xc0000000 | (0x7ffff << 2), 12
	CHECK_EXC EXC_ENTRYHI, 0x7ffff000 | (17 << EHI_ASID_SHIFT), 13

	/* A miss in a delay slot: EPC = the branch, BD = 1. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$s0, 0x00002000
br1:	b	9f
	lw	$t0, 4($s0)		# (delay slot: TLBL)
9:	FAIL	14
1:	CHECK_EXC EXC_VEC, VEC_UTLB, 15
	CHECK_EXC EXC_EPC, br1, 16
	CHECK_CAUSE EXC_TLBL, 1, 17
	CHECK_EXC EXC_BADVA, 0x00002004, 18

	/* Fetch miss: EPC = BadVAddr = the target. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$s0, 0x00403000
	jr	$s0
	nop				# (delay slot)
1:	CHECK_EXC EXC_VEC, VEC_UTLB, 19
	CHECK_EXC EXC_EPC, 0x00403000, 20
	CHECK_EXC EXC_BADVA, 0x00403000, 21
	CHECK_CAUSE EXC_TLBL, 0, 22
	PASS
