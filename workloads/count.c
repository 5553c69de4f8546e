/*
 * count.c: a shell program: "count NAME N" prints N numbered lines,
 * giving the rest of its slice away after each, so two run together
 * (&) interleave; exits with N.
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	int i, n;

	if (!a || a->argc != 3) {
		printf("usage: count NAME N\n");
		return 255;
	}
	n = atoi(a->argv[2]);
	for (i = 1; i <= n; i++) {
		printf("%s %d\n", a->argv[1], i);
		sys_yield(-1);
	}
	return n;
}
