/*
 * prot_spin.c: time slices are enforced.  A child that spins forever
 * without yielding does not keep the CPU: the parent gets its slices
 * (round robin at 64 Hz) and destroys it.  A second child ignores the
 * end-of-slice upcall: its excess time grows until the kernel destroys
 * it.  A third holds SAVE_CRIT set forever and spins: the kernel defers
 * its end-of-slice upcall (SAVE_PENDING), then takes the CPU back at
 * each tick it overruns, and destroys it for excess time too; the
 * parent's data is intact throughout.
 */
#include "exos.h"

extern char eos_spin[];
__asm__(".globl eos_spin\neos_spin:\n b eos_spin\n nop\n");

int main(uint32_t arg, uint32_t self)
{
	int spinner, late, crit, n = 0, i;
	static uint32_t mine[1024];

	for (i = 0; i < 1024; i++)
		mine[i] = 0x5ca1ab1e ^ i;

	if (arg == 1)
		for (;;)
			;
	if (arg == 2 || arg == 3) {
		sys_set_entry(EXO_ENTRY_EOS, eos_spin);
		if (arg == 3)
			*(volatile uint32_t *)(EXO_SAVE_VA + SAVE_CRIT) = 1;   /* "not now", forever */
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
	crit = sys_env_create(0, 3);
	for (n = 0; sys_yield(crit) == 0; n++)
		;
	printf("parent: the child that stayed critical is gone after %s yields\n",
	       n > 0 ? "some" : "no");
	for (n = 0, i = 0; i < 1024; i++)
		n += mine[i] != (0x5ca1ab1e ^ i);
	printf("parent: its data %s\n", n ? "CORRUPTED" : "intact");
	return 0;
}
