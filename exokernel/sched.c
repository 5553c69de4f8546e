/*
 * sched.c: the CPU as a vector of EXO_NSLICE time slices (paper
 * 5.1.1), each owned by an environment or free, run round robin, one
 * slice per timer tick (EXO_TICK_HZ).  Slices are allocated like pages
 * (a named one or any), so an environment with k slices gets k shares
 * of the CPU.  Slice-boundary upcalls, the excess-time counter,
 * directed yield and revocation deadlines (on the rtc's one-shot
 * timer) live here.
 */
#include "kern.h"

uint32_t slices[EXO_NSLICE];
static int cur_slice;
static struct env *cons_waiter;        /* in SYS_CWAIT, or 0 */
static uint32_t cycles_per_us;         /* rounded up, in 1/2^20ths */

/* Status for user mode (env_pop): the tick, the revocation one-shot,
 * and console input while awaited. */
uint32_t user_status = ST_IM(RTC_IRQ) | ST_IM(ONESHOT_IRQ) | ST_KUP | ST_IEP;

#define RTC(off) MMIO32(RTC_BASE + (off))

/* The timer at tick_hz ticks a second (boot argument hz=, EXO_TICK_HZ). */
void sched_init(uint32_t tick_hz)
{
	uint32_t hz = ((uint32_t *)KVA(bootinfo))[BI_CLOCK_HZ / 4];

	kcur.slot = &slices[0];
	cycles_per_us = (uint32_t)((((uint64_t)hz << 20) + 999999) / 1000000);
	RTC(RTC_HZ) = tick_hz;
}

/* Give envid slice `slice`, or the first free one if slice < 0. */
int slice_alloc(uint32_t envid, int32_t slice)
{
	int i;

	if (slice >= EXO_NSLICE)
		return -E_INVAL;
	if (slice >= 0) {
		if (slices[slice] != 0)
			return -E_BUSY;
		slices[slice] = envid;
		return slice;
	}
	for (i = 0; i < EXO_NSLICE; i++)
		if (slices[i] == 0) {
			slices[i] = envid;
			return i;
		}
	return -E_NOMEM;
}

int slice_free(uint32_t envid, uint32_t slice)
{
	if (slice >= EXO_NSLICE)
		return -E_INVAL;
	if (slices[slice] != envid)
		return -E_PERM;
	slices[slice] = 0;
	return 0;
}

void slice_release(uint32_t envid)
{
	int i;

	for (i = 0; i < EXO_NSLICE; i++)
		if (slices[i] == envid)
			slices[i] = 0;
}

/* Virtual time in microseconds (the rtc's), modulo 2^32. */
uint32_t clock_us(void)
{
	MMIO32(RTC_BASE + RTC_TRIGGER) = 0;
	return RTC(RTC_SEC) * 1000000u + RTC(RTC_USEC);
}

/*
 * The end-of-slice state that vec.S k_intr reads: eos_pc is the entry
 * while an upcall may be made, 0 while one is under way (from its
 * entry or its deferral to the SYS_YIELD that ends it).
 */
void eos_set(struct env *e, int under_way)
{
	e->in_eos = under_way;
	e->eos_pc = under_way ? 0 : e->entry[EXO_ENTRY_EOS];
}

/*
 * Enter e at its upcall `kind` (the caller checked !env_critical(e)):
 * SAVE_IPC = the pc it would have resumed at; critical until its
 * handler returns.
 */
static void upcall(struct env *e, int kind)
{
	save_put(e, SAVE_CRIT, 1);
	save_put(e, SAVE_IPC, e->tf[TF_EPC / 4]);
	e->tf[TF_EPC / 4] = e->entry[kind];
}

/*
 * Whether the kernel may run e other than by a protected control
 * transfer: not if it left by one and cannot be entered at its
 * start-of-slice upcall (the kernel kept none of its registers), nor
 * while it waits for console input or a child (SYS_ENV_WAIT), nor
 * before its parent starts it (SYS_ENV_START).
 */
int env_runnable(struct env *e)
{
	return (!e->pct_to || (e->entry[EXO_ENTRY_SOS] && !env_critical(e))) && e != cons_waiter
		&& e->made != ENV_MADE_BUILDING && !e->waiting;
}

static uint32_t cause(void)
{
	uint32_t c;

	__asm__ volatile("mfc0 %0, $13" : "=r"(c));
	return c;
}

/*
 * SYS_CWAIT: e waits, not runnable, until console input arrives (the
 * console raises CONS_IRQ while a character waits); meanwhile user mode
 * runs with that interrupt enabled.  0 at once if one already waits.
 */
int cons_wait(struct env *e)
{
	if (cause() & CAUSE_IP(CONS_IRQ))
		return 0;
	if (cons_waiter && cons_waiter != e)
		return -E_BUSY;
	cons_waiter = e;
	user_status |= ST_IM(CONS_IRQ);
	e->tf[2] = 0;          /* v0 when it runs again */
	sched_next();
}

/* Console input arrived (or its waiter is gone): the waiter may run. */
void cons_wake(void)
{
	cons_waiter = 0;
	user_status &= ~ST_IM(CONS_IRQ);
}

void cons_forget(struct env *e)
{
	if (e == cons_waiter)
		cons_wake();
}

/*
 * Nothing can run but an environment waits for console input: spin
 * with interrupts off, watching Cause, acknowledging timer ticks (time
 * goes on, the slices are empty) and meeting revocation deadlines
 * until the input comes.
 */
static void idle_for_input(void)
{
	uint32_t c;

	while (!((c = cause()) & CAUSE_IP(CONS_IRQ))) {
		if (c & CAUSE_IP(RTC_IRQ))
			RTC(RTC_ACK) = 0;
		if (c & CAUSE_IP(ONESHOT_IRQ))
			revoke_expire();
	}
	cons_wake();
}

/*
 * Run e.  An environment entered at a slice boundary with a
 * start-of-slice handler resumes there, with the pc it would have
 * resumed at in SAVE_IPC.  So does one that left by a protected control
 * transfer, whenever it runs (the caller checked env_runnable): the
 * kernel kept only its resume pc, the instruction after its call.
 */
void sched_run(struct env *e)
{
	if (e->pct_to) {
		/* It left by a transfer: resume pc = after its call (vec.S). */
		e->tf[TF_EPC / 4] += 4;
		e->resume_sos = 1;
		e->pct_to = 0;
	}
	if (e->resume_sos && e->entry[EXO_ENTRY_SOS] && !env_critical(e))
		upcall(e, EXO_ENTRY_SOS);
	e->resume_sos = 0;
	env_resume(e);
}

/*
 * e waits in SYS_YIELD_FAST (vec.S fast_yield may have saved only its
 * callee-saved registers) and will be resumed through C: its call
 * returns 0, and the fast path may no longer resume it.
 */
void yield_settle(struct env *e)
{
	if (e->in_yield)
		e->tf[2] = 0;
	e->in_yield = 0;
}

/*
 * Back to e, with an ASID of the current generation, by way of its
 * repossession upcall if pages were taken from it.
 */
void env_resume(struct env *e)
{
	yield_settle(e);
	env_set_asid(e);
	if (e->repo_pending && e->entry[EXO_ENTRY_REPO] && !env_critical(e)) {
		upcall(e, EXO_ENTRY_REPO);
		e->repo_pending = 0;
	}
	env_pop(e);
}

/* Move to the next slice whose owner may run, and run it. */
void sched_next(void)
{
	struct env *e;
	int i, forfeited;

	page_reclaim(RECLAIM_WORK);     /* bounded: a dead environment's pages */
again:
	forfeited = 0;
	for (i = 1; i <= 2 * EXO_NSLICE; i++) {
		int s = (cur_slice + i) % EXO_NSLICE;
		if (slices[s] == 0 || !(e = env_lookup(slices[s])) || !env_runnable(e))
			continue;
		if (e->forfeit > 0) {
			e->forfeit--;
			forfeited = 1;
			continue;
		}
		cur_slice = s;
		kcur.slot = &slices[s];         /* its owner runs it */
		e->resume_sos = 1;
		sched_run(e);
	}
	if (forfeited)                  /* each pass pays some forfeits back */
		goto again;
	if (cons_waiter) {
		idle_for_input();
		goto again;
	}
	printf("[aegis] no environment can run: each left by a protected control transfer\n");
	halt(198);
}

/*
 * Revocation deadlines are clock_us() times, modulo 2^32, compared by
 * signed difference: exact while within 2^31 us (35 minutes) of now,
 * and a deadline is at most EXO_REVOKE_MAX_US ahead and met on time.
 * The rtc's one-shot is kept armed for the earliest pending one.
 */

/*
 * Cycles in us > 0 microseconds of virtual time, rounded up (never
 * short: cycles_per_us is rounded up too), at most 2^32 - 1: a longer
 * wait is re-armed when that much has passed.  No division: one
 * 32 x 32 -> 64-bit multiply (us < 2^31, cycles_per_us < 2^30).
 */
static uint32_t us_to_cycles(uint32_t us)
{
	uint64_t c = ((uint64_t)us * cycles_per_us + (1u << 20) - 1) >> 20;

	return c > 0xffffffffu ? 0xffffffffu : (uint32_t)c;
}

/*
 * Program the one-shot for the earliest pending deadline, or cancel
 * it.  clock_us() is floor(cycle / cycles per us) at its latch, so the
 * deadline is no later than that latch plus us_to_cycles(deadline -
 * clock_us()) cycles: the one-shot, which counts from the store, never
 * fires before it, and late only by the fraction of a microsecond the
 * clock drops and the cycles from the latch to the store (the clock is
 * read after the scan, which takes a while).  A due deadline gets one
 * cycle (0 would cancel).
 */
void revoke_timer_arm(void)
{
	uint32_t first = 0;
	int32_t left;
	int i, any = 0;

	for (i = 0; i < EXO_NENV; i++) {
		if (envs[i].id == 0 || !envs[i].revoke_armed)
			continue;
		if (!any || (int32_t)(envs[i].revoke_deadline - first) < 0)
			first = envs[i].revoke_deadline;
		any = 1;
	}
	if (!any) {
		RTC(RTC_ONESHOT) = 0;
		return;
	}
	left = (int32_t)(first - clock_us());
	RTC(RTC_ONESHOT) = left <= 0 ? 1 : us_to_cycles((uint32_t)left);
}

/*
 * The one-shot fired (trap_intr, or the idle loop): acknowledge it and
 * run the abort protocol for every request whose deadline has come:
 * take the pages not yet given back and owe the environment a
 * repossession upcall (env_resume makes it).  Then arm for the next.
 */
void revoke_expire(void)
{
	uint32_t now, freed;
	struct env *e;
	int i;

	RTC(RTC_ONESHOT_ACK) = 0;
	now = clock_us();
	for (i = 0; i < EXO_NENV; i++) {
		e = &envs[i];
		if (e->id == 0 || !e->revoke_armed || (int32_t)(now - e->revoke_deadline) < 0)
			continue;
		e->revoke_armed = 0;
		freed = e->revoke_base - page_owned(e->id);
		if (freed < e->revoke_want && page_repossess(e, e->revoke_want - freed) > 0)
			e->repo_pending = 1, yield_settle(e);   /* resumed through C */
		save_put(e, SAVE_REVOKE, 0);
	}
	revoke_timer_arm();
}

/* e is being destroyed: its pending request ends, the one-shot follows. */
void revoke_forget(struct env *e)
{
	if (!e->revoke_armed)
		return;
	e->revoke_armed = 0;
	revoke_timer_arm();
}

/*
 * A timer tick ends the current slice (the ticks vec.S k_intr could
 * not turn into an upcall by itself come here).  An environment with
 * an end-of-slice handler gets an upcall and must yield before the
 * next tick; one that does not pays with excess time: a later slice is
 * forfeited, and past EXO_EXCESS_MAX it is destroyed.  One in a
 * critical section (SAVE_CRIT) runs on with SAVE_PENDING set, and must
 * yield as soon as it leaves it; otherwise (no save area, or the pc in
 * its return sequence) the kernel keeps its registers and moves on.
 */
void sched_tick(struct env *e)
{
	page_reclaim(RECLAIM_WORK);
	if (e == &kernel_env || e->id == 0)
		sched_next();
	if (e->in_eos) {
		e->excess++;
		e->forfeit++;
		if (e->excess > EXO_EXCESS_MAX) {
			e->xstatus = EXO_DIED_EXCESS;
			env_destroy(e, "excess time past the threshold");
			halt_if_none_left();
			sched_next();
		}
	} else if (e->entry[EXO_ENTRY_EOS]) {
		if (!env_critical(e)) {
			eos_set(e, 1);
			upcall(e, EXO_ENTRY_EOS);
			env_resume(e);
		}
		if (e->save_ppn && save_get(e, SAVE_CRIT)) {
			eos_set(e, 1);
			save_put(e, SAVE_PENDING, 1);
			env_resume(e);
		}
	}
	sched_next();
}

/*
 * Donate the rest of the slice to target (0: end the slice).  The
 * target only borrows it: kcur.slot points at kcur.lent, so a
 * synchronous transfer it makes donates no future instance of it.
 */
void sched_yield_to(struct env *e, uint32_t target)
{
	struct env *t = target ? env_lookup(target) : 0;

	if (e->in_eos)
		e->excess = 0;          /* it gave the CPU back: overruns start again */
	eos_set(e, 0);
	if (t && t != e) {
		kcur.slot = &kcur.lent;
		sched_run(t);
	}
	sched_next();
}
