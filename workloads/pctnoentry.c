/*
 * pctnoentry.c: a transfer to an environment that has no entry for it
 * is refused (-E_BADENV), so no environment can make another fault at
 * pc 0 and be destroyed.  The child sets no sync or async entry and
 * waits in yields; the parent's synchronous and asynchronous transfers
 * to it must come back -E_BADENV, and the child must still be alive.
 */
#include "exos.h"

int main(uint32_t arg, uint32_t self)
{
	int c, s, a, i;

	if (arg & 1)
		for (;;)
			sys_yield(arg & ~1u);
	c = sys_env_create(0, self | 1);
	sys_yield(c);
	for (i = 0; i < 3; i++) {
		s = exos_transfer(SYS_SCALL, c);
		a = exos_transfer(SYS_ACALL, c);
		printf("transfers to an environment with no entries: %d %d %s\n", s, a,
		       s == -E_BADENV && a == -E_BADENV ? "ok" : "WRONG");
		sys_yield(c);
	}
	printf("the child is alive: %s\n", sys_env_destroy(c) == 0 ? "ok" : "WRONG");
	return 0;
}
