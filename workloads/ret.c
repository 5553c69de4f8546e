/*
 * ret.c: a shell program: exits with the status its argument gives
 * (0-255), after checking the C library's heap works in a fresh
 * process (a string built in malloc'd memory).
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	char *msg;

	if (!a || a->argc != 2) {
		printf("usage: ret STATUS\n");
		return 2;
	}
	msg = malloc(64);
	snprintf(msg, 64, "ret: exit %d", atoi(a->argv[1]));
	printf("%s\n", msg);
	free(msg);
	return atoi(a->argv[1]);
}
