/*
 * stride.c: the stride scheduler (stride.h).  Passes are 32-bit and
 * compared by signed difference, so they may wrap.
 */
#include "stride.h"

void stride_init(struct stride *s)
{
	s->n = 0;
}

int stride_add(struct stride *s, uint32_t envid, uint32_t tickets)
{
	struct stride_proc *p;

	if (tickets == 0 || tickets > STRIDE_MAX)
		return -E_INVAL;
	if (s->n == STRIDE_MAX)
		return -E_NOMEM;
	p = &s->p[s->n];
	p->envid = envid;
	p->tickets = tickets;
	p->stride = STRIDE_L / tickets;
	p->pass = p->stride;
	p->quanta = 0;
	return s->n++;
}

int stride_pick(struct stride *s)
{
	int i, best = -1;

	for (i = 0; i < s->n; i++)
		if (s->p[i].tickets && (best < 0 || (int32_t)(s->p[i].pass - s->p[best].pass) < 0))
			best = i;
	if (best >= 0) {
		s->p[best].pass += s->p[best].stride;
		s->p[best].quanta++;
	}
	return best;
}

int stride_run(struct stride *s, int n, void (*after)(int q, int who, void *), void *arg)
{
	int q, who;

	for (q = 0; q < n; q++) {
		if ((who = stride_pick(s)) < 0)
			break;
		if (sys_yield(s->p[who].envid) < 0) {
			s->p[who].tickets = 0;          /* gone: out of the draw */
			q--;
			continue;
		}
		if (after)
			after(q, who, arg);
	}
	return q;
}

int stride_free_slices(void)
{
	int s, n = 0;

	for (s = 0; s < EXO_NSLICE; s++)
		if (sys_slice_free(s) == 0)
			n++;
	return n;
}
