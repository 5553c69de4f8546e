/*
 * nullcall.c: the cost of a null procedure call (the exokernel paper's
 * "null procedure call" row: 0.56, 0.42, 0.28 us on the DECstation 2100,
 * 3100 and 5000/125).  A loop that calls an empty function N times is
 * timed with the simctl cycle counter, and so is the same loop without
 * the call; the difference per iteration is the call's cost.  Prints
 * cycles per call (to 1/1000) and nanoseconds at the profile's clock.
 */
#include "rt.h"

#define N 10000

/* noinline and the empty asm keep the call and the callee. */
__attribute__((noinline)) void null_proc(void)
{
	__asm__ volatile("");
}

__attribute__((noinline)) static uint64_t with_call(void)
{
	uint64_t t0 = rt_cycles();
	for (int i = 0; i < N; i++) {
		null_proc();
		__asm__ volatile("");
	}
	return rt_cycles() - t0;
}

__attribute__((noinline)) static uint64_t without_call(void)
{
	uint64_t t0 = rt_cycles();
	for (int i = 0; i < N; i++)
		__asm__ volatile("");
	return rt_cycles() - t0;
}

int main(void)
{
	uint32_t hz = MMIO32(SIMCTL_BASE + SIMCTL_CLOCK_HZ);
	uint64_t call, loop, per1000;

	with_call();                   /* warm the caches */
	without_call();
	call = with_call();
	loop = without_call();
	per1000 = (call - loop) * 1000 / N;
	printf("nullcall: %u.%03u cycles per call", (unsigned)(per1000 / 1000),
	       (unsigned)(per1000 % 1000));
	if (hz)
		printf(", %u ns at %u Hz", (unsigned)(per1000 * 1000000 / hz), hz);
	printf("\n");
	return 0;
}
