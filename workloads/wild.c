/*
 * wild.c: a misbehaving shell program: a wild store.  "wild kernel"
 * stores to kernel memory (an address error: no handler, the kernel
 * destroys it); "wild user" stores to a page nobody mapped (exos's
 * miss handler finds nothing: segmentation fault, exit 11).  Each
 * time the shell goes on.
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	const char *how = a && a->argc > 1 ? a->argv[1] : "kernel";

	printf("wild: storing (%s)\n", how);
	if (strcmp(how, "user") == 0)
		*(volatile uint32_t *)0x40000000 = 1;
	else
		*(volatile uint32_t *)0x80001000 = 0xdeadbeef;
	printf("wild: still alive: WRONG\n");
	return 0;
}
