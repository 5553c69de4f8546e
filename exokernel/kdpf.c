/*
 * kdpf.c: DPF in the kernel (docs/DPF.md): SYS_DPF_INSERT, SYS_DPF_DELETE
 * and SYS_DPF_DEMUX (exo/exo.h), and the deletion of an environment's
 * filters when it is destroyed.  The engine (dpf/dpf.c, dpf/dpf_gen.c)
 * is compiled here with the kernel's sizes; the whole trie is compiled
 * to code in kcode after each change, its I-cache lines flushed.
 *
 * The rule against stealing: a filter that could accept a message that
 * another environment's filter accepts is refused (-E_PERM), whatever
 * the trie order would make of it; an environment's own filters may
 * overlap (the more specific one wins, as in the engine).
 *
 * The generated code uses t0-t9 and v1; kernel C leaves them to the
 * user (vec.S k_light), so dpf_kcall (kdpf_s.S) saves them around it.
 */
#define DPF_MAX_FILTERS 64
#define DPF_MAX_ATOMS   16      /* the code generator recurses per atom: 8 KiB stack */
#define DPF_MAX_NODES   1024
#define DPF_HASH_MAX    64
#include "../dpf/dpf.c"
#include "../dpf/dpf_gen.c"

#include "kdpf.h"

#define KDPF_MSG_MAX  2048      /* bytes of a message SYS_DPF_DEMUX copies */
#define KDPF_CODE     8192      /* words of generated code */

void dpf_icache_flush(const void *addr, unsigned len);
int dpf_kcall(const void *code, const void *msg, unsigned len);

static struct dpf kd;
static uint32_t kowner[DPF_MAX_FILTERS + 1];    /* each filter's environment id */
static uint32_t kcode[KDPF_CODE];
static int kcode_ok;                            /* kcode holds the trie's code */

/* Compile the trie into kcode; DPF_E_FULL if it does not fit. */
static int kdpf_regen(void)
{
	struct dpf_code c = { .words = kcode, .cap = KDPF_CODE, .addr = (uint32_t)kcode };
	int r = dpf_gen(&kd, &c);

	kcode_ok = r == 0;
	if (r == 0)
		dpf_icache_flush(kcode, 4 * c.n);
	return r;
}

/* The engine's refusals as system-call errors. */
static sysret kdpf_err(int e)
{
	switch (e) {
	case DPF_E_FULL: return -E_NOMEM;
	case DPF_E_DUP: return -E_BUSY;
	case DPF_E_NOFILTER: return -E_INVAL;
	default: return -E_INVAL;               /* a malformed filter */
	}
}

/* Whether canonical filter a overlaps a filter of another environment. */
static int steals(const struct dpf_atom *a, int n, uint32_t me)
{
	for (int id = 1; id <= DPF_MAX_FILTERS; id++)
		if (kd.f[id].used && kowner[id] != me && dpf_overlap(a, n, kd.f[id].a, kd.f[id].n))
			return 1;
	return 0;
}

sysret sys_dpf_insert(uint32_t uatoms, uint32_t n, uint32_t a2)
{
	struct dpf_atom in[DPF_MAX_ATOMS], canon[DPF_MAX_ATOMS];
	uint32_t me = kcur.user->id;
	int k, id;

	(void)a2;
	if (n == 0 || n > DPF_MAX_ATOMS)
		return -E_INVAL;
	if (uatoms >= KSEG0_BASE || n * sizeof in[0] > KSEG0_BASE - uatoms ||
	    ucopyin(in, uatoms, n * sizeof in[0]) < 0)
		return -E_FAULT;
	if ((k = dpf_canon(in, (int)n, canon)) < 0)
		return kdpf_err(k);
	if (steals(canon, k, me))
		return -E_PERM;
	if ((id = dpf_insert(&kd, in, (int)n, (uint16_t)(((me & ENV_IDX_MASK) >> ENV_SHIFT) + 1))) < 0)
		return kdpf_err(id);
	kowner[id] = me;
	if (kdpf_regen() < 0) {                 /* no room for its code */
		dpf_delete(&kd, id);
		kdpf_regen();
		return -E_NOMEM;
	}
	return id;
}

sysret sys_dpf_delete(uint32_t id, uint32_t a1, uint32_t a2)
{
	(void)a1, (void)a2;
	if (id < 1 || id > DPF_MAX_FILTERS || !kd.f[id].used)
		return -E_INVAL;
	if (kowner[id] != kcur.user->id)
		return -E_PERM;
	dpf_delete(&kd, (int)id);
	kdpf_regen();
	return 0;
}

/* The accepting filter of msg[0..len) by the generated code, 0 if none. */
int kdpf_demux(const void *msg, unsigned len)
{
	if (!kcode_ok && kdpf_regen() < 0)
		return 0;
	return dpf_kcall(kcode, msg, len);
}

sysret sys_dpf_demux(uint32_t umsg, uint32_t len, uint32_t a2)
{
	static uint32_t buf[KDPF_MSG_MAX / 4];
	int id;

	(void)a2;
	if (len > KDPF_MSG_MAX)
		return -E_INVAL;
	if (umsg >= KSEG0_BASE || len > KSEG0_BASE - umsg || ucopyin(buf, umsg, len) < 0)
		return -E_FAULT;
	id = kdpf_demux(buf, len);
	return (sysret)(uint32_t)id | (sysret)(id ? kowner[id] : 0) << 32;
}

/* An environment is gone: its filters go with it. */
void kdpf_env_gone(uint32_t envid)
{
	int changed = 0;

	for (int id = 1; id <= DPF_MAX_FILTERS; id++)
		if (kd.f[id].used && kowner[id] == envid) {
			dpf_delete(&kd, id);
			changed = 1;
		}
	if (changed)
		kdpf_regen();
}

/* Before the first call: the empty trie. */
void kdpf_init(void)
{
	dpf_init(&kd);
	kcode_ok = 0;
}
