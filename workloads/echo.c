/*
 * echo.c: a shell program (workloads/sh.c): prints its pid, its
 * parent's and its arguments, one line.
 */
#include "exos.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	int i;

	if (!a) {
		printf("echo: not started by a shell\n");
		return 2;
	}
	printf("echo[%x, parent %x]:", exos_getpid(), exos_getppid());
	for (i = 1; i < a->argc; i++)
		printf(" %s", a->argv[i]);
	printf("\n");
	return 0;
}
