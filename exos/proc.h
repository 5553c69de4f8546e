/*
 * proc.h: building environments at user level (exo/exo.h calls 18-21,
 * 37, 38), the layer under ExOS's processes (spawn, exec, wait: exos
 * process.h) and fork (the VM library).  A parent makes an empty child
 * (exos_child_alloc), gives it pages (new ones, filled from memory:
 * exos_child_page; or pages it holds capabilities for:
 * exos_child_share), its save area (exos_child_save), registers and
 * entries (exos_child_set), and starts it (exos_child_start).  Mappings
 * are batched: EXO_MAP_MAX per SYS_ENV_MAP, sent by exos_child_flush
 * (exos_child_set and exos_child_start flush first).
 *
 * Pages handed over with EXOS_GIVE become the child's (they live as
 * long as the child, not the parent).  Filling a page maps it for a
 * moment, pinned, at EXOS_PROC_SCRATCH in the parent: applications
 * must leave that page of segment 2 free.
 */
#ifndef EXOS_PROC_H
#define EXOS_PROC_H

#include "exos.h"

#define EXOS_PROC_SCRATCH 0x00ff0000   /* one page: the parent's window */
#define EXOS_GIVE         EXO_MAP_GIVE

#define sys_env_alloc()              exo_call(SYS_ENV_ALLOC, 0, 0, 0, 0)
#define sys_env_map(id, m, n, done)  exo_call(SYS_ENV_MAP, (id), (uint32_t)(m), (n), (done))
#define sys_env_set(id, what, v)     exo_call(SYS_ENV_SET, (id), (what), (uint32_t)(v), 0)
#define sys_module_read(m, off, ppn, size) exo_call(SYS_MODULE_READ, (m), (off), (ppn), (size))
#define sys_env_start(id, slice, run) exo_call(SYS_ENV_START, (id), (slice), (run), 0)
#define sys_env_wait(id, poll, st)   exo_call(SYS_ENV_WAIT, (id), (poll), 0, (st))

struct exos_child {
	uint32_t id;                     /* its envid */
	int n;                           /* mappings not yet sent */
	struct exo_map m[EXO_MAP_MAX];
};

int exos_child_alloc(struct exos_child *c);
int exos_child_flush(struct exos_child *c);
int exos_child_share(struct exos_child *c, uint32_t va, uint32_t pte, uint32_t cap);
int exos_child_page(struct exos_child *c, uint32_t va, uint32_t flags,
		    const void *src, uint32_t len);
int exos_child_save(struct exos_child *c);
int exos_child_set(struct exos_child *c, uint32_t what, uint32_t val);
int exos_child_start(struct exos_child *c, uint32_t slice, int run);
void exos_child_abandon(struct exos_child *c);

/* A fresh page of the caller's, mapped at va (flags: TLB_*), or -E_*. */
int exos_page_new(uint32_t va, uint32_t flags, uint32_t *ppn, uint32_t *cap);

#endif /* EXOS_PROC_H */
