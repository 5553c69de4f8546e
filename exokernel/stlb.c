/*
 * stlb.c: secure bindings for memory (paper 5.4).  The software TLB
 * caches bindings the kernel has checked; the UTLB refill handler
 * (vec.S) copies hits into the hardware TLB with no further check.
 * 4096 direct-mapped entries of {tag = EntryHi, EntryLo}, indexed by
 * (VPN ^ ASID << 6) mod 4096, exactly as utlb_refill computes it.
 * Bit 0 of the stored EntryLo (ignored by the hardware) marks a
 * guaranteed mapping, which an ordinary one never displaces.
 */
#include "kern.h"

struct stlb_ent stlb[4096] __attribute__((aligned(8)));

static uint32_t stlb_index(uint32_t ehi)
{
	return ((ehi >> PAGE_SHIFT) ^ (((ehi & EHI_ASID_MASK) >> EHI_ASID_SHIFT) << 6)) & 4095;
}

/* Invalidate every hardware TLB entry: unmapped kseg0 tags never match. */
void tlb_flush(void)
{
	int i;

	for (i = 0; i < TLB_NENTRIES; i++)
		tlb_write_index(i, KSEG0_BASE + (i << PAGE_SHIFT), 0);
}

void stlb_flush_all(void)
{
	int i;

	for (i = 0; i < 4096; i++) {
		stlb[i].tag = STLB_EMPTY;
		stlb[i].lo = 0;
	}
}

void stlb_init(void)
{
	stlb_flush_all();
	tlb_flush();
}

/* Drop ehi from the hardware TLB only. */
void tlb_drop(uint32_t ehi)
{
	int i = tlb_probe(ehi);

	if (i >= 0)
		tlb_write_index(i, KSEG0_BASE + (i << PAGE_SHIFT), 0);
}

/*
 * Bind ehi (VPN | ASID) to elo in the STLB and the hardware TLB.
 * A pinned entry keeps its slot: a mapping that collides with another
 * pinned entry goes only into the hardware TLB (a pinned one is then
 * refilled from its environment's pin list by trap_pinmiss).
 */
void stlb_insert(uint32_t ehi, uint32_t elo, int pin)
{
	struct stlb_ent *s = &stlb[stlb_index(ehi)];

	if (!(s->lo & STLB_PIN) || s->tag == ehi) {
		s->tag = ehi;
		s->lo = elo | (pin ? STLB_PIN : 0);
	}
	tlb_drop(ehi);
	tlb_write_random(ehi, elo & ELO_WRITABLE);
}

/* TLBvadelete: unbind ehi from the STLB and the hardware TLB. */
void stlb_delete(uint32_t ehi)
{
	struct stlb_ent *s = &stlb[stlb_index(ehi)];

	if (s->tag == ehi) {
		s->tag = STLB_EMPTY;
		s->lo = 0;
	}
	tlb_drop(ehi);
}

/* Break every binding to physical page ppn (free, revoke, repossess). */
void bind_break_page(uint32_t ppn)
{
	uint32_t hi, lo;
	int i;

	for (i = 0; i < 4096; i++)
		if (stlb[i].tag != STLB_EMPTY && (stlb[i].lo >> PAGE_SHIFT) == ppn) {
			stlb[i].tag = STLB_EMPTY;
			stlb[i].lo = 0;
		}
	for (i = 0; i < TLB_NENTRIES; i++) {
		tlb_read(i, &hi, &lo);
		if ((lo & ELO_V) && (lo >> PAGE_SHIFT) == ppn)
			tlb_write_index(i, KSEG0_BASE + (i << PAGE_SHIFT), 0);
	}
	for (i = 0; i < EXO_NENV; i++)
		env_unpin_page(&envs[i], ppn);
}

/* Drop every binding made under one ASID (an environment is destroyed). */
void bind_break_asid(uint32_t asid)
{
	uint32_t hi, lo;
	int i;

	for (i = 0; i < 4096; i++)
		if (stlb[i].tag != STLB_EMPTY && (stlb[i].tag & EHI_ASID_MASK) == asid) {
			stlb[i].tag = STLB_EMPTY;
			stlb[i].lo = 0;
		}
	for (i = 0; i < TLB_NENTRIES; i++) {
		tlb_read(i, &hi, &lo);
		if ((lo & ELO_V) && (hi & EHI_ASID_MASK) == asid)
			tlb_write_index(i, KSEG0_BASE + (i << PAGE_SHIFT), 0);
	}
}
