/*
 * vm.c: the software TLB and application-level page tables.  Pages in
 * segment 1 are bound lazily: the first touch misses the STLB and goes
 * to exos's TLB-miss handler, which installs the mapping from its page
 * table; later hardware misses are refilled from the STLB without it.
 * TLBvadelete sends the next touch back to the handler.  Then 70
 * children are created and destroyed one after another: more than the
 * 63 ASIDs, so the kernel flushes the TLB and STLB and starts a new ASID
 * generation (invisible revocation); the parent's bindings come back
 * through its handler and its data is intact.
 */
#include "exos.h"

#define NPAGES 100
#define BASE   0x04100000       /* STLB slots clear of the pinned pages */
#define NKIDS  70

static int check(uint32_t salt)
{
	uint32_t i, bad = 0;

	for (i = 0; i < NPAGES; i++)
		bad += *(volatile uint32_t *)(BASE + i * PAGE_SIZE + 4 * (i % 1000)) != i * salt;
	return bad;
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t i, cap, m0, m1, m2, bad;
	int c, p;

	if (arg == 1)
		return 0;
	for (i = 0; i < NPAGES; i++) {
		p = sys_page_alloc(-1, &cap);
		if (p < 0 || exos_map(BASE + i * PAGE_SIZE, p, cap, 1) < 0)
			return 2;
	}
	for (i = 0; i < NPAGES; i++)
		*(volatile uint32_t *)(BASE + i * PAGE_SIZE + 4 * (i % 1000)) = i * 7;
	m0 = exos_tlbmiss_count;
	printf("first touch: %u misses reached exos\n", (unsigned)m0);
	bad = check(7) + check(7);
	printf("read back twice: %u wrong, %u misses reached exos\n", (unsigned)bad,
	       (unsigned)(exos_tlbmiss_count - m0));
	sys_tlb_delete(BASE, 0);
	m1 = exos_tlbmiss_count;
	bad = check(7);
	printf("after TLBvadelete: %u wrong, %u miss reached exos\n", (unsigned)bad,
	       (unsigned)(exos_tlbmiss_count - m1));
	for (i = 0; i < NKIDS; i++) {
		c = sys_env_create(0, 1);
		if (c < 0) {
			printf("child %u: create failed: %d\n", (unsigned)i, c);
			return 3;
		}
		while (sys_yield(c) == 0)
			;
	}
	m2 = exos_tlbmiss_count;
	bad = check(7);
	printf("after %u children: %u wrong, %s\n", NKIDS, (unsigned)bad,
	       exos_tlbmiss_count - m2 == NPAGES ? "every binding came back through exos"
	       : "bindings NOT flushed");
	return 0;
}
