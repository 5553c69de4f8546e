/*
 * trap.c: the C side of the general path.  System calls get their
 * arguments from the caller's trap frame and return through it; the
 * table is indexed by call number (exo/exo.h documents each call and
 * its errors).
 */
#include "kern.h"

#define A0 4
#define A1 5
#define A2 6
#define V0 2
#define V1 3

static int last_status;

/*
 * syscalls[n](a0, a1, a2, caller), also called from vec.S k_light.  The
 * 64-bit result comes back in v0 (low half: the result or -E_*) and v1
 * (high half: the second result, RET2), as the o32 ABI returns it.
 */
typedef sysret (*syscall_fn)(uint32_t a0, uint32_t a1, uint32_t a2, struct env *e);


/* A user range must lie in kuseg: the kernel's segments are not the caller's. */
static int user_range(uint32_t va, uint32_t n)
{
	return va < KSEG0_BASE && n <= KSEG0_BASE - va;
}

static sysret sys_cputs(uint32_t buf, uint32_t len, uint32_t a2, struct env *e)
{
	char tmp[256];
	uint32_t done = 0, n;

	if (len > 4096)
		return -E_INVAL;
	if (!user_range(buf, len))
		return -E_FAULT;
	while (done < len) {
		n = len - done < sizeof tmp ? len - done : sizeof tmp;
		if (ucopyin(tmp, buf + done, n) < 0)
			return -E_FAULT;
		for (uint32_t i = 0; i < n; i++)
			putchar_(tmp[i]);
		done += n;
	}
	return len;
}

static sysret sys_cgetc(uint32_t a0, uint32_t a1, uint32_t a2, struct env *e)
{
	return MMIO8(CONS_BASE + CONS_PUTGETCHAR);
}

static sysret sys_exit(uint32_t status, uint32_t a1, uint32_t a2, struct env *e)
{
	last_status = status & 0xff;
	env_destroy(e, 0);
	if (env_count() == 0)
		halt(last_status);
	sched_next();
}

static sysret sys_page_alloc(uint32_t ppn, uint32_t a1, uint32_t a2, struct env *e)
{
	int p = page_alloc(e->id, (int32_t)ppn < 0 ? -1 : (int32_t)(ppn & 0x7fffffff));

	return p >= 0 ? RET2(p, page_cap(p, 1)) : p;
}

static sysret sys_page_free(uint32_t ppn, uint32_t cap, uint32_t a2, struct env *e)
{
	return page_free(e->id, ppn, cap);
}

static sysret sys_page_cap(uint32_t ppn, uint32_t cap, uint32_t which, struct env *e)
{
	int r;

	if (which > 2 || ppn >= page_count())
		return -E_INVAL;
	if (page_owner(ppn) != e->id || page_check(ppn, cap, 1) < 0)
		return -E_PERM;
	if (which == 2 && (r = page_recap(e->id, ppn, cap)) < 0)
		return r;
	return RET2(0, page_cap(ppn, which != 0));
}

/* Bind va to a page, presenting its capability once (paper 5.4 step 3). */
static sysret sys_tlb_write(uint32_t va, uint32_t pte, uint32_t cap, struct env *e)
{
	uint32_t ppn = pte >> PAGE_SHIFT, elo;
	int pin = pte & TLB_PIN, r;

	if (va >= KSEG0_BASE || (pin && va >= EXO_SEG2_END)
	    || (pte & ~(ELO_PFN_MASK | TLB_WRITE | TLB_NOCACHE | TLB_PIN)))
		return -E_INVAL;
	if ((r = page_check(ppn, cap, pte & TLB_WRITE)) < 0)
		return r;
	elo = (pte & (ELO_PFN_MASK | TLB_WRITE | TLB_NOCACHE)) | ELO_V;
	env_set_asid(e);
	if (pin)
		return env_pin(e, va, elo);
	env_unpin(e, va);
	stlb_insert((va & EHI_VPN_MASK) | e->ehi, elo, 0);
	return 0;
}

static sysret sys_tlb_delete(uint32_t va, uint32_t hw_only, uint32_t a2, struct env *e)
{
	if (va >= KSEG0_BASE || hw_only > 1)
		return -E_INVAL;
	if (!e->ehi)
		return 0;
	if (hw_only) {
		tlb_drop((va & EHI_VPN_MASK) | e->ehi);
		return 0;
	}
	env_unpin(e, va);
	stlb_delete((va & EHI_VPN_MASK) | e->ehi);
	return 0;
}

static sysret sys_set_handler(uint32_t code, uint32_t pc, uint32_t a2, struct env *e)
{
	if (code >= EXC_NCODES || code == EXC_INT || code == EXC_SYS || pc >= KSEG0_BASE)
		return -E_INVAL;
	e->xh[code] = pc ? pc : (uint32_t)k_fault;
	return 0;
}

static sysret sys_set_save(uint32_t va, uint32_t a1, uint32_t a2, struct env *e)
{
	uint32_t elo;

	if (va >= KSEG0_BASE || env_pin_lookup(e, va, &elo) < 0 || !(elo & ELO_D))
		return -E_INVAL;
	env_set_save(e, elo >> PAGE_SHIFT);
	return 0;
}

static sysret sys_set_entry(uint32_t kind, uint32_t pc, uint32_t a2, struct env *e)
{
	if (kind >= EXO_NENTRY || pc >= KSEG0_BASE)
		return -E_INVAL;
	e->entry[kind] = pc;
	return 0;
}

static sysret sys_yield(uint32_t target, uint32_t a1, uint32_t a2, struct env *e)
{
	struct env *t = target != 0xffffffff ? env_lookup(target) : 0;

	if (target != 0xffffffff && (!t || t->pct_blocked))
		return -E_BADENV;
	e->tf[V0] = 0;
	sched_yield_to(e, target == 0xffffffff ? 0 : target);
}

/* The fast path found no ASID for the callee, or a bad envid. */
static sysret sys_pct(uint32_t target, uint32_t a1, uint32_t a2, struct env *e)
{
	struct env *t = env_lookup(target);

	if (!t)
		return -E_BADENV;
	env_set_asid(t);
	if (e->tf[V0] == SYS_SCALL)
		*kcur.slot = t->id;
	return 0;
}

static sysret sys_env_create(uint32_t module, uint32_t arg, uint32_t a2, struct env *e)
{
	return env_create(module, arg, e->id);
}

static sysret sys_env_destroy(uint32_t id, uint32_t a1, uint32_t a2, struct env *e)
{
	struct env *t = env_lookup(id);

	if (!t)
		return -E_BADENV;
	if (t->parent != e->id && t != e)
		return -E_PERM;
	env_destroy(t, 0);
	if (t == e)
		sched_next();
	return 0;
}

/*
 * Visible revocation: ask t for n pages (SAVE_REVOKE in its save area).
 * Whatever it has not freed by the deadline (EXO_REVOKE_TICKS) is
 * repossessed (sched.c).
 */
static sysret sys_revoke(uint32_t id, uint32_t n, uint32_t a2, struct env *e)
{
	struct env *t = env_lookup(id);

	if (!t)
		return -E_BADENV;
	if (t->parent != e->id)
		return -E_PERM;
	env_save(t)[SAVE_REVOKE / 4] = n;
	t->revoke_want = n;
	t->revoke_base = page_owned(t->id);
	t->revoke_deadline = EXO_REVOKE_TICKS;
	return 0;
}

const syscall_fn syscalls[SYS_NCALLS] = {
	[SYS_SCALL] = sys_pct,
	[SYS_ACALL] = sys_pct,
	[SYS_CPUTS] = sys_cputs,
	[SYS_CGETC] = sys_cgetc,
	[SYS_EXIT] = sys_exit,
	[SYS_PAGE_ALLOC] = sys_page_alloc,
	[SYS_PAGE_FREE] = sys_page_free,
	[SYS_PAGE_CAP] = sys_page_cap,
	[SYS_PAGE_OWNER] = sys_page_owner,
	[SYS_TLB_WRITE] = sys_tlb_write,
	[SYS_TLB_DELETE] = sys_tlb_delete,
	[SYS_SET_HANDLER] = sys_set_handler,
	[SYS_SET_SAVE] = sys_set_save,
	[SYS_SET_ENTRY] = sys_set_entry,
	[SYS_YIELD] = sys_yield,
	[SYS_ENV_CREATE] = sys_env_create,
	[SYS_ENV_DESTROY] = sys_env_destroy,
	[SYS_REVOKE] = sys_revoke,
};

void trap_syscall(struct env *e)
{
	uint32_t n = e->tf[V0];
	syscall_fn f = n < SYS_NCALLS ? syscalls[n] : 0;

	env_note_running(e);
	e->tf[TF_EPC / 4] += 4;
	if (f == sys_pct) {
		int r = (int)sys_pct(e->tf[A0], 0, 0, e);
		if (r == 0) {
			struct env *t = env_lookup(e->tf[A0]);
			uint32_t pc = t->entry[n == SYS_SCALL ? EXO_ENTRY_SYNC : EXO_ENTRY_ASYNC];
			/* Registers are the message: the callee gets the caller's. */
			for (int i = 1; i < 36; i++)
				t->tf[i] = e->tf[i];
			t->tf[TF_EPC / 4] = pc;
			env_resume(t);
		}
		e->tf[V0] = r;
		env_resume(e);
	}
	sysret r = f ? f(e->tf[A0], e->tf[A1], e->tf[A2], e) : -E_NOSYS;

	e->tf[V0] = (uint32_t)r;
	e->tf[V1] = (uint32_t)((uint64_t)r >> 32);
	env_resume(e);
}

void trap_intr(struct env *e)
{
	uint32_t cause;

	env_note_running(e);
	__asm__ volatile("mfc0 %0, $13" : "=r"(cause));
	if (cause & CAUSE_IP(RTC_IRQ)) {
		MMIO32(RTC_BASE + RTC_ACK) = 0;
		sched_tick(e);
	}
	env_resume(e);
}

static const char *const exc_names[EXC_NCODES] = {
	"interrupt", "TLB modified", "TLB load", "TLB store", "address error load",
	"address error store", "bus error fetch", "bus error data", "syscall",
	"break", "reserved instruction", "coprocessor unusable", "overflow",
};

/* An exception the environment has no handler for: it is destroyed. */
void trap_fault(struct env *e)
{
	uint32_t cause, bad;
	char why[96];

	env_note_running(e);
	__asm__ volatile("mfc0 %0, $13; mfc0 %1, $8; nop" : "=r"(cause), "=r"(bad));
	uint32_t code = (cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT;

	snprintf(why, sizeof why, "unhandled %s at pc %x, address %x",
		 code < EXC_NCODES ? exc_names[code] : "exception",
		 (unsigned)e->tf[TF_EPC / 4], (unsigned)bad);
	env_destroy(e, why);
	if (env_count() == 0)
		halt(last_status ? last_status : 1);
	sched_next();
}

/*
 * A user TLB miss in segment 2 that the STLB did not satisfy (vec.S):
 * refill a guaranteed mapping the STLB lost to a collision, or else
 * dispatch the miss to the application like gen_exc would.
 */
void trap_pinmiss(struct env *e)
{
	uint32_t bad, cause, elo, h, *save;

	env_note_running(e);
	__asm__ volatile("mfc0 %0, $8; mfc0 %1, $13; nop" : "=r"(bad), "=r"(cause));
	if (env_pin_lookup(e, bad, &elo) >= 0) {
		tlb_drop((bad & EHI_VPN_MASK) | e->ehi);
		tlb_write_random((bad & EHI_VPN_MASK) | e->ehi, elo & ELO_WRITABLE);
		env_resume(e);
	}
	h = e->xh[(cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT];
	if ((int32_t)h < 0)
		trap_fault(e);
	save = env_save(e);
	save[SAVE_T0 / 4] = e->tf[8];
	save[SAVE_T1 / 4] = e->tf[9];
	save[SAVE_T2 / 4] = e->tf[10];
	e->tf[8] = e->tf[TF_EPC / 4];
	e->tf[9] = bad;
	e->tf[10] = cause;
	e->tf[TF_EPC / 4] = h;
	env_resume(e);
}
