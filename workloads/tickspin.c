/*
 * tickspin.c: spin through NTICKS end-of-slice upcalls taken by exos's
 * exos_eos, for tests/kernel/tickpath.t, which counts the kernel
 * instructions from the interrupt to the upcall on the ideal machine.
 */
#include "exos.h"

#define NTICKS 20

int main(uint32_t arg, uint32_t self)
{
	exos_upcalls();
	while (exos_eos_count < NTICKS)
		;
	printf("%u end-of-slice upcalls\n", (unsigned)exos_eos_count);
	return 0;
}
