/*
 * recurse.c: deep and branching recursion: Fibonacci, Ackermann,
 * Towers of Hanoi, and a recursive-descent expression evaluator.
 */
#include "rt.h"

static unsigned fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned ack(unsigned m, unsigned n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

static unsigned moves;
static uint32_t trace;

static void hanoi(int n, int from, int to, int via)
{
	if (n == 0)
		return;
	hanoi(n - 1, from, via, to);
	moves++;
	trace = trace * 7 + (uint32_t)(from * 3 + to);
	hanoi(n - 1, via, to, from);
}

static const char *p;

static int expr(void);

static int atom(void)
{
	int v = 0, neg = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p == '(') {
		p++;
		v = expr();
		p++;                     /* ')' */
	} else {
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
	}
	return neg ? -v : v;
}

static int term(void)
{
	int v = atom();

	while (*p == '*' || *p == '/' || *p == '%') {
		char op = *p++;
		int r = atom();
		v = op == '*' ? v * r : op == '/' ? v / r : v % r;
	}
	return v;
}

static int expr(void)
{
	int v = term();

	while (*p == '+' || *p == '-') {
		char op = *p++;
		int r = term();
		v = op == '+' ? v + r : v - r;
	}
	return v;
}

static int eval(const char *s)
{
	p = s;
	return expr();
}

int main(void)
{
	printf("fib(24) = %u\n", fib(24));
	printf("ack(2,3) = %u ack(3,4) = %u\n", ack(2, 3), ack(3, 4));
	hanoi(12, 1, 3, 2);
	printf("hanoi(12): %u moves, trace %08x\n", moves, trace);
	printf("%d %d %d\n", eval("1+2*3"), eval("(1+2)*3-(4-10)/3"),
	       eval("-(7*(8+9)%5)*((((2))))-100/7"));
	return 0;
}
