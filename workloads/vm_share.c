/*
 * vm_share.c: the other side of vm_test.c's sharing check.  Its
 * argument is the write capability of a page another process owns,
 * and nothing else: it offers the capability with each page someone
 * else owns, and only the page it was made for accepts it (a
 * capability is a MAC of the page number, pmap.c).  A forged one
 * (the capability with one bit flipped) is refused for every page.
 * It then writes a mark and its envid in the page.  At boot (every
 * module is started, with argument 0) it does nothing.
 */
#include "exos.h"
#include "vm.h"

#define VA 0x40000000

int main(uint32_t cap, uint32_t self)
{
	uint32_t npg = exos_ram_pages(), forged = 0, tried = 0;
	int found = -1, o;

	if (cap == 0)                   /* started at boot, as every module is */
		return 0;
	if (vm_init(VM_PT_INVERTED) < 0)
		return 1;
	for (uint32_t p = 0; p < npg; p++) {
		if ((o = sys_page_owner(p)) <= 0 || o == (int)self)
			continue;
		tried++;
		forged += vm_map(VA, p, cap ^ 1, VM_RW) == -E_PERM;
		if (found < 0 && vm_map(VA, p, cap, VM_RW) == 0)
			found = p;
	}
	printf("vm_share: a forged capability refused for %s of %u pages\n",
	       forged == tried ? "each" : "NOT each: WRONG", (unsigned)tried);
	if (found < 0) {
		printf("vm_share: the capability mapped no page: WRONG\n");
		return 1;
	}
	*(volatile uint32_t *)VA = 0x5ea4ed;
	*(volatile uint32_t *)(VA + 4) = self;
	printf("vm_share: the capability mapped exactly one page\n");
	return 0;
}
