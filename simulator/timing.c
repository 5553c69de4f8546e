/*
 * timing.c: the memory system of the DECstation profiles: I- and
 * D-cache, write buffer, memory and I/O latencies, cache isolation and
 * swap (r3000.md 2.7, 3.5-3.7).  docs/TIMING.md explains the model and
 * gives every profile parameter with its source.
 *
 * Costs are added to cpu.cycle where the access happens, before the
 * instruction's own cycle: a miss stalls the pipeline, it does not
 * change what the instruction does.  Stores reach memory at once (the
 * simulator never delays data); only their timing goes through the
 * write buffer.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* ---- Profiles --------------------------------------------------------- */

struct profile {
	const char *name, *what;
	uint32_t clock_hz;
	struct sim_timing t;
};

/* docs/TIMING.md gives the source or the reason for each number. */
static const struct profile profiles[] = {
	{ "ideal", "no memory model: 1 cycle per instruction + mul/div",
	  25000000, { .enabled = false, .name = "ideal" } },
	{ "dec5000", "DECstation 5000/125 (R3000A, 25 MHz, 3MIN)",
	  25000000, { .enabled = true, .name = "dec5000",
	  .icache_bytes = 64 << 10, .dcache_bytes = 128 << 10, .refill_words = 1,
	  .read_miss_cycles = 10, .uncached_read_cycles = 10, .uncached_write_cycles = 6,
	  .wbuf_depth = 4, .wbuf_retire_cycles = 6, .miss_waits_wbuf = 1,
	  .partial_store_penalty = 0, .exc_entry_penalty = 0 } },
	{ "dec3100", "DECstation 3100 (R2000, 16.67 MHz, PMAX)",
	  16666667, { .enabled = true, .name = "dec3100",
	  .icache_bytes = 64 << 10, .dcache_bytes = 64 << 10, .refill_words = 1,
	  .read_miss_cycles = 7, .uncached_read_cycles = 7, .uncached_write_cycles = 4,
	  .wbuf_depth = 4, .wbuf_retire_cycles = 4, .miss_waits_wbuf = 1,
	  .partial_store_penalty = 0, .exc_entry_penalty = 0 } },
	{ "dec2100", "DECstation 2100 (R2000, 12.5 MHz, PMAX)",
	  12500000, { .enabled = true, .name = "dec2100",
	  .icache_bytes = 64 << 10, .dcache_bytes = 64 << 10, .refill_words = 1,
	  .read_miss_cycles = 5, .uncached_read_cycles = 5, .uncached_write_cycles = 3,
	  .wbuf_depth = 4, .wbuf_retire_cycles = 3, .miss_waits_wbuf = 1,
	  .partial_store_penalty = 0, .exc_entry_penalty = 0 } },
};
#define NPROFILES (sizeof profiles / sizeof profiles[0])

struct param {
	const char *name;
	size_t off;              /* in struct sim_timing */
	uint32_t min, max;
	const char *what;
};

#define P(f) offsetof(struct sim_timing, f)
static const struct param params[] = {
	{ "icache_bytes", P(icache_bytes), 1024, 1u << 20, "I-cache size (power of 2)" },
	{ "dcache_bytes", P(dcache_bytes), 1024, 1u << 20, "D-cache size (power of 2)" },
	{ "refill_words", P(refill_words), 1, 64, "words filled per miss (power of 2)" },
	{ "read_miss_cycles", P(read_miss_cycles), 0, 1000, "cached read miss (first word)" },
	{ "uncached_read_cycles", P(uncached_read_cycles), 0, 1000, "device register read" },
	{ "uncached_write_cycles", P(uncached_write_cycles), 1, 1000, "device write in the buffer" },
	{ "wbuf_depth", P(wbuf_depth), 1, WBUF_MAX, "write-buffer entries" },
	{ "wbuf_retire_cycles", P(wbuf_retire_cycles), 1, 1000, "memory write per entry" },
	{ "miss_waits_wbuf", P(miss_waits_wbuf), 0, 1, "1: a read miss drains the buffer" },
	{ "partial_store_penalty", P(partial_store_penalty), 0, 100, "SB/SH hit extra cycles" },
	{ "exc_entry_penalty", P(exc_entry_penalty), 0, 100, "extra cycles per exception" },
};
#undef P
#define NPARAMS (sizeof params / sizeof params[0])

int sim_machine_profile(struct sim_config *cfg, const char *name, char *err, size_t errlen)
{
	for (size_t i = 0; i < NPROFILES; i++)
		if (strcmp(profiles[i].name, name) == 0) {
			cfg->timing = profiles[i].t;
			cfg->clock_hz = profiles[i].clock_hz;
			return 0;
		}
	sim_seterr(err, errlen, "unknown machine '%s' (ideal, dec5000, dec3100, dec2100; "
	       "'--machine help' lists them)", name);
	return -1;
}

static bool pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

int sim_machine_param(struct sim_config *cfg, const char *assign, char *err, size_t errlen)
{
	const char *eq = strchr(assign, '=');
	size_t n = eq ? (size_t)(eq - assign) : 0;
	unsigned long long v;
	char *end;

	if (!eq || n == 0 || !eq[1]) {
		sim_seterr(err, errlen, "machine parameter '%s': expected name=value", assign);
		return -1;
	}
	errno = 0;
	v = strtoull(eq + 1, &end, 0);
	if (errno || *end || eq[1] == '-') {
		sim_seterr(err, errlen, "machine parameter '%s': '%s' is not a number", assign, eq + 1);
		return -1;
	}
	if (n == 8 && strncmp(assign, "clock_hz", n) == 0) {
		if (v < 1000000 || v > 1000000000) {
			sim_seterr(err, errlen, "clock_hz %llu: must be 1 MHz .. 1 GHz", v);
			return -1;
		}
		cfg->clock_hz = (uint32_t)v;
		return 0;
	}
	for (size_t i = 0; i < NPARAMS; i++) {
		const struct param *p = &params[i];
		if (strlen(p->name) != n || strncmp(p->name, assign, n) != 0)
			continue;
		if (!cfg->timing.enabled) {
			sim_seterr(err, errlen, "machine parameter %s: machine '%s' has no memory "
			       "model (choose a dec* machine first)", p->name, cfg->timing.name);
			return -1;
		}
		bool need_pow2 = strstr(p->name, "_bytes") || strstr(p->name, "refill");
		if (v < p->min || v > p->max || (need_pow2 && !pow2((uint32_t)v))) {
			sim_seterr(err, errlen, "machine parameter %s=%llu: must be %u..%u%s", p->name,
			       v, p->min, p->max, need_pow2 ? ", a power of 2" : "");
			return -1;
		}
		*(uint32_t *)((char *)&cfg->timing + p->off) = (uint32_t)v;
		return 0;
	}
	sim_seterr(err, errlen, "unknown machine parameter '%.*s' ('--machine help' lists them)",
	       (int)n, assign);
	return -1;
}

void sim_machine_list(void *out)
{
	FILE *f = out;

	fprintf(f, "machines (--machine NAME; default dec5000 for sim):\n");
	for (size_t i = 0; i < NPROFILES; i++)
		fprintf(f, "  %-8s %s\n", profiles[i].name, profiles[i].what);
	fprintf(f, "\nparameters (--machine-param NAME=VALUE, applied over the profile):\n");
	fprintf(f, "  %-22s %10s %10s %10s\n", "", "dec5000", "dec3100", "dec2100");
	fprintf(f, "  %-22s %10u %10u %10u  CPU clock\n", "clock_hz",
	        profiles[1].clock_hz, profiles[2].clock_hz, profiles[3].clock_hz);
	for (size_t i = 0; i < NPARAMS; i++) {
		const struct param *p = &params[i];
		fprintf(f, "  %-22s", p->name);
		for (size_t j = 1; j < NPROFILES; j++)
			fprintf(f, " %10u", *(const uint32_t *)((const char *)&profiles[j].t + p->off));
		fprintf(f, "  %s\n", p->what);
	}
	fprintf(f, "\ndocs/TIMING.md gives the source of every value.\n");
}

/* ---- Life cycle -------------------------------------------------------- */

static int cache_alloc(struct cache *c, uint32_t bytes)
{
	uint32_t lines = bytes / 4;

	/* At least a page's worth of tags: cpu.c's fetch check reads them. */
	c->tag = calloc(lines < 1024 ? 1024 : lines, sizeof *c->tag);
	c->data = calloc(lines, sizeof *c->data);
	c->mask = lines - 1;
	return c->tag && c->data ? 0 : -1;
}

int timing_init(struct machine *m, char *err, size_t errlen)
{
	const struct sim_timing *t = &m->cfg.timing;

	m->timing = t->enabled;
	if (!t->enabled)
		return 0;
	if (!pow2(t->icache_bytes) || !pow2(t->dcache_bytes) || t->icache_bytes < 1024 ||
	    t->dcache_bytes < 1024 || !pow2(t->refill_words) || t->refill_words > 64 ||
	    t->wbuf_depth < 1 || t->wbuf_depth > WBUF_MAX || t->wbuf_retire_cycles < 1 ||
	    t->uncached_write_cycles < 1) {
		sim_seterr(err, errlen, "machine '%s': bad timing parameters (cache sizes and "
		       "refill_words powers of 2, write buffer 1..%d entries)", t->name, WBUF_MAX);
		return -1;
	}
	if (cache_alloc(&m->cache[0], t->icache_bytes) ||
	    cache_alloc(&m->cache[1], t->dcache_bytes)) {
		timing_free(m);
		sim_seterr(err, errlen, "out of host memory for the caches");
		return -1;
	}
	timing_reset(m);
	return 0;
}

void timing_free(struct machine *m)
{
	for (int i = 0; i < 2; i++) {
		free(m->cache[i].tag);
		free(m->cache[i].data);
		m->cache[i].tag = m->cache[i].data = NULL;
	}
	free(m->stale_sites);
	m->stale_sites = NULL;
	m->nstale_sites = 0;
}

void timing_reset(struct machine *m)
{
	if (!m->timing)
		return;
	for (int i = 0; i < 2; i++)
		memset(m->cache[i].tag, 0, (m->cache[i].mask + 1) * sizeof(uint32_t));
	m->wbuf.head = m->wbuf.n = 0;
	timing_mode_changed(m);
}

void timing_mode_changed(struct machine *m)
{
	bool swap;

	if (!m->timing)
		return;
	swap = (m->cpu.cp0[CP0_STATUS] & ST_SWC) != 0;
	m->ic = &m->cache[swap];
	if (m->dc != &m->cache[!swap]) {
		m->dc = &m->cache[!swap];
		mem_htlb_flush(m);
	}
}

const uint8_t *timing_page_tags(const struct machine *m, const struct cache *c,
                                uint32_t pbase)
{
	static const uint32_t no_tags[1024];

	if (!m->timing || c->mask + 1 < 1024)
		return (const uint8_t *)no_tags;
	return (const uint8_t *)(c->tag + ((pbase >> 2) & c->mask));
}

/* ---- Write buffer ------------------------------------------------------ */

static void stall(struct machine *m, uint64_t until, uint64_t *counter)
{
	if (until > m->cpu.cycle) {
		*counter += until - m->cpu.cycle;
		m->cpu.cycle = until;
	}
}

static void wbuf_retire(struct machine *m)
{
	struct wbuf *w = &m->wbuf;

	while (w->n && w->done[w->head] <= m->cpu.cycle) {
		w->head = (w->head + 1) & (WBUF_MAX - 1);
		w->n--;
	}
}

/* Queue a write that occupies memory for `cost` cycles; a full buffer
 * stalls the CPU until its oldest entry is written. */
static void wbuf_push(struct machine *m, uint32_t cost)
{
	struct wbuf *w = &m->wbuf;
	uint64_t start;

	wbuf_retire(m);
	if (w->n == m->cfg.timing.wbuf_depth) {
		stall(m, w->done[w->head], &m->stats.wbuf_stall_cycles);
		wbuf_retire(m);
	}
	start = w->n ? w->done[(w->head + w->n - 1) & (WBUF_MAX - 1)] : m->cpu.cycle;
	w->done[(w->head + w->n) & (WBUF_MAX - 1)] = start + cost;
	w->n++;
}

static void wbuf_drain(struct machine *m)
{
	struct wbuf *w = &m->wbuf;

	if (w->n)
		stall(m, w->done[(w->head + w->n - 1) & (WBUF_MAX - 1)],
		      &m->stats.wbuf_stall_cycles);
	w->n = 0;
}

bool timing_wbuf_empty(struct machine *m)
{
	wbuf_retire(m);
	return m->wbuf.n == 0;
}

/* ---- Reads ------------------------------------------------------------- */

/* A read that goes to memory: a cache refill (which waits for queued
 * writes if miss_waits_wbuf) or an uncached read (which always does). */
static void memory_read(struct machine *m, uint32_t cycles, uint64_t *counter)
{
	if (m->cfg.timing.miss_waits_wbuf || counter == &m->stats.uncached_stall_cycles)
		wbuf_drain(m);
	stall(m, m->cpu.cycle + cycles, counter);
}

/* Fill the refill block around the word tag (pa | TAG_VALID) and
 * charge the miss: the first word after read_miss_cycles, one more
 * cycle for each further word of the block. */
static void cache_refill(struct machine *m, struct cache *c, uint32_t tag)
{
	uint32_t words = m->cfg.timing.refill_words;
	uint32_t first = tag & ~(words * 4 - 1);

	memory_read(m, m->cfg.timing.read_miss_cycles + words - 1, &m->stats.miss_stall_cycles);
	for (uint32_t i = 0; i < words; i++)
		c->tag[cache_index(c, first + 4 * i)] = (first + 4 * i) | TAG_VALID;
}

static uint32_t ram_word(const struct machine *m, uint32_t pa)
{
	return *(const uint32_t *)(m->ram + (pa & ~3u));
}

/* The `size` bytes at byte offset `off` of a little-endian word. */
static uint32_t word_part(uint32_t w, uint32_t off, int size)
{
	w >>= 8 * (off & 3);
	return size == 4 ? w : w & ((1u << (8 * size)) - 1);
}

struct dinsn *timing_ifetch(struct machine *m, uint32_t pc, uint32_t tag)
{
	struct cache *c = m->ic;
	uint32_t i = cache_index(c, tag), pa = tag & ~(TAG_UNCACHED | 3u);

	if (tag & TAG_UNCACHED) {
		m->stats.uncached_accesses++;
		memory_read(m, m->cfg.timing.read_miss_cycles, &m->stats.uncached_stall_cycles);
		return NULL;
	}
	if (c->tag[i] == (tag | TAG_DIVERGED)) {
		m->stats.icache_stale++;
		if (m->cfg.check_icache) {
			unsigned k;
			for (k = 0; k < m->nstale_sites; k++)
				if (m->stale_sites[k].pc == pc && m->stale_sites[k].pa == pa)
					break;
			if (k == m->nstale_sites) {
				struct icache_report *r = realloc(m->stale_sites,
				                                  (k + 1) * sizeof *r);
				if (r) {
					m->stale_sites = r;
					r[k] = (struct icache_report){ pc, pa };
					m->nstale_sites++;
				}
				fprintf(stderr, "sim: check-icache: pc 0x%08x runs a stale I-cache "
				        "word (pa 0x%08x): 0x%08x was stored over 0x%08x after the "
				        "line was filled, with no invalidation\n",
				        pc, pa, ram_word(m, pa), c->data[i]);
			}
		}
		m->stale_insn = decode(c->data[i]);
		return &m->stale_insn;
	}
	m->stats.icache_misses++;
	cache_refill(m, c, tag);
	return NULL;
}

int timing_load(struct machine *m, uint32_t tag, uint32_t va, int size, uint32_t *val)
{
	struct cache *c = m->dc;
	uint32_t i = cache_index(c, tag), pa = tag & ~(TAG_UNCACHED | 3u);

	if (tag & TAG_UNCACHED) {
		m->stats.uncached_accesses++;
		memory_read(m, m->cfg.timing.read_miss_cycles, &m->stats.uncached_stall_cycles);
	} else if (c->tag[i] == (tag | TAG_DIVERGED)) {
		*val = word_part(c->data[i], va, size);
		return 0;
	} else {
		m->stats.dcache_misses++;
		cache_refill(m, c, tag);
	}
	*val = word_part(ram_word(m, pa), va, size);
	return 0;
}

void timing_ram_load(struct machine *m, uint32_t pa, bool uncached, int size, uint32_t *val)
{
	uint32_t tag = (pa & ~3u) | TAG_VALID | (uncached ? TAG_UNCACHED : 0);

	if (m->dc->tag[cache_index(m->dc, tag)] == tag)
		*val = word_part(ram_word(m, pa), pa, size);
	else
		timing_load(m, tag, pa, size, val);
}

void timing_io_read(struct machine *m)
{
	m->stats.uncached_accesses++;
	wbuf_drain(m);
	stall(m, m->cpu.cycle + m->cfg.timing.uncached_read_cycles,
	      &m->stats.uncached_stall_cycles);
}

/* ---- Writes ------------------------------------------------------------ */

void timing_store(struct machine *m, uint32_t tag, int size)
{
	struct cache *c = m->dc;
	uint32_t i = cache_index(c, tag);

	if (tag & TAG_UNCACHED) {
		m->stats.uncached_accesses++;
	} else if (size == 4) {
		c->tag[i] = tag;           /* a word store fills the line */
	} else if (c->tag[i] == tag) {
		m->cpu.cycle += m->cfg.timing.partial_store_penalty;
	} else {
		c->tag[i] = 0;             /* a partial miss does not allocate */
	}
	wbuf_push(m, m->cfg.timing.wbuf_retire_cycles);
}

void timing_io_write(struct machine *m)
{
	m->stats.uncached_accesses++;
	wbuf_push(m, m->cfg.timing.uncached_write_cycles);
}

void timing_code_store(struct machine *m, uint32_t pa)
{
	struct cache *c = m->ic;
	uint32_t tag = (pa & ~3u) | TAG_VALID, i = cache_index(c, tag);

	if (c->tag[i] == tag) {
		c->data[i] = ram_word(m, pa);
		c->tag[i] = tag | TAG_DIVERGED;
	}
}

/* ---- Isolated caches (Status.IsC; with SwC the I-cache) ---------------- */

void timing_isolated_load(struct machine *m, uint32_t pa, int size, uint32_t *val)
{
	struct cache *c = m->dc;
	uint32_t tag = (pa & ~3u) | TAG_VALID, i = cache_index(c, tag), t = c->tag[i];
	uint32_t w, line = t & ~TAG_DIVERGED;

	/* The line's data: its own copy when diverged, else memory's. */
	if ((t & TAG_DIVERGED) || !(t & TAG_VALID) || line - TAG_VALID >= m->ram_size)
		w = c->data[i];
	else
		w = ram_word(m, line);
	if (line == tag)
		m->cpu.cp0[CP0_STATUS] &= ~ST_CM;
	else
		m->cpu.cp0[CP0_STATUS] |= ST_CM;
	*val = word_part(w, pa, size);
}

void timing_isolated_store(struct machine *m, uint32_t pa, int size, uint32_t val)
{
	struct cache *c = m->dc;
	uint32_t tag = (pa & ~3u) | TAG_VALID, i = cache_index(c, tag);

	if (size != 4) {               /* SB/SH (and SWL/SWR) invalidate */
		c->tag[i] = 0;
		return;
	}
	c->data[i] = val;
	if ((pa & ~3u) < m->ram_size && ram_word(m, pa) == val)
		c->tag[i] = tag;
	else
		c->tag[i] = tag | TAG_DIVERGED;
}

void timing_exception(struct machine *m)
{
	uint32_t p = m->cfg.timing.exc_entry_penalty;

	m->cpu.cycle += p;
	m->stats.exc_penalty_cycles += p;
}

/* ---- Snapshots ----------------------------------------------------------- */

/* A snapshot's copy of the memory system: without it, re-running from a
 * snapshot would meet the caches of a later time and count other cycles. */
struct timing_snap {
	uint32_t lines[2];
	struct wbuf wbuf;
	uint32_t words[];        /* tag, data of cache[0], then of cache[1] */
};

struct timing_snap *timing_save(struct machine *m)
{
	struct timing_snap *s;
	uint32_t n0, n1;

	if (!m->timing)
		return NULL;
	n0 = m->cache[0].mask + 1;
	n1 = m->cache[1].mask + 1;
	s = malloc(sizeof *s + 2 * ((size_t)n0 + n1) * sizeof(uint32_t));
	if (!s)
		return NULL;
	s->lines[0] = n0;
	s->lines[1] = n1;
	s->wbuf = m->wbuf;
	memcpy(s->words, m->cache[0].tag, n0 * sizeof(uint32_t));
	memcpy(s->words + n0, m->cache[0].data, n0 * sizeof(uint32_t));
	memcpy(s->words + 2 * n0, m->cache[1].tag, n1 * sizeof(uint32_t));
	memcpy(s->words + 2 * n0 + n1, m->cache[1].data, n1 * sizeof(uint32_t));
	return s;
}

/* A snapshot of another cache geometry (or none) leaves the caches cold. */
void timing_restore(struct machine *m, const struct timing_snap *s)
{
	uint32_t n0, n1;

	if (!m->timing)
		return;
	n0 = m->cache[0].mask + 1;
	n1 = m->cache[1].mask + 1;
	if (!s || s->lines[0] != n0 || s->lines[1] != n1) {
		timing_reset(m);
		return;
	}
	m->wbuf = s->wbuf;
	memcpy(m->cache[0].tag, s->words, n0 * sizeof(uint32_t));
	memcpy(m->cache[0].data, s->words + n0, n0 * sizeof(uint32_t));
	memcpy(m->cache[1].tag, s->words + 2 * n0, n1 * sizeof(uint32_t));
	memcpy(m->cache[1].data, s->words + 2 * n0 + n1, n1 * sizeof(uint32_t));
	timing_mode_changed(m);
}

size_t timing_snap_bytes(const struct timing_snap *s)
{
	return s ? sizeof *s + 2 * ((size_t)s->lines[0] + s->lines[1]) * sizeof(uint32_t) : 0;
}
