/*
 * start.S: void _start(uint32_t bootinfo_kva): the entry from the boot
 * loader (kernel mode, BEV set, interrupts off).  Clears .bss, sets the
 * kernel stack and calls kmain(a0).
 */
#include "exo/regdef.h"

	.set noreorder
	.section .text.start, "ax"
	.globl _start
	.ent _start
_start:
	la	t0, _bss_start
	la	t1, _bss_end
1:	beq	t0, t1, 2f
	nop
	sw	zero, 0(t0)
	b	1b
	addiu	t0, t0, 4		# (delay slot)
2:	la	sp, kstack_top - 16	# below kcur: the callee's home area
	jal	kmain
	nop
3:	b	3b
	nop
	.end _start
