/*
 * prot_spin.c: time slices are enforced.  A child that spins forever
 * without yielding does not keep the CPU: the parent gets its slices
 * (round robin at 64 Hz) and destroys it.  A second child ignores the
 * end-of-slice upcall: its excess time grows until the kernel destroys
 * it.
 */
#include "exos.h"

extern char eos_spin[];
__asm__(".globl eos_spin\neos_spin:\n b eos_spin\n nop\n");

int main(uint32_t arg, uint32_t self)
{
	int spinner, late, n = 0;

	if (arg == 1)
		for (;;)
			;
	if (arg == 2) {
		sys_set_entry(EXO_ENTRY_EOS, eos_spin);
		for (;;)
			;
	}
	spinner = sys_env_create(0, 1);
	late = sys_env_create(0, 2);
	sys_yield(spinner);                   /* comes back only by the timer */
	printf("parent: running again while the spinner spins\n");
	printf("parent: destroy spinner: %d\n", sys_env_destroy(spinner));
	/* Yield to the late child until the kernel has destroyed it. */
	while (sys_yield(late) == 0)
		n++;
	printf("parent: the late child is gone after %s yields\n", n > 0 ? "some" : "no");
	return 0;
}
