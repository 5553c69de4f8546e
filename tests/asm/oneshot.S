/*
 * oneshot.S: the rtc's one-shot timer (exosim's extension, IRQ 5,
 * Cause.IP5), on the ideal machine (oneshot.opts: one cycle an
 * instruction, so the cycle it is taken at can be pinned).
 *   1. Armed for N cycles, idling with IP5 enabled: taken exactly N
 *      cycles after the store.
 *   2. Interrupts off: a load gives the cycles left; a store of 0
 *      cancels (the line never goes up).
 *   3. Interrupts off: the line goes up and stays up, through a re-arm
 *      and a cancel, until acknowledged; once fired, none is pending.
 *   4. Re-arming replaces the pending one: armed for 1000, then for
 *      300, it comes once, 300 cycles after the second store.
 * The handler (this file's own, at the general vector) records the
 * cycle counter in s1 (read by its second instruction, so at the
 * interrupt's cycle + 2: the aborted instruction takes one), counts in
 * s5, acknowledges and resumes at s4.
 */
#include "test.h"

#define N 1000

	TEST_BEGIN
	INSTALL_HANDLERS
	/* Replace the general vector's stub (4 words) by os_stub. */
	la	$t0, os_stub
	li	$t1, VEC_GENERAL
	li	$t2, 4
1:	lw	$t3, 0($t0)
	addiu	$t2, $t2, -1
	sw	$t3, 0($t1)
	addiu	$t0, $t0, 4
	bnez	$t2, 1b
	addiu	$t1, $t1, 4		# (delay slot)
	lui	$s7, 0xb500		# rtc
	lui	$s6, 0xb700		# simctl
	li	$s5, 0

	/* 1. Taken N cycles after the store. */
	MTC0_LI C0_STATUS, ST_IM(ONESHOT_IRQ) | ST_IEC
	la	$s4, p1_done
	li	$t0, N
	lw	$s0, SIMCTL_CYCLE_LO($s6)	# cycle c
	sw	$t0, RTC_ONESHOT($s7)	# at c + 1: due at c + 1 + N
2:	b	2b
	nop				# (delay slot)
p1_done:
	subu	$t1, $s1, $s0		# (c + 1 + N + 2) - c
	CHECK_EQ $t1, N + 3, 1
	CHECK_EQ $s5, 1, 2

	/* 2. Cycles left, and cancel. */
	MTC0_LI C0_STATUS, ST_IM(ONESHOT_IRQ)
	li	$t0, 100
	sw	$t0, RTC_ONESHOT($s7)	# due 100 cycles from here
	lw	$t1, RTC_ONESHOT($s7)	# one cycle later
	nop				# (load delay)
	CHECK_EQ $t1, 99, 3
	sw	$zero, RTC_ONESHOT($s7)	# cancel
	lw	$t1, RTC_ONESHOT($s7)
	nop				# (load delay)
	CHECK_EQ $t1, 0, 4
	jal	wait300
	nop				# (delay slot)
	mfc0	$t0, C0_CAUSE
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_IP(ONESHOT_IRQ), 0, 5

	/* 3. The line stays up until acknowledged. */
	li	$t0, 50
	sw	$t0, RTC_ONESHOT($s7)
	jal	wait300
	nop				# (delay slot)
	mfc0	$t0, C0_CAUSE
	lw	$t1, RTC_ONESHOT($s7)	# (MFC0 delay) none pending now
	CHECK_MASK $t0, CAUSE_IP(ONESHOT_IRQ), CAUSE_IP(ONESHOT_IRQ), 6
	CHECK_EQ $t1, 0, 7
	li	$t0, N
	sw	$t0, RTC_ONESHOT($s7)	# re-arm: the line stays up
	sw	$zero, RTC_ONESHOT($s7)	# cancel: still up
	mfc0	$t0, C0_CAUSE
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_IP(ONESHOT_IRQ), CAUSE_IP(ONESHOT_IRQ), 8
	sw	$zero, RTC_ONESHOT_ACK($s7)
	mfc0	$t0, C0_CAUSE
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_IP(ONESHOT_IRQ), 0, 9

	/* 4. Re-arming replaces: one interrupt, 300 cycles after the
	 * second store; none at the first one's due time. */
	li	$s5, 0
	MTC0_LI C0_STATUS, ST_IM(ONESHOT_IRQ) | ST_IEC
	la	$s4, p4_done
	li	$t0, N
	li	$t1, 300
	sw	$t0, RTC_ONESHOT($s7)
	lw	$s0, SIMCTL_CYCLE_LO($s6)	# cycle c
	sw	$t1, RTC_ONESHOT($s7)	# at c + 1: due at c + 301
3:	b	3b
	nop				# (delay slot)
p4_done:
	subu	$t1, $s1, $s0
	CHECK_EQ $t1, 300 + 3, 0xa
	la	$s4, p4_extra		# another interrupt would go there
	jal	wait300
	nop				# (delay slot)
	jal	wait300
	nop				# (delay slot)
	jal	wait300
	nop				# (delay slot)
	jal	wait300
	nop				# (delay slot)
	MTC0_LI C0_STATUS, 0
	CHECK_EQ $s5, 1, 0xb
	PASS
p4_extra:
	FAIL	0xc

	/* Spin for 300 cycles (100 iterations of 3 instructions). */
wait300:
	li	$t2, 100
1:	addiu	$t2, $t2, -1
	bnez	$t2, 1b
	nop				# (delay slot)
	jr	$ra
	nop				# (delay slot)

	/* Copied to the general vector: 4 words. */
os_stub:
	lui	$k0, 0xb700		# simctl
	lw	$k1, SIMCTL_CYCLE_LO($k0)	# the interrupt's cycle + 2
	j	os_intr
	nop				# (delay slot)

	/* An interrupt: record, count, acknowledge, resume at s4 (the rfe
	 * turns interrupts back on).  Anything else fails. */
os_intr:
	mfc0	$k0, C0_CAUSE
	move	$s1, $k1		# (MFC0 delay)
	andi	$k0, $k0, CAUSE_EXC_MASK
	bnez	$k0, 4f
	addiu	$s5, $s5, 1		# (delay slot)
	lui	$k0, 0xb500		# rtc
	sw	$zero, RTC_ONESHOT_ACK($k0)
	jr	$s4
	rfe				# (delay slot)
4:	FAIL	0xd
