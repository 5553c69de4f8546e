/*
 * kern.h: the kernel's modules and their interfaces.
 *   pmap.c   physical pages: owners, capabilities, allocation
 *   stlb.c   secure bindings: the software TLB and the hardware TLB
 *   env.c    environments, ASIDs, loading boot modules
 *   sched.c  the slice vector, the timer, yield
 *   trap.c   system calls and the C side of interrupts and faults
 *   proc.c   environments built by their parent, and waiting for them
 *   main.c   boot
 */
#ifndef EXOKERNEL_KERN_H
#define EXOKERNEL_KERN_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "rt.h"
#endif
#include "exo/exo.h"
#include "env.h"

#define KVA(pa)   ((void *)(KSEG0_BASE | (uint32_t)(pa)))
#define PADDR(va) ((uint32_t)(va) & KSEG_PHYS_MASK)
#define MAXPAGES  32768          /* 128 MB of RAM accounted at most */
#define OWNER_KERNEL 0xffffffffu

#ifndef __ASSEMBLER__
/* A system call's result: v0 in the low half, v1 in the high (RET2). */
typedef int64_t sysret;
#endif
#define RET2(r, second) ((sysret)((uint64_t)(uint32_t)(r) | (uint64_t)(second) << 32))

/*
 * pmap.c.  A physical page's record, 16 bytes, the layout shared with
 * assembly (pages + (ppn << PAGE_SHIFT_REC)): its owner (an envid, 0
 * when free, OWNER_KERNEL), its generation, and its read and write
 * capabilities for that generation.  The capabilities mean something
 * only while the owner is an envid: a check tests the owner first.
 */
#define PAGE_OWNER     0
#define PAGE_GEN       4
#define PAGE_RCAP      8
#define PAGE_WCAP      12
#define PAGE_SHIFT_REC 4         /* log2(sizeof(struct page)) */
#ifndef __ASSEMBLER__
struct page { uint32_t owner, gen, rcap, wcap; };
_Static_assert(__builtin_offsetof(struct page, owner) == PAGE_OWNER
	       && __builtin_offsetof(struct page, gen) == PAGE_GEN
	       && __builtin_offsetof(struct page, rcap) == PAGE_RCAP
	       && __builtin_offsetof(struct page, wcap) == PAGE_WCAP, "struct page offsets");
_Static_assert(sizeof(struct page) == 1 << PAGE_SHIFT_REC, "struct page size");
extern struct page pages[MAXPAGES];
extern uint32_t npages;          /* pages of RAM accounted (<= MAXPAGES) */
void page_init(uint32_t free_start, uint32_t mem_size, uint64_t seed);
int page_alloc(uint32_t owner, int32_t ppn);   /* ppn or -E_* */
int page_free(uint32_t owner, uint32_t ppn, uint32_t cap);
int page_recap(uint32_t owner, uint32_t ppn, uint32_t cap);
uint32_t page_cap(uint32_t ppn, int write);
int page_check(uint32_t ppn, uint32_t cap, int write);
uint32_t page_owner(uint32_t ppn);
void page_give(uint32_t ppn, uint32_t to);
sysret sys_page_owner(uint32_t ppn, uint32_t a1, uint32_t a2);
sysret sys_kstat(uint32_t va, uint32_t a1, uint32_t a2);   /* kstat.c */
uint32_t page_count(void);
uint32_t page_owned(uint32_t envid);
void page_release_all(uint32_t owner);
void page_reclaim(uint32_t work);
int page_repossess(struct env *e, int n);
#endif

/*
 * Teardown is deferred: a destroyed environment's pages go on a reclaim
 * list (in O(1)) and stay allocated to its dead envid, so unusable,
 * until page_reclaim breaks their bindings and frees them, oldest
 * first.  Each call (at the destruction and at every timer tick) does
 * RECLAIM_WORK units of work, a page costing one unit plus one per
 * binding it had; a page is always reclaimed whole.
 */
#define RECLAIM_WORK 256

/* stlb.c */
#define STLB_EMPTY 1
#define STLB_PIN   1             /* in lo: a guaranteed mapping */
#ifndef __ASSEMBLER__
struct stlb_ent { uint32_t tag, lo; };
extern struct stlb_ent stlb[4096];
void stlb_init(void);
void stlb_insert(uint32_t ehi, uint32_t elo, int pin);
void stlb_delete(uint32_t ehi);
void stlb_delete_range(uint32_t ehi, uint32_t n);   /* n pages from ehi */
void stlb_flush_all(void);
uint32_t bind_break_page(uint32_t ppn);
void bind_break_asid(uint32_t asid);
#endif

/*
 * The reverse map (stlb.c): for every physical page, the list of its
 * bindings, so that breaking them (free, revoke, repossess) costs in
 * proportion to their number.  A binding is a node, numbered:
 *
 *   RMAP_STLB  + s                   STLB slot s, s = 0..4095
 *   RMAP_PIN   + k * EXO_NPIN + i    envs[k].pin[i]
 *   RMAP_WIRED + w                   hardware TLB entry w, w = 0..TLB_NWIRED-1
 *   RMAP_SAVE  + k                   envs[k]'s save area (save_ppn)
 *   RMAP_HEAD  + ppn                 the head of page ppn's list
 *
 * rmap[n] holds node n's two links, 4 bytes at byte offset 4 * n: the
 * halfwords next (RMAP_NEXT) and prev (RMAP_PREV), so assembly reaches
 * both from one address (tlbfast.S).  Every list is circular through its
 * head; a node that binds nothing is linked to itself (so unlinking it
 * again changes nothing).  Neither operation branches:
 *
 *   link n to page ppn:  h = RMAP_HEAD + ppn; x = next[h];
 *                        next[n] = x; prev[n] = h; prev[x] = n; next[h] = n
 *   unlink n:            p = prev[n]; x = next[n]; next[p] = x; prev[x] = p;
 *                        next[n] = n; prev[n] = n
 *
 * Rebinding a node is unlink then link.  rmap_link ignores a ppn past
 * the end of RAM (>= npages: the simctl page, which is never freed); a
 * ppn that page_check accepted always has a list.
 *
 * Invariant: every valid hardware TLB entry of a user mapping is a copy
 * of the STLB slot with its tag, or of a pin of the environment with
 * its ASID, or one of the wired entries 0..TLB_NWIRED-1 (where a
 * binding that cannot have its STLB slot goes), and each of those is a
 * node on its page's list.  So breaking a page's bindings walks its
 * list: an STLB slot or a pin has its tag dropped from the TLB (one
 * tlbp), a wired entry is invalidated, a save area falls back to the
 * environment's scratch area.  STLB entries of a destroyed
 * environment's ASID stay on their lists until displaced, freed or
 * flushed: no environment gets that ASID before the next generation.
 *
 * The insert of SYS_TLB_WRITE (stlb_insert; tlbfast.S for an ordinary
 * mapping in segment 1), for ehi in slot s: if the slot holds another
 * pinned tag, drop ehi from the TLB and put the mapping in the next
 * wired entry instead; else unlink s, write the slot, link s to
 * ppn = elo >> 12, and write ehi -> elo into the TLB entry that held
 * ehi, or else the one that held the slot's other tag (so that the TLB
 * entry leaves with its STLB slot), or else a random one.  A wired
 * entry is never reused that way: it is invalidated (its node
 * unlinked), and tlbfast.S leaves that case to C.
 */
#define RMAP_STLB   0
#define RMAP_PIN    4096
#define RMAP_WIRED  (RMAP_PIN + EXO_NENV * EXO_NPIN)     /* 8192 */
#define RMAP_SAVE   (RMAP_WIRED + TLB_NWIRED)            /* 8200 */
#define RMAP_HEAD   (RMAP_SAVE + EXO_NENV)               /* 8264 */
#define RMAP_NODES  (RMAP_HEAD + MAXPAGES)
#define RMAP_NEXT   0
#define RMAP_PREV   2
#ifndef __ASSEMBLER__
struct rmap_node { uint16_t next, prev; };
extern struct rmap_node rmap[RMAP_NODES];
void rmap_link(uint32_t n, uint32_t ppn);
void rmap_unlink(uint32_t n);

/* tlb.S */
void tlb_write_random(uint32_t ehi, uint32_t elo);
void tlb_write_index(int i, uint32_t ehi, uint32_t elo);
void tlb_read(int i, uint32_t *ehi, uint32_t *elo);
int tlb_probe(uint32_t ehi);
void tlb_flush(void);
void tlb_drop(uint32_t ehi);

/* sched.c */
void sched_init(uint32_t tick_hz);
int slice_alloc(uint32_t envid, int32_t slice);
int slice_free(uint32_t envid, uint32_t slice);
void slice_release(uint32_t envid);
uint32_t clock_us(void);
int cons_wait(struct env *e);
void cons_wake(void);
void cons_forget(struct env *e);
void revoke_timer_arm(void);
void revoke_expire(void);
void revoke_forget(struct env *e);
extern uint32_t user_status;
int env_runnable(struct env *e);
void sched_tick(struct env *e) __attribute__((noreturn));
void sched_next(void) __attribute__((noreturn));
void sched_run(struct env *e) __attribute__((noreturn));
void env_resume(struct env *e) __attribute__((noreturn));
void sched_yield_to(struct env *e, uint32_t target) __attribute__((noreturn));
void eos_set(struct env *e, int under_way);
void yield_settle(struct env *e);
extern uint32_t slices[EXO_NSLICE];

/* trap.c */
void trap_syscall(struct env *e) __attribute__((noreturn));
void trap_intr(struct env *e) __attribute__((noreturn));
void trap_fault(struct env *e) __attribute__((noreturn));
void trap_pinmiss(struct env *e) __attribute__((noreturn));
void halt_if_none_left(void);

/* proc.c: environments built by their parent (SYS_ENV_ALLOC..., SYS_ENV_WAIT) */
sysret sys_env_alloc(uint32_t a0, uint32_t a1, uint32_t a2);
sysret sys_env_map(uint32_t id, uint32_t umaps, uint32_t n);
sysret sys_env_set(uint32_t id, uint32_t what, uint32_t val);
sysret sys_module_read(uint32_t module, uint32_t off, uint32_t ppn);
int sys_env_start(struct env *e, uint32_t id, uint32_t slice, uint32_t run);
int sys_env_wait(struct env *e, uint32_t id, uint32_t poll);
void proc_exited(struct env *e, uint32_t id);

/* main.c */
int cons_getc(void);
extern uint32_t bootinfo;
void halt(int status) __attribute__((noreturn));
void kpanic(const char *why) __attribute__((noreturn));

#endif /* __ASSEMBLER__ */

/*
 * vec.S; ucopyin is trap.c's.  tlbfast.S's tlb_fast leaves a call it
 * does not finish to k_light + K_LIGHT_C, the general path of the light
 * calls (vec.S checks the offset).
 */
#define K_LIGHT_C 8
#ifndef __ASSEMBLER__
uint32_t ucopy(void *dst, uint32_t usrc, uint32_t n);
int ucopyin(void *dst, uint32_t usrc, uint32_t n);
extern char k_syscall_entry[], k_intr[], k_fault[], k_kfault[];
#endif /* __ASSEMBLER__ */

#endif /* EXOKERNEL_KERN_H */
