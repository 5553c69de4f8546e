/*
 * execer.c: a shell program: "execer PROGRAM ARGS..." prints its pid
 * and runs PROGRAM in its place (exos_exec): the program sees the same
 * pid and parent, and the shell the program's exit status.
 */
#include "exos.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	int r;

	if (!a || a->argc < 2) {
		printf("usage: execer PROGRAM [ARGS]\n");
		return 2;
	}
	printf("execer[%x]: exec %s\n", exos_getpid(), a->argv[1]);
	r = exos_exec(a->argv[1], a->argv + 1, a->envp);
	printf("execer: exec %s: %s (%d)\n", a->argv[1], exos_elf_why, r);
	return 127;
}
