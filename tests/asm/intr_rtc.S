/*
 * intr_rtc.S: the rtc interrupt (IRQ 4, Cause.IP4).  Cause.IP4 follows
 * the line: with interrupts off it appears one period after the rate is
 * written and goes away when acknowledged.  With interrupts on, the
 * number of ticks over 10.5 periods is 10.
 */
#include "test.h"

#define RATE 10000

	TEST_BEGIN
	INSTALL_HANDLERS
	lui	$s7, 0xb500		# rtc
	lui	$s6, 0xb700		# simctl
	lw	$t0, SIMCTL_CLOCK_HZ($s6)
	li	$t1, RATE
	divu	$zero, $t0, $t1
	mflo	$s5			# s5 = cycles per tick

	/* Polling Cause with interrupts disabled. */
	MTC0_LI C0_STATUS, ST_IM(4)
	mfc0	$t0, C0_CAUSE
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_IP(4), 0, 1
	li	$t0, RATE
	sw	$t0, RTC_HZ($s7)	# tick 1 at this cycle + s5
	lw	$s0, SIMCTL_CYCLE_LO($s6)
	li	$t2, CAUSE_IP(4)
	sll	$t4, $s5, 1		# give up after two periods
1:	mfc0	$t0, C0_CAUSE
	lw	$s1, SIMCTL_CYCLE_LO($s6)	# (MFC0 delay)
	and	$t0, $t0, $t2
	bnez	$t0, 2f
	subu	$t1, $s1, $s0		# (delay slot)
	sltu	$t1, $t4, $t1
	beqz	$t1, 1b			# within two periods: poll again
	nop				# (delay slot)
	FAIL	6
	/* It came one period after the write, give or take the poll
	 * loop's 8 cycles. */
2:	subu	$t1, $s1, $s0
	addiu	$t3, $s5, -10
	sltu	$t3, $t1, $t3
	bnez	$t3, 8f			# too early
	addiu	$t3, $s5, 10		# (delay slot)
	sltu	$t3, $t3, $t1
	bnez	$t3, 9f			# too late
	nop				# (delay slot)
	sw	$zero, RTC_ACK($s7)
	mfc0	$t0, C0_CAUSE
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_IP(4), 0, 2
	sw	$zero, RTC_HZ($s7)	# off

	/* Counting ticks: 10.5 periods give 10 interrupts. */
	EXC_CLEAR
	la	$t0, exc
	sw	$zero, EXC_INTS($t0)
	li	$t0, 21
	multu	$t0, $s5
	mflo	$s4
	srl	$s4, $s4, 1		# 10.5 periods
	la	$t0, exc
	sw	$zero, EXC_INTS($t0)
	MTC0_LI C0_STATUS, ST_IM(4) | ST_IEC
	li	$t0, RATE
	sw	$t0, RTC_HZ($s7)
	lw	$s0, SIMCTL_CYCLE_LO($s6)
3:	lw	$s1, SIMCTL_CYCLE_LO($s6)
	nop				# (load delay)
	subu	$t1, $s1, $s0
	sltu	$t1, $t1, $s4
	bnez	$t1, 3b
	nop				# (delay slot)
	MTC0_LI C0_STATUS, 0
	sw	$zero, RTC_HZ($s7)
	CHECK_EXC EXC_INTS, 10, 3
	/* The last tick may land on the poll loop's delay slot (BD = 1):
	 * check only the code. */
	la	$t9, exc
	lw	$t9, EXC_CAUSE($t9)
	li	$t8, CAUSE_EXC_MASK
	and	$t9, $t9, $t8
	li	$t8, EXC_INT << CAUSE_EXC_SHIFT
	beq	$t9, $t8, 1f
	nop				# (delay slot)
	FAIL	4
1:	PASS
8:	FAIL	5
9:	FAIL	7
