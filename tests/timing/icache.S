/*
 * The I-cache does not snoop stores.  `leaf` returns 1; it runs (so its
 * words are in the I-cache), then a store changes it to return 2 with
 * no flush.  A cached profile runs the stale word and returns 1, and
 * with --check-icache sim reports the PC of `stale_site`; after an
 * invalidation by isolation (IsC|SwC, SB) it returns 2.  The ideal
 * machine has no I-cache: 2 at once.
 */
#include "timing.h"

	TEST_BEGIN
	jal	leaf
	nop				# (delay slot)
	CHECK_EQ $v0, 1, 0x01
	la	$t0, leaf
	la	$t1, new_insn
	lw	$t1, 0($t1)
	nop				# (load delay)
	sw	$t1, 4($t0)		# rewrite `li v0, 1` in the delay slot
	jal	leaf
	nop				# (delay slot)
#if CACHED
	CHECK_EQ $v0, 1, 0x02
#else
	CHECK_EQ $v0, 2, 0x02
#endif
	li	$t2, ST_ISC | ST_SWC
	mtc0	$t2, C0_STATUS
	nop				# (CP0 write hazard)
	nop
	sb	$zero, 4($t0)		# invalidate the I-cache word
	mtc0	$zero, C0_STATUS
	nop				# (CP0 write hazard)
	nop
	jal	leaf
	nop				# (delay slot)
	CHECK_EQ $v0, 2, 0x03
	PASS

	.globl stale_site
leaf:	jr	$ra
stale_site:
	li	$v0, 1			# (delay slot)

new_insn:
	li	$v0, 2
