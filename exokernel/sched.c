/*
 * sched.c: the CPU as a vector of EXO_NSLICE time slices (paper
 * 5.1.1), each owned by an environment or free, run round robin, one
 * slice per timer tick (EXO_TICK_HZ).  Slice-boundary upcalls, the
 * excess-time counter and directed yield live here.
 */
#include "kern.h"

uint32_t slices[EXO_NSLICE];
static int cur_slice;

#define RTC(off) MMIO32(RTC_BASE + (off))

void sched_init(void)
{
	kcur.slot = &slices[0];
	RTC(RTC_HZ) = EXO_TICK_HZ;
}

/* Give envid the first free slice. */
int slice_alloc(uint32_t envid)
{
	int i;

	for (i = 0; i < EXO_NSLICE; i++)
		if (slices[i] == 0) {
			slices[i] = envid;
			return i;
		}
	return -E_NOMEM;
}

void slice_release(uint32_t envid)
{
	int i;

	for (i = 0; i < EXO_NSLICE; i++)
		if (slices[i] == envid)
			slices[i] = 0;
}

/*
 * Run e.  An environment entered at a slice boundary with a
 * start-of-slice handler resumes there, with the pc it would have
 * resumed at in SAVE_IPC.
 */
void sched_run(struct env *e)
{
	if (e->resume_sos && e->entry[EXO_ENTRY_SOS]) {
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
	/* Never stack one upcall on another: SAVE_IPC holds one pc. */
	if (e->repo_pending && e->entry[EXO_ENTRY_REPO] && pc != e->entry[EXO_ENTRY_SOS]
	    && pc != e->entry[EXO_ENTRY_EOS]) {
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

	for (i = 1; i <= 2 * EXO_NSLICE; i++) {
		int s = (cur_slice + i) % EXO_NSLICE;
		if (slices[s] == 0 || !(e = env_lookup(slices[s])) || e->pct_blocked)
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
	printf("[aegis] every environment waits for a protected control transfer\n");
	halt(198);
}

/*
 * The abort protocol: at the deadline of a revocation request, take the
 * pages not yet given back and owe the environment a repossession
 * upcall.
 */
static void revoke_tick(void)
{
	struct env *e;
	uint32_t freed;
	int i;

	for (i = 0; i < EXO_NENV; i++) {
		e = &envs[i];
		if (e->id == 0 || e->revoke_deadline == 0 || --e->revoke_deadline > 0)
			continue;
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
	if (e == &kernel_env || e->id == 0)
		sched_next();
	if (e->in_eos) {
		e->excess++;
		e->forfeit++;
		if (e->excess > EXO_EXCESS_MAX) {
			env_destroy(e, "excess time past the threshold");
			sched_next();
		}
	} else if (e->entry[EXO_ENTRY_EOS]) {
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
