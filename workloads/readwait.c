/*
 * readwait.c: an exokernel application that reads a line, waiting off
 * the CPU (SYS_CWAIT) whenever no character is there, then echoes it.
 * Nothing else runs, so with its input at an end before the newline
 * the kernel idles with only a waiter for input that cannot come: it
 * says so and stops (exokernel/sched.c idle_for_input, status 197;
 * tests/kernel/input_end.t).
 */
#include "exos.h"

int main(uint32_t arg, uint32_t self)
{
	char line[80];
	int n = 0, c;

	while (n < (int)sizeof line - 1) {
		c = sys_cgetc();
		if (c == '\n')
			break;
		if (c != 0)
			line[n++] = (char)c;
		else if (sys_cwait() != 0)
			return 2;
	}
	line[n] = 0;
	printf("line: %s\n", line);
	return 0;
}
