/*
 * The write buffer: 4 entries, each written to memory in WR cycles,
 * one after the other.  Eight back-to-back word stores: the fifth
 * waits for the first to retire and so on, and the closing counter
 * read (uncached) waits for the last, 8 * WR cycles after the first
 * store entered the buffer.  BC0F sees the buffer not empty right
 * after the burst, and `bc0f .` spins until it is.
 */
#include "timing.h"

	.macro BURST
	sw	$zero, 0($s6)
	sw	$zero, 4($s6)
	sw	$zero, 8($s6)
	sw	$zero, 12($s6)
	sw	$zero, 16($s6)
	sw	$zero, 20($s6)
	sw	$zero, 24($s6)
	sw	$zero, 28($s6)
	.endm

	TEST_BEGIN
	la	$s6, buf
	LOOP2
	MEASURE_START
	BURST
	MEASURE_END $s0
	/* The stores' own issue time, 4 * WR + 1 with stalls, shows
	 * through when enough ALU work follows for the buffer to drain. */
	MEASURE_START
	BURST
	.rept 64
	nop
	.endr
	MEASURE_END $s1
	/* CpCond0 right after a burst, then spin until empty. */
	BURST
	li	$s2, 0
	bc0t	1f			# taken only if already empty
	nop				# (delay slot)
	li	$s2, 1
1:	bc0f	1b
	nop				# (delay slot)
	bc0f	2f			# empty now: not taken
	nop				# (delay slot)
	b	3f
	nop				# (delay slot)
2:	li	$s2, 99
3:
	END_LOOP2
#if CACHED
	CHECK_EQ $s0, 8 * WR - 1, 0x01
	CHECK_EQ $s1, 4 * WR + 1 + 64, 0x02
	CHECK_EQ $s2, 1, 0x03
#else
	CHECK_EQ $s0, 8, 0x01
	CHECK_EQ $s1, 8 + 64, 0x02
	CHECK_EQ $s2, 0, 0x03
#endif
	PASS

	.bss
	.balign 4
buf:	.space	32
