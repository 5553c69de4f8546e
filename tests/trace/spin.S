/*
 * spin.S: counts forever in a loop that is not an idle loop, so only
 * the cycle limit or a signal stops it.  Tests Ctrl-C (SIGINT) and the
 * cycle limit with trace and profile files open.
 */
#include "hw/testmips.h"

	.set noreorder
	.section .text.start, "ax"
	.globl _start
_start:
	lui	$t0, 0xb700
	li	$t1, 7
	sw	$t1, SIMCTL_MARKER($t0)		# marker 7
	li	$t2, 0
loop:
	jal	step
	nop
	b	loop
	nop
step:
	jr	$ra
	addiu	$t2, $t2, 1			# (delay slot)
