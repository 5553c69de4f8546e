/*
 * spawn.c: SYS_ENV_CREATE from every other boot module (1 up to
 * BOOTINFO_MAXMOD - 1), printing each result and waiting for each
 * environment it made to finish.  tests/kernel/badelf_create.t gives
 * it crafted modules, which must come back as -E_INVAL.
 */
#include "exos.h"

int main(uint32_t arg, uint32_t self)
{
	int i, c;

	for (i = 1; i < BOOTINFO_MAXMOD; i++) {
		c = sys_env_create(i, 0);
		printf("spawn: module %d: %d\n", i, c > 0 ? 0 : c);
		if (c > 0)
			while (sys_yield(c) == 0)
				;
	}
	return 0;
}
