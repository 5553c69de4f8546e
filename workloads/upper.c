/*
 * upper.c: a shell program that reads the console: one line, printed
 * back in capitals (the shell reads nothing while a program runs in
 * the foreground, so the next input line is the program's).
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	char line[128];
	int n = readline(line, sizeof line), i;

	if (n < 0)
		return 1;
	for (i = 0; i < n; i++)
		line[i] = (char)toupper(line[i]);
	printf("upper: %s\n", line);
	return 0;
}
