/*
 * timing.h: the memory-system timing model of the DECstation profiles
 * (timing.c; docs/TIMING.md has every parameter and its source).
 *
 * Two direct-mapped caches with one-word lines, physically indexed and
 * tagged, and a FIFO write buffer.  A cache line's tag is the physical
 * word address | TAG_VALID; TAG_DIVERGED says the line's data differs
 * from memory and lives in `data` (a store made with the cache isolated,
 * or an I-cache word that memory changed under it: the I-cache does not
 * snoop stores).  Callers compare a whole tag word with one built as
 * pa | TAG_VALID | (uncached ? TAG_UNCACHED : 0): uncached accesses and
 * diverged lines both fail the compare and reach timing.c, so the hot
 * path has one compare per access.
 */
#ifndef SIM_TIMING_H
#define SIM_TIMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"

#define TAG_VALID     0x1u
#define TAG_DIVERGED  0x2u
#define TAG_UNCACHED  0x80000000u  /* never in a tag array: always "misses" */
#define WBUF_MAX      16           /* power of two; the depth limit */

struct cache {
	uint32_t *tag;           /* per line; 0 = invalid */
	uint32_t *data;          /* per line; meaningful with TAG_DIVERGED */
	uint32_t mask;           /* lines - 1 */
};

/* Queued writes as the cycles at which they leave the buffer, oldest at
 * head; each starts retiring when the one before it is done. */
struct wbuf {
	uint64_t done[WBUF_MAX];
	unsigned head, n;
};

struct icache_report {
	uint32_t pc, pa;
};

struct machine;

static inline uint32_t cache_index(const struct cache *c, uint32_t tag)
{
	return (tag >> 2) & c->mask;
}

/* Life cycle: caches per m->cfg.timing (no-op when it is disabled). */
int timing_init(struct machine *m, char *err, size_t errlen);
void timing_free(struct machine *m);
/* Invalidate both caches and empty the write buffer. */
void timing_reset(struct machine *m);
/* Status.SwC may have changed: swap the caches' roles (a swap flushes
 * the host TLB, whose entries point into the D-cache's tags). */
void timing_mode_changed(struct machine *m);
/* Where the tags of physical page pbase lie in cache c: the tag word of
 * page offset o is at the result + o.  For a cache of fewer than 1024
 * lines (a page's lines not consecutive) or no model, a page of zero
 * tags that never matches, so the caller takes its slow path. */
const uint8_t *timing_page_tags(const struct machine *m, const struct cache *c,
                                uint32_t pbase);

/* Instruction fetch whose I-cache compare failed: charge the miss or
 * uncached fetch; for a diverged (stale) line return the word the cache
 * holds, decoded, else NULL (run the word in memory). */
struct dinsn *timing_ifetch(struct machine *m, uint32_t pc, uint32_t tag);
/* Cached or uncached RAM load whose D-cache compare failed (tag as
 * above, va for the byte offset): charge it, set *val. */
int timing_load(struct machine *m, uint32_t tag, uint32_t va, int size, uint32_t *val);
/* RAM load from the slow path: compare, then as timing_load. */
void timing_ram_load(struct machine *m, uint32_t pa, bool uncached, int size, uint32_t *val);
/* RAM store of `size` bytes (SWL/SWR count as partial): update the
 * D-cache, queue the write. */
void timing_store(struct machine *m, uint32_t tag, int size);
/* A device register access (always uncached). */
void timing_io_read(struct machine *m);
void timing_io_write(struct machine *m);
/* Status.IsC set: the access reaches only the D-role cache. */
void timing_isolated_load(struct machine *m, uint32_t pa, int size, uint32_t *val);
void timing_isolated_store(struct machine *m, uint32_t pa, int size, uint32_t val);
/* RAM at pa is about to be written: an I-cache line holding it keeps
 * the old word (the I-cache does not snoop). */
void timing_code_store(struct machine *m, uint32_t pa);
/* CpCond0: the write buffer is empty. */
bool timing_wbuf_empty(struct machine *m);
/* An exception is entered: its extra cycles. */
void timing_exception(struct machine *m);

/* Snapshots (machine.c): both caches and the write buffer.  Save
 * returns NULL when the model is off or memory ran out (the caller can
 * tell them apart by m->timing); restore of NULL or of another cache
 * geometry invalidates the caches. */
struct timing_snap;
struct timing_snap *timing_save(struct machine *m);
void timing_restore(struct machine *m, const struct timing_snap *s);
size_t timing_snap_bytes(const struct timing_snap *s);

#endif /* SIM_TIMING_H */
