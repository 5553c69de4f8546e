/*
 * stlb.c: secure bindings for memory (paper 5.4).  The software TLB
 * caches bindings the kernel has checked; the UTLB refill handler
 * (vec.S) copies hits into the hardware TLB with no further check.
 * 4096 direct-mapped entries of {tag = EntryHi, EntryLo}, indexed by
 * (VPN ^ ASID << 6) mod 4096, exactly as utlb_refill computes it.
 * Bit 0 of the stored EntryLo (ignored by the hardware) marks a
 * guaranteed mapping, which an ordinary one never displaces.
 *
 * The reverse map (kern.h) lists every binding of each page: STLB
 * slots, pins, wired TLB entries and save areas.  Breaking a page's
 * bindings walks its list, so it costs in proportion to their number.
 */
#include "kern.h"

struct stlb_ent stlb[4096] __attribute__((aligned(8)));
struct rmap_node rmap[RMAP_NODES];
static uint32_t wired_next;     /* the wired TLB entry to use next */

_Static_assert(RMAP_NODES <= 0x10000, "node numbers fit in uint16_t");
_Static_assert(RMAP_PIN == RMAP_STLB + 4096, "one node per STLB slot");
_Static_assert(sizeof(struct rmap_node) == 4 && __builtin_offsetof(struct rmap_node, next) == RMAP_NEXT
	       && __builtin_offsetof(struct rmap_node, prev) == RMAP_PREV, "rmap layout (tlbfast.S)");

static uint32_t stlb_index(uint32_t ehi)
{
	return ((ehi >> PAGE_SHIFT) ^ (((ehi & EHI_ASID_MASK) >> EHI_ASID_SHIFT) << 6)) & 4095;
}

/* Make node n (unlinked) a binding of page ppn: first on its list. */
void rmap_link(uint32_t n, uint32_t ppn)
{
	uint32_t h = RMAP_HEAD + ppn, x;

	if (ppn >= npages)
		return;
	x = rmap[h].next;
	rmap[n].next = x;
	rmap[n].prev = h;
	rmap[x].prev = n;
	rmap[h].next = n;
}

/* Take node n off its page's list (nothing if it is on none). */
void rmap_unlink(uint32_t n)
{
	uint32_t p = rmap[n].prev, x = rmap[n].next;

	rmap[p].next = x;
	rmap[x].prev = p;
	rmap[n].next = n;
	rmap[n].prev = n;
}

/* Invalidate hardware TLB entry i: unmapped kseg0 tags never match. */
static void tlb_invalidate(int i)
{
	tlb_write_index(i, KSEG0_BASE + (i << PAGE_SHIFT), 0);
	if (i < TLB_NWIRED)
		rmap_unlink(RMAP_WIRED + i);
}

/* Invalidate every hardware TLB entry. */
void tlb_flush(void)
{
	int i;

	for (i = 0; i < TLB_NENTRIES; i++)
		tlb_invalidate(i);
}

/* Empty STLB slot s; its binding leaves its page's list. */
static void stlb_clear(uint32_t s)
{
	stlb[s].tag = STLB_EMPTY;
	stlb[s].lo = 0;
	rmap_unlink(RMAP_STLB + s);
}

void stlb_flush_all(void)
{
	uint32_t s;

	for (s = 0; s < 4096; s++)
		stlb_clear(s);
}

/* Every node binds nothing; the STLB and the TLB are empty. */
void stlb_init(void)
{
	uint32_t n;

	for (n = 0; n < RMAP_HEAD + npages; n++)
		rmap[n].next = rmap[n].prev = n;
	stlb_flush_all();
	tlb_flush();
}

/* Drop ehi from the hardware TLB only. */
void tlb_drop(uint32_t ehi)
{
	int i = tlb_probe(ehi);

	if (i >= 0)
		tlb_invalidate(i);
}

/*
 * Put ehi -> elo in the next wired TLB entry (round robin), for a
 * binding that cannot have its STLB slot: TLBWR never picks a wired
 * entry, so the reverse map knows where it is.
 */
static void tlb_write_wired(uint32_t ehi, uint32_t elo)
{
	uint32_t w = wired_next;

	wired_next = (w + 1) % TLB_NWIRED;
	rmap_unlink(RMAP_WIRED + w);
	tlb_write_index(w, ehi, elo & ELO_WRITABLE);
	rmap_link(RMAP_WIRED + w, elo >> PAGE_SHIFT);
}

/*
 * Bind ehi (VPN | ASID) to elo in the STLB and the hardware TLB (kern.h
 * says which TLB entry).  A pinned entry keeps its slot: a mapping that
 * collides with another pinned entry goes only into a wired TLB entry
 * (a pinned one is then refilled from its environment's pin list by
 * trap_pinmiss).  An ordinary entry that loses its slot leaves the TLB
 * as well, so that every TLB entry stays reachable through the reverse
 * map.
 */
void stlb_insert(uint32_t ehi, uint32_t elo, int pin)
{
	uint32_t s = stlb_index(ehi), old = stlb[s].tag;
	int i = tlb_probe(ehi), j;

	if (i >= 0 && i < TLB_NWIRED) {
		tlb_invalidate(i);
		i = -1;
	}
	if ((stlb[s].lo & STLB_PIN) && old != ehi) {
		if (i >= 0)
			tlb_invalidate(i);
		tlb_write_wired(ehi, elo);
		return;
	}
	if (old != STLB_EMPTY && old != ehi && (j = tlb_probe(old)) >= 0) {
		if (i < 0 && j >= TLB_NWIRED)
			i = j;
		else
			tlb_invalidate(j);
	}
	rmap_unlink(RMAP_STLB + s);
	stlb[s].tag = ehi;
	stlb[s].lo = elo | (pin ? STLB_PIN : 0);
	rmap_link(RMAP_STLB + s, elo >> PAGE_SHIFT);
	if (i >= 0)
		tlb_write_index(i, ehi, elo & ELO_WRITABLE);
	else
		tlb_write_random(ehi, elo & ELO_WRITABLE);
}

/* TLBvadelete: unbind ehi from the STLB and the hardware TLB. */
void stlb_delete(uint32_t ehi)
{
	uint32_t s = stlb_index(ehi);

	if (stlb[s].tag == ehi)
		stlb_clear(s);
	tlb_drop(ehi);
}

/*
 * stlb_delete of n consecutive pages from ehi (same ASID).  The TLB is
 * probed for each page, or, for more pages than it has entries, read
 * once and matched against the range.
 */
void stlb_delete_range(uint32_t ehi, uint32_t n)
{
	uint32_t asid = ehi & EHI_ASID_MASK, vpn = ehi >> PAGE_SHIFT, hi, lo;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t e = ehi + (i << PAGE_SHIFT), s = stlb_index(e);

		if (stlb[s].tag == e)
			stlb_clear(s);
		if (n <= TLB_NENTRIES)
			tlb_drop(e);
	}
	if (n <= TLB_NENTRIES)
		return;
	for (int i = 0; i < TLB_NENTRIES; i++) {
		tlb_read(i, &hi, &lo);
		if ((lo & ELO_V) && (hi & EHI_ASID_MASK) == asid && (hi >> PAGE_SHIFT) - vpn < n)
			tlb_invalidate(i);
	}
}

/* Break binding n (a node of some page's list) and take it off the list. */
static void bind_break(uint32_t n)
{
	if (n < RMAP_PIN) {
		tlb_drop(stlb[n].tag);
		stlb_clear(n);
	} else if (n < RMAP_WIRED) {
		env_pin_break(&envs[(n - RMAP_PIN) / EXO_NPIN], (n - RMAP_PIN) % EXO_NPIN);
	} else if (n < RMAP_SAVE) {
		tlb_invalidate(n - RMAP_WIRED);
	} else {
		env_set_save(&envs[n - RMAP_SAVE], 0);
	}
}

/*
 * Break every binding to physical page ppn (free, revoke, repossess,
 * reclaim); returns how many there were.
 */
uint32_t bind_break_page(uint32_t ppn)
{
	uint32_t h = RMAP_HEAD + ppn, n, count = 0;

	while ((n = rmap[h].next) != h) {
		bind_break(n);
		count++;
	}
	return count;
}

/*
 * An environment with this ASID is destroyed: drop the ASID's entries
 * from the hardware TLB.  Its ordinary STLB entries stay where they
 * are, on their pages' lists, until displaced or until their pages are
 * freed: no environment gets this ASID again before a new generation
 * flushes the STLB (env_set_asid), so nothing can use them meanwhile.
 * (Its pinned ones go with its pins, env_unpin_all.)  So destruction
 * costs TLB_NENTRIES reads, not a scan of the STLB.
 */
void bind_break_asid(uint32_t asid)
{
	uint32_t hi, lo;
	int i;

	for (i = 0; i < TLB_NENTRIES; i++) {
		tlb_read(i, &hi, &lo);
		if ((lo & ELO_V) && (hi & EHI_ASID_MASK) == asid)
			tlb_invalidate(i);
	}
}
