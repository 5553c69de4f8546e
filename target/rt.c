/*
 * rt.c: the runtime declared in rt.h.  printf understands %d %i %u %x
 * %X %o %c %s %p %%, the l and ll length modifiers, a width, zero
 * padding and '-'.
 */
#include "rt.h"

void putchar_(int c)
{
	MMIO8(CONS_BASE + CONS_PUTGETCHAR) = (uint8_t)c;
}

int puts(const char *s)
{
	while (*s)
		putchar_(*s++);
	putchar_('\n');
	return 0;
}

void exit(int status)
{
	MMIO8(CONS_BASE + CONS_HALT) = (uint8_t)status;
	for (;;)
		;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memset(void *d, int c, size_t n)
{
	uint8_t *dp = d;

	while (n--)
		*dp++ = (uint8_t)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

struct out {
	char *buf;
	size_t n, len;
};

static void emit(struct out *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

static void emit_num(struct out *o, unsigned long long v, unsigned base, int upper,
                     int neg, int width, char pad, int left)
{
	char tmp[24];
	int i = 0, len;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		tmp[i++] = digits[v % base];
		v /= base;
	} while (v);
	len = i + neg;
	if (neg && pad == '0')
		emit(o, '-');
	for (; !left && width > len; width--)
		emit(o, pad);
	if (neg && pad != '0')
		emit(o, '-');
	while (i)
		emit(o, tmp[--i]);
	for (; left && width > len; width--)
		emit(o, ' ');
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct out o = { buf, n, 0 };

	for (; *fmt; fmt++) {
		int width = 0, longs = 0, left = 0;
		char pad = ' ';
		unsigned long long u;
		long long s;
		const char *str;

		if (*fmt != '%') {
			emit(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') { left = 1; fmt++; }
		if (*fmt == '0') { pad = '0'; fmt++; }
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') { longs++; fmt++; }
		switch (*fmt) {
		case 'd': case 'i':
			s = longs >= 2 ? va_arg(ap, long long) :
			    longs ? va_arg(ap, long) : va_arg(ap, int);
			u = s < 0 ? -(unsigned long long)s : (unsigned long long)s;
			emit_num(&o, u, 10, 0, s < 0, width, pad, left);
			break;
		case 'u': case 'x': case 'X': case 'o':
			u = longs >= 2 ? va_arg(ap, unsigned long long) :
			    longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			emit_num(&o, u, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
			         *fmt == 'X', 0, width, pad, left);
			break;
		case 'p':
			emit(&o, '0');
			emit(&o, 'x');
			emit_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 0, 8, '0', 0);
			break;
		case 'c':
			emit(&o, (char)va_arg(ap, int));
			break;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			width -= (int)strlen(str);
			for (; !left && width > 0; width--)
				emit(&o, ' ');
			while (*str)
				emit(&o, *str++);
			for (; left && width > 0; width--)
				emit(&o, ' ');
			break;
		case '%':
			emit(&o, '%');
			break;
		default:
			emit(&o, '%');
			if (*fmt)
				emit(&o, *fmt);
			else
				fmt--;
			break;
		}
	}
	if (n)
		buf[o.len < n ? o.len : n - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (const char *p = buf; *p; p++)
		putchar_(*p);
	return r;
}

uint64_t rt_cycles(void)
{
	uint32_t lo = MMIO32(SIMCTL_BASE + SIMCTL_CYCLE_LO);
	return ((uint64_t)MMIO32(SIMCTL_BASE + SIMCTL_CYCLE_HI) << 32) | lo;
}

uint64_t rt_insns(void)
{
	uint32_t lo = MMIO32(SIMCTL_BASE + SIMCTL_INSN_LO);
	return ((uint64_t)MMIO32(SIMCTL_BASE + SIMCTL_INSN_HI) << 32) | lo;
}

void rt_marker(uint32_t id, uint32_t arg)
{
	MMIO32(SIMCTL_BASE + SIMCTL_MARKER_ARG) = arg;
	MMIO32(SIMCTL_BASE + SIMCTL_MARKER) = id;
}
