/*
 * cpu.c: the interpreter, the simulator's hot path.
 *
 * One loop (run_loop) is compiled three times: fast (no observers),
 * hooked (per-instruction observers: debugger, profiler, hazard checker)
 * and single-step.  Per instruction the fast loop does: compare the
 * cycle with next_event, check that the PC is in the cached fetch page,
 * read operands, retire the pending load, run the predecoded handler,
 * count.  Everything rare happens in events_service() (machine.c) or in
 * the slow memory paths (mem.c).
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

/* Wait for the multiply/divide unit; count the stall. */
static ALWAYS_INLINE void muldiv_wait(struct machine *m)
{
	struct cpu_state *c = &m->cpu;

	if (UNLIKELY(c->cycle < c->muldiv_ready)) {
		m->stats.muldiv_stall_cycles += c->muldiv_ready - c->cycle;
		c->cycle = c->muldiv_ready;
	}
}

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

/* Data loads: the host TLB hit is inline, the rest in mem.c.
 * Return 0, or -1 after raising an exception. */
static ALWAYS_INLINE int load(struct machine *m, uint32_t va, int size,
                              uint32_t pc, bool bd, uint32_t *val)
{
	struct htlb *h = &m->dtab_r[(va >> PAGE_SHIFT) & (HTLB_SIZE - 1)];

	if (LIKELY(h->tag == ((va & ~0xfffu) | cp0_asid(m)))) {
		const uint8_t *p = h->host + (va & 0xfff);
		if (m->timing) {
			/* D-cache compare (timing.h); misses and uncached
			 * reads are charged in timing.c. */
			uint32_t t = h->ctag + (va & 0xffc);
			if (UNLIKELY(m->dc->tag[cache_index(m->dc, t)] != t))
				return timing_load(m, t, va, size, val);
		}
		switch (size) {
		case 1: *val = *p; break;
		case 2: *val = *(const uint16_t *)p; break;
		default: *val = *(const uint32_t *)p; break;
		}
		return 0;
	}
	return mem_load_slow(m, va, size, pc, bd, val);
}

static ALWAYS_INLINE int store(struct machine *m, uint32_t va, int size,
                               uint32_t pc, bool bd, uint32_t val)
{
	struct htlb *h = &m->dtab_w[(va >> PAGE_SHIFT) & (HTLB_SIZE - 1)];

	if (LIKELY(h->tag == ((va & ~0xfffu) | cp0_asid(m)))) {
		uint8_t *p = h->host + (va & 0xfff);
		if (m->timing)
			timing_store(m, h->ctag + (va & 0xffc), size);
		switch (size) {
		case 1: *p = (uint8_t)val; break;
		case 2: *(uint16_t *)p = (uint16_t)val; break;
		default: *(uint32_t *)p = val; break;
		}
		return 0;
	}
	return mem_store_slow(m, va, size, pc, bd, val);
}

static ALWAYS_INLINE void branch(struct machine *m, uint32_t pc, bool taken,
                                 uint32_t target, const bool hooked)
{
	struct cpu_state *c = &m->cpu;

	c->delay_slot = 1;
	if (taken) {
		c->npc = target;
		if (UNLIKELY(target == pc) && !hooked)
			cpu_idle_loop(m, pc);
	}
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
 * loop, the guest is wedged.
 */
void cpu_idle_loop(struct machine *m, uint32_t pc)
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
	if (m->next_event <= now + 2)
		return;
	k = (m->next_event - now - 1) / 2;
	c->cycle += 2 * k;
	c->insns += 2 * k;
	m->stats.idle_skipped_cycles += 2 * k;
	m->idle_cycle = c->cycle;
}
