/*
 * hist.c: exact histograms of integer values (hist.h).
 *
 * Latencies cluster: ten million system calls take a few dozen distinct
 * cycle counts.  So the dense array covers the common small values with
 * no hashing, the table holds the rest, and a rank query walks the
 * array and then the table's keys sorted (sorted once per query batch,
 * again only after a new key arrives).
 */
#include <stdlib.h>
#include <string.h>

#include "hist.h"

struct slot {
	uint64_t key, count;      /* count 0: empty */
};

struct hist {
	uint64_t dense[HIST_DENSE];
	uint64_t n;
	struct slot *tab;
	size_t cap, used;         /* cap a power of two, used <= cap / 2 */
	uint64_t *sorted;         /* the table's keys in order, or NULL */
};

struct hist *hist_new(void)
{
	return calloc(1, sizeof(struct hist));
}

void hist_free(struct hist *h)
{
	if (!h)
		return;
	free(h->tab);
	free(h->sorted);
	free(h);
}

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdull;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

static int grow(struct hist *h)
{
	size_t cap = h->cap ? 2 * h->cap : 64;
	struct slot *t = calloc(cap, sizeof *t);

	if (!t)
		return -1;
	for (size_t i = 0; i < h->cap; i++)
		if (h->tab[i].count) {
			size_t j = slot_of(h->tab[i].key, cap);
			while (t[j].count)
				j = (j + 1) & (cap - 1);
			t[j] = h->tab[i];
		}
	free(h->tab);
	h->tab = t;
	h->cap = cap;
	return 0;
}

int hist_add(struct hist *h, uint64_t v)
{
	size_t j;

	if (v < HIST_DENSE) {
		h->dense[v]++;
		h->n++;
		return 0;
	}
	if ((h->used + 1) * 2 > h->cap && grow(h))
		return -1;
	for (j = slot_of(v, h->cap); h->tab[j].count; j = (j + 1) & (h->cap - 1))
		if (h->tab[j].key == v) {
			h->tab[j].count++;
			h->n++;
			return 0;
		}
	h->tab[j] = (struct slot){ v, 1 };
	h->used++;
	h->n++;
	free(h->sorted);          /* a new key: the order is rebuilt on demand */
	h->sorted = NULL;
	return 0;
}

uint64_t hist_count(const struct hist *h)
{
	return h->n;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The count of a table key (it is there). */
static uint64_t count_of(const struct hist *h, uint64_t key)
{
	size_t j = slot_of(key, h->cap);

	while (h->tab[j].key != key || !h->tab[j].count)
		j = (j + 1) & (h->cap - 1);
	return h->tab[j].count;
}

uint64_t hist_rank(struct hist *h, uint64_t k)
{
	uint64_t seen = 0;

	if (k < 1)
		k = 1;
	for (uint64_t v = 0; v < HIST_DENSE; v++)
		if ((seen += h->dense[v]) >= k)
			return v;
	if (!h->used)
		return 0;
	if (!h->sorted) {
		size_t n = 0;
		h->sorted = malloc(h->used * sizeof *h->sorted);
		if (!h->sorted)
			return 0;
		for (size_t i = 0; i < h->cap; i++)
			if (h->tab[i].count)
				h->sorted[n++] = h->tab[i].key;
		qsort(h->sorted, n, sizeof *h->sorted, cmp_u64);
	}
	for (size_t i = 0; i < h->used; i++)
		if ((seen += count_of(h, h->sorted[i])) >= k)
			return h->sorted[i];
	return h->sorted[h->used - 1];
}

uint64_t hist_percentile(struct hist *h, unsigned p)
{
	uint64_t k = (h->n * p + 99) / 100;
	return hist_rank(h, k ? k : 1);
}

size_t hist_bytes(const struct hist *h)
{
	return sizeof *h + h->cap * sizeof *h->tab + (h->sorted ? h->used * sizeof *h->sorted : 0);
}
