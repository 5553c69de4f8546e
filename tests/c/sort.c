/*
 * sort.c: quicksort and insertion sort of pseudo-random arrays; checks
 * order and that the two sorts agree, prints checksums.
 */
#include "rt.h"

#define N 2000

static int32_t a[N], b[N];
static uint32_t seed = 12345;

static uint32_t rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 1;
}

static void quicksort(int32_t *v, int lo, int hi)
{
	while (lo < hi) {
		int32_t pivot = v[(lo + hi) / 2];
		int i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot) i++;
			while (v[j] > pivot) j--;
			if (i <= j) {
				int32_t t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		if (j - lo < hi - i) {
			quicksort(v, lo, j);
			lo = i;
		} else {
			quicksort(v, i, hi);
			hi = j;
		}
	}
}

static void insertion(int32_t *v, int n)
{
	for (int i = 1; i < n; i++) {
		int32_t x = v[i];
		int j = i - 1;
		while (j >= 0 && v[j] > x) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = x;
	}
}

int main(void)
{
	uint32_t sum = 0;
	int ok = 1;

	for (int i = 0; i < N; i++)
		a[i] = b[i] = (int32_t)(rnd() % 100000) - 50000;
	quicksort(a, 0, N - 1);
	insertion(b, N);
	for (int i = 0; i < N; i++) {
		if (i && a[i - 1] > a[i])
			ok = 0;
		if (a[i] != b[i])
			ok = 0;
		sum = sum * 31 + (uint32_t)a[i];
	}
	printf("sorted %d min %d median %d max %d checksum %08x\n", ok, a[0], a[N / 2],
	       a[N - 1], sum);
	return ok ? 0 : 1;
}
