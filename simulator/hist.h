/*
 * hist.h: an exact histogram of unsigned integer values (cycle counts),
 * for latency percentiles in bounded memory: its size follows the
 * number of distinct values, not the number of samples.  Values below
 * HIST_DENSE are counted in an array, larger ones in a hash table of
 * value -> count; ranks are exact.
 */
#ifndef EXOSIM_HIST_H
#define EXOSIM_HIST_H

#include <stddef.h>
#include <stdint.h>

#define HIST_DENSE 4096u

struct hist;

struct hist *hist_new(void);
void hist_free(struct hist *h);
/* Count one sample of v; -1 when out of memory (the sample is lost). */
int hist_add(struct hist *h, uint64_t v);
uint64_t hist_count(const struct hist *h);
/* The k-th smallest sample, k from 1 to hist_count (nearest rank). */
uint64_t hist_rank(struct hist *h, uint64_t k);
/* The nearest-rank p-th percentile, p from 0 (the minimum) to 100. */
uint64_t hist_percentile(struct hist *h, unsigned p);
/* Host memory the histogram holds, in bytes. */
size_t hist_bytes(const struct hist *h);

#endif
