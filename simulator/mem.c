/*
 * mem.c: address translation, the host TLB and the physical bus.
 *
 * Translation follows r3000.md 2.4-2.6: address errors first (user mode
 * touching kseg), then kseg0/kseg1 directly, then the 64-entry TLB.
 * Misses in kuseg go to the UTLB vector, all other TLB faults to the
 * general one.
 *
 * The host TLB caches, per mode, guest pages that are plain RAM: a load
 * or store that hits it never leaves cpu.c.  Entries are tagged with the
 * ASID (so changing ASID flushes nothing), invalidated by VPN when the
 * TLB is written.  A write entry of a page holding decoded code has
 * `code` set: the loop's store then decodes the word again
 * (mem_code_written), so data beside code in one page stays on the
 * fast path.  With IsC set, or with memory observers, a third, always
 * empty table sends every access here.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static bool in_ram(const struct machine *m, uint32_t pa, uint32_t n)
{
	return pa < m->ram_size && n <= m->ram_size - pa;
}

/* The TLB index's bucket of an address or EntryHi value. */
#define TLB_BUCKET(va) (((va) >> PAGE_SHIFT) & 255)

void mem_tlb_indexed(struct machine *m, unsigned i)
{
	uint64_t bit = (uint64_t)1 << i;

	m->tlb_bucket[TLB_BUCKET(m->tlb_ihi[i])] &= ~bit;
	m->tlb_ihi[i] = m->cpu.tlb[i].hi;
	m->tlb_bucket[TLB_BUCKET(m->tlb_ihi[i])] |= bit;
}

void mem_tlb_sync(struct machine *m)
{
	for (unsigned i = 0; i < TLB_NENTRIES; i++)
		if (m->tlb_ihi[i] != m->cpu.tlb[i].hi)
			mem_tlb_indexed(m, i);
}

void mem_tlb_reindex(struct machine *m)
{
	memset(m->tlb_bucket, 0, sizeof m->tlb_bucket);
	for (unsigned i = 0; i < TLB_NENTRIES; i++) {
		m->tlb_ihi[i] = m->cpu.tlb[i].hi;
		m->tlb_bucket[TLB_BUCKET(m->tlb_ihi[i])] |= (uint64_t)1 << i;
	}
}

/* Does entry e translate VPN/ASID of hi (EntryHi layout)? */
static inline bool tlb_hit(const struct tlb_entry *e, uint32_t hi)
{
	return ((e->hi ^ hi) & EHI_VPN_MASK) == 0 &&
	       ((e->lo & ELO_G) || ((e->hi ^ hi) & EHI_ASID_MASK) == 0);
}

/* Entries matching va for the ASID; *idx gets the last match.  Only
 * the entries of va's bucket can match; all of them are tested, so two
 * matching entries are seen as on the R3000 (r3000.md 2.4: TLB
 * shutdown), whenever they were written. */
static int tlb_match(const struct machine *m, uint32_t va, uint32_t asid, unsigned *idx)
{
	uint64_t cand = m->tlb_bucket[TLB_BUCKET(va)];
	uint32_t hi = (va & EHI_VPN_MASK) | asid;
	int n = 0;

	while (cand) {
		unsigned i = (unsigned)__builtin_ctzll(cand);
		cand &= cand - 1;
		if (tlb_hit(&m->cpu.tlb[i], hi)) {
			*idx = i;
			n++;
		}
	}
	return n;
}

int mem_tlb_probe(const struct machine *m, uint32_t hi)
{
	uint64_t cand = m->tlb_bucket[TLB_BUCKET(hi)];

	while (cand) {               /* lowest index first, as a full scan */
		unsigned i = (unsigned)__builtin_ctzll(cand);
		cand &= cand - 1;
		if (tlb_hit(&m->cpu.tlb[i], hi))
			return (int)i;
	}
	return -1;
}

static int tlb_fault(struct machine *m, int code, uint32_t va, uint32_t pc,
                     bool bd, bool utlb)
{
	cp0_exception(m, code, pc, bd, va, utlb, 0);
	return -1;
}

/* Two entries matching one address shut the TLB down (Status.TS). */
static void tlb_shutdown(struct machine *m, uint32_t va)
{
	if (!(m->cpu.cp0[CP0_STATUS] & ST_TS))
		fprintf(stderr, "sim: TLB shutdown: two entries match 0x%08x "
		        "(Status.TS set; the TLB no longer translates)\n", va);
	m->cpu.cp0[CP0_STATUS] |= ST_TS;
	mem_htlb_flush(m);
	mem_fetch_flush(m);
}

int mem_translate(struct machine *m, uint32_t va, enum access acc, uint32_t pc,
                  bool bd, uint32_t *pa, bool *uncached)
{
	bool store = acc == ACC_STORE;
	int miss = store ? EXC_TLBS : EXC_TLBL;
	unsigned i = 0;
	int n;
	uint32_t lo;

	if (va >= KSEG0_BASE) {
		if (cp0_user_mode(m))
			return tlb_fault(m, store ? EXC_ADES : EXC_ADEL, va, pc, bd, false);
		if (va < KSEG2_BASE) {
			*pa = va & KSEG_PHYS_MASK;
			*uncached = va >= KSEG1_BASE;
			return 0;
		}
	}
	n = (m->cpu.cp0[CP0_STATUS] & ST_TS) ? 0 : tlb_match(m, va, cp0_asid(m), &i);
	if (n > 1) {
		tlb_shutdown(m, va);
		n = 0;
	}
	if (n == 0)
		return tlb_fault(m, miss, va, pc, bd, va < KSEG0_BASE);
	lo = m->cpu.tlb[i].lo;
	if (!(lo & ELO_V))
		return tlb_fault(m, miss, va, pc, bd, false);
	if (store && !(lo & ELO_D))
		return tlb_fault(m, EXC_MOD, va, pc, bd, false);
	*pa = (lo & ELO_PFN_MASK) | (va & 0xfff);
	*uncached = lo & ELO_N;
	return 0;
}

static void htlb_fill(struct htlb *t, struct machine *m, uint32_t va,
                      uint32_t pa, bool uncached)
{
	struct htlb *h;

	if (m->htlb_cur == HTLB_OFF || !in_ram(m, pa & ~0xfffu, PAGE_SIZE))
		return;
	h = &t[(va >> PAGE_SHIFT) & (HTLB_SIZE - 1)];
	h->tag = (va & ~0xfffu) | cp0_asid(m);
	h->pbase = pa & ~0xfffu;
	h->host = m->ram + h->pbase;
	h->ctag = h->pbase | TAG_VALID | (uncached ? TAG_UNCACHED : 0);
	h->ctab = timing_page_tags(m, m->dc, h->pbase);
	h->code = m->dpage[h->pbase >> PAGE_SHIFT] != NULL;
}

void mem_htlb_flush(struct machine *m)
{
	for (int t = 0; t < 3; t++)
		for (int i = 0; i < HTLB_SIZE; i++)
			m->htlb_r[t][i].tag = m->htlb_w[t][i].tag = HTLB_EMPTY;
}

void mem_htlb_flush_writes(struct machine *m)
{
	for (int t = 0; t < 3; t++)
		for (int i = 0; i < HTLB_SIZE; i++)
			m->htlb_w[t][i].tag = HTLB_EMPTY;
}

void mem_htlb_invalidate_vpn(struct machine *m, uint32_t vpage)
{
	unsigned s = (vpage >> PAGE_SHIFT) & (HTLB_SIZE - 1);

	for (int t = 0; t < 3; t++) {
		if ((m->htlb_r[t][s].tag & ~0xfffu) == vpage)
			m->htlb_r[t][s].tag = HTLB_EMPTY;
		if ((m->htlb_w[t][s].tag & ~0xfffu) == vpage)
			m->htlb_w[t][s].tag = HTLB_EMPTY;
	}
}

/* Forget host-TLB write entries for a physical page: it now has code,
 * and its entries must be made again with `code` set. */
static void htlb_forget_writes(struct machine *m, uint32_t pbase)
{
	for (int t = 0; t < 3; t++)
		for (int i = 0; i < HTLB_SIZE; i++)
			if (m->htlb_w[t][i].tag != HTLB_EMPTY && m->htlb_w[t][i].pbase == pbase)
				m->htlb_w[t][i].tag = HTLB_EMPTY;
}

void mem_mode_changed(struct machine *m)
{
	uint32_t st = m->cpu.cp0[CP0_STATUS];
	int t;

	if (m->slow_mem || (st & ST_ISC))
		t = HTLB_OFF;
	else
		t = (st & ST_KUC) ? HTLB_USER : HTLB_KERNEL;
	m->htlb_cur = t;
	m->dtab_r = m->htlb_r[t];
	m->dtab_w = m->htlb_w[t];
	timing_mode_changed(m);
}

static struct device *bus_find(struct machine *m, uint32_t pa)
{
	for (int i = 0; i < m->ndev; i++)
		if (pa - m->dev[i].base < m->dev[i].size)
			return &m->dev[i];
	return NULL;
}

static uint32_t ram_read(const struct machine *m, uint32_t pa, int size)
{
	const uint8_t *p = m->ram + pa;

	switch (size) {
	case 1: return *p;
	case 2: return *(const uint16_t *)p;
	default: return *(const uint32_t *)p;
	}
}

static void ram_write(struct machine *m, uint32_t pa, int size, uint32_t val)
{
	uint8_t *p = m->ram + pa;

	if (m->timing)
		timing_code_store(m, pa);
	mem_dirty(m, pa);
	switch (size) {
	case 1: *p = (uint8_t)val; break;
	case 2: *(uint16_t *)p = (uint16_t)val; break;
	default: *(uint32_t *)p = val; break;
	}
	mem_code_written(m, pa);
}

int bus_read(struct machine *m, uint32_t pa, int size, uint32_t *val)
{
	struct device *d;

	if (in_ram(m, pa, (uint32_t)size)) {
		*val = ram_read(m, pa, size);
		return 0;
	}
	d = bus_find(m, pa);
	if (!d || !d->read)
		return -1;
	return d->read(m, d, pa - d->base, size, val);
}

int bus_write(struct machine *m, uint32_t pa, int size, uint32_t val)
{
	struct device *d;

	if (in_ram(m, pa, (uint32_t)size)) {
		ram_write(m, pa, size, val);
		return 0;
	}
	d = bus_find(m, pa);
	if (!d || !d->write)
		return -1;
	return d->write(m, d, pa - d->base, size, val);
}

static int bus_error(struct machine *m, uint32_t pc, bool bd)
{
	cp0_exception(m, EXC_DBE, pc, bd, 0, false, 0);
	return -1;
}

int mem_load_slow(struct machine *m, uint32_t va, int size, uint32_t pc, bool bd, uint32_t *val)
{
	uint32_t pa;
	bool unc;

	if (mem_translate(m, va, ACC_LOAD, pc, bd, &pa, &unc))
		return -1;
	if (m->timing && !unc && (m->cpu.cp0[CP0_STATUS] & ST_ISC)) {
		timing_isolated_load(m, pa, size, val);
	} else if (in_ram(m, pa, (uint32_t)size)) {
		if (m->timing)
			timing_ram_load(m, pa, unc, size, val);
		else
			*val = ram_read(m, pa, size);
		if (m->cpu.cp0[CP0_STATUS] & ST_ISC)
			m->cpu.cp0[CP0_STATUS] &= ~ST_CM;   /* no cache model: a hit */
		else
			htlb_fill(m->dtab_r, m, va, pa, unc);
	} else {
		if (m->timing)
			timing_io_read(m);
		if (bus_read(m, pa, size, val))
			return bus_error(m, pc, bd);
	}
	if (m->slow_mem)
		machine_observe_mem(m, va, pa, size, false, *val);
	return 0;
}

int mem_store_slow(struct machine *m, uint32_t va, int size, uint32_t pc, bool bd, uint32_t val)
{
	uint32_t pa;
	bool unc;

	if (mem_translate(m, va, ACC_STORE, pc, bd, &pa, &unc))
		return -1;
	if (m->slow_mem)
		machine_observe_mem(m, va, pa, size, true, val);
	/* An isolated cache takes the store; memory never sees it. */
	if (m->cpu.cp0[CP0_STATUS] & ST_ISC) {
		if (m->timing && !unc) {
			timing_isolated_store(m, pa, size, val);
			return 0;
		}
		if (!m->timing)
			return 0;
	}
	if (in_ram(m, pa, (uint32_t)size)) {
		if (m->timing)
			timing_store(m, (pa & ~3u) | TAG_VALID | (unc ? TAG_UNCACHED : 0), size);
		ram_write(m, pa, size, val);
		htlb_fill(m->dtab_w, m, va, pa, unc);
		return 0;
	}
	if (m->timing)
		timing_io_write(m);
	if (bus_write(m, pa, size, val))
		return bus_error(m, pc, bd);
	return 0;
}

/*
 * SWL/SWR to a device: the bus writes the bytes the instruction names,
 * under byte enables, and reads nothing first (a read of a device
 * register can have side effects, e.g. take a console input byte).
 * SWL at byte k names bytes 0..k of the word (rt's high k + 1 bytes),
 * SWR at byte k names bytes k..3 (rt's low 4 - k bytes).  Our devices
 * take 1-, 2- and 4-byte writes, so a 3-byte span is written as its
 * aligned halfword and its byte, in address order.
 */
static int store_partial_io(struct machine *m, uint32_t va, uint32_t pa, bool left,
                            uint32_t pc, bool bd, uint32_t rt)
{
	uint32_t k = va & 3, first, n, val;

	if (left) {
		first = 0;
		n = k + 1;
		val = rt >> (8 * (3 - k));
	} else {
		first = k;
		n = 4 - k;
		val = rt;
	}
	if (m->timing)
		timing_io_write(m);
	if (m->slow_mem)
		machine_observe_mem(m, va, pa + first, (int)n, true, val);
	while (n) {
		uint32_t part = n == 3 ? (first & 1 ? 1 : 2) : n;
		uint32_t bits = part == 4 ? val : val & ((1u << (8 * part)) - 1);
		if (bus_write(m, pa + first, (int)part, bits))
			return bus_error(m, pc, bd);
		val = part == 4 ? 0 : val >> (8 * part);
		first += part;
		n -= part;
	}
	return 0;
}

int mem_store_partial(struct machine *m, uint32_t va, bool left, uint32_t pc,
                      bool bd, uint32_t rt)
{
	uint32_t pa, word, sh, mask;
	bool unc;

	if (mem_translate(m, va & ~3u, ACC_STORE, pc, bd, &pa, &unc))
		return -1;
	if (m->cpu.cp0[CP0_STATUS] & ST_ISC) {
		if (m->timing && !unc) {
			timing_isolated_store(m, pa, 1, 0);   /* partial: invalidates */
			return 0;
		}
		if (!m->timing)
			return 0;
	}
	if (!in_ram(m, pa, 4))
		return store_partial_io(m, va, pa, left, pc, bd, rt);
	if (m->timing)
		timing_store(m, pa | TAG_VALID | (unc ? TAG_UNCACHED : 0), 1);
	if (bus_read(m, pa, 4, &word))
		return bus_error(m, pc, bd);
	if (left) {                    /* SWL: the high bytes of rt */
		sh = (3 - (va & 3)) * 8;
		mask = 0xffffffffu >> sh;
		word = (word & ~mask) | ((rt >> sh) & mask);
	} else {                       /* SWR: the low bytes of rt */
		sh = (va & 3) * 8;
		mask = 0xffffffffu << sh;
		word = (word & ~mask) | ((rt << sh) & mask);
	}
	if (m->slow_mem)
		machine_observe_mem(m, va, pa, 4, true, word);
	if (bus_write(m, pa, 4, word))
		return bus_error(m, pc, bd);
	return 0;
}

bool mem_wbuf_empty(struct machine *m)
{
	return !m->timing || timing_wbuf_empty(m);
}

struct dinsn *mem_decoded_page(struct machine *m, uint32_t pa)
{
	uint32_t n = pa >> PAGE_SHIFT;
	struct dinsn *dp = m->dpage[n];

	if (dp)
		return dp;
	dp = malloc(1024 * sizeof *dp);
	if (!dp)
		return NULL;
	for (uint32_t i = 0; i < 1024; i++)
		dp[i] = decode(*(uint32_t *)(m->ram + (n << PAGE_SHIFT) + 4 * i));
	m->dpage[n] = dp;
	htlb_forget_writes(m, n << PAGE_SHIFT);
	return dp;
}

/* The fetch cache's tag of a page: what its translation depends on.
 * kseg0/kseg1 do not depend on the ASID, kuseg/kseg2 pages do (a
 * global entry's page is cached once per ASID); all on the mode, which
 * decides whether kseg may be fetched at all. */
static uint32_t fetch_tag(const struct machine *m, uint32_t vpage)
{
	uint32_t mode = cp0_user_mode(m) ? 2u : 0u;

	if (vpage >= KSEG0_BASE && vpage < KSEG2_BASE)
		return vpage | mode;
	return vpage | mode | cp0_asid(m);
}

/* The slot of a page: the high bits folded in so that a kernel's
 * vector page (0x80000000) and its text (0x80010000) do not collide. */
static struct fetch_slot *fetch_slot(struct machine *m, uint32_t vpage)
{
	return &m->fetch_cache[((vpage >> PAGE_SHIFT) + (vpage >> 16)) & (FETCH_SLOTS - 1)];
}

void mem_fetch_flush(struct machine *m)
{
	for (int i = 0; i < FETCH_SLOTS; i++)
		m->fetch_cache[i].tag = HTLB_EMPTY;
	m->fetch_vpage = FETCH_NONE;
}

void mem_fetch_forget(struct machine *m, uint32_t vpage)
{
	struct fetch_slot *f = fetch_slot(m, vpage);

	if ((f->tag & ~0xfffu) == vpage)
		f->tag = HTLB_EMPTY;
	m->fetch_vpage = FETCH_NONE;
}

void mem_fetch_refresh(struct machine *m)
{
	uint32_t vpage = m->cpu.pc & ~0xfffu;
	const struct fetch_slot *f = fetch_slot(m, vpage);

	if (f->tag != fetch_tag(m, vpage) || (m->cpu.pc & 3)) {
		m->fetch_vpage = FETCH_NONE;
		return;
	}
	m->fetch_vpage = vpage;
	m->fetch_pbase = f->pbase;
	m->fetch_itag = f->itag;
	m->fetch_dpage = f->dpage;
}

int mem_fetch_page(struct machine *m, uint32_t pc, bool bd)
{
	uint32_t pa;
	bool unc;
	struct dinsn *dp;
	struct fetch_slot *f;

	if (pc & 3) {
		cp0_exception(m, EXC_ADEL, pc, bd, pc, false, 0);
		return -1;
	}
	if (mem_translate(m, pc, ACC_FETCH, pc, bd, &pa, &unc))
		return -1;
	if (!in_ram(m, pa & ~0xfffu, PAGE_SIZE)) {
		cp0_exception(m, EXC_IBE, pc, bd, 0, false, 0);
		return -1;
	}
	dp = mem_decoded_page(m, pa & ~0xfffu);
	if (!dp) {
		machine_wedged(m, "internal: out of host memory decoding 0x%08x", pc);
		m->stop = STOP_ERROR;
		return -1;
	}
	m->fetch_vpage = pc & ~0xfffu;
	m->fetch_pbase = pa & ~0xfffu;
	m->fetch_itag = m->fetch_pbase | TAG_VALID | (unc ? TAG_UNCACHED : 0);
	m->fetch_dpage = dp;
	f = fetch_slot(m, m->fetch_vpage);
	*f = (struct fetch_slot){ fetch_tag(m, m->fetch_vpage), m->fetch_pbase,
	                          m->fetch_itag, dp };
	return 0;
}

/* ---- Tools' view of memory: no exceptions, no device side effects. */

int machine_virt_to_phys(struct machine *m, uint32_t va, uint32_t *pa)
{
	unsigned i = 0;

	if (va >= KSEG0_BASE && va < KSEG2_BASE) {
		*pa = va & KSEG_PHYS_MASK;
		return 0;
	}
	mem_tlb_sync(m);             /* a tool may have written the TLB */
	if (tlb_match(m, va, cp0_asid(m), &i) != 1 || !(m->cpu.tlb[i].lo & ELO_V))
		return -1;
	*pa = (m->cpu.tlb[i].lo & ELO_PFN_MASK) | (va & 0xfff);
	return 0;
}

int machine_read_phys(struct machine *m, uint32_t pa, void *buf, size_t n)
{
	if (!in_ram(m, pa, (uint32_t)n) || n > m->ram_size)
		return -1;
	memcpy(buf, m->ram + pa, n);
	return 0;
}

int machine_write_phys(struct machine *m, uint32_t pa, const void *buf, size_t n)
{
	if (!in_ram(m, pa, (uint32_t)n) || n > m->ram_size)
		return -1;
	memcpy(m->ram + pa, buf, n);
	for (size_t i = 0; i < n; i += PAGE_SIZE)
		mem_dirty(m, pa + (uint32_t)i);
	if (n)
		mem_dirty(m, pa + (uint32_t)n - 1);
	for (size_t i = 0; i < n; i += 4)
		mem_code_written(m, (pa + (uint32_t)i) & ~3u);
	if (n)
		mem_code_written(m, (pa + (uint32_t)n - 1) & ~3u);
	return 0;
}

/* Split a virtual range at page boundaries. */
static int virt_range(struct machine *m, uint32_t va, void *buf, size_t n, bool write)
{
	uint8_t *p = buf;

	while (n) {
		uint32_t pa;
		size_t chunk = PAGE_SIZE - (va & 0xfff);
		if (chunk > n)
			chunk = n;
		if (machine_virt_to_phys(m, va, &pa))
			return -1;
		if (write ? machine_write_phys(m, pa, p, chunk) : machine_read_phys(m, pa, p, chunk))
			return -1;
		va += (uint32_t)chunk;
		p += chunk;
		n -= chunk;
	}
	return 0;
}

int machine_read_virt(struct machine *m, uint32_t va, void *buf, size_t n)
{
	return virt_range(m, va, buf, n, false);
}

int machine_write_virt(struct machine *m, uint32_t va, const void *buf, size_t n)
{
	return virt_range(m, va, (void *)buf, n, true);
}
