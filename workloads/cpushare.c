/*
 * cpushare.c: the CPU as a vector of time slices allocated like pages.
 * The boot module P owns one slice and creates A (one slice) and B,
 * which allocates a second one.  P checks the allocation errors (a
 * taken slice, one out of range, freeing another's, a full vector),
 * then all three spin through the same WINDOW ticks of virtual time
 * (P passes its start in the children's argument), each
 * counting the cycles it actually ran (gaps in the cycle counter longer
 * than GAP are other environments' slices).  Round robin over the
 * vector P, A, B, B gives B twice the CPU of A or P.
 */
#include "exos.h"

#define WINDOW 24                      /* ticks measured: 6 turns of 4 slices */
#define ROLE_A 1
#define ROLE_B 2

static uint32_t ticks(uint32_t n)
{
	return *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ) / EXO_TICK_HZ * n;
}

/*
 * Spin until half a tick after tick `from` (counted from reset), then
 * for WINDOW ticks, a whole number of turns of the vector: the window
 * starts and ends in mid-slice, so every slice's owner gets the same
 * share of it whatever the order.  Print the ticks' worth this
 * environment ran in the window.  Everyone measures the same window.
 */
static void measure(const char *who, uint32_t from)
{
	uint32_t tick = ticks(1), gap = tick / 8, start = ticks(from) + tick / 2;
	uint32_t last, now, own = 0;

	while ((int32_t)(EXOS_CYCLES() - start) < 0)
		;
	last = EXOS_CYCLES();
	do {
		now = EXOS_CYCLES();
		if (now - last < gap)
			own += now - last;
		last = now;
	} while (now - start < WINDOW * tick);
	printf("%s ran %u of %u ticks\n", who, (unsigned)((own + tick / 2) / tick), WINDOW);
}

static void check(const char *what, int got, int want)
{
	printf("%s: %d %s\n", what, got, got == want ? "ok" : "WRONG");
}

/* The vector full: allocate every free slice, then give them back. */
static void fill_vector(void)
{
	int got[EXO_NSLICE], n = 0, r;

	while ((r = sys_slice_alloc(-1)) >= 0)
		got[n++] = r;
	check("any slice when none is free", r, -E_NOMEM);
	printf("took the %d free slices\n", n);
	while (n > 0)
		if (sys_slice_free(got[--n]) != 0)
			printf("free of slice %d: WRONG\n", got[n]);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t from = EXOS_CYCLES() / ticks(1) + 8;    /* after the set-up */
	int a, b, s;

	if (arg & ROLE_A) {
		measure("A (1 slice)", arg >> 2);
		return 0;
	}
	if (arg & ROLE_B) {
		s = sys_slice_alloc(-1);
		measure(s >= 0 ? "B (2 slices)" : "B (second slice WRONG)", arg >> 2);
		return 0;
	}
	a = sys_env_create(0, from << 2 | ROLE_A);     /* slice 1 */
	b = sys_env_create(0, from << 2 | ROLE_B);     /* slice 2; it takes 3 */
	sys_yield(b);
	check("slice 1 (A's)", sys_slice_alloc(1), -E_BUSY);
	check("slice EXO_NSLICE", sys_slice_alloc(EXO_NSLICE), -E_INVAL);
	check("free A's slice", sys_slice_free(1), -E_PERM);
	check("free a free slice", sys_slice_free(40), -E_PERM);
	check("free slice EXO_NSLICE", sys_slice_free(EXO_NSLICE), -E_INVAL);
	check("slice 40 by name", sys_slice_alloc(40), 40);
	check("free slice 40", sys_slice_free(40), 0);
	fill_vector();
	measure("P (1 slice)", from);
	/* Keep to its own slices until A and B are done too. */
	while (EXOS_CYCLES() - ticks(from) < ticks(WINDOW + 4))
		;
	while (sys_yield(a) == 0 || sys_yield(b) == 0)   /* until both exit */
		;
	return 0;
}
