/*
 * proc.c: environments built by their parent, as xok's library OS
 * builds processes (exo/exo.h, docs/KERNEL.md): SYS_ENV_ALLOC makes an
 * empty child, SYS_ENV_MAP binds pages the parent holds capabilities
 * for in the child's address space, SYS_ENV_SET sets its registers,
 * pc, entries, handlers and save area, SYS_ENV_START gives it a slice.
 * SYS_MODULE_READ lets a library read a boot module (to load it
 * itself), and SYS_ENV_WAIT collects a dead child's status.
 *
 * The rule that keeps this safe: until it is started only the parent
 * touches a child, and afterwards only the child changes itself.  A
 * child being built is not runnable (sched.c env_runnable) and no
 * transfer enters it (env.c env_rekey); the parent is checked by its
 * full envid, so a stale or forged one names nothing.  A parent that
 * dies takes its unstarted children with it (nothing else could start
 * them) and its uncollected dead children's slots are freed.
 */
#include "kern.h"

#define V1 3

/*
 * The caller's child id, not yet started: the environment, or 0 with
 * *err = -E_BADENV (no such environment) or -E_PERM (someone else's, or
 * started already).
 */
static struct env *unstarted_child(uint32_t id, int *err)
{
	struct env *t = env_lookup(id);

	*err = -E_BADENV;
	if (!t)
		return 0;
	*err = -E_PERM;
	if (t->parent != kcur.user->id || t->made != ENV_MADE_BUILDING)
		return 0;
	return t;
}

sysret sys_env_alloc(uint32_t a0, uint32_t a1, uint32_t a2)
{
	struct env *e;

	(void)a1, (void)a2;
	if (a0 != 0)
		return -E_INVAL;
	if (!(e = env_new(kcur.user->id)))
		return -E_NOMEM;
	e->made = ENV_MADE_BUILDING;
	env_rekey(e);
	return e->id;
}

/*
 * One SYS_ENV_MAP entry: SYS_TLB_WRITE's binding in t; with
 * EXO_MAP_GIVE the page, the caller's and named by its write
 * capability, becomes t's (so it lives as long as t, not the caller).
 */
static int map_one(struct env *t, const struct exo_map *m)
{
	uint32_t ppn = m->pte >> PAGE_SHIFT;
	int give = m->pte & EXO_MAP_GIVE, r;

	if (give && (ppn >= page_count() || page_owner(ppn) != kcur.user->id
		     || page_check(ppn, m->cap, 1) < 0))
		return -E_PERM;
	if ((r = env_bind(t, m->va, m->pte & ~EXO_MAP_GIVE, m->cap)) < 0)
		return r;
	if (give)
		page_give(ppn, t->id);
	return 0;
}

/*
 * Bind n mappings in the child, each exactly as SYS_TLB_WRITE would in
 * the caller (env_bind checks the capability).  The array is copied in
 * whole first, so the caller cannot change it under the checks.
 */
sysret sys_env_map(uint32_t id, uint32_t umaps, uint32_t n)
{
	struct exo_map m[EXO_MAP_MAX];
	struct env *t;
	uint32_t i;
	int r;

	if (!(t = unstarted_child(id, &r)))
		return r;
	if (n > EXO_MAP_MAX)
		return -E_INVAL;
	if (umaps >= KSEG0_BASE || n * sizeof m[0] > KSEG0_BASE - umaps
	    || ucopyin(m, umaps, n * sizeof m[0]) < 0)
		return -E_FAULT;
	env_set_asid(t);        /* its STLB entries carry its ASID of this generation */
	for (i = 0; i < n; i++)
		if ((r = map_one(t, &m[i])) < 0)
			return RET2(r, i);
	return n;
}

/* SYS_ENV_SET's register, pc and entry kinds. */
static int set_context(struct env *t, uint32_t what, uint32_t val)
{
	if (what >= 1 && what <= 31 && what != 26 && what != 27) {
		t->tf[what] = val;
		return 0;
	}
	if (what == EXO_SET_PC) {
		if (val >= KSEG0_BASE || (val & 3))
			return -E_INVAL;
		t->tf[TF_EPC / 4] = val;
		return 0;
	}
	if (what >= EXO_SET_ENTRY(0) && what < EXO_SET_ENTRY(EXO_NENTRY)) {
		if (val >= KSEG0_BASE)
			return -E_INVAL;
		t->entry[what - EXO_SET_ENTRY(0)] = val;
		eos_set(t, 0);
		env_rekey(t);
		return 0;
	}
	return -E_INVAL;
}

sysret sys_env_set(uint32_t id, uint32_t what, uint32_t val)
{
	struct env *t;
	uint32_t code = what - EXO_SET_HANDLER(0), elo;
	int r;

	if (!(t = unstarted_child(id, &r)))
		return r;
	if (code < EXC_NCODES) {
		if (code == EXC_INT || code == EXC_SYS || val >= KSEG0_BASE)
			return -E_INVAL;
		t->xh[code] = val ? val : (uint32_t)k_fault;
		return 0;
	}
	if (what == EXO_SET_SAVE) {
		if (val >= KSEG0_BASE || env_pin_lookup(t, val, &elo) < 0 || !(elo & ELO_D))
			return -E_INVAL;
		env_set_save(t, elo >> PAGE_SHIFT);
		return 0;
	}
	return set_context(t, what, val);
}

/*
 * SYS_MODULE_READ.  A module's bytes are public (any environment may
 * SYS_ENV_CREATE it); the copy goes to a page the caller owns, through
 * the kernel's own mapping, so no user address is written.
 */
sysret sys_module_read(uint32_t module, uint32_t off, uint32_t ppn)
{
	const uint32_t *bi = KVA(bootinfo);
	const uint32_t *mod;
	const uint8_t *src;
	uint32_t idx = module & ~EXO_MODULE_NAME, size, n;
	char name[256];

	if (idx >= bi[BI_NMODULES / 4])
		return -E_INVAL;
	mod = &bi[(BI_MODULES + idx * BI_MOD_SIZE) / 4];
	src = KVA(mod[0]);
	size = mod[1];
	if (module & EXO_MODULE_NAME) {         /* at most 255 bytes of it, then a NUL */
		const char *s = KVA(mod[2]);
		for (size = 0; size < sizeof name - 1 && s[size]; size++)
			name[size] = s[size];
		name[size++] = 0;
		src = (const uint8_t *)name;
	}
	if (ppn == 0xffffffff)
		return size;
	if (off > size || ppn >= page_count())
		return -E_INVAL;
	if (page_owner(ppn) != kcur.user->id)
		return -E_PERM;
	n = size - off < PAGE_SIZE ? size - off : PAGE_SIZE;
	memcpy(KVA(ppn << PAGE_SHIFT), src + off, n);
	memset((uint8_t *)KVA(ppn << PAGE_SHIFT) + n, 0, PAGE_SIZE - n);
	return RET2(n, size);
}

/*
 * SYS_ENV_START: the child becomes runnable with a slice, a free one or
 * one the caller gives.  A caller that gives away the slice it runs in
 * runs the rest of it as a lent one, so a transfer it makes does not
 * hand the child's slice on.
 */
int sys_env_start(struct env *e, uint32_t id, uint32_t slice, uint32_t run)
{
	struct env *t = env_lookup(id);
	int s;

	if (!t)
		return -E_BADENV;
	if (t->parent != e->id || t->made != ENV_MADE_BUILDING)
		return -E_PERM;
	if (run > 1 || t->tf[TF_EPC / 4] == 0 || (slice != 0xffffffff && slice >= EXO_NSLICE))
		return -E_INVAL;
	if (slice == 0xffffffff) {
		if ((s = slice_alloc(t->id, -1)) < 0)
			return s;
	} else {
		if (slices[slice] != e->id)
			return -E_PERM;
		s = slice;
		slices[s] = t->id;
		if (kcur.slot == &slices[s])
			kcur.slot = &kcur.lent;
	}
	t->made = ENV_MADE_STARTED;
	env_rekey(t);
	if (run) {
		e->tf[2] = s;           /* v0 when the caller runs again */
		sched_yield_to(e, t->id);
	}
	return s;
}

/* Whether a child's envid matches SYS_ENV_WAIT's a0 (-1: any). */
static int wait_match(uint32_t want, uint32_t id)
{
	return want == 0xffffffff || want == id;
}

/* Give waiting parent p the status of dead child z and free z's slot. */
static void collect(struct env *p, struct env *z)
{
	p->tf[2] = z->zombie;
	p->tf[V1] = z->xstatus;
	z->zombie = 0;
}

int sys_env_wait(struct env *e, uint32_t id, uint32_t poll)
{
	int i, live = 0;

	if (poll > 1)
		return -E_INVAL;
	for (i = 0; i < EXO_NENV; i++) {
		struct env *c = &envs[i];
		if (c->parent != e->id)
			continue;
		if (c->zombie && wait_match(id, c->zombie)) {
			collect(e, c);
			env_resume(e);
		}
		live += c->id != 0 && c->made == ENV_MADE_STARTED && wait_match(id, c->id);
	}
	if (!live)
		return -E_BADENV;
	if (poll)
		return -E_BUSY;
	e->waiting = 1;
	e->wait_id = id;
	sched_next();
}

/*
 * Environment id has just been destroyed (env_destroy; e is its slot).
 * Its unstarted children go too and its dead ones need no collecting.
 * If it was started by a parent that lives, its slot keeps its envid
 * and status until the parent collects them, at once if it waits.
 */
void proc_exited(struct env *e, uint32_t id)
{
	struct env *p = e->made == ENV_MADE_STARTED ? env_lookup(e->parent) : 0;
	int i;

	for (i = 0; i < EXO_NENV; i++) {
		struct env *c = &envs[i];
		if (c->parent != id)
			continue;
		if (c->zombie)
			c->zombie = 0;
		else if (c->id != 0 && c->made == ENV_MADE_BUILDING)
			env_destroy(c, 0);
	}
	e->made = ENV_MADE_BOOT;
	if (!p)
		return;
	e->zombie = id;
	if (p->waiting && wait_match(p->wait_id, id)) {
		collect(p, e);
		p->waiting = 0;
	}
}
