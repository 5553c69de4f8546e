/*
 * Cache flush by isolation (r3000.md 2.7).  With Status.IsC set:
 * an SB invalidates the word's D-cache line, so the next load misses;
 * an SW writes only the cache (memory keeps its value, a load hits the
 * cache's copy); a load from an invalid line sets Status.CM.  With IsC
 * and SwC the same SB invalidates an I-cache line, so the code there
 * misses again.  The ideal machine has no caches: isolated stores are
 * dropped and every load hits.
 */
#include "timing.h"

	.macro ISOLATE bits
	li	$t0, \bits
	mtc0	$t0, C0_STATUS
	nop				# (CP0 write hazard)
	nop
	.endm

	TEST_BEGIN
	la	$s6, word
	li	$t0, 0x20000000
	or	$s5, $s6, $t0		# kseg1 alias: memory itself
	LOOP2
	lw	$t0, 0($s6)		# cache it
	ISOLATE ST_ISC
	sb	$zero, 0($s6)		# invalidate
	lw	$t1, 0($s6)		# isolated load of an invalid line: CM
	nop				# (load delay)
	mfc0	$s3, C0_STATUS
	ISOLATE 0
	MEASURE_START
	lw	$t0, 0($s6)		# misses again
	nop				# (load delay)
	MEASURE_END $s0
	END_LOOP2
#if CACHED
	CHECK_EQ $s0, 2 + RM, 0x01
	CHECK_MASK $s3, ST_CM, ST_CM, 0x02
#else
	CHECK_EQ $s0, 2, 0x01
	CHECK_MASK $s3, ST_CM, 0, 0x02
#endif
	lw	$t0, 0($s5)		# memory still holds the original
	nop				# (load delay)
	CHECK_EQ $t0, 0x11223344, 0x03

	/* An isolated SW writes the cache only. */
	li	$t2, 0x55667788
	ISOLATE ST_ISC
	sw	$t2, 0($s6)
	lw	$t3, 0($s6)		# isolated: hit, CM clear
	nop				# (load delay)
	mfc0	$s3, C0_STATUS
	ISOLATE 0
	lw	$t4, 0($s6)		# cached load: the cache's copy
	lw	$t5, 0($s5)		# uncached: memory
	nop				# (load delay)
#if CACHED
	CHECK_EQ $t3, 0x55667788, 0x04
	CHECK_MASK $s3, ST_CM, 0, 0x05
	CHECK_EQ $t4, 0x55667788, 0x06
#else
	CHECK_EQ $t4, 0x11223344, 0x06
#endif
	CHECK_EQ $t5, 0x11223344, 0x07

	/* I-cache: run `leaf` (warm), invalidate its first word with
	 * IsC|SwC, run it again: one I-cache miss. */
	LOOP2
	jal	leaf
	nop				# (delay slot)
	ISOLATE ST_ISC | ST_SWC
	la	$t0, leaf
	sb	$zero, 0($t0)
	ISOLATE 0
	MEASURE_START
	jal	leaf
	nop				# (delay slot)
	MEASURE_END $s0
	END_LOOP2
	CHECK_EQ $s0, 4 + RM, 0x08
	PASS

leaf:	jr	$ra
	nop				# (delay slot)

	.data
	.balign 4
word:	.word	0x11223344
