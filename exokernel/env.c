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
#include "kdpf.h"

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
_Static_assert(__builtin_offsetof(struct env, in_yield) == ENV_INYIELD, "ENV_INYIELD");
_Static_assert(__builtin_offsetof(struct env, skey) == ENV_SKEY, "ENV_SKEY");
_Static_assert(__builtin_offsetof(struct env, akey) == ENV_AKEY, "ENV_AKEY");
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
 * The protected transfers' keys follow key and the entries: a transfer
 * of a kind the callee has no entry for finds no match and is refused
 * (trap.c sys_pct), so no environment can make another fault at pc 0.
 */
void env_rekey(struct env *e)
{
	int open = e->made != ENV_MADE_BUILDING;   /* none into a half-built child */

	e->skey = open && e->entry[EXO_ENTRY_SYNC] ? e->key : key_none(e);
	e->akey = open && e->entry[EXO_ENTRY_ASYNC] ? e->key : key_none(e);
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
		envs[i].key = key_none(&envs[i]), env_rekey(&envs[i]);
	kcur.env = &kernel_env;
	kcur.user = &kernel_env;
}

/*
 * Called on each entry to C with e the environment that trapped: it
 * was running, so whatever transfer it once left by is over (the fast
 * path of a protected control transfer records the caller, not the
 * callee's arrival, so a stale mark is cleared here), and so is any
 * SYS_ENV_WAIT it was blocked in.
 */
void env_note_running(struct env *e)
{
	e->pct_to = 0;
	e->in_yield = 0;
	e->waiting = 0;         /* a transfer entered it: its wait is abandoned */
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

/*
 * Save dispatch state in page ppn (kseg0), or in e's null area if 0,
 * whose SAVE_CRIT stays set: no upcall without a save area to read it
 * from (vec.S k_intr looks only at SAVE_CRIT).
 */
void env_set_save(struct env *e, uint32_t ppn)
{
	uint32_t a = ppn ? (uint32_t)KVA(ppn << PAGE_SHIFT) : (uint32_t)nullsave[e - envs];
	int i;

	nullsave[e - envs][SAVE_CRIT / 4] = 1;
	for (i = 0; i < 16; i++)
		e->xsave[i] = i == EXC_SYS || i == EXC_INT ? (uint32_t)e : a;
	e->save_ppn = ppn;
	rmap_unlink(RMAP_SAVE + (e - envs));
	if (ppn)
		rmap_link(RMAP_SAVE + (e - envs), ppn);
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
			env_rekey(&envs[i]);
		}
		asid_gen++;
		next_asid = 1;
		if (cur != e && cur->id != 0)
			env_set_asid(cur);
	}
	e->ehi = next_asid++ << EHI_ASID_SHIFT;
	e->asid_gen = asid_gen;
	e->key = e->id;
	env_rekey(e);
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

/* The reverse-map node of e's pin i (kern.h). */
static uint32_t pin_node(struct env *e, int i)
{
	return RMAP_PIN + (uint32_t)(e - envs) * EXO_NPIN + i;
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
	rmap_unlink(pin_node(e, i));
	rmap_link(pin_node(e, i), elo >> PAGE_SHIFT);
	return 0;
}

/* Forget pin i: the last pin takes its place (and its node's). */
static void pin_remove(struct env *e, int i)
{
	int last = --e->npin;

	rmap_unlink(pin_node(e, i));
	if (i != last) {
		e->pin[i] = e->pin[last];
		rmap_unlink(pin_node(e, last));
		rmap_link(pin_node(e, i), e->pin[i].elo >> PAGE_SHIFT);
	}
}

/*
 * Forget e's guaranteed mapping of va, if any.  Pins lie in segment 2
 * (sys_tlb_write, load_elf): above it there is no list to scan.
 */
void env_unpin(struct env *e, uint32_t va)
{
	uint32_t elo;
	int i;

	if (va >= EXO_SEG2_END)
		return;
	if ((i = env_pin_lookup(e, va, &elo)) >= 0)
		pin_remove(e, i);
}

int env_pinned(struct env *e, uint32_t ppn)
{
	int i;

	for (i = 0; i < e->npin; i++)
		if (e->pin[i].elo >> PAGE_SHIFT == ppn)
			return 1;
	return 0;
}

/*
 * The page of pin i is gone (bind_break_page): drop the pin's copy in
 * the hardware TLB, if e has an ASID that could have put one there, and
 * forget the pin.
 */
void env_pin_break(struct env *e, int i)
{
	if (e->ehi != 0 && e->asid_gen == asid_gen)
		tlb_drop(e->pin[i].ehi_vpn | e->ehi);
	pin_remove(e, i);
}

/*
 * e is being destroyed: its pins, with their STLB entries, and its save
 * area bind nothing any more.
 */
void env_unpin_all(struct env *e)
{
	while (e->npin > 0) {
		if (e->ehi != 0 && e->asid_gen == asid_gen)
			stlb_delete(e->pin[e->npin - 1].ehi_vpn | e->ehi);
		pin_remove(e, e->npin - 1);
	}
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

#define PT_LOAD   1
#define PF_X      1          /* p_flags: executable */
#define ELF_MAXPH 16         /* program headers a module may have */

/* The first and last page numbers of a nonempty segment. */
static uint32_t seg_first(const struct elf_phdr *ph)
{
	return ph->vaddr >> PAGE_SHIFT;
}

static uint32_t seg_last(const struct elf_phdr *ph)
{
	return (ph->vaddr + ph->memsz - 1) >> PAGE_SHIFT;
}

/* Whether page vpn holds part of one of the nonempty PT_LOAD segments ph[0..n-1]. */
static int seg_page_taken(const struct elf_phdr *ph, int n, uint32_t vpn)
{
	int j;

	for (j = 0; j < n; j++)
		if (ph[j].type == PT_LOAD && ph[j].memsz != 0
		    && seg_first(&ph[j]) <= vpn && vpn <= seg_last(&ph[j]))
			return 1;
	return 0;
}

/*
 * Why PT_LOAD segment ph[i] of a size-byte file cannot be loaded, or
 * 0.  Every test is written so that it cannot overflow: a sum of two
 * untrusted words is never formed before both are known to be small.
 */
static const char *seg_check(const struct elf_phdr *ph, int i, uint32_t size)
{
	const struct elf_phdr *s = &ph[i];
	int j;

	if (s->offset > size || s->filesz > size - s->offset)
		return "segment outside the file";
	if (s->memsz < s->filesz)
		return "segment smaller in memory than in the file";
	/* The newcomer's mistake: a program linked for the bare machine
	 * (target/link.ld puts it in kseg0) given as a boot module. */
	if (s->vaddr >= KSEG0_BASE && s->vaddr < KSEG2_BASE)
		return "a bare-metal program (linked in kseg0), not an exokernel application: "
		       "run it without the kernel (sim FILE.elf), or build it with make app "
		       "(docs/TUTORIAL.md)";
	if (s->vaddr < EXO_USER_BASE || s->vaddr >= EXO_SEG2_END
	    || s->memsz > EXO_SEG2_END - s->vaddr)
		return "segment outside segment 2 above EXO_USER_BASE";
	for (j = 0; j < i; j++)
		if (ph[j].type == PT_LOAD && s->memsz != 0 && ph[j].memsz != 0
		    && s->vaddr < ph[j].vaddr + ph[j].memsz && ph[j].vaddr < s->vaddr + s->memsz)
			return "segments overlap";
	return 0;
}

/*
 * Why a module (file, size bytes) cannot be loaded into an environment
 * with `room` guaranteed mappings left, or 0.  Its segments must lie in
 * the file and in segment 2 above EXO_USER_BASE, not overlap (they may
 * share a page), need at most `room` pages between them, and the entry
 * point must be a word in an executable one.
 */
static const char *elf_check(const uint8_t *file, uint32_t size, int room)
{
	const struct elf_ehdr *eh = (const void *)file;
	const struct elf_phdr *ph;
	const char *why;
	int i, pages = 0, entry_ok = 0;

	if (size < sizeof *eh)
		return "truncated ELF header";
	if (memcmp(eh->ident, "\177ELF\1\1", 6) != 0 || eh->type != 2 || eh->machine != 8)
		return "not a 32-bit little-endian MIPS executable";
	if (eh->phentsize != sizeof *ph || eh->phoff > size
	    || eh->phnum > (size - eh->phoff) / sizeof *ph)
		return "program header table outside the file";
	if (eh->phoff % 4 != 0)
		return "misaligned program header table";
	if (eh->phnum > ELF_MAXPH)
		return "more than 16 program headers";
	ph = (const void *)(file + eh->phoff);
	for (i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD)
			continue;
		if ((why = seg_check(ph, i, size)) != 0)
			return why;
		if (ph[i].memsz == 0)
			continue;
		/* Only its first and last pages can be shared with another. */
		pages += seg_last(&ph[i]) - seg_first(&ph[i]) + 1
			 - seg_page_taken(ph, i, seg_first(&ph[i]));
		if (seg_last(&ph[i]) != seg_first(&ph[i]))
			pages -= seg_page_taken(ph, i, seg_last(&ph[i]));
		if ((ph[i].flags & PF_X) && eh->entry - ph[i].vaddr < ph[i].memsz)
			entry_ok = 1;
	}
	if (pages > room)
		return "more pages than guaranteed mappings left";
	if (!entry_ok || eh->entry % 4 != 0)
		return "entry point outside the executable segments";
	return 0;
}

/*
 * Map (pinned, writable) and fill one PT_LOAD segment that elf_check
 * accepted.  A page shared with an earlier segment is already pinned;
 * pages come zeroed, so only the file bytes are copied.
 */
static int load_segment(struct env *e, const uint8_t *file, const struct elf_phdr *ph)
{
	uint32_t va, elo, lo, hi, fend = ph->vaddr + ph->filesz;
	int p, r;

	for (va = ph->vaddr & EHI_VPN_MASK; va < ph->vaddr + ph->memsz; va += PAGE_SIZE) {
		if (env_pin_lookup(e, va, &elo) < 0) {
			if ((p = page_alloc(e->id, -1)) < 0)
				return p;
			elo = (p << PAGE_SHIFT) | ELO_V | ELO_D;
			if ((r = env_pin(e, va, elo)) < 0)
				return r;
		}
		lo = va < ph->vaddr ? ph->vaddr : va;         /* this page's file bytes: [lo, hi) */
		hi = va + PAGE_SIZE < fend ? va + PAGE_SIZE : fend;
		if (lo < hi)
			memcpy((uint8_t *)KVA(elo & ELO_PFN_MASK) + (lo - va),
			       file + ph->offset + (lo - ph->vaddr), hi - lo);
	}
	return 0;
}

/*
 * Load boot module `module` (file, size bytes) into e, or refuse it
 * with a message and -E_INVAL; -E_NOMEM if pages run out.
 */
static int load_elf(struct env *e, int module, const uint8_t *file, uint32_t size)
{
	const struct elf_ehdr *eh = (const void *)file;
	const struct elf_phdr *ph;
	const char *why = elf_check(file, size, EXO_NPIN - e->npin);
	int i, r;

	if (why) {
		printf("[aegis] module %d: refused: %s\n", module, why);
		return -E_INVAL;
	}
	ph = (const void *)(file + eh->phoff);
	for (i = 0; i < eh->phnum; i++)
		if (ph[i].type == PT_LOAD && ph[i].memsz != 0
		    && (r = load_segment(e, file, &ph[i])) < 0)
			return r;
	e->tf[TF_EPC / 4] = eh->entry;
	return 0;
}

/*
 * A new environment, child of parent: a free slot (not one whose dead
 * occupant waits to be collected, proc.c), a fresh envid, no handlers
 * but the kernel's, no save area, an ASID, the simctl page pinned; no
 * pages, no slice.  0 if every slot is taken.
 */
struct env *env_new(uint32_t parent)
{
	struct env *e = 0;
	int i;

	for (i = 0; i < EXO_NENV && !e; i++)
		if (envs[i].id == 0 && envs[i].zombie == 0)
			e = &envs[i];
	if (!e)
		return 0;
	i = e - envs;
	uint32_t seq = e->idseq % 0x7fff + 1;    /* 1..0x7fff: ids stay positive */
	memset(e, 0, sizeof *e);
	memset(nullsave[i], 0, sizeof nullsave[i]);
	e->key = key_none(e);
	env_rekey(e);
	e->idseq = seq;
	e->id = seq << 16 | i << ENV_SHIFT;
	e->parent = parent;
	e->xstatus = EXO_DIED_KILLED;
	for (i = 0; i < 16; i++)
		e->xh[i] = (uint32_t)k_fault;
	e->xh[EXC_INT] = (uint32_t)k_intr;
	e->xh[EXC_SYS] = (uint32_t)k_syscall_entry;
	env_set_save(e, 0);
	env_set_asid(e);
	env_pin(e, EXO_SIMCTL_VA, SIMCTL_BASE | ELO_N | ELO_V);
	return e;
}

/* A new environment running boot module `module`; returns its id. */
int env_create(int module, uint32_t arg, uint32_t parent)
{
	uint32_t *bi = KVA(bootinfo);
	struct env *e;
	int r;

	if (module < 0 || (uint32_t)module >= bi[BI_NMODULES / 4])
		return -E_INVAL;
	if (!(e = env_new(parent)))
		return -E_NOMEM;
	const uint32_t *mod = &bi[(BI_MODULES + module * BI_MOD_SIZE) / 4];
	r = load_elf(e, module, KVA(mod[0]), mod[1]);
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
	uint32_t id = e->id;

	if (why)
		printf("[aegis] env %x destroyed: %s\n", (unsigned)e->id, why);
	if (e->ehi && e->asid_gen == asid_gen)
		bind_break_asid(e->ehi);
	slice_release(e->id);
	cons_forget(e);
	revoke_forget(e);
	env_unpin_all(e);
	page_release_all(e->id);
	kdpf_env_gone(e->id);
	e->id = 0;
	e->key = key_none(e);
	env_rekey(e);
	e->ehi = 0;
	proc_exited(e, id);
}
