/*
 * stdlib.c: number conversion, abs, qsort (libc.h).
 */
#include "libc/libc.h"

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/*
 * As C's: leading space, a sign, base 0 (0x hex, 0 octal, else
 * decimal) or 2..36 with an optional 0x for 16; *end after the last
 * digit used (s if none).  Overflow saturates at ULONG_MAX.
 */
unsigned long strtoul(const char *s, char **end, int base)
{
	const char *p = s, *digits;
	unsigned long v = 0, lim;
	int neg = 0, d, over = 0;

	while (isspace(*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' && isxdigit(p[2]))
		p += 2, base = 16;
	else if (base == 0)
		base = p[0] == '0' ? 8 : 10;
	if (base < 2 || base > 36) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	digits = p;
	lim = ~0ul / base;
	for (; (d = digit_value(*p)) < base; p++) {
		if (v > lim || v * base > ~0ul - d)
			over = 1;
		v = v * base + d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	if (over)
		return ~0ul;
	return neg ? -v : v;
}

/* Saturates at LONG_MAX and LONG_MIN. */
long strtol(const char *s, char **end, int base)
{
	const char *p = s;
	unsigned long u, max = ~0ul >> 1;
	int neg;

	while (isspace(*p))
		p++;
	neg = *p == '-';
	u = strtoul(p + (*p == '-' || *p == '+'), end, base);
	if (end && *end == p + (*p == '-' || *p == '+'))
		*end = (char *)s;
	if (neg)
		return u > max + 1 ? (long)(max + 1) : -(long)u;
	return u > max ? (long)max : (long)u;
}

int atoi(const char *s)
{
	return (int)strtol(s, 0, 10);
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

static void swap_bytes(char *a, char *b, size_t n)
{
	while (n--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Shell sort: no recursion, no extra memory. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *b = base;
	size_t gap, i, j;

	for (gap = n / 2; gap > 0; gap /= 2)
		for (i = gap; i < n; i++)
			for (j = i; j >= gap && cmp(b + (j - gap) * size, b + j * size) > 0; j -= gap)
				swap_bytes(b + (j - gap) * size, b + j * size, size);
}
