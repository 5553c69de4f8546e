/*
 * proc.c: building a child environment from user level (proc.h).
 */
#include "proc.h"

int exos_page_new(uint32_t va, uint32_t flags, uint32_t *ppn, uint32_t *cap)
{
	uint32_t c;
	int p = sys_page_alloc(-1, &c), r;

	if (p < 0)
		return p;
	if ((r = sys_tlb_write(va, (uint32_t)p << PAGE_SHIFT | flags, c)) < 0) {
		sys_page_free(p, c);
		return r;
	}
	*ppn = p;
	*cap = c;
	return 0;
}

int exos_child_alloc(struct exos_child *c)
{
	int id = sys_env_alloc();

	c->n = 0;
	c->id = id > 0 ? (uint32_t)id : 0;
	return id < 0 ? id : 0;
}

/*
 * Send the queued mappings.  When one is refused, the pages not yet
 * given away are still the caller's: free them (the child is to be
 * abandoned).
 */
int exos_child_flush(struct exos_child *c)
{
	uint32_t done = 0;
	int r = 0, i;

	if (c->n > 0)
		r = sys_env_map(c->id, c->m, c->n, &done);
	if (r < 0)
		for (i = done; i < c->n; i++)
			if (c->m[i].pte & EXOS_GIVE)
				sys_page_free(c->m[i].pte >> PAGE_SHIFT, c->m[i].cap);
	c->n = 0;
	return r < 0 ? r : 0;
}

/* Queue one mapping of the child's (SYS_TLB_WRITE's va, pte, cap). */
int exos_child_share(struct exos_child *c, uint32_t va, uint32_t pte, uint32_t cap)
{
	int r;

	if (c->n == EXO_MAP_MAX && (r = exos_child_flush(c)) < 0)
		return r;
	c->m[c->n].va = va;
	c->m[c->n].pte = pte;
	c->m[c->n].cap = cap;
	c->n++;
	return 0;
}

/*
 * A new page for the child at va (flags: TLB_WRITE, TLB_PIN), holding
 * len <= PAGE_SIZE bytes from src and zeros after them, given to it.
 * Returns its ppn.
 */
int exos_child_page(struct exos_child *c, uint32_t va, uint32_t flags,
		    const void *src, uint32_t len)
{
	uint32_t ppn, cap;
	int r;

	if (len > PAGE_SIZE)
		return -E_INVAL;
	if ((r = exos_page_new(EXOS_PROC_SCRATCH, TLB_WRITE | TLB_PIN, &ppn, &cap)) < 0)
		return r;
	if (len)
		memcpy((void *)EXOS_PROC_SCRATCH, src, len);
	sys_tlb_delete(EXOS_PROC_SCRATCH, 0);
	if ((r = exos_child_share(c, va, ppn << PAGE_SHIFT | flags | EXOS_GIVE, cap)) < 0) {
		sys_page_free(ppn, cap);
		return r;
	}
	return ppn;
}

/* The child's save area: a page of its own pinned at EXO_SAVE_VA. */
int exos_child_save(struct exos_child *c)
{
	int r = exos_child_page(c, EXO_SAVE_VA, TLB_WRITE | TLB_PIN, 0, 0);

	return r < 0 ? r : exos_child_set(c, EXO_SET_SAVE, EXO_SAVE_VA);
}

int exos_child_set(struct exos_child *c, uint32_t what, uint32_t val)
{
	int r = exos_child_flush(c);

	return r < 0 ? r : sys_env_set(c->id, what, val);
}

/* Start it with a slice (-1: any free one); run: at once, for the rest of ours. */
int exos_child_start(struct exos_child *c, uint32_t slice, int run)
{
	int r = exos_child_flush(c);

	return r < 0 ? r : sys_env_start(c->id, slice, run);
}

/* Give up building it: its pages go with it, the queued ones are freed. */
void exos_child_abandon(struct exos_child *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (c->m[i].pte & EXOS_GIVE)
			sys_page_free(c->m[i].pte >> PAGE_SHIFT, c->m[i].cap);
	c->n = 0;
	if (c->id)
		sys_env_destroy(c->id);
	c->id = 0;
}
