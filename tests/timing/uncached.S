/*
 * An uncached read (a kseg1 RAM word) behind four queued writes waits
 * for the buffer to drain (4 * WR cycles after the first store) and
 * then for the memory read itself (read_miss_cycles).
 */
#include "timing.h"

	TEST_BEGIN
	la	$s6, buf
	li	$t0, 0x20000000
	or	$s5, $s6, $t0		# the same words through kseg1
	LOOP2
	MEASURE_START
	sw	$zero, 0($s6)
	sw	$zero, 4($s6)
	sw	$zero, 8($s6)
	sw	$zero, 12($s6)
	lw	$t1, 16($s5)
	nop				# (load delay)
	MEASURE_END $s0
	END_LOOP2
#if CACHED
	CHECK_EQ $s0, 4 * WR + RM + 2, 0x01
#else
	CHECK_EQ $s0, 6, 0x01
#endif
	PASS

	.bss
	.balign 4
buf:	.space	32
