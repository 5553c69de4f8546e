/*
 * env.c: processor environments: creation from a boot module (an ELF
 * with PT_LOAD segments in segment 2), destruction, guaranteed
 * mappings, and ASIDs.  The 63 hardware ASIDs (0 is never used) are
 * handed out in generations; when they run out the kernel flushes the
 * TLB and the STLB (invisible revocation) and starts a new generation,
 * and each environment gets a new ASID, with its guaranteed mappings
 * put back, the next time it runs.
 */
#include "kern.h"

/* 64K-aligned: vec.S reaches a slot with one lui and an addu. */
struct env envs[EXO_NENV] __attribute__((aligned(0x10000)));

/*
 * The save areas of environments that have not registered one (and of
 * kernel_env): kernel memory sized like the kernel's part of a save
 * page, so that whatever the kernel writes on an environment's behalf
 * lands in memory owned and sized for it.
 */
static uint32_t nullsave[EXO_NENV + 1][SAVE_SIZE / 4];

static uint32_t asid_gen = 1, next_asid = 1;

_Static_assert(sizeof(struct env) == 1 << ENV_SHIFT, "ENV_SHIFT");
_Static_assert(__builtin_offsetof(struct env, xh) == ENV_XH, "ENV_XH");
_Static_assert(__builtin_offsetof(struct env, xsave) == ENV_XSAVE, "ENV_XSAVE");
_Static_assert(__builtin_offsetof(struct env, tf) == ENV_TF, "ENV_TF");
_Static_assert(__builtin_offsetof(struct env, ehi) == ENV_EHI, "ENV_EHI");
_Static_assert(__builtin_offsetof(struct env, entry) == ENV_ENTRY, "ENV_ENTRY");
_Static_assert(__builtin_offsetof(struct env, id) == ENV_ID, "ENV_ID");
_Static_assert(__builtin_offsetof(struct env, key) == ENV_KEY, "ENV_KEY");
_Static_assert(__builtin_offsetof(struct env, pct_to) == ENV_PCTTO, "ENV_PCTTO");
_Static_assert(__builtin_offsetof(struct env, eos_pc) == ENV_EOSPC, "ENV_EOSPC");
_Static_assert(__builtin_offsetof(struct env, in_eos) == ENV_INEOS, "ENV_INEOS");
_Static_assert(sizeof(struct kcur) == KCUR_SIZE, "KCUR_SIZE");
_Static_assert(__builtin_offsetof(struct kcur, user) == KCUR_USER, "KCUR_USER");
_Static_assert(__builtin_offsetof(struct kcur, lent) == KCUR_LENT, "KCUR_LENT");
_Static_assert(SAVE_PENDING + 4 == SAVE_SIZE && SAVE_REPO + 4 * EXO_NREPO <= SAVE_CRIT,
	       "the kernel's part of the save area");
_Static_assert(EXO_NENV << ENV_SHIFT == 0x10000 && ENV_IDX_MASK == 0xffff - ((1 << ENV_SHIFT) - 1),
	       "ENV_IDX_MASK");
_Static_assert(__builtin_offsetof(struct kcur, slot) == KCUR_SLOT, "KCUR_SLOT");
_Static_assert(__builtin_offsetof(struct kcur, onfault) == KCUR_ONFAULT, "KCUR_ONFAULT");

/* The fast transfer paths' key of slot i when it names no live environment. */
static uint32_t key_none(struct env *e)
{
	return ENV_KEY_NONE((uint32_t)(e - envs) << ENV_SHIFT);
}

/*
 * Every exception of kernel_env is a kernel fault (see k_kfault); no
 * free slot's key matches any envid.
 */
void env_init(void)
{
	int i;

	for (i = 0; i < 16; i++) {
		kernel_env.xh[i] = (uint32_t)k_kfault;
		kernel_env.xsave[i] = (uint32_t)nullsave[EXO_NENV];
	}
	for (i = 0; i < EXO_NENV; i++)
		envs[i].key = key_none(&envs[i]);
	kcur.env = &kernel_env;
	kcur.user = &kernel_env;
}

/*
 * Called on each entry to C with e the environment that trapped: it
 * was running, so whatever transfer it once left by is over (the fast
 * path of a protected control transfer records the caller, not the
 * callee's arrival, so a stale mark is cleared here).
 */
void env_note_running(struct env *e)
{
	e->pct_to = 0;
}

struct env *env_lookup(uint32_t id)
{
	struct env *e = ENVX(id);

	return id != 0 && e->id == id ? e : 0;
}

int env_count(void)
{
	int i, n = 0;

	for (i = 0; i < EXO_NENV; i++)
		n += envs[i].id != 0;
	return n;
}

/* e's save area (kseg0): its registered page, or its kernel null area. */
uint32_t *env_save(struct env *e)
{
	return (uint32_t *)e->xsave[(ENV_SAVEAREA - ENV_XSAVE) / 4];
}

/* A word of the kernel's part of e's save area (off is a SAVE_* offset). */
uint32_t save_get(struct env *e, uint32_t off)
{
	if (off >= SAVE_SIZE || (off & 3))
		kpanic("save area offset out of range");
	return env_save(e)[off / 4];
}

void save_put(struct env *e, uint32_t off, uint32_t val)
{
	if (off >= SAVE_SIZE || (off & 3))
		kpanic("save area offset out of range");
	env_save(e)[off / 4] = val;
}

/*
 * Whether an upcall must not land on e now (exo/exo.h): it is in a
 * critical section, it would resume inside its exception-return
 * sequence, or it has no save area to take the upcall with.
 */
int env_critical(struct env *e)
{
	return save_get(e, SAVE_CRIT) != 0 || e->save_ppn == 0
		|| e->tf[TF_EPC / 4] - e->entry[EXO_ENTRY_XRET] < EXO_XRET_LEN;
}

/* Save dispatch state in page ppn (kseg0), or in e's null area if 0. */
void env_set_save(struct env *e, uint32_t ppn)
{
	uint32_t a = ppn ? (uint32_t)KVA(ppn << PAGE_SHIFT) : (uint32_t)nullsave[e - envs];
	int i;

	for (i = 0; i < 16; i++)
		e->xsave[i] = i == EXC_SYS || i == EXC_INT ? (uint32_t)e : a;
	e->save_ppn = ppn;
}

static void set_entryhi(uint32_t ehi)
{
	__asm__ volatile("mtc0 %0, $10" : : "r"(ehi));
}

/*
 * Give e an ASID of the current generation, with its pins in the STLB.
 * A light system call returns with EntryHi as it is (vec.S k_light),
 * so when the caller (kcur.user) gets a new ASID here, EntryHi gets it
 * too; and a new generation gives the caller one at once.
 */
void env_set_asid(struct env *e)
{
	struct env *cur = kcur.user;
	int i;

	if (e->ehi != 0 && e->asid_gen == asid_gen)
		return;
	if (next_asid == NASID) {
		tlb_flush();
		stlb_flush_all();
		for (i = 0; i < EXO_NENV; i++) {
			envs[i].ehi = 0;
			envs[i].key = key_none(&envs[i]);
		}
		asid_gen++;
		next_asid = 1;
		if (cur != e && cur->id != 0)
			env_set_asid(cur);
	}
	e->ehi = next_asid++ << EHI_ASID_SHIFT;
	e->asid_gen = asid_gen;
	e->key = e->id;
	for (i = 0; i < e->npin; i++)
		stlb_insert(e->pin[i].ehi_vpn | e->ehi, e->pin[i].elo, 1);
	if (e == cur)
		set_entryhi(e->ehi);
}

int env_pin_lookup(struct env *e, uint32_t va, uint32_t *elo)
{
	int i;

	for (i = 0; i < e->npin; i++)
		if (e->pin[i].ehi_vpn == (va & EHI_VPN_MASK)) {
			*elo = e->pin[i].elo;
			return i;
		}
	return -1;
}

/* Record and install a guaranteed mapping of va (segment 2). */
int env_pin(struct env *e, uint32_t va, uint32_t elo)
{
	uint32_t old;
	int i = env_pin_lookup(e, va, &old);

	if (i < 0 && e->npin == EXO_NPIN)
		return -E_INVAL;
	stlb_insert((va & EHI_VPN_MASK) | e->ehi, elo, 1);
	if (i < 0)
		i = e->npin++;
	e->pin[i].ehi_vpn = va & EHI_VPN_MASK;
	e->pin[i].elo = elo;
	return 0;
}

void env_unpin(struct env *e, uint32_t va)
{
	uint32_t elo;
	int i = env_pin_lookup(e, va, &elo);

	if (i >= 0)
		e->pin[i] = e->pin[--e->npin];
}

int env_pinned(struct env *e, uint32_t ppn)
{
	int i;

	for (i = 0; i < e->npin; i++)
		if (e->pin[i].elo >> PAGE_SHIFT == ppn)
			return 1;
	return 0;
}

/* Page ppn is gone: forget pins of it and stop saving registers there. */
void env_unpin_page(struct env *e, uint32_t ppn)
{
	int i;

	if (e->id == 0)
		return;
	for (i = 0; i < e->npin; )
		if (e->pin[i].elo >> PAGE_SHIFT == ppn)
			e->pin[i] = e->pin[--e->npin];
		else
			i++;
	if (e->save_ppn == ppn)
		env_set_save(e, 0);
}

/* ELF32 little-endian, just what the loader reads. */
struct elf_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf_phdr { uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align; };

/* Map (pinned, writable) and fill one PT_LOAD segment. */
static int load_segment(struct env *e, const uint8_t *file, const struct elf_phdr *ph)
{
	uint32_t va, elo, off, n;
	int p, r;

	if (ph->memsz < ph->filesz || ph->vaddr < EXO_USER_BASE || ph->vaddr >= EXO_SEG2_END
	    || ph->memsz > EXO_SEG2_END - ph->vaddr)
		return -E_INVAL;
	for (va = ph->vaddr & EHI_VPN_MASK; va < ph->vaddr + ph->memsz; va += PAGE_SIZE) {
		if (env_pin_lookup(e, va, &elo) < 0) {
			if ((p = page_alloc(e->id, -1)) < 0)
				return p;
			elo = (p << PAGE_SHIFT) | ELO_V | ELO_D;
			if ((r = env_pin(e, va, elo)) < 0)
				return r;
		}
		off = va < ph->vaddr ? ph->vaddr - va : 0;
		if (va + off < ph->vaddr + ph->filesz) {
			n = ph->vaddr + ph->filesz - (va + off);
			if (n > PAGE_SIZE - off)
				n = PAGE_SIZE - off;
			memcpy((uint8_t *)KVA(elo & ELO_PFN_MASK) + off,
			       file + ph->offset + (va + off - ph->vaddr), n);
		}
	}
	return 0;
}

static int load_elf(struct env *e, const uint8_t *file, uint32_t size)
{
	const struct elf_ehdr *eh = (const void *)file;
	const struct elf_phdr *ph;
	int i, r;

	if (size < sizeof *eh || memcmp(eh->ident, "\177ELF\1\1", 6) != 0 || eh->machine != 8
	    || eh->phentsize != sizeof *ph || eh->phoff + eh->phnum * sizeof *ph > size)
		return -E_INVAL;
	for (i = 0; i < eh->phnum; i++) {
		ph = (const void *)(file + eh->phoff + i * sizeof *ph);
		if (ph->type != 1)
			continue;
		if (ph->offset + ph->filesz > size)
			return -E_INVAL;
		if ((r = load_segment(e, file, ph)) < 0)
			return r;
	}
	e->tf[TF_EPC / 4] = eh->entry;
	return 0;
}

/* A new environment running boot module `module`; returns its id. */
int env_create(int module, uint32_t arg, uint32_t parent)
{
	uint32_t *bi = KVA(bootinfo);
	struct env *e = 0;
	int i, r;

	if (module < 0 || (uint32_t)module >= bi[BI_NMODULES / 4])
		return -E_INVAL;
	for (i = 0; i < EXO_NENV && !e; i++)
		if (envs[i].id == 0)
			e = &envs[i];
	if (!e)
		return -E_NOMEM;
	i = e - envs;
	uint32_t seq = e->idseq % 0x7fff + 1;    /* 1..0x7fff: ids stay positive */
	memset(e, 0, sizeof *e);
	memset(nullsave[i], 0, sizeof nullsave[i]);
	e->key = key_none(e);
	e->idseq = seq;
	e->id = seq << 16 | i << ENV_SHIFT;
	e->parent = parent;
	for (i = 0; i < 16; i++)
		e->xh[i] = (uint32_t)k_fault;
	e->xh[EXC_INT] = (uint32_t)k_intr;
	e->xh[EXC_SYS] = (uint32_t)k_syscall_entry;
	env_set_save(e, 0);
	env_set_asid(e);
	env_pin(e, EXO_SIMCTL_VA, SIMCTL_BASE | ELO_N | ELO_V);
	const uint32_t *mod = &bi[(BI_MODULES + module * BI_MOD_SIZE) / 4];
	r = load_elf(e, KVA(mod[0]), mod[1]);
	if (r == 0 && slice_alloc(e->id, -1) < 0)
		r = -E_NOMEM;
	if (r < 0) {
		env_destroy(e, 0);
		return r;
	}
	e->tf[4] = arg;        /* a0 */
	e->tf[5] = e->id;      /* a1 */
	return e->id;
}

/* Take back everything e holds.  The caller picks what runs next. */
void env_destroy(struct env *e, const char *why)
{
	if (why)
		printf("[aegis] env %x destroyed: %s\n", (unsigned)e->id, why);
	if (e->ehi && e->asid_gen == asid_gen)
		bind_break_asid(e->ehi);
	slice_release(e->id);
	cons_forget(e);
	revoke_forget(e);
	e->npin = 0;
	page_release_all(e->id);
	e->id = 0;
	e->key = key_none(e);
	e->ehi = 0;
}
