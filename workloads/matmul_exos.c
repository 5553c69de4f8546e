/*
 * matmul_exos.c: the paper's Table 9 on ExOS: one 150x150 integer
 * matrix multiplication (the naive triple loop, the same matrices as
 * workloads/matmul.c, which runs it bare metal), as an ordinary ExOS
 * process: timer ticks, the kernel's slice handling and exos's
 * TLB refills all count, as the paper's wall-clock seconds did.  Prints
 * `@paper T9 matmul CYCLES` (the whole multiplication: the paper gives
 * seconds; seconds = cycles / the profile's clock) and a checksum.
 */
#include "exos.h"

#define N 150
#define MAT_VA 0x10000000               /* segment 1: exos's page table */
#define MAT_BYTES (N * N * 4)

/*
 * The three matrices (264 KB) are more pages than an image may pin
 * (EXO_NPIN), so they live in pages the process allocates and maps
 * through exos's page table; TLB misses go to the STLB or to exos.
 */
static int (*a)[N], (*b)[N], (*c)[N];

static int map_matrices(void)
{
	uint32_t va, cap;
	int p;

	for (va = MAT_VA; va < MAT_VA + 3 * MAT_BYTES; va += 1 << PAGE_SHIFT)
		if ((p = sys_page_alloc(-1, &cap)) < 0 || exos_map(va, p, cap, 1) < 0)
			return -1;
	a = (int (*)[N])MAT_VA;
	b = (int (*)[N])(MAT_VA + MAT_BYTES);
	c = (int (*)[N])(MAT_VA + 2 * MAT_BYTES);
	return 0;
}

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

int main(uint32_t arg, uint32_t self)
{
	uint32_t hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ), t;

	if (map_matrices() < 0) {
		printf("matmul: no memory for the matrices\n");
		return 1;
	}
	init();
	t = EXOS_CYCLES();
	multiply();
	t = EXOS_CYCLES() - t;
	printf("matmul %dx%d on ExOS: %u cycles at %u Hz, checksum %08x\n", N, N,
	       (unsigned)t, (unsigned)hz, checksum());
	printf("@paper T9 matmul %u\n", (unsigned)t);
	return 0;
}
