/*
 * cpu.c: the interpreter, the simulator's hot path.
 *
 * One loop (cpu_loop.inc) is compiled four times: fast (no observers,
 * no memory model), timed (the memory model of timing.c), hooked
 * (per-instruction observers: debugger, profiler, hazard checker) and
 * single-step.  Per instruction the fast loop does: compare the cycle
 * with next_event, check that the PC is in the cached fetch page, read
 * operands, retire the pending load, run the predecoded handler, count
 * the cycle; the CPU state it touches lives in locals (cpu_loop.inc says
 * how it is written back).  Everything rare happens in events_service()
 * (machine.c) or in the slow memory paths (mem.c).  docs/BENCH.md has
 * what each of these choices costs or saves.
 *
 * Pipeline semantics (r3000.md 1.4): the load delay is not interlocked.
 * A load's value is held in cpu.ld_reg/ld_val and written to the
 * register file by the next instruction, after it has read its operands
 * (so it sees the old value) and before it writes its own result (so a
 * later write wins).  LWL/LWR read rt after that write, which merges
 * them with a load of the same register just before.  Exceptions retire
 * the pending load (cp0.c).
 */
#include "core.h"

#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define ALWAYS_INLINE inline __attribute__((always_inline))

#define MULT_CYCLES 12
#define DIV_CYCLES 35

static void do_div(struct cpu_state *c, uint32_t a, uint32_t b)
{
	int32_t sa = (int32_t)a, sb = (int32_t)b;

	/* Division by zero and overflow give what the R3000A gives
	 * (r3000.md 1.8); no exception. */
	if (b == 0) {
		c->hi = a;
		c->lo = sa >= 0 ? 0xffffffffu : 1;
	} else if (a == 0x80000000u && b == 0xffffffffu) {
		c->hi = 0;
		c->lo = 0x80000000u;
	} else {
		c->lo = (uint32_t)(sa / sb);
		c->hi = (uint32_t)(sa % sb);
	}
}

static void do_divu(struct cpu_state *c, uint32_t a, uint32_t b)
{
	if (b == 0) {
		c->hi = a;
		c->lo = 0xffffffffu;
	} else {
		c->lo = a / b;
		c->hi = a % b;
	}
}

static uint32_t lwl_merge(uint32_t rt, uint32_t w, uint32_t va)
{
	unsigned sh = (3 - (va & 3)) * 8;
	return (rt & ~(0xffffffffu << sh)) | (w << sh);
}

static uint32_t lwr_merge(uint32_t rt, uint32_t w, uint32_t va)
{
	unsigned sh = (va & 3) * 8;
	return (rt & ~(0xffffffffu >> sh)) | (w >> sh);
}

/* The fetch page's decoded words as a base for pc * 2: with 8-byte
 * entries, the entry of a PC in the page is one add away. */
_Static_assert(sizeof(struct dinsn) == 8, "fetch_base assumes 8-byte dinsn");

static ALWAYS_INLINE uintptr_t fetch_base(const struct machine *m)
{
	return (uintptr_t)m->fetch_dpage - (uintptr_t)m->fetch_vpage * 2;
}

/*
 * The I-cache compare of an instruction in the fetch page, as the loop's
 * dispatch does it: the tag of pc's line is the word at icbase + pc and
 * a hit has the value pc + idelta (= fetch_itag + page offset).  This
 * needs the page's 1024 lines to be consecutive in the cache; with a
 * smaller cache idelta makes a value no tag can have (TAG_DIVERGED
 * without TAG_VALID), so every fetch takes the loop's full compare.
 * timing.c allocates at least 1024 tags, so the read stays in bounds.
 */
static ALWAYS_INLINE void icache_page(const struct machine *m, uintptr_t *icbase,
                                      uint32_t *idelta)
{
	const struct cache *ic = m->ic;

	if (ic->mask + 1 >= 1024) {
		*icbase = (uintptr_t)(ic->tag + ((m->fetch_pbase >> 2) & ic->mask)) -
		          m->fetch_vpage;
		*idelta = m->fetch_itag - m->fetch_vpage;
	} else {
		*icbase = (uintptr_t)ic->tag - m->fetch_vpage;
		*idelta = TAG_DIVERGED - m->fetch_vpage;
	}
}

/* Host RAM access of a hit in the host TLB. */
static ALWAYS_INLINE uint32_t host_read(const uint8_t *p, int size)
{
	switch (size) {
	case 1: return *p;
	case 2: return *(const uint16_t *)p;
	default: return *(const uint32_t *)p;
	}
}

static ALWAYS_INLINE void host_write(uint8_t *p, int size, uint32_t val)
{
	switch (size) {
	case 1: *p = (uint8_t)val; break;
	case 2: *(uint16_t *)p = (uint16_t)val; break;
	default: *(uint32_t *)p = val; break;
	}
}

/* The D-cache compare (timing.h) of a load that hit the host TLB, with
 * the entry's pointer to its page's tags (timing_page_tags). */
static ALWAYS_INLINE bool dcache_hit(const struct htlb *h, uint32_t va)
{
	uint32_t off = va & 0xffc;
	return *(const uint32_t *)(h->ctab + off) == h->ctag + off;
}

/* A load that missed the inline checks: the full D-cache compare, then
 * a miss or uncached read (timing.c), when the host TLB hit, else mem.c's
 * slow path.  The loop has stored the CPU state.  Return 0, or -1 after
 * raising an exception. */
/*
 * timing_store (timing.c) without the call, for a store that hit the
 * host TLB: the D-cache update and the write-buffer push, with the
 * stall of a full buffer (counted in wbuf_stall_cycles, as wbuf_push
 * does).  Returns the cycles the store adds (a partial store's hit
 * penalty and the stall), or STORE_SLOW, having changed nothing, for an
 * uncached store: then the caller calls timing_store.
 */
#define STORE_SLOW UINT32_MAX
static ALWAYS_INLINE uint32_t store_fast(struct machine *m, uint32_t tag, int size,
                                         uint64_t cycle)
{
	struct cache *c = m->dc;
	struct wbuf *w = &m->wbuf;
	uint32_t i = cache_index(c, tag), add = 0;
	bool partial_hit = size != 4 && c->tag[i] == tag;
	uint64_t now;

	if (tag & TAG_UNCACHED)
		return STORE_SLOW;
	if (partial_hit)
		add = m->cfg.timing.partial_store_penalty;
	now = cycle + add;
	while (w->n && w->done[w->head] <= now) {
		w->head = (w->head + 1) & (WBUF_MAX - 1);
		w->n--;
	}
	if (w->n == m->cfg.timing.wbuf_depth) {
		/* Full: stall until the oldest write is done (wbuf_push). */
		uint64_t until = w->done[w->head];
		if (until > now) {
			m->stats.wbuf_stall_cycles += until - now;
			now = until;
		}
		while (w->n && w->done[w->head] <= now) {
			w->head = (w->head + 1) & (WBUF_MAX - 1);
			w->n--;
		}
	}
	if (size == 4)
		c->tag[i] = tag;           /* a word store fills the line */
	else if (!partial_hit)
		c->tag[i] = 0;             /* a partial miss does not allocate */
	w->done[(w->head + w->n) & (WBUF_MAX - 1)] =
		(w->n ? w->done[(w->head + w->n - 1) & (WBUF_MAX - 1)] : now) +
		m->cfg.timing.wbuf_retire_cycles;
	w->n++;
	return (uint32_t)(now - cycle);
}

/* A store that hit the host TLB on a page holding decoded code: the
 * I-cache keeps the old word (timed), the word is decoded again.  Out
 * of line, so that the loop's common store stays small. */
static __attribute__((noinline, cold)) void store_code(struct machine *m, uint32_t pa,
                                                       int size, uint32_t val)
{
	mem_code_store(m, pa);
	host_write(m->ram + pa, size, val);
	mem_code_written(m, pa);
}

static int load_slow(struct machine *m, const struct htlb *h, uint32_t va, int size,
                     uint32_t asid, uint32_t pc, bool bd, uint32_t *val)
{
	if (h->tag == ((va & ~0xfffu) | asid)) {
		timing_ram_load(m, h->pbase | (va & 0xfff), h->ctag & TAG_UNCACHED, size, val);
		return 0;
	}
	return mem_load_slow(m, va, size, pc, bd, val);
}

/* Raise an exception caused by the instruction at pc. */
static void raise(struct machine *m, int code, uint32_t pc, bool bd)
{
	cp0_exception(m, code, pc, bd, 0, false, 0);
}

static void raise_ade(struct machine *m, int code, uint32_t pc, bool bd, uint32_t va)
{
	cp0_exception(m, code, pc, bd, va, false, 0);
}

/* Can the current mode use COP0?  Kernel mode always can. */
static ALWAYS_INLINE bool cop0_usable(const struct machine *m)
{
	return !cp0_user_mode(m) || (m->cpu.cp0[CP0_STATUS] & ST_CU0);
}

#define RUN_NAME run_fast
#define RUN_HOOKED false
#define RUN_SINGLE false
#define RUN_TIMED false
#include "cpu_loop.inc"
#undef RUN_NAME
#undef RUN_TIMED
#define RUN_NAME run_timed
#define RUN_TIMED true
#include "cpu_loop.inc"
#undef RUN_NAME
#undef RUN_HOOKED
#undef RUN_TIMED
#define RUN_NAME run_hooked
#define RUN_HOOKED true
#define RUN_TIMED (m->timing)
#include "cpu_loop.inc"
#undef RUN_NAME
#undef RUN_SINGLE
#define RUN_NAME run_single
#define RUN_SINGLE true
#include "cpu_loop.inc"

enum sim_stop cpu_run(struct machine *m, bool single)
{
	if (single)
		return run_single(m);
	if (m->hooked)
		return run_hooked(m);
	if (m->timing)
		return run_timed(m);
	return run_fast(m);
}

/*
 * A taken branch to itself: an idle loop `b .; nop`, the usual way to
 * wait for an interrupt.  Once the loop is in its steady state (this
 * branch ran two cycles ago), skip whole iterations up to just before
 * the next event: the machine ends up exactly where running them would
 * have left it, cycle for cycle.  If no interrupt can ever end the
 * loop, the guest is wedged.  The hooked loop (skip false) runs every
 * iteration, for its observers, but still stops a wedged guest.
 */
void cpu_idle_loop(struct machine *m, uint32_t pc, bool skip)
{
	struct cpu_state *c = &m->cpu;
	uint64_t now = c->cycle, k;
	uint32_t slot;

	if (((pc + 4) & 0xfff) == 0 ||
	    m->fetch_dpage[((pc + 4) >> 2) & 1023].op != OP_NOP)
		return;
	slot = m->idle_pc;
	m->idle_pc = pc;
	if (slot != pc || m->idle_cycle + 2 != now) {
		m->idle_cycle = now;
		return;
	}
	m->idle_cycle = now;
	if (!cp0_can_interrupt(m)) {
		machine_wedged(m, "idle loop at 0x%08x with no interrupt that can end it", pc);
		return;
	}
	if (!skip || m->next_event <= now + 2)
		return;
	k = (m->next_event - now - 1) / 2;
	c->cycle += 2 * k;
	c->insns += 2 * k;
	m->stats.idle_skipped_cycles += 2 * k;
	m->idle_cycle = c->cycle;
}
