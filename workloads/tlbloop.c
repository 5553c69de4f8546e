/*
 * tlbloop.c: N TLB misses passed up to exos, one after another: each
 * iteration unbinds a segment-1 page (SYS_TLB_DELETE, a1 = 0, so the
 * STLB loses it too) and loads a word from it, so the miss goes to
 * exos_tlbmiss, which binds it again with SYS_TLB_WRITE.  Checks that
 * every load read the page and every miss reached exos once.  Also the
 * subject of the profile of that path:
 *   ./sim --profile p.txt build/exokernel.elf build/workloads/tlbloop.elf
 */
#include "exos.h"

#define VA    0x02000000
#define N     2000
#define MAGIC 0x600d7100u

int main(uint32_t arg, uint32_t self)
{
	uint32_t cap, i, m0, bad = 0;
	int p = sys_page_alloc(-1, &cap);

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
	return bad != 0;
}
