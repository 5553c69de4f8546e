/*
 * vm.c: ExOS virtual memory over the page table the process chose
 * (vm.h says what each call does).  The kernel only binds; everything
 * here is policy: which page a va names, its protection, its dirty
 * bit, and what a fault means.
 */
#include "exos.h"
#include "vm.h"

volatile struct vm_stats vm_stats;
static const struct pt_ops *pt;
static vm_handler_fn handler;

#define SEG1_END   VM_COPY_VA   /* the last page of segment 1 is vm_cow_copy's */
#define SAVED_EPC  (*(volatile uint32_t *)(EXO_SAVE_VA + XS_TLBMISS))  /* xret.S frame */

/* Whether [va, va + n pages) is whole pages of segment 1 (n >= 1). */
static int range_ok(uint32_t va, uint32_t n)
{
	return (va & (PAGE_SIZE - 1)) == 0 && va >= EXO_SEG2_END && va < SEG1_END
	       && n >= 1 && n <= (SEG1_END - va) >> PAGE_SHIFT;
}

static int prot_ok(int prot)
{
	return prot == VM_NONE || prot == VM_READ || prot == VM_RW;
}

/*
 * What the kernel is given for p: the page, writable only once dirty
 * (so the first store raises Mod) and not shared copy-on-write,
 * uncached if asked.
 */
static uint32_t hwpte(const struct vm_pte *p)
{
	uint32_t w = (p->pte & (PTE_WRITE | PTE_DIRTY | PTE_COW)) == (PTE_WRITE | PTE_DIRTY);

	return (p->pte & ~(PAGE_SIZE - 1)) | (w ? TLB_WRITE : 0)
	       | (p->pte & PTE_NOCACHE ? TLB_NOCACHE : 0);
}

/*
 * exos_ptab, the cache in front of the table: a bucket whose key is
 * vpn + 1 lets the miss fast path bind vpn; KEY_PROT | (vpn + 1) marks
 * a page that must fault (the fast path's compare fails).  Either way
 * bucket.vm points at vpn's PTE, so the C path need not search for it;
 * vm_fault checks that the PTE there still has vpn (pt_linear moves
 * its entries, and marks the slot it vacates), else it searches.
 * Stores cost the write buffer's time, so fields that hold the right
 * value already are not stored again.
 */
#define KEY_PROT 0x80000000u

static struct exos_pte *bucket(uint32_t vpn)
{
	return &exos_ptab[vpn & (EXOS_NPTE - 1)];
}

/* Let the miss fast path bind p (the kernel may then hold a binding). */
static inline void cache_set(struct vm_pte *p)
{
	struct exos_pte *b = bucket(p->vpn);
	uint32_t h = hwpte(p);

	p->pte |= PTE_BOUND | (h & TLB_WRITE ? PTE_HWW : 0);
	if (b->vm != (uint32_t)p || b->pte != h) {     /* p's cap is fixed while it is mapped */
		b->vm = (uint32_t)p;
		b->pte = h;
		b->cap = p->cap;
	}
	b->key = p->vpn + 1;
}

/* p must fault: its bucket says so (and where p is). */
static inline void cache_prot(struct vm_pte *p)
{
	struct exos_pte *b = bucket(p->vpn);

	if (b->vm != (uint32_t)p) {
		b->vm = (uint32_t)p;
		b->pte = 0;             /* so cache_set fills pte and cap */
	}
	b->key = (p->vpn + 1) | KEY_PROT;
}

static void cache_drop(uint32_t vpn)
{
	struct exos_pte *b = bucket(vpn);

	if ((b->key & ~KEY_PROT) == vpn + 1) {
		b->key = 0;
		b->vm = 0;              /* the PTE may be reused for another mapping */
	}
}

/* vpn's PTE: through its bucket if that still names it, else the table's search. */
static struct vm_pte *pte_of(uint32_t vpn)
{
	struct exos_pte *b = bucket(vpn);
	struct vm_pte *p = (struct vm_pte *)b->vm;

	if ((b->key & ~KEY_PROT) == vpn + 1 && p && p->vpn == vpn)
		return p;
	return pt->find(vpn);
}

/* Bind p now (a fault on it); -> the kernel's answer. */
static int bind(struct vm_pte *p)
{
	cache_set(p);
	return sys_tlb_write(p->vpn << PAGE_SHIFT, hwpte(p), p->cap);
}

/*
 * Bindings to break, gathered over a vm_prot: a run of consecutive
 * vpns [run_lo, run_lo + run_n) goes to the kernel in one
 * SYS_TLB_UNBIND when it ends.
 */
static uint32_t run_lo, run_n;

static void run_flush(void)
{
	if (run_n == 1)
		sys_tlb_delete(run_lo << PAGE_SHIFT, 0);
	else if (run_n > 1)
		exo_call(SYS_TLB_UNBIND, run_lo << PAGE_SHIFT, run_n, 0, 0);
	run_n = 0;
}

static inline void run_add(uint32_t vpn)
{
	if (run_n && (vpn != run_lo + run_n || run_n == EXO_UNBIND_MAX))
		run_flush();
	if (!run_n)
		run_lo = vpn;
	run_n++;
}

/* Remove every binding of p (kernel and cache), now. */
static void unbind(struct vm_pte *p)
{
	cache_drop(p->vpn);
	if (p->pte & PTE_BOUND) {
		p->pte &= ~(PTE_BOUND | PTE_HWW);
		sys_tlb_delete(p->vpn << PAGE_SHIFT, 0);
	}
}

/*
 * Give p protection prot.  Less: the kernel's binding goes (none: at
 * the end of the vm_prot, run_flush) or becomes read-only (read).
 * More, or the same: only the table and the cache change (vm.h).
 */
static inline __attribute__((always_inline)) void prot_pte(struct vm_pte *p, int prot)
{
	uint32_t pte = (p->pte & ~(PTE_READ | PTE_WRITE)) | prot;

	if (prot == VM_NONE) {
		if (pte & PTE_BOUND)
			run_add(p->vpn);
		p->pte = pte & ~(PTE_BOUND | PTE_HWW);
		cache_prot(p);
	} else if (!(prot & PTE_WRITE) && (pte & PTE_HWW)) {
		p->pte = pte & ~PTE_HWW;
		bind(p);
	} else {
		p->pte = pte;
		cache_set(p);
	}
}

static void prot_one(struct vm_pte *p, int prot)
{
	prot_pte(p, prot);
}

/*
 * vm_fork's part in the parent: p is shared from now on; a binding
 * that may be writable becomes read-only, the cache follows.
 */
void vm_share_cow(struct vm_pte *p, int unused)
{
	p->pte |= PTE_COW;
	if (p->pte & PTE_HWW) {
		p->pte &= ~PTE_HWW;
		bind(p);
	} else if (p->pte & (PTE_READ | PTE_WRITE)) {
		cache_set(p);
	}
}

/* For vm_fork.c. */
const struct pt_ops *vm_pt(void)
{
	return pt;
}

/*
 * The first store to a page shared copy-on-write: a new page of ours
 * gets a copy (through the window VM_COPY_VA; both are bound just
 * before, in the STLB, since no fault may happen here: a TLB miss on
 * them is refilled by the kernel),
 * and p names it.
 */
int vm_cow_copy(struct vm_pte *p)
{
	uint32_t va = p->vpn << PAGE_SHIFT, cap;
	int n, r;

	if ((r = sys_tlb_write(va, p->pte & ~(PAGE_SIZE - 1), p->cap)) < 0)
		return r;
	if ((n = sys_page_alloc(-1, &cap)) < 0)
		return n;
	if ((r = sys_tlb_write(VM_COPY_VA, (uint32_t)n << PAGE_SHIFT | TLB_WRITE, cap)) < 0) {
		sys_page_free(n, cap);
		return r;
	}
	for (uint32_t i = 0; i < PAGE_SIZE; i += 4)    /* words: rt's memcpy goes by bytes */
		*(volatile uint32_t *)(VM_COPY_VA + i) = *(volatile uint32_t *)(va + i);
	sys_tlb_delete(VM_COPY_VA, 0);
	p->pte = (uint32_t)n << PAGE_SHIFT | (p->pte & (PAGE_SIZE - 1) & ~PTE_COW) | PTE_OWN;
	p->cap = cap;
	vm_stats.cows++;
	return 0;
}

/*
 * A span of PTEs (pt->span), in one loop with no call per page.  To
 * VM_NONE: the bindings go in SYS_TLB_UNBINDs over the span's whole
 * range of vpns if any page in it was bound (a vpn between its pages
 * that is not mapped has no binding to lose).
 */
static void prot_span(struct vm_pte *p, uint32_t n, int prot)
{
	uint32_t bound = 0, lo, left;

	if (prot != VM_NONE) {
		for (; n; n--, p++)
			prot_pte(p, prot);
		return;
	}
	if (!n)
		return;
	lo = p->vpn;
	left = p[n - 1].vpn - lo + 1;
	for (; n; n--, p++) {
		bound |= p->pte;
		p->pte &= ~(PTE_READ | PTE_WRITE | PTE_BOUND | PTE_HWW);
		cache_prot(p);
	}
	if (!(bound & PTE_BOUND))
		return;
	for (; left > EXO_UNBIND_MAX; left -= EXO_UNBIND_MAX, lo += EXO_UNBIND_MAX)
		exo_call(SYS_TLB_UNBIND, lo << PAGE_SHIFT, EXO_UNBIND_MAX, 0, 0);
	run_lo = lo;
	run_n = left;
	run_flush();
}

int vm_prot(uint32_t va, uint32_t npages, int prot)
{
	uint32_t n;
	struct vm_pte *p;

	if (!pt || !range_ok(va, npages) || !prot_ok(prot))
		return -E_INVAL;
	if (pt->span) {
		p = pt->span(va >> PAGE_SHIFT, npages, &n);
		prot_span(p, n, prot);
	} else {
		n = pt->walk(va >> PAGE_SHIFT, npages, prot_one, prot);
	}
	run_flush();
	return n;
}

int vm_dirty(uint32_t va)
{
	struct vm_pte *p = pt ? pt->find(va >> PAGE_SHIFT) : 0;

	if (!p)
		return -E_FAULT;
	return (p->pte & PTE_DIRTY) != 0;
}

int vm_clean(uint32_t va)
{
	struct vm_pte *p = pt ? pt->find(va >> PAGE_SHIFT) : 0;

	if (!p)
		return -E_FAULT;
	p->pte &= ~PTE_DIRTY;
	if (p->pte & PTE_HWW) {         /* the next store must raise Mod again */
		p->pte &= ~PTE_HWW;
		return bind(p);
	}
	if (p->pte & PTE_BOUND)
		cache_set(p);
	return 0;
}

/*
 * Enter va -> ppn.  The capability is presented to the kernel here,
 * with the rights prot needs, so a bad one is refused now rather than
 * at the first touch; then the binding is dropped and the page gets
 * its protection as vm_prot would give it.
 */
static int map_pte(uint32_t va, uint32_t ppn, uint32_t cap, int prot, uint32_t own)
{
	uint32_t vpn = va >> PAGE_SHIFT;
	struct vm_pte *p;
	int r;

	if (!(p = pt->insert(vpn)))
		return -E_NOMEM;
	r = sys_tlb_write(va, ppn << PAGE_SHIFT | (prot & PTE_WRITE ? TLB_WRITE : 0), cap);
	sys_tlb_delete(va, 0);
	if (r < 0) {
		pt->remove(vpn);
		return r;
	}
	p->pte = ppn << PAGE_SHIFT | (prot & VM_NOCACHE) | own;
	p->cap = cap;
	prot_one(p, prot & ~VM_NOCACHE);
	run_flush();
	return 0;
}

/* The checks of vm_map and vm_alloc, before anything is done. */
static int map_check(uint32_t va, int prot)
{
	if (!pt || !range_ok(va, 1) || !prot_ok(prot & ~VM_NOCACHE))
		return -E_INVAL;
	if (pt->find(va >> PAGE_SHIFT))
		return -E_BUSY;
	return 0;
}

int vm_map(uint32_t va, uint32_t ppn, uint32_t cap, int prot)
{
	int r = map_check(va, prot);

	if (r < 0)
		return r;
	if (ppn >= 1u << (32 - PAGE_SHIFT))
		return -E_INVAL;
	return map_pte(va, ppn, cap, prot, 0);
}

int vm_alloc(uint32_t va, int32_t ppn, int prot)
{
	uint32_t cap;
	int r = map_check(va, prot), p;

	if (r < 0)
		return r;
	if ((p = sys_page_alloc(ppn, &cap)) < 0)
		return p;
	if ((r = map_pte(va, p, cap, prot, PTE_OWN)) < 0) {
		sys_page_free(p, cap);
		return r;
	}
	return p;
}

int vm_unmap(uint32_t va)
{
	struct vm_pte *p = pt ? pt->find(va >> PAGE_SHIFT) : 0;

	if (!p)
		return -E_FAULT;
	unbind(p);
	pt->remove(va >> PAGE_SHIFT);
	return 0;
}

int vm_free(uint32_t va)
{
	struct vm_pte *p = pt ? pt->find(va >> PAGE_SHIFT) : 0;
	uint32_t ppn, cap;

	if (!p)
		return -E_FAULT;
	if (!(p->pte & PTE_OWN))
		return -E_PERM;
	ppn = p->pte >> PAGE_SHIFT;
	cap = p->cap;
	vm_unmap(va);
	return sys_page_free(ppn, cap);
}

int vm_cap(uint32_t va, int write, uint32_t *cap)
{
	struct vm_pte *p = pt ? pt->find(va >> PAGE_SHIFT) : 0;
	int r;

	if (!p)
		return -E_FAULT;
	if (!(p->pte & PTE_OWN))
		return -E_PERM;
	if ((r = sys_page_cap(p->pte >> PAGE_SHIFT, p->cap, write != 0, cap)) < 0)
		return r;
	return p->pte >> PAGE_SHIFT;
}

void vm_set_handler(vm_handler_fn fn)
{
	handler = fn;
}

const char *vm_kind_name(void)
{
	return pt ? pt->name : "none";
}

/* Whether p allows the access. */
static int allowed(const struct vm_pte *p, int write)
{
	return p && (p->pte & (write ? PTE_WRITE : PTE_READ));
}

/* Bind p for the access; a store makes it dirty.  -> 0 or the kernel's error. */
static int fill(struct vm_pte *p, int write, uint32_t code)
{
	int r;

	if (write && (p->pte & PTE_COW) && (r = vm_cow_copy(p)) < 0)
		return r;
	if (write && !(p->pte & PTE_DIRTY)) {
		p->pte |= PTE_DIRTY;
		vm_stats.mods += code == EXC_MOD;
	}
	vm_stats.fills++;
	return bind(p);
}

/*
 * exos_fault's work for a vm process (xret.S's C path: a miss the fast
 * path did not satisfy, or a Mod exception).  Allowed: bind it.
 * Otherwise the application's handler decides (vm.h).
 */
static void vm_fault(uint32_t va, uint32_t cause, uint32_t epc)
{
	uint32_t code = (cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT, vpn = va >> PAGE_SHIFT;
	int write = code != EXC_TLBL, r = VM_KILL;
	struct vm_pte *p = pte_of(vpn);

	if (allowed(p, write) && fill(p, write, code) == 0)
		return;
	if (handler) {
		vm_stats.upcalls++;
		r = handler(va, write);
	}
	if (r == VM_RETRY) {
		p = pte_of(vpn);
		if (allowed(p, write))
			fill(p, write, code);
		return;
	}
	if (r == VM_SKIP && !(cause & CAUSE_BD)) {
		SAVED_EPC = epc + 4;
		return;
	}
	exos_segv(va, cause, epc);
}

/*
 * Map the table's pages, pinned, at VM_TABLE_VA: the fault path reads
 * it and must not fault.
 */
static int table_pages(uint32_t bytes)
{
	uint32_t cap, i;
	int p;

	for (i = 0; i < (bytes + PAGE_SIZE - 1) >> PAGE_SHIFT; i++) {
		p = sys_page_alloc(-1, &cap);
		if (p < 0)
			return p;
		p = sys_tlb_write(VM_TABLE_VA + (i << PAGE_SHIFT),
				  (p << PAGE_SHIFT) | TLB_WRITE | TLB_PIN, cap);
		if (p < 0)
			return p;
	}
	return 0;
}

int vm_init(int kind)
{
	const struct pt_ops *ops = kind == VM_PT_LINEAR ? &pt_linear
				   : kind == VM_PT_INVERTED ? &pt_inverted : 0;
	int r;

	if (!ops)
		return -E_INVAL;
	if (pt || exos_fault_hook)
		return -E_BUSY;
	for (uint32_t i = 0; i < EXOS_NPTE; i++)
		if (exos_ptab[i].key)
			return -E_BUSY;         /* exos_map's table is in use */
	if ((r = table_pages(ops->bytes)) < 0)
		return r;
	ops->init((void *)VM_TABLE_VA);
	pt = ops;
	exos_fault_hook = vm_fault;
	sys_set_handler(EXC_MOD, exos_modfault);
	return 0;
}
