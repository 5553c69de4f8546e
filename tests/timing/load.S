/* A cold load misses the D-cache (read_miss_cycles); a warm one hits. */
#include "timing.h"

	TEST_BEGIN
	la	$s6, cold
	LOOP2
	addiu	$s6, $s6, 4		# a word never touched before
	MEASURE_START
	lw	$t0, 0($s6)
	nop				# (load delay)
	MEASURE_END $s0
	MEASURE_START
	lw	$t0, 0($s6)		# the same word, now cached
	nop				# (load delay)
	MEASURE_END $s1
	END_LOOP2
	CHECK_EQ $s0, 2 + RM, 0x01
	CHECK_EQ $s1, 2, 0x02
	PASS

	.bss
	.balign 4
cold:	.space	64
