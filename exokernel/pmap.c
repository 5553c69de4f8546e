/*
 * pmap.c: physical pages (paper 3.2).  Each page has an owner (an
 * envid, 0 when free, OWNER_KERNEL for the kernel and boot data) and a
 * generation.  Its read and write capabilities are check words that
 * the kernel computes from a boot-time secret, the page number, the
 * generation and the right: applications cannot derive one from
 * another, and bumping the generation (SYS_PAGE_CAP revoke, free)
 * makes every old capability worthless.
 */
#include "kern.h"

struct page { uint32_t owner, gen; };

static struct page pages[MAXPAGES];
static uint32_t npages, first_free, cursor, secret;

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

static void page_release(uint32_t ppn)
{
	bind_break_page(ppn);
	pages[ppn].gen++;
	pages[ppn].owner = 0;
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

/* How many pages envid owns. */
uint32_t page_owned(uint32_t envid)
{
	uint32_t p, n = 0;

	for (p = first_free; p < npages; p++)
		n += pages[p].owner == envid;
	return n;
}

uint32_t page_count(void)
{
	return npages;
}

void page_release_all(uint32_t owner)
{
	uint32_t p;

	for (p = first_free; p < npages; p++)
		if (pages[p].owner == owner)
			page_release(p);
}

/*
 * The abort protocol (paper 3.4): take n pages from e, breaking their
 * bindings and recording them in its repossession vector.  The pages
 * of its guaranteed mappings and its save area are never taken.
 * Returns how many were taken.
 */
int page_repossess(struct env *e, int n)
{
	uint32_t p, used;
	int taken = 0;

	for (p = npages - 1; p >= first_free && taken < n; p--) {
		if (pages[p].owner != e->id || p == e->save_ppn || env_pinned(e, p))
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
