/*
 * stride.h: ExOS's application-level stride scheduler (paper 7.3,
 * Figure 3; Waldspurger and Weihl's stride scheduling).  The scheduler
 * is an ordinary process that owns time slices; the processes it
 * schedules own none.  At each of its slices it picks the process with
 * the least pass, advances that pass by the process's stride (STRIDE_L
 * / tickets), and gives it the slice with a directed yield; the kernel
 * brings the CPU back to the scheduler when the slice ends.
 */
#ifndef EXOS_STRIDE_H
#define EXOS_STRIDE_H

#include "exos.h"

#define STRIDE_MAX 16
#define STRIDE_L   720720u          /* divisible by every ticket count 1..16 */

struct stride_proc {
	uint32_t envid, tickets, stride, pass, quanta;
};
struct stride {
	struct stride_proc p[STRIDE_MAX];
	int n;
};

void stride_init(struct stride *s);
/* Add a process with tickets (1..STRIDE_MAX): its index, or -E_*. */
int stride_add(struct stride *s, uint32_t envid, uint32_t tickets);
/* The next process to run (least pass, the earliest added on a tie),
 * its pass advanced; -1 if there is none. */
int stride_pick(struct stride *s);
/*
 * Run n quanta: each a pick and a directed yield of the rest of the
 * slice to it; `after` (if not null) is called after each with the
 * quantum's number and the index run.  A process that is gone (the
 * yield fails) is taken out of the draw.  -> quanta run.
 */
int stride_run(struct stride *s, int n, void (*after)(int q, int who, void *), void *arg);
/* For a scheduled process: give up every slice this environment owns. */
int stride_free_slices(void);

#endif /* EXOS_STRIDE_H */
