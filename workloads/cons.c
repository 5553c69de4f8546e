/*
 * cons.c: console input for applications.  Reads one line with
 * SYS_CGETC, which returns 0 when no character waits; then it waits in
 * SYS_CWAIT, off the CPU, until the console input interrupt says one
 * has come.  With the input in a regular file the line is there from
 * the start; from a pipe that delivers it in parts, with pauses, the
 * environment must wait.  During its first wait a child keeps running
 * (the waiter does not hold the CPU); then the child is destroyed, so
 * later waits find nothing to run and the kernel idles until the
 * interrupt.
 */
#include "exos.h"

static volatile uint32_t child_spins;

int main(uint32_t arg, uint32_t self)
{
	char line[80];
	int n = 0, c, waits = 0, child, destroyed = 1;

	if (arg == 1) {
		for (;;)
			child_spins++;
	}
	child = sys_env_create(0, 1);
	while (n < (int)sizeof line - 1) {
		c = sys_cgetc();
		if (c == '\n')
			break;
		if (c != 0) {
			line[n++] = c;
			continue;
		}
		waits++;
		if (sys_cwait() != 0)
			printf("cwait: WRONG\n");
		if (waits == 1)
			destroyed = sys_env_destroy(child);
	}
	if (waits == 0)
		destroyed = sys_env_destroy(child);
	line[n] = 0;
	printf("line: %s\n", line);
	printf("waited for input: %s\n", waits ? "yes" : "no");
	printf("child destroyed: %d\n", destroyed);
	return 0;
}
