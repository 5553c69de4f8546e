/*
 * icache.S: void dpf_icache_flush(const void *addr, unsigned len)
 *
 * Invalidates the R3000 I-cache lines of [addr, addr + len) after code
 * has been written there (DPF's generated code): with Status.IsC and
 * SwC set, the caches are isolated and swapped, so a partial-word store
 * invalidates the I-cache line of its address (r3000.md 2.7).  Runs
 * from kseg1 (uncached) while the caches are isolated, with interrupts
 * off; Status is restored before returning to cached code.
 * Uses only v0, v1 and a0-a3, as the kernel's assembly must
 * (tools/kernel-regs.sh), and leaves no kernel value in them but v0 = 0.
 */
#include "hw/mips.h"

	.text
	.set noreorder
	.globl dpf_icache_flush
	.ent dpf_icache_flush
dpf_icache_flush:
	la	$v0, 1f
	lui	$v1, 0xa000
	or	$v0, $v0, $v1		# 1f in kseg1
	jr	$v0			# run uncached from here
	addu	$a1, $a0, $a1		# (delay slot) end of the range
1:	mfc0	$a3, $12		# a3 = Status, restored at the end
	li	$v1, ST_ISC | ST_SWC
	srl	$a2, $a3, 1		# IEc cleared: no interrupt while isolated
	sll	$a2, $a2, 1
	or	$a2, $a2, $v1
	mtc0	$a2, $12
	nop				# (mtc0 hazard: Status takes effect)
	nop
2:	sltu	$v0, $a0, $a1
	beq	$v0, $zero, 3f
	nop
	sb	$zero, 0($a0)		# invalidates the I-cache line
	b	2b
	addiu	$a0, $a0, 4		# (delay slot)
3:	nop
	mtc0	$a3, $12		# caches back, interrupts as they were
	nop
	nop
	move	$v1, $zero
	move	$a0, $zero
	move	$a1, $zero
	move	$a2, $zero
	jr	$ra			# back to cached code
	move	$a3, $zero		# (delay slot)
	.end dpf_icache_flush
