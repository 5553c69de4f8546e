/*
 * crt0.S: start-up of an exokernel application.  The kernel enters at
 * _start in user mode with a0 = the argument, a1 = the envid; the image
 * (with .bss and the stack) is mapped and zeroed.
 */
#include "exo/regdef.h"
#include "exo/exo.h"

	.set noreorder
	.section .text.start, "ax"
	.globl _start
	.ent _start
_start:
	la	sp, _stack_top
	move	s0, a0
	jal	exos_init
	move	s1, a1			# (delay slot)
	move	a0, s0
	jal	main
	move	a1, s1			# (delay slot)
	jal	exit
	move	a0, v0			# (delay slot)
	.end _start
