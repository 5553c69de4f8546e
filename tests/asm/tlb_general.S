/*
 * tlb_general.S: TLB faults that use the general vector 0x80000080
 * (r3000.md 2.4, 2.6): a kseg2 miss, a matching entry with V = 0, a
 * store through D = 0 (Mod).  Matching: G matches any ASID, a non-G
 * entry only its own; the N bit page works; a mapping reaches RAM.
 */
#include "test.h"

#define PA_PAGE  (page - 0x80000000)

	TEST_BEGIN
	INSTALL_HANDLERS
	MTC0_LI C0_ENTRYHI, 4 << EHI_ASID_SHIFT

	/* A kseg2 miss: general vector, TLBL. */
	EXC_CLEAR
	li	$s0, 0xc0001234
ld1:	lw	$t0, 0($s0)
	CHECK_EXC EXC_VEC, VEC_GENERAL, 1
	CHECK_EXC EXC_EPC, ld1, 2
	CHECK_CAUSE EXC_TLBL, 0, 3
	CHECK_EXC EXC_BADVA, 0xc0001234, 4
	CHECK_EXC EXC_ENTRYHI, 0xc0001000 | (4 << EHI_ASID_SHIFT), 5

	/* A kuseg entry with V = 0: general vector (not UTLB), TLBS. */
	TLB_SET 10, 0x00500000 | (4 << EHI_ASID_SHIFT), PA_PAGE
	MTC0_LI C0_ENTRYHI, 4 << EHI_ASID_SHIFT
	EXC_CLEAR
	li	$s0, 0x00500010
st1:	sw	$t0, 0($s0)
	CHECK_EXC EXC_VEC, VEC_GENERAL, 6
	CHECK_EXC EXC_EPC, st1, 7
	CHECK_CAUSE EXC_TLBS, 0, 8
	CHECK_EXC EXC_BADVA, 0x00500010, 9

	/* V = 1, D = 0: loads work, a store raises Mod; memory unchanged. */
	TLB_SET 10, 0x00500000 | (4 << EHI_ASID_SHIFT), PA_PAGE + ELO_V
	MTC0_LI C0_ENTRYHI, 4 << EHI_ASID_SHIFT
	EXC_CLEAR
	li	$s0, 0x00500000
	lw	$t0, 0($s0)
	li	$t1, 0x1234
	nop
	CHECK_EQ $t0, 0xa5a5a5a5, 10
	CHECK_EXC EXC_COUNT, 0, 11
mod1:	sw	$t1, 0($s0)
	CHECK_EXC EXC_VEC, VEC_GENERAL, 12
	CHECK_EXC EXC_EPC, mod1, 13
	CHECK_CAUSE EXC_MOD, 0, 14
	CHECK_EXC EXC_BADVA, 0x00500000, 15
	CHECK_EXC EXC_ENTRYHI, 0x00500000 | (4 << EHI_ASID_SHIFT), 16
	la	$t0, page
	lw	$t0, 0($t0)
	nop				# (load delay)
	CHECK_EQ $t0, 0xa5a5a5a5, 17

	/* D = 1: the store goes through to the physical page. */
	TLB_SET 10, 0x00500000 | (4 << EHI_ASID_SHIFT), PA_PAGE + ELO_V + ELO_D
	MTC0_LI C0_ENTRYHI, 4 << EHI_ASID_SHIFT
	li	$t1, 0x600df00d
	sw	$t1, 8($s0)
	la	$t0, page
	lw	$t0, 8($t0)
	nop				# (load delay)
	CHECK_EQ $t0, 0x600df00d, 18

	/* A non-global entry does not match another ASID (UTLB miss). */
	MTC0_LI C0_ENTRYHI, 5 << EHI_ASID_SHIFT
	EXC_CLEAR
	lw	$t0, 8($s0)
	CHECK_EXC EXC_COUNT, 1, 19
	CHECK_EXC EXC_VEC, VEC_UTLB, 20
	CHECK_EXC EXC_ENTRYHI, 0x00500000 | (5 << EHI_ASID_SHIFT), 21
	/* Back to ASID 4: it matches again (the host TLB must not keep
	 * the other ASID's view). */
	MTC0_LI C0_ENTRYHI, 4 << EHI_ASID_SHIFT
	lw	$t0, 8($s0)
	nop				# (load delay)
	CHECK_EQ $t0, 0x600df00d, 22

	/* A global entry matches any ASID; N (uncached) still maps. */
	TLB_SET 11, 0x00600000 | (9 << EHI_ASID_SHIFT), PA_PAGE + ELO_V + ELO_D + ELO_G + ELO_N
	MTC0_LI C0_ENTRYHI, 33 << EHI_ASID_SHIFT
	EXC_CLEAR
	li	$s1, 0x00600000
	lw	$t0, 8($s1)
	li	$t1, 0x11223344
	sw	$t1, 12($s1)
	CHECK_EQ $t0, 0x600df00d, 23
	la	$t0, page
	lw	$t0, 12($t0)
	nop				# (load delay)
	CHECK_EQ $t0, 0x11223344, 24
	CHECK_EXC EXC_COUNT, 0, 25

	/* kseg2 through the TLB in kernel mode. */
	TLB_SET 12, 0xc0001000, PA_PAGE + ELO_V + ELO_G
	li	$s0, 0xc0001000
	lw	$t0, 12($s0)
	nop				# (load delay)
	CHECK_EQ $t0, 0x11223344, 26
	CHECK_EXC EXC_COUNT, 0, 27

	/* Rewriting an entry takes effect at once (VPN moved away). */
	TLB_SET 12, 0xc0002000, PA_PAGE + ELO_V + ELO_G
	EXC_CLEAR
	lw	$t0, 12($s0)
	CHECK_EXC EXC_COUNT, 1, 28
	CHECK_CAUSE EXC_TLBL, 0, 29
	PASS

	.data
	.balign	4096
page:	.word	0xa5a5a5a5, 0, 0, 0
	.balign	4096
