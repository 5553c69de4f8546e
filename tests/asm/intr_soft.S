/*
 * intr_soft.S: software interrupts (Cause.IP0/IP1, r3000.md 2.3).
 * Taken when IEc and the IM bit allow; a pending interrupt is held while
 * masked and taken once unmasked.  The model lets the instruction after
 * the enabling MTC0 (Cause or Status) run first (cp0.c); pinned here.
 * An interrupt before a delay-slot instruction gives EPC = the branch,
 * BD = 1, and the branch runs again after the return.
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS
	li	$s0, 0
	li	$s1, 0

	/* Enabled: setting IP0 interrupts after one more instruction. */
	MTC0_LI C0_STATUS, ST_IM(0) | ST_IEC
	EXC_CLEAR
	li	$t0, CAUSE_IP(0)
	mtc0	$t0, C0_CAUSE
	addiu	$s0, $s0, 1		# runs before the interrupt
int1:	addiu	$s1, $s1, 1		# interrupted here, run after
	CHECK_EXC EXC_INTS, 1, 1
	CHECK_EXC EXC_EPC, int1, 2
	CHECK_CAUSE EXC_INT, 0, 3
	CHECK_EQ $s0, 1, 4
	CHECK_EQ $s1, 1, 5
	la	$t0, exc
	lw	$t0, EXC_CAUSE($t0)
	nop				# (load delay)
	CHECK_MASK $t0, CAUSE_IP(0), CAUSE_IP(0), 6
	la	$t0, exc
	lw	$t0, EXC_STATUS($t0)
	nop				# (load delay)
	CHECK_MASK $t0, 0x3f, ST_IEP, 7	# entry pushed IEc

	/* Masked by IM: IP1 pending, only IM0 set: nothing happens. */
	li	$t0, CAUSE_IP(1)
	mtc0	$t0, C0_CAUSE
	nop
	nop
	nop
	mfc0	$t0, C0_CAUSE
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_IP_SW_MASK, CAUSE_IP(1), 8
	CHECK_EXC EXC_INTS, 1, 9
	/* Masked by IEc = 0. */
	MTC0_LI C0_STATUS, ST_IM(1)
	nop
	nop
	CHECK_EXC EXC_INTS, 1, 10
	/* Unmasked: taken after the instruction following the MTC0. */
	li	$s0, 0
	li	$s1, 0
	li	$t0, ST_IM(1) | ST_IEC
	mtc0	$t0, C0_STATUS
	addiu	$s0, $s0, 1
int2:	addiu	$s1, $s1, 1
	CHECK_EXC EXC_INTS, 2, 11
	CHECK_EXC EXC_EPC, int2, 12
	CHECK_EQ $s0, 1, 13
	CHECK_EQ $s1, 1, 14
	mfc0	$t0, C0_CAUSE		# the handler cleared IP1
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_IP_SW_MASK, 0, 15

	/* An interrupt before a delay slot. */
	li	$s0, 0
	li	$s1, 0
	EXC_CLEAR
	li	$t0, CAUSE_IP(1)
	mtc0	$t0, C0_CAUSE
br3:	b	1f			# runs; the interrupt comes before its slot
	addiu	$s0, $s0, 1		# (delay slot: runs once, after the return)
	FAIL	16
1:	CHECK_EXC EXC_INTS, 1, 17
	CHECK_EXC EXC_EPC, br3, 18
	CHECK_CAUSE EXC_INT, 1, 19
	CHECK_EQ $s0, 1, 20
	PASS
