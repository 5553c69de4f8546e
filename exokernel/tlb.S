/*
 * tlb.S: the hardware TLB, for C.
 *   void tlb_write_random(uint32_t ehi, uint32_t elo)
 *   void tlb_write_index(int i, uint32_t ehi, uint32_t elo)
 *   void tlb_read(int i, uint32_t *ehi, uint32_t *elo)
 *   int  tlb_probe(uint32_t ehi): the index matching ehi, or -1
 * Each restores EntryHi (the running ASID).  Called with interrupts off.
 * They use only v0, v1 and a0-a3: kernel code leaves t0-t9 as the
 * user had them (vec.S), and v0 is any light call's result.
 */
#include "exo/regdef.h"
#include "hw/mips.h"

#define C0_INDEX    $0
#define C0_ENTRYLO  $2
#define C0_ENTRYHI  $10

	.set noreorder
	.text

	.globl tlb_write_random
	.ent tlb_write_random
tlb_write_random:
	mfc0	v1, C0_ENTRYHI
	mtc0	a0, C0_ENTRYHI
	mtc0	a1, C0_ENTRYLO
	nop				# mtc0 -> tlbwr hazard
	tlbwr
	nop				# tlbwr -> mtc0 EntryHi hazard
	jr	ra
	mtc0	v1, C0_ENTRYHI		# (delay slot)
	.end tlb_write_random

	.globl tlb_write_index
	.ent tlb_write_index
tlb_write_index:
	mfc0	v1, C0_ENTRYHI
	sll	a0, a0, INDEX_SHIFT
	mtc0	a0, C0_INDEX
	mtc0	a1, C0_ENTRYHI
	mtc0	a2, C0_ENTRYLO
	nop				# mtc0 -> tlbwi hazard
	tlbwi
	nop				# tlbwi -> mtc0 EntryHi hazard
	jr	ra
	mtc0	v1, C0_ENTRYHI		# (delay slot)
	.end tlb_write_index

	.globl tlb_read
	.ent tlb_read
tlb_read:
	mfc0	v1, C0_ENTRYHI
	sll	a0, a0, INDEX_SHIFT
	mtc0	a0, C0_INDEX
	nop				# mtc0 -> tlbr hazard
	tlbr
	nop				# tlbr -> mfc0 hazard
	mfc0	a0, C0_ENTRYHI
	mfc0	a3, C0_ENTRYLO
	mtc0	v1, C0_ENTRYHI
	sw	a0, 0(a1)
	jr	ra
	sw	a3, 0(a2)		# (delay slot)
	.end tlb_read

	.globl tlb_probe
	.ent tlb_probe
tlb_probe:
	mfc0	v1, C0_ENTRYHI
	mtc0	a0, C0_ENTRYHI
	nop				# mtc0 -> tlbp hazard
	tlbp
	nop				# tlbp -> mfc0 Index hazard
	mfc0	v0, C0_INDEX
	mtc0	v1, C0_ENTRYHI
	bltz	v0, 1f			# P set: no match
	srl	v0, v0, INDEX_SHIFT	# (delay slot)
	jr	ra
	andi	v0, v0, TLB_NENTRIES - 1	# (delay slot)
1:	jr	ra
	li	v0, -1			# (delay slot)
	.end tlb_probe
