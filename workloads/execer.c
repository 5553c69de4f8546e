/*
 * execer.c: a shell program: "execer PROGRAM ARGS..." prints its pid
 * and runs PROGRAM in its place (exos_exec): the same environment, so
 * the program sees the same pid and parent and the shell collects the
 * program's exit status.  The arguments it passes live in its heap,
 * which exec gives back: they must reach the program all the same.
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	char *argv[EXOS_MAXARG + 1];
	int r, i;

	if (!a || a->argc < 2) {
		printf("usage: execer PROGRAM [ARGS]\n");
		return 2;
	}
	for (i = 1; i < a->argc; i++)
		argv[i - 1] = strdup(a->argv[i]);
	argv[a->argc - 1] = 0;
	printf("execer[%x]: exec %s\n", exos_getpid(), argv[0]);
	r = exos_exec(argv[0], argv, a->envp);
	printf("execer: exec %s: %s (%d)\n", argv[0], exos_elf_why, r);
	return 127;
}
