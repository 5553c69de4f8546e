/*
 * tlbloop.c: TLB misses passed up to exos, and exos's page table.
 *   loop       N misses one after another: each iteration unbinds a
 *              segment-1 page (SYS_TLB_DELETE, a1 = 0, so the STLB loses
 *              it too) and loads a word from it, so the miss goes to
 *              exos_tlbmiss, which binds it again with SYS_TLB_WRITE:
 *              every load reads the page, every miss reaches exos once
 *   collide    NCOLL vas with one home bucket (EXOS_NPTE pages apart):
 *              the first is found by the fast path, the others by
 *              exos_fault's probing; each reads its own page
 *   full       the table takes EXOS_NPTE - 1 pages, then -E_NOMEM for a
 *              new one but still a new page for a mapped va
 * The loop is also the subject of the profile of that path:
 *   ./sim --profile p.txt build/exokernel.elf build/workloads/tlbloop.elf
 */
#include "exos.h"

#define VA    0x02000000
#define N     2000
#define NCOLL 8
#define MAGIC 0x600d7100u
#define SPAN  (EXOS_NPTE * PAGE_SIZE)     /* vas this far apart share a bucket */

int main(uint32_t arg, uint32_t self)
{
	uint32_t cap, i, m0, bad = 0, ok = 0;
	int p = sys_page_alloc(-1, &cap), q, r;

	if (p < 0 || exos_map(VA, p, cap, 1) < 0)
		return 2;
	*(volatile uint32_t *)VA = MAGIC;
	m0 = exos_tlbmiss_count;
	for (i = 0; i < N; i++) {
		sys_tlb_delete(VA, 0);
		bad += *(volatile uint32_t *)VA != MAGIC;
	}
	printf("%u misses through exos: %u reached its handler, %u loads wrong\n",
	       (unsigned)N, (unsigned)(exos_tlbmiss_count - m0), (unsigned)bad);
	for (i = 1; i < NCOLL; i++)
		if ((q = sys_page_alloc(-1, &cap)) >= 0 && exos_map(VA + i * SPAN, q, cap, 1) == 0)
			*(volatile uint32_t *)(VA + i * SPAN) = MAGIC + i;
	for (i = 0; i < NCOLL; i++) {
		sys_tlb_delete(VA + i * SPAN, 0);
		ok += *(volatile uint32_t *)(VA + i * SPAN) == MAGIC + i;
	}
	printf("%u vas in one bucket: %u read their own page\n", NCOLL, (unsigned)ok);
	for (i = NCOLL; (r = exos_map(VA + i * PAGE_SIZE, p, cap, 0)) == 0; i++)
		;
	printf("page table full after %u pages: %d; a mapped va takes a new page: %d\n",
	       (unsigned)i, r, exos_map(VA, p, cap, 1));
	bad += ok != NCOLL;
	return bad != 0;
}
