/*
 * stdio.c: console input and the rest of console output (libc.h).
 */
#include "libc/libc.h"

/* The next input character, waiting for it; -1 for ^D. */
int getchar(void)
{
	int c;

	while ((c = sys_cgetc()) == 0)
		sys_cwait();
	return c == EOF_CHAR ? -1 : (unsigned char)c;
}

int readline(char *buf, int n)
{
	int len = 0, c;

	for (;;) {
		c = getchar();
		if (c < 0 && len == 0)
			return -1;
		if (c < 0 || c == '\n' || c == '\r')
			break;
		if (c == '\b' || c == 0x7f) {
			len -= len > 0;
			continue;
		}
		if (len < n - 1)
			buf[len++] = (char)c;
	}
	if (n > 0)
		buf[len < n ? len : n - 1] = 0;
	return len;
}

int cputs(const char *s)
{
	return sys_cputs(s, strlen(s));
}

int putchar(int c)
{
	putchar_(c);
	return (unsigned char)c;
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[256];
	int n = vsnprintf(buf, sizeof buf, fmt, ap), i;

	for (i = 0; buf[i]; i++)
		putchar_(buf[i]);
	return n;
}
