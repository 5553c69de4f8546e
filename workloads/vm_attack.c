/*
 * vm_attack.c: a hostile ExOS application against the VM interface
 * (exos/vm.h) and the kernel calls under it, with the bystander of
 * attack.h created first.  It maps pages without their capability
 * (guessed capabilities for every page someone else owns, the
 * kernel's included), aliases kernel addresses, passes ranges that
 * wrap or leave segment 1, fills its page table with aliases of one
 * page until -E_NOMEM and frees them, twice (the second round gets
 * as many), and a child that touches a protected page with no handler
 * is killed like a segmentation fault.  Each refusal must be the
 * documented error; the bystander's page stays intact throughout.
 */
#include "exos.h"
#include "attack.h"
#include "vm.h"

#define KID_ARG 2
#define BASE    0x10000000

static int fails;

static void expect(const char *what, int got, int want)
{
	if (got != want) {
		printf("%s: %d WRONG (want %d)\n", what, got, want);
		fails++;
	}
}

/* Offer made-up capabilities for every page that is not ours. */
static void no_cap(uint32_t self)
{
	uint32_t npg = exos_ram_pages(), tried = 0, refused = 0, seed = 7;

	for (uint32_t p = 0; p < npg; p++) {
		if (sys_page_owner(p) == (int)self)
			continue;
		for (int k = 0; k < 2; k++) {
			seed = seed * 1103515245 + 12345;
			tried++;
			refused += vm_map(BASE, p, seed, k ? VM_RW : VM_READ) == -E_PERM;
		}
	}
	expect("pages mapped without their capability", tried - refused, 0);
	printf("attacker: %u guessed capabilities refused\n", (unsigned)refused);
}

static void kernel_va(void)
{
	uint32_t cap;
	int p = vm_alloc(BASE + PAGE_SIZE, -1, VM_RW);

	vm_cap(BASE + PAGE_SIZE, 1, &cap);
	expect("alias at kseg0", vm_map(KSEG0_BASE + (p << PAGE_SHIFT), p, cap, VM_RW), -E_INVAL);
	expect("alias at kseg1", vm_map(0xa0000000, p, cap, VM_RW), -E_INVAL);
	expect("alias at kseg2", vm_map(0xc0000000, p, cap, VM_RW), -E_INVAL);
	expect("alias in segment 2", vm_map(EXO_SAVE_VA, p, cap, VM_RW), -E_INVAL);
	expect("unaligned alias", vm_map(BASE + 2 * PAGE_SIZE + 4, p, cap, VM_RW), -E_INVAL);
	expect("ppn past 2^20", vm_map(BASE + 2 * PAGE_SIZE, p + (1u << 20), cap, VM_RW), -E_INVAL);
	expect("kernel va straight to the kernel",
	       sys_tlb_write(KSEG0_BASE, (p << PAGE_SHIFT) | TLB_WRITE, cap), -E_INVAL);
	expect("bad prot", vm_map(BASE + 2 * PAGE_SIZE, p, cap, 2), -E_INVAL);
	expect("vm_free of what is not ours", vm_free(0x7ffff000), -E_FAULT);
}

static void wrapping(void)
{
	expect("range past segment 1", vm_prot(0x7ffff000, 2, VM_NONE), -E_INVAL);
	expect("range of 2^32 - 1 pages", vm_prot(BASE, 0xffffffff, VM_NONE), -E_INVAL);
	expect("range that wraps 2^32", vm_prot(0xfffff000, 2, VM_NONE), -E_INVAL);
	expect("range of 2^20 pages", vm_prot(BASE, 1u << 20, VM_NONE), -E_INVAL);
	expect("empty range", vm_prot(BASE, 0, VM_NONE), -E_INVAL);
	expect("the whole of segment 1 (one page mapped)",
	       vm_prot(EXO_SEG2_END, (VM_COPY_VA - EXO_SEG2_END) >> PAGE_SHIFT, VM_RW), 1);
	expect("vm_cow_copy's window", vm_prot(VM_COPY_VA, 1, VM_RW), -E_INVAL);
}

/* Fill the page table with aliases of the page at BASE + PAGE_SIZE. */
static int fill_table(void)
{
	uint32_t cap, n = 0;
	int p = vm_cap(BASE + PAGE_SIZE, 1, &cap), r;

	while ((r = vm_map(BASE + (n + 2) * PAGE_SIZE, p, cap, VM_READ)) == 0)
		n++;
	expect("vm_map when the page table is full", r, -E_NOMEM);
	for (uint32_t i = 0; i < n; i++)
		expect("vm_unmap of an alias", vm_unmap(BASE + (i + 2) * PAGE_SIZE), 0);
	return n;
}

/* A child with no handler touches a protected page. */
static int kid(void)
{
	vm_init(VM_PT_LINEAR);
	vm_alloc(BASE, -1, VM_NONE);
	return *(volatile uint32_t *)BASE;
}

int main(uint32_t arg, uint32_t self)
{
	int by, k, n1, n2;

	if (arg & BY_ARG)
		return bystander(arg & ~3u, self);
	if (arg & KID_ARG)
		return kid();
	by = sys_env_create(0, self | BY_ARG);
	expect("create the bystander", by > 0, 1);
	sys_yield(by);
	expect("vm_init", vm_init(VM_PT_INVERTED), 0);
	expect("vm_init twice", vm_init(VM_PT_LINEAR), -E_BUSY);
	no_cap(self);
	sys_yield(by);
	kernel_va();
	wrapping();
	sys_yield(by);
	n1 = fill_table();
	sys_yield(by);
	n2 = fill_table();
	expect("round 2 mapped as many as round 1", n2, n1);
	printf("attacker: page table full at %d mappings, twice\n", n1 + 1);   /* and the page */
	k = sys_env_create(0, self | KID_ARG);
	while (k > 0 && sys_yield(k) == 0)
		;
	expect("the faulting child is gone", sys_env_destroy(k), -E_BADENV);
	sys_yield(by);
	printf("attacker: done, %d wrong\n", fails);
	return 0;
}
