/*
 * stride.c: the paper's Figure 3, an application-level stride scheduler
 * (exos/stride.h) over the kernel's slices and directed yield.  Three
 * processes with 3, 2 and 1 tickets increment their counters in a
 * page shared with the scheduler, which owns the only slice they run
 * in: at each of its slices it yields the slice to the one stride
 * scheduling picks.  After a warm-up quantum it runs QUANTA quanta and
 * prints, per quantum, each process's cumulative iterations and the
 * ideal (the total so far times the process's share of the tickets):
 *   @series F3 procN QUANTUM ITERATIONS
 *   @series F3 idealN QUANTUM ITERATIONS
 * then each process's share of all iterations against its share of the
 * tickets (the target: within 2%).  QUANTA is 102, 17 rounds of the
 * 6-quantum cycle of 3:2:1: in 100 whole quanta no scheduler can come
 * closer than 50:33:17, which is 2.0% over for the 1-ticket process.
 */
#include "exos.h"
#include "ipc.h"
#include "stride.h"

#define SHARE_VA 0x00c00000
#define QUANTA   102
#define NPROC    3

static const uint32_t tickets[NPROC] = { 3, 2, 1 };
static volatile uint32_t *counter = (volatile uint32_t *)SHARE_VA;
static uint32_t cum[QUANTA][NPROC];

/* A scheduled process: no slice of its own; count forever. */
static int worker(uint32_t parent, int i)
{
	uint32_t ppn, cap;

	if (ipc_share_take(parent, &ppn, &cap, 1) < 0 || ipc_page_map(SHARE_VA, ppn, cap) < 0)
		return 1;
	stride_free_slices();
	sys_yield(parent);
	for (;;)
		counter[i]++;
	return 0;
}

static void record(int q, int who, void *arg)
{
	uint32_t *base = arg;
	int i;

	for (i = 0; i < NPROC; i++)
		cum[q][i] = counter[i] - base[i];
}

int main(uint32_t arg, uint32_t self)
{
	struct stride s;
	uint32_t ppn, cap, base[NPROC], total, share, err, worst = 0;
	int i, q, w;

	if (arg)
		return worker(arg & ~0x3ffu, (arg & 0x3ff) - 1);
	if (ipc_page_new(SHARE_VA, &ppn, &cap) < 0)
		return 1;
	stride_init(&s);
	for (i = 0; i < NPROC; i++) {
		if ((w = sys_env_create(0, self | (i + 1))) < 0 || ipc_share_give(w, ppn, cap) < 0) {
			printf("stride: set-up of process %d failed\n", i + 1);
			return 1;
		}
		stride_add(&s, w, tickets[i]);
	}
	sys_yield(s.p[0].envid);        /* the rest of this slice: a warm-up, not counted */
	for (i = 0; i < NPROC; i++)
		base[i] = counter[i];
	if (stride_run(&s, QUANTA, record, base) != QUANTA)
		printf("stride: a process went away: WRONG\n");
	for (q = 0; q < QUANTA; q++) {
		for (total = 0, i = 0; i < NPROC; i++)
			total += cum[q][i];
		for (i = 0; i < NPROC; i++)
			printf("@series F3 proc%d %d %u\n@series F3 ideal%d %d %u\n", i + 1, q + 1,
			       (unsigned)cum[q][i], i + 1, q + 1,
			       (unsigned)((uint64_t)total * tickets[i] / 6));
	}
	for (total = 0, i = 0; i < NPROC; i++)
		total += cum[QUANTA - 1][i];
	for (i = 0; i < NPROC; i++) {
		/* share of the iterations over share of the tickets, in 1/10000 */
		share = (uint32_t)((uint64_t)cum[QUANTA - 1][i] * 60000 / ((uint64_t)total * tickets[i]));
		err = share > 10000 ? share - 10000 : 10000 - share;
		worst = err > worst ? err : worst;
		printf("stride: proc%d (%u tickets) ran %u quanta, %u iterations, %u.%04u of its share\n",
		       i + 1, (unsigned)tickets[i], (unsigned)s.p[i].quanta,
		       (unsigned)cum[QUANTA - 1][i], (unsigned)(share / 10000), (unsigned)(share % 10000));
	}
	printf("stride: %d quanta, %u iterations, worst error %u.%02u%%: %s\n", QUANTA,
	       (unsigned)total, (unsigned)(worst / 100), (unsigned)(worst % 100),
	       worst <= 200 ? "within 2% of 3:2:1" : "WRONG");
	for (i = 0; i < NPROC; i++)
		sys_env_destroy(s.p[i].envid);
	return worst > 200;
}
