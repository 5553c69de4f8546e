/*
 * Exception entry and RFE: SYSCALL, then a five-instruction handler at
 * the general vector that returns past it.  Warm I-cache: 6 cycles plus
 * exc_entry_penalty (0 on every profile, docs/TIMING.md).
 */
#include "timing.h"

	TEST_BEGIN
	/* Install the handler at 0x80000080 (never run before, so the
	 * I-cache holds nothing stale there) and clear BEV. */
	la	$t0, handler
	li	$t1, VEC_GENERAL
	li	$t2, 5
1:	lw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	sw	$t3, 0($t1)
	addiu	$t2, $t2, -1
	bnez	$t2, 1b
	addiu	$t1, $t1, 4		# (delay slot)
	mtc0	$zero, C0_STATUS
	nop				# (CP0 write hazard)
	LOOP2
	MEASURE_START
	syscall
	MEASURE_END $s0
	END_LOOP2
	CHECK_EQ $s0, 6, 0x01
	mfc0	$t0, C0_CAUSE
	nop				# (MFC0 delay)
	CHECK_MASK $t0, CAUSE_EXC_MASK, EXC_SYS << CAUSE_EXC_SHIFT, 0x02
	PASS

handler:
	mfc0	$k0, C0_EPC
	nop				# (MFC0 delay)
	addiu	$k0, $k0, 4
	jr	$k0
	rfe				# (delay slot)
