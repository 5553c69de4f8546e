/*
 * vm_fork.c: fork over ExOS's page table (vm.h).  The parent builds
 * the child with the kernel's environment calls (proc.h): a copy of
 * each page of segment 2 it uses (the image from EXO_USER_BASE to
 * _end, the page table at VM_TABLE_VA), pinned, given to the child; a
 * save area of its own; the parent's handlers and upcall entries; the
 * registers of vm_fork.S's frame.  The child's page table holds read
 * capabilities for the pages the parent owns, and its exos_ptab starts
 * empty (copy_table_page, vm_fork_child_init).  Segment 1 is not copied: every page
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

/*
 * The child's copy of the page table's page at va, made in a page of
 * ours at VM_COPY_VA and then given: each PTE in it gets the read
 * capability of its page where we own the page (so the child cannot
 * write a page it shares with us, even through the kernel), and loses
 * PTE_OWN and the marks of bindings only we hold.
 */
static uint32_t patch_va;

static void patch_pte(struct vm_pte *p, int unused)
{
	struct vm_pte *q = (struct vm_pte *)(VM_COPY_VA + ((uint32_t)p - patch_va));
	uint32_t rcap;

	if ((uint32_t)p - patch_va >= PAGE_SIZE)
		return;
	if (sys_page_cap(p->pte >> PAGE_SHIFT, p->cap, 0, &rcap) == 0)
		q->cap = rcap;
	q->pte &= ~(PTE_OWN | PTE_BOUND | PTE_HWW);
}

static int copy_table_page(struct exos_child *c, const struct pt_ops *pt, uint32_t va)
{
	uint32_t cap;
	int n = sys_page_alloc(-1, &cap), r;

	if (n < 0)
		return n;
	if ((r = sys_tlb_write(VM_COPY_VA, (uint32_t)n << PAGE_SHIFT | TLB_WRITE, cap)) < 0) {
		sys_page_free(n, cap);
		return r;
	}
	memcpy((void *)VM_COPY_VA, (void *)va, PAGE_SIZE);
	patch_va = va;
	pt->walk(EXO_SEG2_END >> PAGE_SHIFT, SEG1_PAGES, patch_pte, 0);
	sys_tlb_delete(VM_COPY_VA, 0);
	if ((r = exos_child_share(c, va, (uint32_t)n << PAGE_SHIFT | TLB_WRITE | TLB_PIN | EXOS_GIVE,
				  cap)) < 0)
		sys_page_free(n, cap);
	return r;
}

/*
 * The child's first act (vm_fork.S): forget the parent's exos_ptab,
 * which holds the parent's capabilities; the child's misses refill it
 * from its own page table.
 */
void vm_fork_child_init(void)
{
	for (uint32_t i = 0; i < EXOS_NPTE; i++)
		exos_ptab[i].key = exos_ptab[i].pte = exos_ptab[i].cap = exos_ptab[i].vm = 0;
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

static int copy_table(struct exos_child *c, const struct pt_ops *pt)
{
	int r;

	for (uint32_t va = VM_TABLE_VA; va < VM_TABLE_VA + pt->bytes; va += PAGE_SIZE)
		if ((r = copy_table_page(c, pt, va)) < 0)
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
	    || (r = copy_table(&c, pt)) < 0
	    || (r = exos_child_save(&c)) < 0 || (r = set_entries(&c)) < 0
	    || (r = exos_child_set(&c, EXO_SET_REG(29), frame)) < 0
	    || (r = exos_child_set(&c, EXO_SET_PC, (uint32_t)vm_fork_child)) < 0
	    || (r = exos_child_start(&c, -1, 0)) < 0) {
		exos_child_abandon(&c);
		return r;
	}
	return c.id;
}
