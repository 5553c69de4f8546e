/*
 * vm_fork.S: int vm_fork(void) (vm.h), the register half of fork.
 *
 * The callee-saved registers and ra go into a frame on the stack, then
 * vm_fork_build(frame) (vm_fork.c) copies the address space, stack and
 * frame included, and starts the child at vm_fork_child with sp =
 * frame: the child's copy of the frame gives it the same registers,
 * and, after vm_fork_child_init, it returns 0 where the parent returns
 * the child's envid.
 */
#include "exo/regdef.h"

	.set noreorder
	.text
	.globl vm_fork, vm_fork_child
	.ent vm_fork
vm_fork:
	addiu	sp, sp, -48
	sw	ra, 44(sp)
	sw	s0, 0(sp)
	sw	s1, 4(sp)
	sw	s2, 8(sp)
	sw	s3, 12(sp)
	sw	s4, 16(sp)
	sw	s5, 20(sp)
	sw	s6, 24(sp)
	sw	s7, 28(sp)
	sw	$30, 32(sp)
	sw	gp, 36(sp)
	jal	vm_fork_build
	move	a0, sp			# (delay slot) the frame
	b	1f			# v0 = the child's envid or -E_*
	nop
vm_fork_child:				# the child: sp = its copy of the frame
	jal	vm_fork_child_init	# forget the parent's exos_ptab
	nop
	move	v0, zero
1:	lw	ra, 44(sp)
	lw	s0, 0(sp)
	lw	s1, 4(sp)
	lw	s2, 8(sp)
	lw	s3, 12(sp)
	lw	s4, 16(sp)
	lw	s5, 20(sp)
	lw	s6, 24(sp)
	lw	s7, 28(sp)
	lw	$30, 32(sp)
	lw	gp, 36(sp)
	jr	ra
	addiu	sp, sp, 48		# (delay slot)
	.end vm_fork
