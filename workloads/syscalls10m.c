/*
 * syscalls10m.c: ten million null system calls (SYS_NULL, the kernel's
 * fastest path), for measuring the tracer on a long exception-heavy run:
 * docs/TRACING.md "Long runs" (memory stays bounded, events per second).
 */
#include "exos.h"

#define CALLS 10000000

int main(uint32_t arg, uint32_t envid)
{
	uint64_t t0 = EXOS_CYCLES();

	for (int i = 0; i < CALLS; i++)
		sys_null();
	printf("%d null system calls in %llu cycles\n", CALLS,
	       (unsigned long long)(EXOS_CYCLES() - t0));
	return 0;
}
