/*
 * matmul.c: integer matrix multiply (naive and transposed loop orders),
 * checked against each other, with a checksum of the product.
 */
#include "rt.h"

#define N 40

static int32_t a[N][N], b[N][N], c[N][N], bt[N][N];

int main(void)
{
	uint32_t sum = 0;
	int same = 1;

	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			a[i][j] = (i * 7 + j * 3) % 19 - 9;
			b[i][j] = (i * 5 + j * 11) % 23 - 11;
			bt[j][i] = b[i][j];
		}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int32_t s = 0;
			for (int k = 0; k < N; k++)
				s += a[i][k] * b[k][j];
			c[i][j] = s;
		}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int32_t s = 0;
			for (int k = 0; k < N; k++)
				s += a[i][k] * bt[j][k];
			if (s != c[i][j])
				same = 0;
			sum = sum * 31 + (uint32_t)s;
		}
	printf("matmul %dx%d: c[0][0]=%d c[%d][%d]=%d agree=%d checksum %08x\n", N, N,
	       c[0][0], N - 1, N - 1, c[N - 1][N - 1], same, sum);
	return same ? 0 : 1;
}
