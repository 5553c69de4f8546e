/*
 * wedge.S: waits in an idle loop with interrupts off, which nothing can
 * end: the simulator stops it as wedged (exit status 201).  Tests that
 * trace and profile files are complete on that exit path.
 */
#include "hw/testmips.h"

	.set noreorder
	.section .text.start, "ax"
	.globl _start
_start:
	lui	$t0, 0xb700
	li	$t1, 5
	sw	$t1, SIMCTL_MARKER($t0)		# marker 5
	mtc0	$zero, $12			# interrupts off
wait:
	b	wait
	nop
