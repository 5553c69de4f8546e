/*
 * test_hist.c: hist.c's ranks against a sorted copy of the samples
 * (values below and above the dense range, repeated and distinct), and
 * its memory after ten million samples of a few latencies.
 */
#include <stdlib.h>

#include "hist.h"
#include "unit.h"

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

START_TEST(test_hist_exact)
{
	enum { N = 20000 };
	static uint64_t v[N];
	struct hist *h = hist_new();
	uint64_t x = 12345;

	ck_assert_ptr_nonnull(h);
	for (int i = 0; i < N; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		switch ((x >> 60) & 3) {
		case 0: v[i] = (x >> 20) % 64; break;                   /* dense, repeated */
		case 1: v[i] = HIST_DENSE - 2 + (x >> 20) % 4; break;    /* across the edge */
		case 2: v[i] = (x >> 20) % 1000000000ull; break;        /* sparse, distinct */
		default: v[i] = 5000 + (x >> 20) % 7; break;            /* sparse, repeated */
		}
		ck_assert_int_eq(hist_add(h, v[i]), 0);
	}
	qsort(v, N, sizeof v[0], cmp);
	ck_assert_uint_eq(hist_count(h), N);
	for (uint64_t k = 1; k <= N; k += 97)
		ck_assert_uint_eq(hist_rank(h, k), v[k - 1]);
	ck_assert_uint_eq(hist_rank(h, N), v[N - 1]);
	for (unsigned p = 0; p <= 100; p++) {
		uint64_t k = ((uint64_t)N * p + 99) / 100;
		ck_assert_uint_eq(hist_percentile(h, p), v[k ? k - 1 : 0]);
	}
	hist_free(h);
}
END_TEST

START_TEST(test_hist_bounded)
{
	struct hist *h = hist_new();
	int failed = 0;

	for (uint64_t i = 0; i < 10000000; i++)
		failed |= hist_add(h, i % 3 ? 31 + i % 40 : 100000 + i % 25);
	ck_assert_int_eq(failed, 0);
	ck_assert_uint_eq(hist_count(h), 10000000);
	ck_assert_uint_eq(hist_percentile(h, 100), 100024);
	ck_assert_uint_eq(hist_percentile(h, 0), 31);
	ck_assert_uint_lt(hist_bytes(h), 64 * 1024);
	hist_free(h);
}
END_TEST

Suite *hist_suite(void)
{
	Suite *s = suite_create("hist");

	UM_TEST(s, test_hist_exact);
	UM_TEST_TIMED(s, test_hist_bounded, 20);
	return s;
}
