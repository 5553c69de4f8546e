/*
 * trap.c: the C side of the general path.  The calls that cannot switch
 * environments (SYS_NFAST..SYS_NLIGHT-1) are called by vec.S k_light
 * through syscalls[] with the caller as kcur.user; the others
 * (SYS_SWITCHING, unknown numbers, and protected control transfers the
 * fast path could not finish) come through ktrap to trap_syscall, with
 * the caller's registers in its trap frame.  exo/exo.h documents each
 * call and its errors.
 */
#include "kern.h"
#include "net.h"
#include "kdpf.h"

#define A0 4
#define A1 5
#define A2 6
#define V0 2
#define V1 3

static int last_status;

/*
 * syscalls[n - SYS_NFAST](a0, a1, a2), called from vec.S k_light.  The
 * 64-bit result comes back in v0 (low half: the result or -E_*) and v1
 * (high half: the second result, RET2), as the o32 ABI returns it.
 */
typedef sysret (*syscall_fn)(uint32_t a0, uint32_t a1, uint32_t a2);

/* A user range must lie in kuseg: the kernel's segments are not the caller's. */
static int user_range(uint32_t va, uint32_t n)
{
	return va < KSEG0_BASE && n <= KSEG0_BASE - va;
}

static sysret sys_cputs(uint32_t buf, uint32_t len, uint32_t a2)
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

static sysret sys_cgetc(uint32_t a0, uint32_t a1, uint32_t a2)
{
	return cons_getc();
}

static sysret sys_page_alloc(uint32_t ppn, uint32_t a1, uint32_t a2)
{
	int p;

	if (ppn != 0xffffffff && ppn >= page_count())
		return -E_INVAL;
	p = page_alloc(kcur.user->id, ppn == 0xffffffff ? -1 : (int32_t)ppn);
	return p >= 0 ? RET2(p, page_cap(p, 1)) : p;
}

static sysret sys_page_free(uint32_t ppn, uint32_t cap, uint32_t a2)
{
	return page_free(kcur.user->id, ppn, cap);
}

static sysret sys_page_cap(uint32_t ppn, uint32_t cap, uint32_t which)
{
	uint32_t me = kcur.user->id;
	int r;

	if (which > 2 || ppn >= page_count())
		return -E_INVAL;
	if (page_owner(ppn) != me || page_check(ppn, cap, 1) < 0)
		return -E_PERM;
	if (which == 2 && (r = page_recap(me, ppn, cap)) < 0)
		return r;
	return RET2(0, page_cap(ppn, which != 0));
}

/*
 * Bind va in e's address space to a page, presenting its capability
 * once (paper 5.4 step 3): SYS_TLB_WRITE for the caller, SYS_ENV_MAP
 * for a child it builds.
 */
int env_bind(struct env *e, uint32_t va, uint32_t pte, uint32_t cap)
{
	uint32_t ppn = pte >> PAGE_SHIFT, elo;
	int pin = pte & TLB_PIN, r;

	if (va >= KSEG0_BASE || (pin && va >= EXO_SEG2_END)
	    || (pte & ~(ELO_PFN_MASK | TLB_WRITE | TLB_NOCACHE | TLB_PIN)))
		return -E_INVAL;
	if ((r = page_check(ppn, cap, pte & TLB_WRITE)) < 0)
		return r;
	elo = (pte & (ELO_PFN_MASK | TLB_WRITE | TLB_NOCACHE)) | ELO_V;
	if (pin)
		return env_pin(e, va, elo);
	env_unpin(e, va);
	stlb_insert((va & EHI_VPN_MASK) | e->ehi, elo, 0);
	return 0;
}

static sysret sys_tlb_write(uint32_t va, uint32_t pte, uint32_t cap)
{
	return env_bind(kcur.user, va, pte, cap);
}

static sysret sys_tlb_delete(uint32_t va, uint32_t hw_only, uint32_t a2)
{
	struct env *e = kcur.user;

	if (va >= KSEG0_BASE || hw_only > 1)
		return -E_INVAL;
	if (hw_only) {
		tlb_drop((va & EHI_VPN_MASK) | e->ehi);
		return 0;
	}
	env_unpin(e, va);
	stlb_delete((va & EHI_VPN_MASK) | e->ehi);
	return 0;
}

/* A range of sys_tlb_delete in segment 1, where there are no pins. */
static sysret sys_tlb_unbind(uint32_t va, uint32_t n, uint32_t a2)
{
	if ((va & (PAGE_SIZE - 1)) || va < EXO_SEG2_END || va >= KSEG0_BASE
	    || n == 0 || n > EXO_UNBIND_MAX || n > (KSEG0_BASE - va) >> PAGE_SHIFT)
		return -E_INVAL;
	stlb_delete_range(va | kcur.user->ehi, n);
	return 0;
}

static sysret sys_set_handler(uint32_t code, uint32_t pc, uint32_t a2)
{
	if (code >= EXC_NCODES || code == EXC_INT || code == EXC_SYS || pc >= KSEG0_BASE)
		return -E_INVAL;
	kcur.user->xh[code] = pc ? pc : (uint32_t)k_fault;
	return 0;
}

static sysret sys_set_save(uint32_t va, uint32_t a1, uint32_t a2)
{
	struct env *e = kcur.user;
	uint32_t elo;

	if (va >= KSEG0_BASE || env_pin_lookup(e, va, &elo) < 0 || !(elo & ELO_D))
		return -E_INVAL;
	env_set_save(e, elo >> PAGE_SHIFT);
	return 0;
}

static sysret sys_set_entry(uint32_t kind, uint32_t pc, uint32_t a2)
{
	struct env *e = kcur.user;

	if (kind >= EXO_NENTRY || pc >= KSEG0_BASE)
		return -E_INVAL;
	e->entry[kind] = pc;
	eos_set(e, e->in_eos);
	env_rekey(e);
	return 0;
}

static sysret sys_env_create(uint32_t module, uint32_t arg, uint32_t a2)
{
	return env_create(module, arg, kcur.user->id);
}

/*
 * Visible revocation: ask t for n pages (SAVE_REVOKE in its save area).
 * Whatever it has not freed by the deadline (a2 microseconds of virtual
 * time from now) is repossessed when the rtc's one-shot says it has
 * come (sched.c revoke_expire).
 */
static sysret sys_revoke(uint32_t id, uint32_t n, uint32_t us)
{
	struct env *t = env_lookup(id);

	if (!t)
		return -E_BADENV;
	if (t->parent != kcur.user->id)
		return -E_PERM;
	if (us > EXO_REVOKE_MAX_US)
		return -E_INVAL;
	t->revoke_deadline = clock_us() + us;   /* first: the count below takes a while */
	save_put(t, SAVE_REVOKE, n);
	t->revoke_want = n;
	t->revoke_base = page_owned(t->id);
	t->revoke_armed = 1;
	revoke_timer_arm();
	return 0;
}

static sysret sys_slice_alloc(uint32_t slice, uint32_t a1, uint32_t a2)
{
	if (slice != 0xffffffff && slice >= EXO_NSLICE)
		return -E_INVAL;
	return slice_alloc(kcur.user->id, (int32_t)slice);
}

static sysret sys_slice_free(uint32_t slice, uint32_t a1, uint32_t a2)
{
	return slice_free(kcur.user->id, slice);
}

#ifdef EXO_KTEST
/*
 * Test kernels only (build/exokernel-ktest.elf), through SYS_PAGE_OWNER
 * of a magic page number:
 *   KTEST_FAULT_PPN  the light call touches the user address a1
 *                    directly, not through ucopyin: the kind of bug
 *                    kernel C may have, which must stop the kernel with
 *                    a message and never run the caller's handler in
 *                    kernel mode (tests/kernel/kfault.t);
 *   KTEST_TICK_PPN   a timer tick a1 cycles from now, on the rtc's
 *                    one-shot (taken as a tick by trap_intr), and if a2
 *                    is not 0 another a2 cycles after that one, so a
 *                    test can put ticks on any instruction, even right
 *                    after an upcall (tests/kernel/upcallrace.t).
 */
#define KTEST_FAULT_PPN 0x7ffffff0
#define KTEST_TICK_PPN  0x7ffffff1
static int ktest_tick;
static uint32_t ktest_next;

static sysret sys_page_owner_ktest(uint32_t ppn, uint32_t a1, uint32_t a2)
{
	if (ppn == KTEST_FAULT_PPN)
		return *(volatile uint32_t *)a1;
	if (ppn == KTEST_TICK_PPN) {
		ktest_tick = 1;
		ktest_next = a2;
		MMIO32(RTC_BASE + RTC_ONESHOT) = a1 ? a1 : 1;
		return 0;
	}
	return sys_page_owner(ppn, a1, a2);
}
#define sys_page_owner sys_page_owner_ktest

/* Whether the one-shot that fired is a test's tick (then it is taken). */
static int ktest_tick_due(void)
{
	if (!ktest_tick)
		return 0;
	MMIO32(RTC_BASE + RTC_ONESHOT_ACK) = 0;
	ktest_tick = ktest_next != 0;
	if (ktest_next)
		MMIO32(RTC_BASE + RTC_ONESHOT) = ktest_next;
	ktest_next = 0;
	return 1;
}
#else
static int ktest_tick_due(void)
{
	return 0;
}
#endif

/* A reserved light-call number (exo/exo.h) that nothing defines yet. */
static sysret sys_nosys(uint32_t a0, uint32_t a1, uint32_t a2)
{
	(void)a0, (void)a1, (void)a2;
	return -E_NOSYS;
}

#define NOSYS(n) [(n) - SYS_NFAST] = sys_nosys
const syscall_fn syscalls[SYS_NLIGHT - SYS_NFAST] = {
	NOSYS(23),
	[SYS_ENV_ALLOC - SYS_NFAST] = sys_env_alloc,
	[SYS_ENV_MAP - SYS_NFAST] = sys_env_map,
	[SYS_ENV_SET - SYS_NFAST] = sys_env_set,
	[SYS_MODULE_READ - SYS_NFAST] = sys_module_read,
	[SYS_NET_SEND - SYS_NFAST] = sys_net_send,
	[SYS_NET_BIND - SYS_NFAST] = sys_net_bind,
	[SYS_NET_UNBIND - SYS_NFAST] = sys_net_unbind,
	[SYS_NET_STAT - SYS_NFAST] = sys_net_stat,
	[SYS_DPF_INSERT - SYS_NFAST] = sys_dpf_insert,
	[SYS_DPF_DELETE - SYS_NFAST] = sys_dpf_delete,
	[SYS_DPF_DEMUX - SYS_NFAST] = sys_dpf_demux,
	[SYS_KSTAT - SYS_NFAST] = sys_kstat,
	[SYS_CPUTS - SYS_NFAST] = sys_cputs,
	[SYS_CGETC - SYS_NFAST] = sys_cgetc,
	[SYS_PAGE_ALLOC - SYS_NFAST] = sys_page_alloc,
	[SYS_PAGE_FREE - SYS_NFAST] = sys_page_free,
	[SYS_PAGE_CAP - SYS_NFAST] = sys_page_cap,
	[SYS_PAGE_OWNER - SYS_NFAST] = sys_page_owner,
	[SYS_TLB_WRITE - SYS_NFAST] = sys_tlb_write,
	[SYS_TLB_DELETE - SYS_NFAST] = sys_tlb_delete,
	[SYS_TLB_UNBIND - SYS_NFAST] = sys_tlb_unbind,
	[SYS_SET_HANDLER - SYS_NFAST] = sys_set_handler,
	[SYS_SET_SAVE - SYS_NFAST] = sys_set_save,
	[SYS_SET_ENTRY - SYS_NFAST] = sys_set_entry,
	[SYS_ENV_CREATE - SYS_NFAST] = sys_env_create,
	[SYS_REVOKE - SYS_NFAST] = sys_revoke,
	[SYS_SLICE_ALLOC - SYS_NFAST] = sys_slice_alloc,
	[SYS_SLICE_FREE - SYS_NFAST] = sys_slice_free,
};

/* Every slot of syscalls[] is filled: k_light does not check. */
_Static_assert(SYS_NLIGHT - SYS_NFAST == 29, "syscalls[] covers the light calls");

/*
 * After the kernel destroyed an environment: if none is left, halt with
 * the last exit status, or 1 (the last one died of a fault or excess).
 */
void halt_if_none_left(void)
{
	if (env_count() == 0)
		halt(last_status ? last_status : 1);
}

static void sys_exit(struct env *e, uint32_t status)
{
	last_status = status & 0xff;
	e->xstatus = status & 0xff;
	env_destroy(e, 0);
	if (env_count() == 0)
		halt(last_status);
	sched_next();
}

/*
 * SYS_YIELD and SYS_YIELD_FAST (fast: e's caller-saved registers are
 * dead, so vec.S fast_yield may later resume it with only its
 * callee-saved registers).
 */
static int sys_yield(struct env *e, uint32_t target, int fast)
{
	struct env *t = target != 0xffffffff ? env_lookup(target) : 0;

	if (target != 0xffffffff && (!t || !env_runnable(t)))
		return -E_BADENV;
	e->tf[V0] = 0;
	e->in_yield = fast;
	sched_yield_to(e, target == 0xffffffff ? 0 : target);
}

static int sys_env_destroy(struct env *e, uint32_t id)
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
 * A protected control transfer the fast path could not finish: a bad
 * envid or a child its parent is still building (-E_BADENV to the
 * caller, which goes on) or a callee with no ASID in this generation.  The same semantics as vec.S: the caller
 * keeps tf[EPC] = the syscall's pc as its resume point, its registers
 * go to the callee.
 */
static void sys_pct(struct env *e, int sync)
{
	struct env *t = env_lookup(e->tf[A0]);

	if (!t || t->made == ENV_MADE_BUILDING || !t->entry[sync ? EXO_ENTRY_SYNC : EXO_ENTRY_ASYNC]) {
		e->tf[V0] = -E_BADENV;
		e->tf[TF_EPC / 4] += 4;
		env_resume(e);
	}
	env_set_asid(t);
	t->in_yield = 0;                /* a yield it waited in is abandoned */
	if (sync)
		*kcur.slot = t->id;     /* &kcur.lent unless e owns the slice */
	else
		kcur.slot = &kcur.lent;
	e->pct_to = t->id;
	for (int i = 1; i < 36; i++)
		t->tf[i] = e->tf[i];
	t->tf[TF_EPC / 4] = t->entry[sync ? EXO_ENTRY_SYNC : EXO_ENTRY_ASYNC];
	t->pct_to = 0;
	env_resume(t);
}

void trap_syscall(struct env *e)
{
	uint32_t n = e->tf[V0];
	int r = -E_NOSYS;

	env_note_running(e);
	if (n == SYS_SCALL || (int32_t)n < 0)
		sys_pct(e, n == SYS_SCALL);
	e->tf[TF_EPC / 4] += 4;
	if (n == SYS_EXIT)
		sys_exit(e, e->tf[A0]);
	else if (n == SYS_YIELD || n == SYS_YIELD_FAST)
		r = sys_yield(e, e->tf[A0], n == SYS_YIELD_FAST);
	else if (n == SYS_ENV_DESTROY)
		r = sys_env_destroy(e, e->tf[A0]);
	else if (n == SYS_CWAIT)
		r = cons_wait(e);
	else if (n == SYS_ENV_START)
		r = sys_env_start(e, e->tf[A0], e->tf[A1], e->tf[A2]);
	else if (n == SYS_ENV_WAIT)
		r = sys_env_wait(e, e->tf[A0], e->tf[A1]);
	e->tf[V0] = r;
	env_resume(e);
}

void trap_intr(struct env *e)
{
	uint32_t cause;

	env_note_running(e);
	__asm__ volatile("mfc0 %0, $13" : "=r"(cause));
	if (cause & CAUSE_IP(CONS_IRQ))
		cons_wake();
	if (cause & CAUSE_IP(ETH_IRQ))
		net_intr();
	if (cause & CAUSE_IP(ONESHOT_IRQ)) {
		if (ktest_tick_due())
			sched_tick(e);
		else
			revoke_expire();
	}
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

	e->xstatus = EXO_DIED_FAULT | code;
	snprintf(why, sizeof why, "unhandled %s at pc %x, address %x",
		 code < EXC_NCODES ? exc_names[code] : "exception",
		 (unsigned)e->tf[TF_EPC / 4], (unsigned)bad);
	env_destroy(e, why);
	halt_if_none_left();
	sched_next();
}

/*
 * Put e's guaranteed mapping of va into the hardware TLB (it lost its
 * STLB slot to another guaranteed mapping); 0 if va has none.  EntryHi
 * holds e's ASID.
 */
static int pin_refill(struct env *e, uint32_t va)
{
	uint32_t elo;

	if (env_pin_lookup(e, va, &elo) < 0)
		return 0;
	tlb_drop((va & EHI_VPN_MASK) | e->ehi);
	tlb_write_random((va & EHI_VPN_MASK) | e->ehi, elo & ELO_WRITABLE);
	return 1;
}

/*
 * Copy n bytes from the address space of the environment the kernel
 * works for (kcur.user; the range checked to lie in kuseg).  A
 * guaranteed mapping that lost its STLB slot is refilled and the copy
 * goes on; any other unbound page is -E_FAULT.
 */
int ucopyin(void *dst, uint32_t usrc, uint32_t n)
{
	uint32_t left, done, va, refilled = 1;   /* 1: no page (pages are aligned) */

	while ((left = ucopy(dst, usrc, n)) != 0) {
		done = n - left;
		va = usrc + done;
		if ((va & ~(PAGE_SIZE - 1)) == refilled || !pin_refill(kcur.user, va))
			return -E_FAULT;
		refilled = va & ~(PAGE_SIZE - 1);
		dst = (char *)dst + done;
		usrc = va;
		n = left;
	}
	return 0;
}

/*
 * A user TLB miss in segment 2 that the STLB did not satisfy (vec.S):
 * refill a guaranteed mapping the STLB lost to a collision, or else
 * dispatch the miss to the application like gen_exc would.
 */
void trap_pinmiss(struct env *e)
{
	uint32_t bad, cause, h;

	env_note_running(e);
	__asm__ volatile("mfc0 %0, $8; mfc0 %1, $13; nop" : "=r"(bad), "=r"(cause));
	if (pin_refill(e, bad))
		env_resume(e);
	h = e->xh[(cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT];
	if ((int32_t)h < 0)
		trap_fault(e);
	save_put(e, SAVE_T0, e->tf[8]);
	save_put(e, SAVE_T1, e->tf[9]);
	save_put(e, SAVE_T2, e->tf[10]);
	save_put(e, SAVE_CRIT, 1);
	e->tf[8] = e->tf[TF_EPC / 4];
	e->tf[9] = bad;
	e->tf[10] = cause;
	e->tf[TF_EPC / 4] = h;
	env_resume(e);
}
