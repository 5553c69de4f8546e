/*
 * crt0.S: start-up for bare-metal C programs.
 * void _start(void): set sp, clear .bss, call main(), halt with its
 * return value as the exit status (console +0x10, a byte store, as
 * GXemul requires).
 */
#include "hw/testmips.h"

	.section .text.start, "ax"
	.set noreorder
	.globl _start
	.ent _start
_start:
	la	$sp, _stack_top
	la	$t0, _bss_start
	la	$t1, _bss_end
1:	beq	$t0, $t1, 2f		# clear .bss a word at a time
	nop
	sw	$zero, 0($t0)
	b	1b
	addiu	$t0, $t0, 4		# (delay slot)
2:	jal	main
	nop
	move	$a0, $v0
	jal	exit
	nop
3:	b	3b			# not reached
	nop
	.end _start
