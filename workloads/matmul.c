/*
 * matmul.c: the 150x150 integer matrix multiply of the exokernel paper's
 * Table 9, repeated REPS times, bare metal.  It prints a checksum so a
 * run under ./sim can be compared with one under gxemul, and it is the
 * CPU-bound program of `make bench` and `make calibrate`.
 */
#include "rt.h"

#define N 150
#ifndef REPS
#define REPS 3
#endif

static int a[N][N], b[N][N], c[N][N];

static void init(void)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			a[i][j] = (i * 7 + j * 3) % 101 - 50;
			b[i][j] = (i * 5 - j * 11) % 97;
		}
}

static void multiply(void)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int sum = 0;
			for (int k = 0; k < N; k++)
				sum += a[i][k] * b[k][j];
			c[i][j] = sum;
		}
}

static unsigned checksum(void)
{
	unsigned h = 0;

	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			h = h * 31 + (unsigned)c[i][j];
	return h;
}

int main(void)
{
	init();
	for (int r = 0; r < REPS; r++)
		multiply();
	printf("matmul %dx%d x%d: checksum %08x\n", N, N, REPS, checksum());
	return 0;
}
