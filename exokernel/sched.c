/*
 * sched.c: the CPU as a vector of EXO_NSLICE time slices (paper
 * 5.1.1), each owned by an environment or free, run round robin, one
 * slice per timer tick (EXO_TICK_HZ).  Slices are allocated like pages
 * (a named one or any), so an environment with k slices gets k shares
 * of the CPU.  Slice-boundary upcalls, the excess-time counter,
 * directed yield and revocation deadlines live here.
 */
#include "kern.h"

uint32_t slices[EXO_NSLICE];
static int cur_slice;
static struct env *cons_waiter;        /* in SYS_CWAIT, or 0 */

/* Status for user mode (env_pop): the timer, and console input while awaited. */
uint32_t user_status = ST_IM(RTC_IRQ) | ST_KUP | ST_IEP;

#define RTC(off) MMIO32(RTC_BASE + (off))

void sched_init(void)
{
	kcur.slot = &slices[0];
	RTC(RTC_HZ) = EXO_TICK_HZ;
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
 * Upcalls are not reentrant: SAVE_IPC holds one pc.  The kernel enters
 * an upcall only while SAVE_IPC is 0 and e is not in its end-of-slice
 * upcall; the handler clears SAVE_IPC once it has taken the pc.  An
 * upcall that finds it busy is not made: the end-of-slice one falls
 * back to the kernel saving e's registers, the start-of-slice one to
 * resuming e where it was, the repossession one waits for a later
 * resume.
 */
static int upcall_free(struct env *e)
{
	return !e->in_eos && env_save(e)[SAVE_IPC / 4] == 0;
}

/*
 * Whether the kernel may run e other than by a protected control
 * transfer: not if it left by one and cannot be entered at its
 * start-of-slice upcall (the kernel kept none of its registers).
 */
int env_runnable(struct env *e)
{
	return (!e->pct_to || (e->entry[EXO_ENTRY_SOS] && upcall_free(e))) && e != cons_waiter;
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
 * goes on, the slices are empty) until the input comes.
 */
static void idle_for_input(void)
{
	uint32_t c;

	while (!((c = cause()) & CAUSE_IP(CONS_IRQ)))
		if (c & CAUSE_IP(RTC_IRQ))
			RTC(RTC_ACK) = 0;
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
	if (e->resume_sos && e->entry[EXO_ENTRY_SOS] && upcall_free(e)) {
		env_save(e)[SAVE_IPC / 4] = e->tf[TF_EPC / 4];
		e->tf[TF_EPC / 4] = e->entry[EXO_ENTRY_SOS];
	}
	e->resume_sos = 0;
	env_resume(e);
}

/*
 * Back to e, with an ASID of the current generation, by way of its
 * repossession upcall if pages were taken from it.
 */
void env_resume(struct env *e)
{
	uint32_t pc = e->tf[TF_EPC / 4];

	env_set_asid(e);
	if (e->repo_pending && e->entry[EXO_ENTRY_REPO] && upcall_free(e)) {
		env_save(e)[SAVE_IPC / 4] = pc;
		e->tf[TF_EPC / 4] = e->entry[EXO_ENTRY_REPO];
		e->repo_pending = 0;
	}
	env_pop(e);
}

/* Move to the next slice whose owner may run, and run it. */
void sched_next(void)
{
	struct env *e;
	int i;

again:
	for (i = 1; i <= 2 * EXO_NSLICE; i++) {
		int s = (cur_slice + i) % EXO_NSLICE;
		if (slices[s] == 0 || !(e = env_lookup(slices[s])) || !env_runnable(e))
			continue;
		if (e->forfeit > 0) {
			e->forfeit--;
			continue;
		}
		cur_slice = s;
		kcur.slot = &slices[s];
		e->resume_sos = 1;
		sched_run(e);
	}
	if (cons_waiter) {
		idle_for_input();
		goto again;
	}
	printf("[aegis] no environment can run: each left by a protected control transfer\n");
	halt(198);
}

/*
 * The abort protocol: at the first tick at or after the deadline of a
 * revocation request, take the pages not yet given back and owe the
 * environment a repossession upcall.
 */
static void revoke_tick(void)
{
	uint32_t now = clock_us(), freed;
	struct env *e;
	int i;

	for (i = 0; i < EXO_NENV; i++) {
		e = &envs[i];
		if (e->id == 0 || !e->revoke_armed || (int32_t)(now - e->revoke_deadline) < 0)
			continue;
		e->revoke_armed = 0;
		freed = e->revoke_base - page_owned(e->id);
		if (freed < e->revoke_want && page_repossess(e, e->revoke_want - freed) > 0)
			e->repo_pending = 1;
		env_save(e)[SAVE_REVOKE / 4] = 0;
	}
}

/*
 * A timer tick ends the current slice.  An environment with an
 * end-of-slice handler gets an upcall and must yield before the next
 * tick; one that does not pays with excess time: a later slice is
 * forfeited, and past EXO_EXCESS_MAX it is destroyed.
 */
void sched_tick(struct env *e)
{
	revoke_tick();
	page_reclaim(RECLAIM_WORK);
	if (e == &kernel_env || e->id == 0)
		sched_next();
	if (e->in_eos) {
		e->excess++;
		e->forfeit++;
		if (e->excess > EXO_EXCESS_MAX) {
			env_destroy(e, "excess time past the threshold");
			sched_next();
		}
	} else if (e->entry[EXO_ENTRY_EOS] && upcall_free(e)) {
		e->in_eos = 1;
		env_save(e)[SAVE_IPC / 4] = e->tf[TF_EPC / 4];
		e->tf[TF_EPC / 4] = e->entry[EXO_ENTRY_EOS];
		env_resume(e);
	}
	sched_next();
}

/* Donate the rest of the slice to target (0: end the slice). */
void sched_yield_to(struct env *e, uint32_t target)
{
	struct env *t = target ? env_lookup(target) : 0;

	e->in_eos = 0;
	if (t && t != e)
		sched_run(t);
	sched_next();
}
