/*
 * vm_fork.c: fork over ExOS's page table (vm.h).  The parent builds
 * the child with the kernel's environment calls (proc.h): a copy of
 * each page of segment 2 it uses (the image from EXO_USER_BASE to
 * _end, the page table at VM_TABLE_VA), pinned, given to the child; a
 * save area of its own; the parent's handlers and upcall entries; the
 * registers of vm_fork.S's frame.  Segment 1 is not copied: every page
 * of the page table is marked PTE_COW first (so the copied table says
 * so too), and each side copies a page at its first store to it
 * (vm.c vm_cow_copy, from the Mod exception or the store's miss).
 * The child's bindings come lazily through its own fault path.
 */
#include "exos.h"
#include "proc.h"
#include "vm.h"

extern char _end[];
extern void vm_fork_child(void);

#define SEG1_PAGES ((0x80000000u - EXO_SEG2_END) >> PAGE_SHIFT)

/* Copy pages [va, end) of ours into the child, pinned at the same vas. */
static int copy_pages(struct exos_child *c, uint32_t va, uint32_t end)
{
	int r;

	for (va &= ~(PAGE_SIZE - 1); va < end; va += PAGE_SIZE)
		if ((r = exos_child_page(c, va, TLB_WRITE | TLB_PIN, (void *)va, PAGE_SIZE)) < 0)
			return r;
	return 0;
}

/* The handlers and entries vm and exos use, as the parent has them. */
static int set_entries(struct exos_child *c)
{
	static const struct { uint32_t what; void (*pc)(void); } e[] = {
		{ EXO_SET_HANDLER(EXC_TLBL), exos_tlbmiss },
		{ EXO_SET_HANDLER(EXC_TLBS), exos_tlbmiss },
		{ EXO_SET_HANDLER(EXC_MOD), exos_modfault },
		{ EXO_SET_ENTRY(EXO_ENTRY_XRET), exo_xret },
	};
	int r;

	for (uint32_t i = 0; i < sizeof e / sizeof e[0]; i++)
		if ((r = exos_child_set(c, e[i].what, (uint32_t)e[i].pc)) < 0)
			return r;
	return 0;
}

/* Called by vm_fork (vm_fork.S) with its frame: -> the child's envid or -E_*. */
int vm_fork_build(uint32_t frame)
{
	const struct pt_ops *pt = vm_pt();
	struct exos_child c;
	int r;

	if (!pt)
		return -E_INVAL;
	pt->walk(EXO_SEG2_END >> PAGE_SHIFT, SEG1_PAGES, vm_share_cow, 0);
	if ((r = exos_child_alloc(&c)) < 0)
		return r;
	if ((r = copy_pages(&c, EXO_USER_BASE, (uint32_t)_end)) < 0
	    || (r = copy_pages(&c, VM_TABLE_VA, VM_TABLE_VA + pt->bytes)) < 0
	    || (r = exos_child_save(&c)) < 0 || (r = set_entries(&c)) < 0
	    || (r = exos_child_set(&c, EXO_SET_REG(29), frame)) < 0
	    || (r = exos_child_set(&c, EXO_SET_PC, (uint32_t)vm_fork_child)) < 0
	    || (r = exos_child_start(&c, -1, 0)) < 0) {
		exos_child_abandon(&c);
		return r;
	}
	return c.id;
}
