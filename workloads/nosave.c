/*
 * nosave.c: whatever the kernel writes on an environment's behalf goes
 * to memory sized and owned for it.  The child registers a save area on
 * a page of its own and frees that page, so it has none (the kernel
 * falls back to a null area of its own); it owns NPAGES more pages.
 * The parent then revokes them all with a short deadline: the kernel
 * writes the request, and at the deadline the repossession vector,
 * into the child's save area.  Afterwards the child still runs from
 * its guaranteed mappings, it lost exactly its NPAGES pages, a page the
 * parent keeps private is intact, and neither it nor kernel page 0 can
 * be bound by the child.
 */
#include "exos.h"

#define NPAGES  24
#define SAVE2   0x00900000
#define PRIVATE 0x03000000
#define WAIT    10000000            /* cycles: two of the child's page scans and more */

/* The pages envid id owns. */
static uint32_t owned_by(uint32_t id)
{
	uint32_t n = 0, i;

	for (i = 0; i < 32768; i++)
		n += sys_page_owner(i) == (int)id;
	return n;
}

static int __attribute__((noreturn)) child(uint32_t parent, uint32_t self)
{
	uint32_t cap, n = 0, i;
	int q = sys_page_alloc(-1, &cap), r;

	if (q < 0 || sys_tlb_write(SAVE2, q << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap) < 0
	    || sys_set_save(SAVE2) < 0 || sys_page_free(q, cap) < 0)
		printf("child: setup WRONG\n");
	for (i = 0; i < NPAGES; i++)
		n += sys_page_alloc(-1, &cap) >= 0;
	printf("child: no save area, %u more pages\n", (unsigned)n);
	for (;;) {
		r = sys_yield(parent);
		if (r < 0)
			sys_yield(-1);
		if ((n = owned_by(self)) < NPAGES)
			break;
	}
	printf("child: still running, %u pages left\n", (unsigned)n);
	r = sys_tlb_write(0x03400000, 0 << PAGE_SHIFT | TLB_WRITE, 0);
	printf("child: bind kernel page 0: %d %s\n", r, r == -E_PERM ? "ok" : "WRONG");
	for (;;)
		sys_yield(parent);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t cap, i, bad = 0, t, base;
	int c, p, r;

	if (arg & 1)
		return child(arg & ~1u, self);
	base = owned_by(self);            /* the image and the save page */
	p = sys_page_alloc(-1, &cap);
	exos_map(PRIVATE, p, cap, 1);
	for (i = 0; i < 1024; i++)
		((volatile uint32_t *)PRIVATE)[i] = 0xc0de0000 + i;
	c = sys_env_create(0, self | 1);
	do                                /* until it has all its pages (a tick */
		sys_yield(c);             /* may come while it allocates them) */
	while (owned_by(c) < base + NPAGES);
	r = sys_revoke(c, NPAGES, 1000);
	printf("parent: revoke %d pages in 1000 us: %d\n", NPAGES, r);
	t = EXOS_CYCLES();
	while (EXOS_CYCLES() - t < WAIT)
		sys_yield(c);
	for (i = 0; i < 1024; i++)
		bad += ((volatile uint32_t *)PRIVATE)[i] != 0xc0de0000 + i;
	printf("parent: private page %s, child alive: %s\n", bad ? "CORRUPTED" : "intact",
	       sys_page_owner(p) == (int)self ? "page still mine" : "page LOST");
	r = sys_env_destroy(c);
	printf("parent: destroy the child: %d\n", r);
	return 0;
}
