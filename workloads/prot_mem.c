/*
 * prot_mem.c: secure bindings hold.  Mapping a page the caller does not
 * own, with a forged, a revoked or a freed capability fails; a read
 * capability does not give write access; freeing a page breaks the
 * binding made before, so the next access faults into exos's handler
 * (and since the binding cannot be made again, exos reports a
 * segmentation fault and exits 139 & 0x7f).
 */
#include "exos.h"

#define VA 0x03000000

static int fails;

static void expect(const char *what, int got, int want)
{
	printf("%s: %d %s\n", what, got, got == want ? "ok" : "WRONG");
	fails += got != want;
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t cap, rcap, newcap;
	int p = sys_page_alloc(-1, &cap);

	expect("owner of my page is me", sys_page_owner(p), (int)self);
	expect("kernel page 0 has no user owner", sys_page_owner(0), 0);
	expect("map kernel page 0", sys_tlb_write(VA, 0 | TLB_WRITE, cap), -E_PERM);
	expect("map with forged cap", sys_tlb_write(VA, (p << PAGE_SHIFT) | TLB_WRITE, cap ^ 1), -E_PERM);
	expect("get read cap", sys_page_cap(p, cap, 0, &rcap), 0);
	expect("write mapping with read cap", sys_tlb_write(VA, (p << PAGE_SHIFT) | TLB_WRITE, rcap), -E_PERM);
	expect("read mapping with read cap", sys_tlb_write(VA, p << PAGE_SHIFT, rcap), 0);
	expect("pin outside segment 2", sys_tlb_write(VA, (p << PAGE_SHIFT) | TLB_PIN, cap), -E_INVAL);
	expect("map into kernel space", sys_tlb_write(0x80001000, p << PAGE_SHIFT, cap), -E_INVAL);
	expect("revoke caps", sys_page_cap(p, cap, 2, &newcap), 0);
	expect("map with revoked cap", sys_tlb_write(VA, p << PAGE_SHIFT, cap), -E_PERM);
	expect("map with new cap", sys_tlb_write(VA, (p << PAGE_SHIFT) | TLB_WRITE, newcap), 0);
	*(volatile uint32_t *)VA = 42;
	expect("value through binding", *(volatile uint32_t *)VA, 42);
	expect("free with wrong cap", sys_page_free(p, cap), -E_PERM);
	expect("allocate a taken page by name", sys_page_alloc(p, 0), -E_BUSY);
	expect("allocate past the end of RAM", sys_page_alloc(0x7fffff, 0), -E_INVAL);
	expect("free", sys_page_free(p, newcap), 0);
	expect("map freed page with old cap", sys_tlb_write(VA, p << PAGE_SHIFT, newcap), -E_PERM);
	expect("owner of freed page", sys_page_owner(p), 0);
	exos_map(VA, p, newcap, 1);
	printf("access after free (must fault):\n");
	if (fails)
		return 1;
	return *(volatile uint32_t *)VA;
}
