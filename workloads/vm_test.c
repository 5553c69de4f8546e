/*
 * vm_test.c: ExOS virtual memory, feature by feature (exos/vm.h), on
 * the linear page table and then, in a child (arg 1), the inverted
 * one: protection honoured (a protected page faults into the
 * application's handler with its address, an unprotected one does
 * not, a read-only page refuses a store), dirty bits kept by Mod
 * exceptions, aliasing, and a range protected and faulted back one
 * page at a time.  The linear run also shares a page with another
 * process by capability: module 1 (vm_share.c) gets the page's write
 * capability as its argument, maps the page and writes it; this
 * process reads what it wrote.  Each check prints "ok" or WRONG.
 */
#include "exos.h"
#include "vm.h"

#define BASE  0x20000000
#define ALIAS 0x30000000
#define NR    100
#define VA(i) (BASE + (uint32_t)(i) * PAGE_SIZE)

static int fails;
/* Set by the handler, which runs inside an exception: volatile. */
static volatile uint32_t fault_va, fault_write, nfaults;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "WRONG");
	fails += !ok;
}

/* The handler: note the fault, give the page back read-write, retry. */
static int h_unprot(uint32_t va, int write)
{
	fault_va = va;
	fault_write = write;
	nfaults++;
	vm_prot(va & ~(PAGE_SIZE - 1), 1, VM_RW);
	return VM_RETRY;
}

static uint32_t rd(uint32_t va)
{
	return *(volatile uint32_t *)va;
}

static void wr(uint32_t va, uint32_t v)
{
	*(volatile uint32_t *)va = v;
}

static void t_prot(void)
{
	uint32_t n;

	wr(VA(0) + 8, 77);
	vm_prot(VA(0), 1, VM_NONE);
	n = nfaults;
	check("a load from a protected page faults, the handler gets its address",
	      rd(VA(0) + 8) == 77 && nfaults == n + 1 && fault_va == VA(0) + 8 && !fault_write);
	n = nfaults;
	check("an unprotected page does not fault", rd(VA(0) + 8) == 77 && nfaults == n);
	vm_prot(VA(1), 1, VM_READ);
	n = nfaults;
	rd(VA(1));
	check("a read-only page reads without a fault", nfaults == n);
	wr(VA(1) + 4, 5);
	check("a store to a read-only page faults as a write",
	      nfaults == n + 1 && fault_va == VA(1) + 4 && fault_write && rd(VA(1) + 4) == 5);
}

static void t_dirty(void)
{
	uint32_t m = vm_stats.mods;
	int d0, d1;

	vm_alloc(VA(NR + 1), -1, VM_RW);
	rd(VA(NR + 1));
	d0 = vm_dirty(VA(NR + 1));
	wr(VA(NR + 1), 1);
	d1 = vm_dirty(VA(NR + 1));
	check("a page read is clean, written is dirty (one Mod exception)",
	      d0 == 0 && d1 == 1 && vm_stats.mods == m + 1);
	vm_clean(VA(NR + 1));
	d0 = vm_dirty(VA(NR + 1));
	wr(VA(NR + 1), 2);
	check("vm_clean, then a store makes it dirty again",
	      d0 == 0 && vm_dirty(VA(NR + 1)) == 1 && vm_stats.mods == m + 2);
	check("vm_dirty of an unmapped page is -E_FAULT", vm_dirty(0x7ffff000) == -E_FAULT);
}

static void t_alias(void)
{
	uint32_t cap;
	int p = vm_cap(VA(2), 1, &cap);

	check("an alias of a page maps with its capability", p >= 0 && vm_map(ALIAS, p, cap, VM_RW) == 0);
	wr(VA(2) + 12, 0xabcd);
	wr(ALIAS + 16, 0x1234);
	check("a store through either name is seen through the other",
	      rd(ALIAS + 12) == 0xabcd && rd(VA(2) + 16) == 0x1234);
	check("the alias unmaps and the page stays", vm_unmap(ALIAS) == 0 && rd(VA(2) + 12) == 0xabcd);
}

static void t_range(void)
{
	uint32_t n, ok = 1;

	for (uint32_t i = 0; i < NR; i++)
		wr(VA(i), i * 3);
	check("a range of 100 pages is protected", vm_prot(BASE, NR, VM_NONE) == NR);
	n = nfaults;
	for (uint32_t i = NR; i-- > 0;)
		ok &= rd(VA(i)) == i * 3;
	check("each faults once and reads back", ok && nfaults == n + NR);
}

static void t_share(void)
{
	uint32_t cap;
	int kid, p = vm_alloc(VA(NR + 2), -1, VM_RW);

	if (p < 0 || vm_cap(VA(NR + 2), 1, &cap) < 0 || (kid = sys_env_create(1, cap)) < 0) {
		check("share a page with module 1", 0);
		return;
	}
	wr(VA(NR + 2), 0);
	while (sys_yield(kid) == 0)
		;
	check("another process mapped the page by its capability and wrote it",
	      rd(VA(NR + 2)) == 0x5ea4ed && rd(VA(NR + 2) + 4) == (uint32_t)kid);
}

int main(uint32_t arg, uint32_t self)
{
	int kid, r = vm_init(arg == 1 ? VM_PT_INVERTED : VM_PT_LINEAR);

	if (r < 0) {
		printf("vm_init: %d WRONG\n", r);
		return 1;
	}
	printf("== %s page table\n", vm_kind_name());
	vm_set_handler(h_unprot);
	for (uint32_t i = 0; i < NR; i++)
		if ((r = vm_alloc(VA(i), -1, VM_RW)) < 0)
			printf("vm_alloc: %d WRONG\n", r);
	t_prot();
	t_dirty();
	t_alias();
	t_range();
	if (arg == 0) {
		t_share();
		kid = sys_env_create(0, 1);
		while (kid > 0 && sys_yield(kid) == 0)
			;
	}
	printf("%s: %d wrong\n", vm_kind_name(), fails);
	return fails != 0;
}
