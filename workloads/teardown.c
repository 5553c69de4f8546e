/*
 * teardown.c: what freeing memory costs (docs/KERNEL.md "Reverse map").
 * Figures, in cycles of the simctl counter:
 *   page free   one SYS_PAGE_FREE, from the counter read before its
 *               syscall to the one after its return, minus one counter
 *               read; the best of three, each on a fresh page not
 *               mapped, mapped at one va, or at eight (one of them
 *               pinned), each va touched so that the TLB holds it too
 *   gap         the longest time between two consecutive counter reads
 *               of this environment (the bystander) while a child
 *               exits, from the moment it tells the child to exit to
 *               the moment the last of the child's pages is free; the
 *               bystander's loop reads the counter and asks for one
 *               page's owner, so every cycle it did not get is in a gap
 *   all free    from the signal to the last of the child's pages free
 * The children: one owning only its image, and one owning every page
 * left (it allocates until -E_NOMEM).  A child exits at its first
 * slice after the bystander frees page `go` (it polls SYS_PAGE_OWNER);
 * its argument is go << 2 | 2 | (1 if it is the hog).
 */
#include "exos.h"

#define MAP_VA  0x02000000        /* segment 1: the bindings of a freed page */
#define PIN_VA  0x00900000        /* segment 2: its pinned binding */
#define NMAP    8
#define MAXP    32768             /* the kernel's MAXPAGES */
#define CYC     "0x2000"          /* EXO_SIMCTL_VA + SIMCTL_CYCLE_LO */

static uint32_t read_cost, clock_hz;
static uint16_t held[MAXP];       /* the child's pages */

/* SYS_PAGE_FREE timed from the counter read before its syscall to the one after. */
static uint32_t timed_free(uint32_t ppn, uint32_t cap, int *err)
{
	register uint32_t v0 __asm__("$2") = SYS_PAGE_FREE;
	register uint32_t a0 __asm__("$4") = ppn;
	register uint32_t a1 __asm__("$5") = cap;
	uint32_t t0, t1;

	__asm__ volatile(".set push\n.set noreorder\n"
			 "lw %0, " CYC "($0)\n"
			 "syscall\n"
			 "lw %1, " CYC "($0)\n"
			 "nop\n.set pop"
			 : "=&r"(t0), "=&r"(t1), "+r"(v0), "+r"(a0), "+r"(a1)
			 : : "$3", "$6", "memory", EXO_CLOBBERS);
	*err = (int)v0;
	return t1 - t0 - read_cost;
}

/* One free of a fresh page with `nmap` vas bound (the last one pinned). */
static uint32_t free_once(int nmap)
{
	uint32_t cap, va;
	int p = sys_page_alloc(-1, &cap), i, err;

	for (i = 0; i < nmap; i++) {
		va = i == nmap - 1 && nmap > 1 ? PIN_VA : MAP_VA + i * PAGE_SIZE;
		sys_tlb_write(va, (p << PAGE_SHIFT) | TLB_WRITE | (va == PIN_VA ? TLB_PIN : 0), cap);
		*(volatile uint32_t *)va = i;
	}
	uint32_t t = timed_free(p, cap, &err);
	if (err != 0)
		printf("teardown: free failed: %d\n", err);
	return t;
}

static void row(const char *name, uint32_t cycles)
{
	uint32_t us10 = (uint32_t)((uint64_t)cycles * 10000000 / clock_hz);

	printf("%-38s %10u %9u.%u\n", name, (unsigned)cycles, (unsigned)(us10 / 10),
	       (unsigned)(us10 % 10));
}

static void page_free_costs(void)
{
	static const struct { int nmap; const char *name; } cases[] = {
		{ 0, "page free, not mapped" },
		{ 1, "page free, mapped at 1 va" },
		{ NMAP, "page free, mapped at 8 vas, 1 pinned" },
	};
	uint32_t best, t;
	int i, k;

	for (i = 0; i < 3; i++) {
		best = ~0u;
		for (k = 0; k < 3; k++)
			if ((t = free_once(cases[i].nmap)) < best)
				best = t;
		row(cases[i].name, best);
	}
}

/*
 * Tell child c (whose signal is page go, capability gocap) to exit and
 * watch: the longest gap in this loop, and when its pages are all free.
 */
static void watch(int c, uint32_t go, uint32_t gocap, uint32_t npages)
{
	uint32_t n = 0, p, i = 0, start, prev, now, gap = 0;
	char line[64];

	for (p = 0; p < npages; p++)
		if (sys_page_owner(p) == c)
			held[n++] = p;
	start = prev = EXOS_CYCLES();
	sys_page_free(go, gocap);
	while (i < n) {
		now = EXOS_CYCLES();
		if (now - prev > gap)
			gap = now - prev;
		prev = now;
		if (sys_page_owner(held[i]) != c)
			i++;
	}
	snprintf(line, sizeof line, "gap, child owning %u pages exits", (unsigned)n);
	row(line, gap);
	snprintf(line, sizeof line, "  its pages all free after");
	row(line, prev - start);
}

/*
 * A child: take every free page if asked to, then exit once page go is
 * free.  A hog takes pages again each time it runs, since pages can come
 * free after its first pass (an earlier environment's, reclaimed later):
 * the parent starts watching only when it can get none itself.
 */
static int child(uint32_t go, int hog)
{
	uint32_t cap;

	while (sys_page_owner(go) != 0) {
		while (hog && sys_page_alloc(-1, &cap) >= 0)
			;
		sys_yield(-1);
	}
	return 0;
}

/* Run a child (a hog or not) to its exit under watch. */
static void teardown(int hog, uint32_t npages)
{
	uint32_t gocap, cap;
	int go = sys_page_alloc(-1, &gocap), c, p;

	c = sys_env_create(0, (uint32_t)go << 2 | 2 | hog);
	if (c < 0) {
		printf("teardown: no child: %d\n", c);
		return;
	}
	/*
	 * Until it has started and taken every page.  A page that comes free
	 * after its pass (an earlier child's, reclaimed later) the parent
	 * keeps: given back, the hog would not take it again, and the loop
	 * would never end.
	 */
	for (;;) {
		sys_yield(c);
		if (!hog || (p = sys_page_alloc(-1, &cap)) < 0)
			break;
	}
	watch(c, go, gocap, npages);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t npages;

	if (arg & 2)
		return child(arg >> 2, arg & 1);
	clock_hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
	read_cost = ~0u;
	for (int i = 0; i < 5; i++) {        /* warm: the I-cache, best case */
		uint32_t a, b;
		__asm__ volatile(".set push\n.set noreorder\nlw %0, " CYC "($0)\n"
				 "lw %1, " CYC "($0)\nnop\n.set pop" : "=&r"(a), "=&r"(b));
		if (b - a < read_cost)
			read_cost = b - a;
	}
	npages = exos_ram_pages();
	printf("teardown costs, %u Hz clock, %u pages of RAM (counter read: %u cycles, subtracted)\n",
	       (unsigned)clock_hz, (unsigned)npages, (unsigned)read_cost);
	printf("%-38s %10s %11s\n", "operation", "cycles", "us");
	page_free_costs();
	teardown(0, npages);
	teardown(1, npages);
	return 0;
}
