/*
 * icache.S: void dpf_icache_flush(const void *addr, unsigned len)
 *
 * Invalidates the R3000 I-cache lines of [addr, addr + len) after code
 * has been written there (DPF's generated code): with Status.IsC and
 * SwC set, the caches are isolated and swapped, so a partial-word store
 * invalidates the I-cache line of its address (r3000.md 2.7).  Runs
 * from kseg1 (uncached) while the caches are isolated, with interrupts
 * off; Status is restored before returning to cached code.
 * Uses t0-t3 only (the kernel's C leaves them free).
 */
#include "hw/mips.h"

	.text
	.set noreorder
	.globl dpf_icache_flush
	.ent dpf_icache_flush
dpf_icache_flush:
	la	$t0, 1f
	lui	$t1, 0xa000
	or	$t0, $t0, $t1		# 1f in kseg1
	jr	$t0			# run uncached from here
	addu	$a1, $a0, $a1		# (delay slot) end of the range
1:	mfc0	$t2, $12		# t2 = Status, restored at the end
	li	$t1, ST_ISC | ST_SWC
	srl	$t3, $t2, 1		# IEc cleared: no interrupt while isolated
	sll	$t3, $t3, 1
	or	$t3, $t3, $t1
	mtc0	$t3, $12
	nop				# (mtc0 hazard: Status takes effect)
	nop
2:	sltu	$t0, $a0, $a1
	beq	$t0, $zero, 3f
	nop
	sb	$zero, 0($a0)		# invalidates the I-cache line
	b	2b
	addiu	$a0, $a0, 4		# (delay slot)
3:	nop
	mtc0	$t2, $12		# caches back, interrupts as they were
	nop
	nop
	jr	$ra			# back to cached code
	nop
	.end dpf_icache_flush
