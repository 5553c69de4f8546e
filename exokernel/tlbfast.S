/*
 * tlbfast.S: SYS_TLB_WRITE of an ordinary mapping in segment 1 without
 * C, the call an application's TLB-miss handler makes (paper 5.4).
 *
 * Entered from vec.S k_light (21 instructions from gen_exc) with k1 =
 * the caller, v0 = SYS_TLB_WRITE, a0 = va, a1 = pte, a2 = cap, EPC
 * the syscall's pc, interrupts off.  kcur.env is still the caller, as
 * on the other fast paths: everything here is in kseg0 and cannot
 * fault.  It makes the checks of trap.c sys_tlb_write and the insert
 * of stlb_insert (kern.h: which TLB entry gets the mapping, the reverse
 * map's link and unlink); anything unusual goes back to k_light +
 * K_LIGHT_C, the C path, with v0, a0-a2, k1, sp and ra as they came and
 * EntryHi holding the caller's ASID:
 *
 *   va not in segment 1, a flag but TLB_WRITE and TLB_NOCACHE (so
 *   TLB_PIN too), ppn >= npages, a page free or the kernel's, a
 *   capability that does not match: C returns the error;
 *   the slot held by a guaranteed mapping (C puts the binding in a
 *   wired entry), or ehi or the slot's tag in a wired TLB entry (C
 *   invalidates it and unlinks its node), or ehi in the TLB while its
 *   slot does not hold it (the kern.h invariant says it cannot be).
 *
 * Segment 1 holds no guaranteed mappings (sys_tlb_write refuses
 * TLB_PIN above segment 2, env_create pins only below), so the
 * pin-list work of sys_tlb_write (env_unpin) has nothing to do.  Only
 * k0, k1, v0, v1 and a0-a3 are used (tools/kernel-regs.sh), and on the
 * way out v0 = v1 = 0 (the result), a0-a3 and k1 are zeroed, k0 is the
 * return pc; at, HI and LO were never touched.  The ordinary case (the
 * slot empty, as after SYS_TLB_DELETE): 71 instructions here, 92 from
 * gen_exc to the rfe.
 */
#include "exo/regdef.h"
#include "hw/mips.h"
#include "kern.h"

#define C0_INDEX    $0
#define C0_RANDOM   $1
#define C0_ENTRYLO  $2
#define C0_ENTRYHI  $10
#define C0_EPC      $14
#define BACK        k_light + K_LIGHT_C

	.set noreorder
	.text
	.globl tlb_fast
	.ent tlb_fast
tlb_fast:
	bltz	a0, BACK		# 22 va in a kernel segment
	srl	v1, a0, 24		# 23 (delay slot) 0: segment 2
	beq	v1, zero, BACK		# 24
	andi	v1, a1, 0x3ff		# 25 (delay slot) flags (PFN, D, N are 0xfffff000, 0xc00)
	bne	v1, zero, BACK		# 26
	lui	v1, %hi(npages)		# 27 (delay slot)
	lw	v1, %lo(npages)(v1)	# 28
	srl	a3, a1, PAGE_SHIFT	# 29 ppn (load delay)
	sltu	v1, a3, v1		# 30
	beq	v1, zero, BACK		# 31 past the end of RAM
	sll	a3, a3, PAGE_SHIFT_REC	# 32 (delay slot)
	lui	v1, %hi(pages)		# 33
	addu	a3, a3, v1		# 34 a3 = &pages[ppn] - %lo(pages)
	lw	v1, %lo(pages) + PAGE_OWNER(a3)	# 35
	lw	k0, %lo(pages) + PAGE_WCAP(a3)	# 36 (load delay)
	addiu	v1, v1, 1		# 37
	sltiu	v1, v1, 2		# 38 owner + 1 < 2: 0 (free) or OWNER_KERNEL
	bne	v1, zero, BACK		# 39
	andi	v1, a1, TLB_WRITE	# 40 (delay slot)
	beq	k0, a2, 1f		# 41 the write capability allows either
	lw	k0, %lo(pages) + PAGE_RCAP(a3)	# 42 (delay slot)
	bne	v1, zero, BACK		# a writable mapping needs it
	nop
	bne	k0, a2, BACK		# a read-only one the read capability
	nop
1:	lw	k0, ENV_EHI(k1)		# 43 the caller's ASID << 6
	srl	v1, a0, PAGE_SHIFT	# 44
	sll	v1, v1, PAGE_SHIFT	# 45
	or	v1, v1, k0		# 46 v1 = ehi, va's page | ASID
	srl	k0, v1, 9		# 47 VPN << 3
	sll	a3, v1, 3		# 48 ASID << 9
	xor	a3, a3, k0		# 49
	andi	a3, a3, 0x7ff8		# 50 8 * s, as utlb_refill computes it
	lui	k0, %hi(stlb)		# 51
	addu	a3, a3, k0		# 52 a3 = &stlb[s] - %lo(stlb): its low 16 bits are 8 * s
	mtc0	v1, C0_ENTRYHI		# 53 the caller's ASID still
	lw	k0, %lo(stlb)(a3)	# 54 the slot's tag
	tlbp				# 55 where is ehi?
	beq	k0, v1, .Lown		# 56 the slot holds ehi already
	addiu	k0, k0, -STLB_EMPTY	# 57 (delay slot)
	bne	k0, zero, .Lother	# 58 it holds another tag
	mfc0	k0, C0_INDEX		# 59 (delay slot)
	lui	v0, %hi(rmap)		# 60 (cp0 delay) an empty slot
	bgez	k0, .Lback_v0		# 61 ehi in a wired entry (or the invariant broken)
	ori	k0, a1, ELO_V		# 62 (delay slot) elo = pte | V (no other flag: checked)

/*
 * Committed.  v1 = ehi, a3 = the slot, a1 = pte, v0 = %hi(rmap); a0,
 * a2, k0 free.  Here an empty slot, whose node is on no list: a random
 * TLB entry gets ehi.  .Lrelink takes node s off its page's list first,
 * writes the TLB entry it chose and comes in at 2.
 */
	mtc0	k0, C0_ENTRYLO		# 63
	sw	v1, %lo(stlb)(a3)	# 64 the slot: tag (mtc0 -> tlbwr)
	tlbwr				# 65 EntryHi = ehi
	sw	k0, %lo(stlb) + 4(a3)	# 66 and EntryLo (not a pin)
	andi	a0, a3, 0x7ff8		# 67 8 * s
	srl	a0, a0, 1		# 68 4 * s = node s's offset in rmap
2:	srl	a2, a1, PAGE_SHIFT	# 69 ppn
	addiu	a2, a2, RMAP_HEAD	# 70 h
	sll	k0, a2, 2		# 71
	addu	k0, k0, v0		# 72 &rmap[h] - %lo(rmap)
	lhu	v1, %lo(rmap) + RMAP_NEXT(k0)	# 73 x = next[h]
	srl	a3, a0, 2		# 74 s (load delay)
	sh	a3, %lo(rmap) + RMAP_NEXT(k0)	# 75 next[h] = s
	addu	a0, a0, v0		# 76 &rmap[s] - %lo(rmap)
	sh	v1, %lo(rmap) + RMAP_NEXT(a0)	# 77 next[s] = x
	sh	a2, %lo(rmap) + RMAP_PREV(a0)	# 78 prev[s] = h
	sll	v1, v1, 2		# 79
	addu	v1, v1, v0		# 80
	sh	a3, %lo(rmap) + RMAP_PREV(v1)	# 81 prev[x] = s
	mfc0	k0, C0_EPC		# 82
	move	a0, zero		# 83
	move	a1, zero		# 84
	move	a2, zero		# 85
	move	a3, zero		# 86
	move	v0, zero		# 87 the result: 0
	move	v1, zero		# 88
	addiu	k0, k0, 4		# 89
	move	k1, zero		# 90
	jr	k0			# 91
	rfe				# 92 (delay slot)

/* Back to C from 61, which took v0 (the call number C dispatches on). */
.Lback_v0:
	b	BACK
	li	v0, SYS_TLB_WRITE	# (delay slot)

/*
 * The slot holds another tag (k0 = Index, ehi's entry), which leaves
 * the TLB with it: its entry, if any, gets ehi.
 */
.Lother:
	nop				# (cp0 delay)
	bgez	k0, BACK		# ehi in a wired entry (or the invariant broken)
	lw	k0, %lo(stlb) + 4(a3)	# (delay slot) the slot's EntryLo
	nop				# (load delay)
	andi	k0, k0, STLB_PIN
	bne	k0, zero, BACK		# a guaranteed mapping keeps its slot
	lw	k0, %lo(stlb)(a3)	# (delay slot) the tag
	nop				# (load delay)
	mtc0	k0, C0_ENTRYHI
	nop				# (mtc0 -> tlbp)
	tlbp
	nop				# (tlbp -> mfc0)
	mfc0	k0, C0_INDEX
	mtc0	v1, C0_ENTRYHI		# (cp0 delay) ehi again
	bltz	k0, .Lrandom		# the tag is in no TLB entry
	sltiu	k0, k0, TLB_NWIRED << INDEX_SHIFT	# (delay slot)
	bne	k0, zero, BACK		# in a wired entry: C unlinks it
	nop
	b	.Lrelink		# Index names its entry
	nop

/* The slot holds ehi: its TLB copy, if any, gets the new EntryLo. */
.Lown:
	mfc0	k0, C0_INDEX
	nop				# (cp0 delay)
	bltz	k0, .Lrandom		# not in the TLB
	sltiu	k0, k0, TLB_NWIRED << INDEX_SHIFT	# (delay slot)
	bne	k0, zero, BACK		# in a wired entry
	nop

/*
 * Committed, as after 62, but node s is on its old page's list: the
 * TLB entry Index names gets ehi (.Lrandom: a random one), s leaves
 * its list, and the link above follows.
 */
.Lrelink:
	ori	k0, a1, ELO_V		# elo
	mtc0	k0, C0_ENTRYLO
	sw	v1, %lo(stlb)(a3)	# the slot: tag (mtc0 -> tlbwi)
	tlbwi				# EntryHi = ehi
3:	sw	k0, %lo(stlb) + 4(a3)	# and EntryLo
	andi	a0, a3, 0x7ff8		# 8 * s
	srl	a0, a0, 1		# 4 * s
	lui	v0, %hi(rmap)
	addu	a2, a0, v0		# &rmap[s] - %lo(rmap)
	lhu	k0, %lo(rmap) + RMAP_PREV(a2)	# p
	lhu	a3, %lo(rmap) + RMAP_NEXT(a2)	# x
	sll	v1, k0, 2
	addu	v1, v1, v0
	sh	a3, %lo(rmap) + RMAP_NEXT(v1)	# next[p] = x
	sll	v1, a3, 2
	addu	v1, v1, v0
	b	2b			# and link it to the new page
	sh	k0, %lo(rmap) + RMAP_PREV(v1)	# (delay slot) prev[x] = p
.Lrandom:
	ori	k0, a1, ELO_V		# elo
	mtc0	k0, C0_ENTRYLO
	sw	v1, %lo(stlb)(a3)	# the slot: tag (mtc0 -> tlbwr)
	b	3b
	tlbwr				# (delay slot) EntryHi = ehi
	.end tlb_fast
