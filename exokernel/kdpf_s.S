/*
 * kdpf_s.S: DPF's assembly in the kernel.
 *
 * int dpf_kcall(const void *code, const void *msg, unsigned len)
 * Calls DPF's generated code (a leaf that uses t0-t9, v1 and a0-a3)
 * with a0 = msg, a1 = len, saving and restoring t0-t9 around it in
 * kdpf_tsave: kernel code leaves them as the user had them (vec.S
 * k_light; tools/kernel-regs.sh allows this one routine to name them).
 * The kernel runs with interrupts off, so one save area serves.
 * v1 and a0-a3 come back zero: no kernel address is left in them.
 *
 * And dpf_icache_flush (dpf/icache.S).
 */
#include "../dpf/icache.S"

	.bss
	.align 2
kdpf_tsave:
	.space 44			# t0-t7, t8, t9, ra

	.text
	.set noreorder
	.set noat
	.globl dpf_kcall
	.ent dpf_kcall
dpf_kcall:
	la	$v0, kdpf_tsave
	sw	$t0, 0($v0)
	sw	$t1, 4($v0)
	sw	$t2, 8($v0)
	sw	$t3, 12($v0)
	sw	$t4, 16($v0)
	sw	$t5, 20($v0)
	sw	$t6, 24($v0)
	sw	$t7, 28($v0)
	sw	$t8, 32($v0)
	sw	$t9, 36($v0)
	sw	$ra, 40($v0)
	move	$v1, $a0		# the code
	move	$a0, $a1		# msg
	jalr	$v1
	move	$a1, $a2		# (delay slot) len
	la	$a3, kdpf_tsave		# v0 = the result, kept
	lw	$t0, 0($a3)
	lw	$t1, 4($a3)
	lw	$t2, 8($a3)
	lw	$t3, 12($a3)
	lw	$t4, 16($a3)
	lw	$t5, 20($a3)
	lw	$t6, 24($a3)
	lw	$t7, 28($a3)
	lw	$t8, 32($a3)
	lw	$t9, 36($a3)
	lw	$ra, 40($a3)
	move	$v1, $zero
	move	$a0, $zero
	move	$a1, $zero
	move	$a2, $zero
	jr	$ra
	move	$a3, $zero		# (delay slot)
	.end dpf_kcall
