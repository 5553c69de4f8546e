/*
 * spin.c: a shell program that never ends: "spin" loops (the shell
 * kills it at its time limit); "spin eos" takes end-of-slice upcalls
 * and never gives a slice back (the kernel kills it for excess time).
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

static void forever(void)
{
	for (;;)
		;
}

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);

	printf("spin: spinning\n");
	if (a && a->argc > 1 && strcmp(a->argv[1], "eos") == 0)
		sys_set_entry(EXO_ENTRY_EOS, forever);
	forever();
	return 0;
}
