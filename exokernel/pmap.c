/*
 * pmap.c: physical pages (paper 3.2).  Each page has an owner (an
 * envid, 0 when free, OWNER_KERNEL for the kernel and boot data) and a
 * generation.  Its read and write capabilities are check words that
 * the kernel computes from a boot-time secret, the page number, the
 * generation and the right: applications cannot derive one from
 * another, and bumping the generation (SYS_PAGE_CAP revoke, free)
 * makes every old capability worthless.
 *
 * Each environment's pages are on a list, with a count, so that
 * page_owned, revocation and teardown never scan all of memory.  A
 * destroyed environment's list moves whole onto the reclaim list,
 * whose pages page_reclaim frees a bounded number at a time (kern.h).
 */
#include "kern.h"

struct page { uint32_t owner, gen; };

static struct page pages[MAXPAGES];
static uint32_t npages, first_free, cursor, secret;

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

/* A 32-bit mixing function (an avalanche finalizer). */
static uint32_t mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352d;
	x ^= x >> 15;
	x *= 0x846ca68b;
	x ^= x >> 16;
	return x;
}

/* Account every page: those below free_start are the kernel's. */
void page_init(uint32_t free_start, uint32_t mem_size, uint32_t seed)
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
	secret = mix(seed ^ 0x9e3779b9);
}

uint32_t page_cap(uint32_t ppn, int write)
{
	return mix(secret ^ mix(ppn * 2 + (write != 0)) ^ (pages[ppn].gen * 0x85ebca6b));
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
		for (i = 0; i < npages - first_free; i++) {
			p = first_free + (cursor - first_free + i) % (npages - first_free);
			if (pages[p].owner == 0)
				break;
		}
		if (i == npages - first_free)
			return -E_NOMEM;
		cursor = p + 1 < npages ? p + 1 : first_free;
	}
	pages[p].owner = owner;
	own_add(p, OWN_SLOT(owner));
	page_zero(p);
	return p;
}

/* 0 if cap is page ppn's write (or, with !write, read or write) cap. */
int page_check(uint32_t ppn, uint32_t cap, int write)
{
	if (ppn >= npages || pages[ppn].owner == 0 || pages[ppn].owner == OWNER_KERNEL)
		return -E_PERM;
	if (cap == page_cap(ppn, 1) || (!write && cap == page_cap(ppn, 0)))
		return 0;
	return -E_PERM;
}

static int owner_check(uint32_t owner, uint32_t ppn, uint32_t cap)
{
	if (ppn >= npages)
		return -E_INVAL;
	if (pages[ppn].owner != owner || cap != page_cap(ppn, 1))
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
	}
	return r;
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
	uint32_t *save = env_save(e);
	uint32_t h = OWN_HEAD + OWN_SLOT(e->id), p = own_prev[h], prev;
	int taken = 0;

	for (; p != h && taken < n; p = prev) {
		prev = own_prev[p];
		if (p == e->save_ppn || env_pinned(e, p))
			continue;
		page_release(p);
		if (save[SAVE_NREPO / 4] < EXO_NREPO)
			save[SAVE_REPO / 4 + save[SAVE_NREPO / 4]++] = p;
		taken++;
	}
	return taken;
}
