/*
 * vm.h: ExOS virtual memory (paper 6.2 and 7.2), at user level.
 *
 * A process that calls vm_init() keeps its own page table of segment 1
 * (EXO_SEG2_END..0x7fffefff; the last page, VM_COPY_VA, is fork's): either a linear vector of PTEs sorted by
 * virtual page and searched by binary search (VM_PT_LINEAR, the
 * paper's), or an inverted page table, a hash anchor table over a pool
 * of one entry per mapped page (VM_PT_INVERTED, Table 13).  The table
 * lives in pinned pages of segment 2 (VM_TABLE_VA), so looking it up
 * never faults.
 *
 * Every access the kernel cannot satisfy from the STLB reaches exos's
 * TLB-miss handler (xret.S).  Its assembly fast path reads exos_ptab,
 * which for a vm process is a direct-mapped cache of the page table
 * (one bucket per vpn & (EXOS_NPTE - 1)) that vm fills whenever a page
 * becomes accessible; anything else comes to vm_fault in C: install
 * the mapping from the page table, record a dirty bit (a writable
 * page is bound read-only until its first store, whose Mod exception
 * comes here), or call the application's handler.
 *
 * Protection: VM_NONE, VM_READ, VM_RW.  Taking rights away (vm_prot to
 * less) updates the page table, the cache and, for pages the kernel
 * may have bound, the STLB and TLB (SYS_TLB_DELETE, or SYS_TLB_WRITE
 * read-only).  Giving rights updates only the page table and the
 * cache: the kernel holds no binding of a protected page, and a
 * read-only binding of a page made writable is upgraded by the Mod
 * exception of its first store (which is also what records the dirty
 * bit).
 *
 * Application page-fault handlers (Appel and Li): vm_set_handler(fn);
 * fn(va, write) is called for an access the page table forbids or a
 * page it does not hold, inside the exception (no fault may happen in
 * it: it must not touch a protected page).  It may call vm_prot,
 * vm_map and the rest, and returns VM_RETRY (run the access again:
 * if the page is now accessible it is bound before resuming),
 * VM_SKIP (resume after the faulting instruction; not for one in a
 * branch delay slot) or VM_KILL.  With no handler, or VM_KILL, the
 * process exits like a segmentation fault.
 *
 * Sharing and aliasing: vm_map binds a page to any va given its
 * capability (read or write: the kernel checks it at each binding);
 * vm_cap gives the capabilities of a page a process owns, to pass on.
 *
 * Errors are negated E_* codes (exo/exo.h): -E_INVAL (va not a page of
 * segment 1, a range that wraps or leaves it, bad prot), -E_NOMEM (the
 * page table is full, no free page), -E_BUSY (va mapped already),
 * -E_PERM (the kernel refused the capability), -E_FAULT (va not mapped).
 */
#ifndef EXOS_VM_H
#define EXOS_VM_H

#include <stdint.h>

#define VM_NONE    0
#define VM_READ    1
#define VM_RW      3
#define VM_NOCACHE 8            /* with VM_READ or VM_RW: uncached */

#define VM_PT_LINEAR   0
#define VM_PT_INVERTED 1

#define VM_RETRY 0
#define VM_SKIP  1
#define VM_KILL  2

#define VM_NPTE     1024        /* mappings per page table */
#define VM_TABLE_VA 0x00e00000  /* the page table's pinned pages (segment 2) */

typedef int (*vm_handler_fn)(uint32_t va, int write);

int vm_init(int kind);                       /* -> 0; -E_BUSY (exos_map used, or twice) */
int vm_alloc(uint32_t va, int32_t ppn, int prot);   /* a new page (ppn, or -1: any) -> ppn */
int vm_map(uint32_t va, uint32_t ppn, uint32_t cap, int prot);   /* share or alias */
int vm_unmap(uint32_t va);                   /* -> 0; the page stays allocated */
int vm_free(uint32_t va);                    /* unmap and free the page */
int vm_prot(uint32_t va, uint32_t npages, int prot);   /* -> pages changed */
int vm_dirty(uint32_t va);                   /* -> 1 dirty, 0 clean */
int vm_clean(uint32_t va);                   /* clear the dirty bit (re-arm it) */
int vm_cap(uint32_t va, int write, uint32_t *cap);     /* -> ppn, *cap its capability */
void vm_set_handler(vm_handler_fn fn);
const char *vm_kind_name(void);

/*
 * fork (vm_fork.c): a child environment with a copy of this address
 * space: segment 2 (the image, its data and stack, the page table) is
 * copied now into pages the child owns; every page of the page table
 * is shared copy-on-write: both processes map it read-only and the
 * first store of either copies it (vm_stats.cows counts the copies).
 * Returns the child's envid in the parent, 0 in the child, or -E_*.
 * The child starts with the parent's handlers and upcall entries and
 * a slice of its own; collect it with SYS_ENV_WAIT.  A page both have
 * copied stays the parent's, unmapped, until the parent exits.
 */
int vm_fork(void);

/* Counters, for tests and benchmarks (bumped inside exceptions). */
struct vm_stats {
	uint32_t fills;         /* misses vm_fault installed from the page table */
	uint32_t mods;          /* Mod exceptions that set a dirty bit */
	uint32_t upcalls;       /* calls of the application's handler */
	uint32_t cows;          /* copy-on-write copies (vm_fork) */
};
extern volatile struct vm_stats vm_stats;

/*
 * For the page-table implementations (pt_linear.c, pt_inverted.c).  A
 * PTE: vpn; pte = ppn << PAGE_SHIFT | PTE_* bits; cap, the capability
 * presented to the kernel; link, the implementation's.
 */
struct vm_pte {
	uint32_t vpn, pte, cap, link;
};
#define PTE_READ    0x001       /* = VM_READ */
#define PTE_WRITE   0x002       /* VM_RW = PTE_READ | PTE_WRITE */
#define PTE_NOCACHE 0x008       /* = VM_NOCACHE */
#define PTE_DIRTY   0x010       /* stored to since mapped or vm_clean */
#define PTE_BOUND   0x020       /* the kernel may hold a binding (or exos_ptab may give one) */
#define PTE_HWW     0x040       /* that binding may be writable */
#define PTE_OWN     0x080       /* vm_alloc's page: vm_free frees it */
#define PTE_COW     0x100       /* shared by vm_fork: copy before the first store */
#define VM_COPY_VA  0x7ffff000  /* the copy-on-write window: vm maps nothing there */

struct pt_ops {
	const char *name;
	uint32_t bytes;                         /* of table memory wanted */
	void (*init)(void *mem);
	struct vm_pte *(*find)(uint32_t vpn);   /* 0: not mapped */
	struct vm_pte *(*insert)(uint32_t vpn); /* a fresh PTE (vpn set), 0: full; vpn absent */
	void (*remove)(uint32_t vpn);           /* vpn present */
	/* fn on each mapped vpn in [vpn, vpn + n), in order; -> how many */
	uint32_t (*walk)(uint32_t vpn, uint32_t n, void (*fn)(struct vm_pte *, int), int arg);
	/* or, where the PTEs of a range lie side by side: the first, *cnt of them */
	struct vm_pte *(*span)(uint32_t vpn, uint32_t n, uint32_t *cnt);
};
extern const struct pt_ops pt_linear, pt_inverted;

/* vm.c, for vm_fork.c. */
const struct pt_ops *vm_pt(void);               /* the table in use, or 0 */
void vm_share_cow(struct vm_pte *p, int unused);
int vm_cow_copy(struct vm_pte *p);

#endif /* EXOS_VM_H */
