/*
 * pmap.c: physical pages (paper 3.2).  Each page has an owner (an
 * envid, 0 when free, OWNER_KERNEL for the kernel and boot data), a
 * generation, and a read and a write capability for that generation
 * (struct page, kern.h).  A capability is the low 32 bits of
 * SipHash-2-4, a keyed MAC, of the page number, the generation and the
 * right (0 read, 1 write) under a 128-bit key derived from the boot
 * seed: without the key no capability tells anything about another,
 * and bumping the generation (SYS_PAGE_CAP revoke, free) makes every
 * old one worthless.  Both are computed when a generation is handed
 * out (allocation, revocation) and stored, so a check is a compare.
 *
 * Each environment's pages are on a list, with a count, so that
 * page_owned, revocation and teardown never scan all of memory.  A
 * destroyed environment's list moves whole onto the reclaim list,
 * whose pages page_reclaim frees a bounded number at a time (kern.h).
 */
#include "kern.h"

struct page pages[MAXPAGES];
uint32_t npages;
static uint32_t first_free, cursor;
static uint64_t cap_key[2];

#define ROTL(x, b) ((x) << (b) | (x) >> (64 - (b)))

/*
 * Pages by owner: circular doubly linked lists through own_next[] and
 * own_prev[], indexed by ppn, with head nodes OWN_HEAD + envid slot
 * and OWN_RECLAIM; own_count[] counts each list (the reclaim list's at
 * EXO_NENV).  Kernel and free pages are on no list.  Pages of a
 * destroyed environment keep its envid as owner until reclaimed, so
 * nothing can allocate them, and that envid comes back only after
 * 0x7fff more environments in its slot: every destruction reclaims at
 * least one page, oldest first, and fewer pages than that can wait.
 */
#define OWN_HEAD     MAXPAGES
#define OWN_RECLAIM  (OWN_HEAD + EXO_NENV)
#define OWN_SLOT(id) (((id) & ENV_IDX_MASK) >> ENV_SHIFT)
static uint16_t own_next[OWN_RECLAIM + 1], own_prev[OWN_RECLAIM + 1];
static uint32_t own_count[EXO_NENV + 1];

_Static_assert(OWN_RECLAIM < 0x10000, "list nodes fit in uint16_t");

/* Put page p last on list l (an envid slot, or EXO_NENV: reclaim). */
static void own_add(uint32_t p, uint32_t l)
{
	uint32_t h = OWN_HEAD + l, last = own_prev[h];

	own_next[p] = h;
	own_prev[p] = last;
	own_next[last] = p;
	own_prev[h] = p;
	own_count[l]++;
}

/* Take page p off whatever list it is on (the caller fixes the count). */
static void own_del(uint32_t p)
{
	own_next[own_prev[p]] = own_next[p];
	own_prev[own_next[p]] = own_prev[p];
}

/* SipRound, as published by Aumasson and Bernstein (2012). */
static void sipround(uint64_t v[4])
{
	v[0] += v[1];
	v[2] += v[3];
	v[1] = ROTL(v[1], 13) ^ v[0];
	v[3] = ROTL(v[3], 16) ^ v[2];
	v[0] = ROTL(v[0], 32);
	v[2] += v[1];
	v[0] += v[3];
	v[1] = ROTL(v[1], 17) ^ v[2];
	v[3] = ROTL(v[3], 21) ^ v[0];
	v[2] = ROTL(v[2], 32);
}

/* Absorb one 64-bit message word: two rounds (the "2" of 2-4). */
static void sipblock(uint64_t v[4], uint64_t m)
{
	v[3] ^= m;
	sipround(v);
	sipround(v);
	v[0] ^= m;
}

/* The k (0..4) low bytes of x, the rest zero. */
static uint32_t low_bytes(uint32_t x, uint32_t k)
{
	return k >= 4 ? x : x & ((1u << 8 * k) - 1);
}

/*
 * SipHash-2-4 under key k of the n-byte message whose bytes are the
 * words w[], little-endian (bytes past n are ignored).  The last block
 * holds the leftover bytes and n mod 256 in its top byte; four rounds
 * (the "4") finish.
 */
static uint64_t siphash24(const uint64_t k[2], const uint32_t *w, uint32_t n)
{
	uint64_t v[4] = {
		k[0] ^ 0x736f6d6570736575ull, k[1] ^ 0x646f72616e646f6dull,
		k[0] ^ 0x6c7967656e657261ull, k[1] ^ 0x7465646279746573ull,
	};
	uint32_t i, left, lo, hi;

	for (i = 0; i + 8 <= n; i += 8)
		sipblock(v, w[i / 4] | (uint64_t)w[i / 4 + 1] << 32);
	left = n - i;
	lo = left ? low_bytes(w[i / 4], left) : 0;
	hi = left > 4 ? low_bytes(w[i / 4 + 1], left - 4) : 0;
	sipblock(v, lo | (uint64_t)(hi | n << 24) << 32);
	v[2] ^= 0xff;
	for (i = 0; i < 4; i++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/*
 * The paper's test vector: key bytes 00..0f, message bytes 00..0e
 * (15 bytes, so the last block is a partial one).  This key also
 * derives the capability key from the seed.
 */
static const uint64_t ref_key[2] = { 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull };
static const uint32_t ref_msg[4] = { 0x03020100, 0x07060504, 0x0b0a0908, 0x000e0d0c };
#define REF_HASH 0xa129ca6149be45e5ull

/* Capability `right` (0 read, 1 write) of page ppn at generation gen. */
static uint32_t cap_of(uint32_t ppn, uint32_t gen, uint32_t right)
{
	uint32_t m[3] = { ppn, gen, right };

	return (uint32_t)siphash24(cap_key, m, sizeof m);
}

/* Store page ppn's capabilities for its current generation. */
static void page_mkcaps(uint32_t ppn)
{
	pages[ppn].rcap = cap_of(ppn, pages[ppn].gen, 0);
	pages[ppn].wcap = cap_of(ppn, pages[ppn].gen, 1);
}

/*
 * Check SipHash against the reference, then derive the capability key
 * from the boot seed: k[i] = SipHash-2-4 under the reference key of the
 * 12 bytes (seed low word, seed high word, i), for i = 0, 1.
 */
static void cap_init(uint64_t seed)
{
	uint32_t m[3] = { (uint32_t)seed, (uint32_t)(seed >> 32), 0 };

	if (siphash24(ref_key, ref_msg, 15) != REF_HASH)
		kpanic("SipHash-2-4 fails its test vector");
	cap_key[0] = siphash24(ref_key, m, sizeof m);
	m[2] = 1;
	cap_key[1] = siphash24(ref_key, m, sizeof m);
}

/* Account every page: those below free_start are the kernel's. */
void page_init(uint32_t free_start, uint32_t mem_size, uint64_t seed)
{
	uint32_t i;

	npages = mem_size >> PAGE_SHIFT;
	if (npages > MAXPAGES)
		npages = MAXPAGES;
	first_free = (free_start + PAGE_SIZE - 1) >> PAGE_SHIFT;
	for (i = 0; i < npages; i++)
		pages[i].owner = i < first_free ? OWNER_KERNEL : 0;
	for (i = OWN_HEAD; i <= OWN_RECLAIM; i++)
		own_next[i] = own_prev[i] = i;
	cursor = first_free;
	cap_init(seed);
}

uint32_t page_cap(uint32_t ppn, int write)
{
	return write ? pages[ppn].wcap : pages[ppn].rcap;
}

static void page_zero(uint32_t ppn)
{
	memset(KVA(ppn << PAGE_SHIFT), 0, PAGE_SIZE);
}

/* Allocate page ppn, or any page if ppn < 0; returns its number. */
int page_alloc(uint32_t owner, int32_t ppn)
{
	uint32_t i, p;

	if (ppn >= 0) {
		if ((uint32_t)ppn >= npages)
			return -E_INVAL;
		if (pages[ppn].owner != 0)
			return -E_BUSY;
		p = ppn;
	} else {
		for (;;) {
			for (i = 0; i < npages - first_free; i++) {
				p = first_free + (cursor - first_free + i) % (npages - first_free);
				if (pages[p].owner == 0)
					break;
			}
			if (i < npages - first_free)
				break;
			if (own_count[EXO_NENV] == 0)
				return -E_NOMEM;
			page_reclaim(RECLAIM_WORK);   /* a dead environment's pages wait */
		}
		cursor = p + 1 < npages ? p + 1 : first_free;
	}
	pages[p].owner = owner;
	page_mkcaps(p);
	own_add(p, OWN_SLOT(owner));
	page_zero(p);
	return p;
}

/* 0 if cap is page ppn's write (or, with !write, read or write) cap. */
int page_check(uint32_t ppn, uint32_t cap, int write)
{
	if (ppn >= npages || pages[ppn].owner == 0 || pages[ppn].owner == OWNER_KERNEL)
		return -E_PERM;
	if (cap == pages[ppn].wcap || (!write && cap == pages[ppn].rcap))
		return 0;
	return -E_PERM;
}

static int owner_check(uint32_t owner, uint32_t ppn, uint32_t cap)
{
	if (ppn >= npages)
		return -E_INVAL;
	if (pages[ppn].owner != owner || cap != pages[ppn].wcap)
		return -E_PERM;
	return 0;
}

/*
 * Break every binding of ppn and free it: a new generation (old
 * capabilities die), no owner, off its list.  Returns how many
 * bindings it had.
 */
static uint32_t page_clear(uint32_t ppn)
{
	uint32_t n = bind_break_page(ppn);

	pages[ppn].gen++;
	pages[ppn].owner = 0;
	own_del(ppn);
	return n;
}

/* Free ppn, a page of a live environment. */
static void page_release(uint32_t ppn)
{
	own_count[OWN_SLOT(pages[ppn].owner)]--;
	page_clear(ppn);
}

int page_free(uint32_t owner, uint32_t ppn, uint32_t cap)
{
	int r = owner_check(owner, ppn, cap);

	if (r == 0)
		page_release(ppn);
	return r;
}

/* New capabilities for ppn; every binding made with the old ones breaks. */
int page_recap(uint32_t owner, uint32_t ppn, uint32_t cap)
{
	int r = owner_check(owner, ppn, cap);

	if (r == 0) {
		bind_break_page(ppn);
		pages[ppn].gen++;
		page_mkcaps(ppn);
	}
	return r;
}

/*
 * Page ppn, owned by a live environment, now belongs to the live
 * environment `to` (SYS_ENV_MAP's EXO_MAP_GIVE); its generation,
 * capabilities and bindings stay.
 */
void page_give(uint32_t ppn, uint32_t to)
{
	own_count[OWN_SLOT(pages[ppn].owner)]--;
	own_del(ppn);
	pages[ppn].owner = to;
	own_add(ppn, OWN_SLOT(to));
}

uint32_t page_owner(uint32_t ppn)
{
	return pages[ppn].owner;
}

/* SYS_PAGE_OWNER: the owner's envid, 0 if free or the kernel's, or -E_INVAL. */
sysret sys_page_owner(uint32_t ppn, uint32_t a1, uint32_t a2)
{
	if (ppn >= npages)
		return -E_INVAL;
	return pages[ppn].owner == OWNER_KERNEL ? 0 : (int)pages[ppn].owner;
}

/* How many pages envid, a live environment, owns. */
uint32_t page_owned(uint32_t envid)
{
	return own_count[OWN_SLOT(envid)];
}

uint32_t page_count(void)
{
	return npages;
}

/*
 * owner is being destroyed: its pages join the reclaim list (in O(1),
 * however many there are), and a first share of them is reclaimed.
 */
void page_release_all(uint32_t owner)
{
	uint32_t l = OWN_SLOT(owner), h = OWN_HEAD + l, r = OWN_RECLAIM;
	uint32_t first = own_next[h], last = own_prev[h], tail = own_prev[r];

	if (first != h) {
		own_next[tail] = first;
		own_prev[first] = tail;
		own_next[last] = r;
		own_prev[r] = last;
		own_next[h] = own_prev[h] = h;
		own_count[EXO_NENV] += own_count[l];
		own_count[l] = 0;
	}
	page_reclaim(RECLAIM_WORK);
}

/*
 * Reclaim pages of destroyed environments, oldest first, until `work`
 * units are spent (a page costs one, plus one per binding it had);
 * each page is reclaimed whole, so a cap holder that keeps binding a
 * waiting page cannot keep it from being freed.
 */
void page_reclaim(uint32_t work)
{
	uint32_t p, spent = 0;

	while (spent < work && (p = own_next[OWN_RECLAIM]) != OWN_RECLAIM) {
		spent += 1 + page_clear(p);
		own_count[EXO_NENV]--;
	}
}

/*
 * The abort protocol (paper 3.4): take n pages from e, breaking their
 * bindings and recording them in its repossession vector.  The pages
 * of its guaranteed mappings and its save area are never taken.
 * Returns how many were taken, the most recently allocated first.
 */
int page_repossess(struct env *e, int n)
{
	uint32_t h = OWN_HEAD + OWN_SLOT(e->id), p = own_prev[h], prev, used;
	int taken = 0;

	for (; p != h && taken < n; p = prev) {
		prev = own_prev[p];
		if (p == e->save_ppn || env_pinned(e, p))
			continue;
		page_release(p);
		used = save_get(e, SAVE_NREPO);
		if (used < EXO_NREPO) {
			save_put(e, SAVE_REPO + 4 * used, p);
			save_put(e, SAVE_NREPO, used + 1);
		}
		taken++;
	}
	return taken;
}
