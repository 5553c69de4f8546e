/*
 * readline.c: a bare-metal program that polls the console for a line
 * and echoes it.  With its input at an end before the newline it would
 * poll for ever: the simulator stops it and says so (simulator/dev/
 * console.c, ENDED_READS; tests/run-newcomer.sh).
 *   ./sim build/workloads/readline.elf < FILE
 */
#include "rt.h"
#include "hw/testmips.h"

int main(void)
{
	char line[80];
	int n = 0, c;

	while (n < (int)sizeof line - 1) {
		c = MMIO8(CONS_BASE + CONS_PUTGETCHAR);   /* 0: nothing waits */
		if (c == '\n')
			break;
		if (c != 0)
			line[n++] = (char)c;
	}
	line[n] = 0;
	printf("line: %s\n", line);
	return 0;
}
