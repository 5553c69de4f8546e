/*
 * callgraph.c: a known call graph for the profiler's tests.
 * main calls mid() 10 times, mid calls leaf() 10 times (so leaf runs
 * 100 times), then fib(10) makes 177 calls of fib; the profiler is
 * switched off around a section it must not see (skipped()) and the
 * counts are reset once, through simctl, before the measured part.
 */
#include "rt.h"

#define NOINLINE __attribute__((noinline))

static volatile unsigned sink;

NOINLINE unsigned leaf(unsigned x)
{
	return x * 3 + 1;
}

NOINLINE unsigned mid(unsigned x)
{
	unsigned s = 0;

	for (unsigned i = 0; i < 10; i++)
		s += leaf(x + i);
	return s;
}

NOINLINE unsigned fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

NOINLINE unsigned skipped(void)
{
	unsigned s = 0;

	for (unsigned i = 0; i < 1000; i++)
		s += i * i;
	return s;
}

static void prof(unsigned what)
{
	MMIO32(SIMCTL_BASE + SIMCTL_PROFILE) = what;
}

int main(void)
{
	sink = skipped();            /* before the reset: not counted */
	prof(SIMCTL_PROF_RESET);
	rt_marker(20, 0);
	for (unsigned i = 0; i < 10; i++)
		sink = mid(i);
	rt_marker(21, 0);
	prof(SIMCTL_PROF_OFF);
	sink = skipped();            /* profiler off: not counted */
	prof(SIMCTL_PROF_ON);
	sink = fib(10);
	return 0;
}
