/*
 * front/debug.c: breakpoints, watchpoints, exception catches and the
 * run functions of the debuggers (debug.h).
 *
 * The machine ignores an observer's stop request for the first
 * instruction of each machine_run (so that continuing from a
 * breakpoint works).  A long run here is several machine_run slices,
 * so before each slice after the first, debug.c checks the stop
 * conditions itself at the PC; otherwise a breakpoint that falls on a
 * slice boundary would be skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "hw/testmips.h"

enum { MODE_CONT, MODE_TO, MODE_OVER, MODE_FINISH, MODE_EXC, MODE_RET, MODE_REPLAY,
       MODE_SCAN };

/* A checkpoint: the machine, and the debugger's view of it then. */
struct dbg_ckpt {
	struct snapshot *snap;
	uint64_t tick, excs;
	struct dbg_exc exc[DBG_EXCSTK];
	int nexc;
	int tlb_written, tlb_probed;
	uint32_t mapped_va, mapped_asid;
	bool have_mapped;
};

#define JR_MASK 0xfc1fffffu     /* jr rs: opcode, rt, rd, funct */
#define JR      0x00000008u

static bool mapped(uint32_t va)
{
	return va < KSEG0_BASE || va >= KSEG2_BASE;
}

static void note_mapped(struct dbg *d, uint32_t va)
{
	d->mapped_va = va;
	d->mapped_asid = machine_cpu(d->m)->cp0[CP0_ENTRYHI] & EHI_ASID_MASK;
	d->have_mapped = true;
	d->tlb_probed = -1;
}

/* Record why we stop (the first reason wins).  Events happen inside an
 * instruction, so for them a running machine is asked to stop before
 * its next one; on_insn stops the machine by its return value. */
static void stop_for(struct dbg *d, const struct dbg_stop *s, bool request)
{
	if (d->pending || d->replaying)
		return;
	d->hit = *s;
	d->pending = true;
	if (request && d->running)
		machine_request_stop(d->m, STOP_BREAK);
}

static bool caught(const struct dbg *d, const struct sim_event *ev)
{
	if (d->mode == MODE_EXC)
		return true;
	if (!(d->catch_mask & (1u << ev->code)))
		return false;
	return ev->from_user ? d->catch_user : d->catch_kernel;
}

static void exc_push(struct dbg *d, const struct sim_event *ev)
{
	struct dbg_exc e = { ev->code, ev->epc, ev->badvaddr, ev->vector, ev->pc,
	                     ev->cycle, ev->from_user, ev->bd };

	if (d->nexc == DBG_EXCSTK) {
		memmove(d->exc, d->exc + 1, (DBG_EXCSTK - 1) * sizeof d->exc[0]);
		d->nexc--;
	}
	d->exc[d->nexc++] = e;
}

static void on_event(void *ctx, struct machine *m, const struct sim_event *ev)
{
	struct dbg *d = ctx;
	struct dbg_stop s = { 0 };

	switch (ev->kind) {
	case EV_EXCEPTION:
		d->excs++;
		exc_push(d, ev);
		if (d->fast && mapped(ev->pc))   /* what on_insn would have noted */
			note_mapped(d, ev->pc);
		s.why = DBG_EXCEPTION;
		s.exc = d->exc[d->nexc - 1];
		if (!d->running || caught(d, ev))
			stop_for(d, &s, true);
		break;
	case EV_RFE:
		if (d->nexc == 0)
			break;
		s.why = DBG_RETURNED;
		s.exc = d->exc[d->nexc - 1];
		if (!d->running || (d->mode == MODE_RET && d->nexc == d->depth))
			stop_for(d, &s, true);
		d->nexc--;
		break;
	case EV_DEBUG_BREAK:
		s.why = DBG_GUEST_BREAK;
		stop_for(d, &s, true);
		break;
	case EV_TLB_WRITE:
		d->tlb_written = (int)ev->index;
		break;
	case EV_TLB_PROBE:
		d->tlb_probed = (int)ev->index;
		d->have_mapped = false;
		break;
	case EV_IRQ_RAISE:
		if (ev->code == CONS_IRQ)      /* console input was read */
			d->cut = true;
		break;
	case EV_DEVICE:
		if (strcmp(ev->device, "console") != 0)
			break;
		if (strcmp(ev->what, "getc") == 0)
			d->cut = true;
		if (d->on_console && !d->replaying && strcmp(ev->what, "putc") == 0)
			d->on_console(d->console_ctx, (int)(ev->arg & 0xff));
		break;
	default:
		break;
	}
	(void)m;
}

bool dbg_insn_access(const struct cpu_state *c, uint32_t word, uint32_t *va,
                     int *size, bool *store)
{
	static const signed char sizes[64] = {
		[0x20] = 1, [0x21] = 2, [0x22] = -4, [0x23] = 4, [0x24] = 1, [0x25] = 2,
		[0x26] = -4, [0x28] = 1, [0x29] = 2, [0x2a] = -4, [0x2b] = 4, [0x2e] = -4,
		[0x30] = 4, [0x31] = 4, [0x32] = 4, [0x33] = 4,
		[0x38] = 4, [0x39] = 4, [0x3a] = 4, [0x3b] = 4,
	};
	unsigned op = word >> 26;
	int sz = sizes[op];

	if (!sz)
		return false;
	*va = c->r[(word >> 21) & 31] + (uint32_t)(int32_t)(int16_t)word;
	if (sz < 0) {           /* lwl/lwr/swl/swr touch part of the aligned word */
		*va &= ~3u;
		sz = -sz;
	}
	*size = sz;
	*store = op >= 0x28 && op != 0x30 && op != 0x31 && op != 0x32 && op != 0x33;
	return true;
}

bool dbg_is_call(uint32_t word)
{
	unsigned op = word >> 26, rt = (word >> 16) & 31;

	return op == 3 || (op == 0 && (word & 0x3f) == 9) ||
	       (op == 1 && (rt == 0x10 || rt == 0x11));
}

/* Does the instruction at pc touch a watched range? */
static bool watch_hit(struct dbg *d, uint32_t word, struct dbg_stop *s)
{
	uint32_t va, pa = 0;
	int size;
	bool store, have_pa;

	if (!d->nwp || !dbg_insn_access(machine_cpu(d->m), word, &va, &size, &store))
		return false;
	have_pa = machine_virt_to_phys(d->m, va, &pa) == 0;
	for (int i = 0; i < d->nwp; i++) {
		const struct dbg_watch *w = &d->wp[i];
		uint32_t a = w->phys ? pa : va;
		if (!(w->kind & (store ? WP_WRITE : WP_READ)) || (w->phys && !have_pa))
			continue;
		if (a + (uint32_t)size > w->addr && a < w->addr + w->len) {
			s->why = DBG_WATCH;
			s->addr = a < w->addr ? w->addr : a;
			s->kind = store ? WP_WRITE : WP_READ;
			return true;
		}
	}
	return false;
}

/* Should a run stop before the instruction at pc?  No side effects
 * except recording the reason. */
static bool check(struct dbg *d, uint32_t pc, uint32_t word)
{
	const struct cpu_state *c = machine_cpu(d->m);
	struct dbg_stop s = { .why = DBG_BREAKPOINT };

	if (dbg_break_at(d, pc) || watch_hit(d, word, &s)) {
		stop_for(d, &s, false);
		return true;
	}
	s.why = DBG_STEPPED;
	if ((d->mode == MODE_TO && pc == d->target) ||
	    (d->mode == MODE_OVER && pc == d->target && c->r[29] >= d->target_sp) ||
	    (d->mode == MODE_FINISH && d->target && pc == d->target)) {
		stop_for(d, &s, false);
		return true;
	}
	return false;
}

/*
 * "Finish": calls in between nest; a return is a jr through any
 * register to just after a call's delay slot.  Looking at the target
 * rather than for `jr ra` sees a return through another register and
 * is not fooled by tail calls (`j f`, or `jr t9` to a function entry):
 * the callee returns to our caller with our return address.
 * Exceptions taken meanwhile are skipped (their handlers' eret target
 * may follow a call too).
 */
static void finish_track(struct dbg *d, uint32_t word)
{
	const struct cpu_state *c = machine_cpu(d->m);
	uint32_t to, call;

	if (d->nexc > d->finish_nexc)
		return;
	if (dbg_is_call(word)) {
		d->depth++;
		return;
	}
	if ((word & JR_MASK) != JR)
		return;
	to = c->r[(word >> 21) & 31];
	if (machine_read_virt(d->m, to - 8, &call, 4) || !dbg_is_call(call))
		return;
	if (d->depth-- == 0)
		d->target = to;
}

/* Re-execution: remember the last instruction before the target tick
 * (MODE_REPLAY), or the last breakpoint or watchpoint hit before it
 * (MODE_SCAN); stop at the target. */
static bool replay_insn(struct dbg *d, uint32_t pc, uint32_t word)
{
	uint64_t t = dbg_tick(d);
	struct dbg_stop s;

	if (t >= d->rtarget)
		return true;
	if (d->mode == MODE_SCAN && !dbg_break_at(d, pc) && !watch_hit(d, word, &s))
		return false;
	d->seen = true;
	d->seen_tick = t;
	d->seen_cycle = machine_cpu(d->m)->cycle;
	return false;
}

static bool on_insn(void *ctx, struct machine *m, uint32_t pc, uint32_t word)
{
	struct dbg *d = ctx;

	if (mapped(pc))
		note_mapped(d, pc);
	if (!d->running)
		return false;
	if (d->replaying)       /* the machine ignores a stop at the first */
		return d->mode != MODE_CONT && replay_insn(d, pc, word);
	if (d->mode == MODE_FINISH && !d->target)
		finish_track(d, word);
	if (d->first) {
		d->first = false;
		return false;
	}
	return check(d, pc, word);
}

static void on_mem(void *ctx, struct machine *m, uint32_t va, uint32_t pa, int size,
                   bool store, uint32_t value)
{
	if (mapped(va))
		note_mapped(ctx, va);
}

/* ---- Checkpoints ------------------------------------------------------ */

/* How many checkpoints fit the byte budget: RAM, and both caches'
 * tags and data when the timing model is on. */
static int ckpt_fit(struct machine *m)
{
	const struct sim_timing *t = &machine_config(m)->timing;
	uint32_t ram;
	size_t each;
	int n;

	machine_ram(m, &ram);
	each = (size_t)ram + 4096 + (t->enabled ? 2 * ((size_t)t->icache_bytes + t->dcache_bytes) : 0);
	n = (int)(DBG_CKPT_BYTES / each);
	return n < DBG_CKPT_MAX ? n : DBG_CKPT_MAX;
}

static void ckpt_free(struct dbg_ckpt *k)
{
	if (k)
		snapshot_free(k->snap);
	free(k);
}

uint64_t dbg_tick(const struct dbg *d)
{
	return machine_cpu(d->m)->insns + d->excs;
}

uint64_t dbg_history_ticks(const struct dbg *d)
{
	return d->nck ? dbg_tick(d) - d->ck[0]->tick : 0;
}

/* Drop checkpoints from index i on. */
static void ckpt_drop_from(struct dbg *d, int i)
{
	while (d->nck > i)
		ckpt_free(d->ck[--d->nck]);
}

/* Checkpoint the current state, keeping the ring sorted by tick. */
static void ckpt_take(struct dbg *d)
{
	struct dbg_ckpt *k;
	uint64_t t = dbg_tick(d);
	int i;

	if (d->ck_max == 0 || !(k = calloc(1, sizeof *k)))
		return;
	if (!(k->snap = machine_save(d->m))) {
		free(k);
		return;              /* out of memory: a shorter history */
	}
	k->tick = t;
	k->excs = d->excs;
	memcpy(k->exc, d->exc, sizeof k->exc);
	k->nexc = d->nexc;
	k->tlb_written = d->tlb_written;
	k->tlb_probed = d->tlb_probed;
	k->mapped_va = d->mapped_va;
	k->mapped_asid = d->mapped_asid;
	k->have_mapped = d->have_mapped;
	if (d->nck == d->ck_max) {
		ckpt_free(d->ck[0]);
		memmove(d->ck, d->ck + 1, (size_t)--d->nck * sizeof d->ck[0]);
	}
	for (i = d->nck; i > 0 && d->ck[i - 1]->tick > t; i--)
		d->ck[i] = d->ck[i - 1];
	d->ck[i] = k;
	d->nck++;
}

/* The newest checkpoint at or before tick t, or -1. */
static int ckpt_before(const struct dbg *d, uint64_t t)
{
	int i = -1;

	while (i + 1 < d->nck && d->ck[i + 1]->tick <= t)
		i++;
	return i;
}

/* Before and after every run: a checkpoint every DBG_CKPT_EVERY ticks;
 * after input was read, the history starts again from here. */
static void ckpt_maybe(struct dbg *d)
{
	uint64_t t = dbg_tick(d);
	int i;

	if (d->cut) {
		d->cut = false;
		ckpt_drop_from(d, 0);
	}
	i = ckpt_before(d, t);
	if (i < 0 || (d->ck[i]->tick != t && t - d->ck[i]->tick >= DBG_CKPT_EVERY))
		ckpt_take(d);
}

void dbg_history_changed(struct dbg *d)
{
	uint64_t t = dbg_tick(d);
	int i = 0;

	while (i < d->nck && d->ck[i]->tick < t)
		i++;
	ckpt_drop_from(d, i);
	ckpt_take(d);
}

static void ckpt_restore(struct dbg *d, const struct dbg_ckpt *k)
{
	machine_restore(d->m, k->snap);
	d->excs = k->excs;
	memcpy(d->exc, k->exc, sizeof d->exc);
	d->nexc = k->nexc;
	d->tlb_written = k->tlb_written;
	d->tlb_probed = k->tlb_probed;
	d->mapped_va = k->mapped_va;
	d->mapped_asid = k->mapped_asid;
	d->have_mapped = k->have_mapped;
}

/* One re-execution pass from checkpoint k: MODE_REPLAY or MODE_SCAN,
 * stopping before tick `until`. */
static void replay_pass(struct dbg *d, const struct dbg_ckpt *k, int mode, uint64_t until)
{
	ckpt_restore(d, k);
	d->mode = mode;
	d->rtarget = until;
	d->seen = false;
	if (k->tick < until)
		machine_run(d->m, UINT64_MAX);
}

/*
 * Re-execute from the newest checkpoint to the state at tick t, exactly
 * as a run without stops would have left it.  A stop requested by an
 * observer comes after the instruction's fetch was charged to the
 * cycle count (I-cache miss), which a plain run would not have done at
 * that point; so the first pass only finds the cycle count seen before
 * the last instruction ahead of t, and the second pass runs to that
 * cycle + 1 (which ends at the boundary right after that instruction,
 * before anything is fetched) and steps the rest.
 */
static int replay_to(struct dbg *d, uint64_t t)
{
	int i = ckpt_before(d, t);
	const struct dbg_ckpt *k;

	if (i < 0)
		return -1;
	k = d->ck[i];
	d->replaying = d->running = true;
	replay_pass(d, k, MODE_REPLAY, t);
	ckpt_restore(d, k);
	d->mode = MODE_CONT;
	if (d->seen)
		machine_run(d->m, d->seen_cycle + 1);
	while (dbg_tick(d) < t && machine_step(d->m) == STOP_STEP)
		;
	d->replaying = d->running = false;
	return 0;
}

struct dbg_stop dbg_reverse_step(struct dbg *d)
{
	uint64_t t = dbg_tick(d);
	struct dbg_stop s = { .why = DBG_STEPPED };

	if (t == 0 || replay_to(d, t - 1))
		s.why = DBG_NO_HISTORY;
	return s;
}

/*
 * Scan each checkpoint's stretch, newest first, for the last tick
 * before this one where a breakpoint or watchpoint would stop, and
 * re-execute to it.  With none, the machine is left at the oldest
 * checkpoint (the scans have moved it anyway).
 */
struct dbg_stop dbg_reverse_continue(struct dbg *d)
{
	uint64_t end = dbg_tick(d);
	struct dbg_stop s = { .why = DBG_BREAKPOINT };
	uint32_t pc, word;

	d->replaying = d->running = true;
	for (int i = ckpt_before(d, end ? end - 1 : 0); i >= 0 && end; i--) {
		replay_pass(d, d->ck[i], MODE_SCAN, end);
		if (d->seen) {
			replay_to(d, d->seen_tick);
			pc = machine_cpu(d->m)->pc;
			if (!dbg_break_at(d, pc) && machine_read_virt(d->m, pc, &word, 4) == 0)
				watch_hit(d, word, &s);
			return s;
		}
		end = d->ck[i]->tick;
	}
	d->replaying = d->running = false;
	d->mode = MODE_CONT;
	if (d->nck)
		replay_to(d, d->ck[0]->tick);
	return (struct dbg_stop){ .why = DBG_NO_HISTORY };
}

/*
 * Register the observer with or without its per-instruction and memory
 * hooks.  A continue with no breakpoint or watchpoint needs neither
 * (catches and guest breaks come as events), and without them the
 * machine runs its fast loop and host TLB: the run costs what a run
 * without the debugger costs.  Returns -1 if the machine has no room.
 */
static int observe(struct dbg *d, bool hooks)
{
	struct sim_observer o = { .on_event = on_event, .ctx = d };

	if (hooks) {
		o.on_insn = on_insn;
		o.on_mem = on_mem;
	}
	machine_remove_observer(d->m, d);
	d->hooked = hooks;
	return machine_add_observer(d->m, &o);
}

struct dbg *dbg_new(struct machine *m)
{
	struct dbg *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	d->m = m;
	d->ck_max = ckpt_fit(m);
	d->catch_user = d->catch_kernel = true;
	d->tlb_written = d->tlb_probed = -1;
	if (observe(d, true)) {
		free(d);
		return NULL;
	}
	return d;
}

void dbg_free(struct dbg *d)
{
	if (!d)
		return;
	machine_remove_observer(d->m, d);
	while (d->nck)
		ckpt_free(d->ck[--d->nck]);
	free(d);
}

/* ---- Breakpoints and watchpoints ----------------------------------- */

bool dbg_break_at(const struct dbg *d, uint32_t addr)
{
	for (int i = 0; i < d->nbp; i++)
		if (d->bp[i] == addr)
			return true;
	return false;
}

int dbg_break_add(struct dbg *d, uint32_t addr)
{
	if (dbg_break_at(d, addr))
		return 0;
	if (d->nbp == DBG_MAXBP)
		return -1;
	d->bp[d->nbp++] = addr;
	return 0;
}

int dbg_break_del(struct dbg *d, uint32_t addr)
{
	for (int i = 0; i < d->nbp; i++)
		if (d->bp[i] == addr) {
			d->bp[i] = d->bp[--d->nbp];
			return 0;
		}
	return -1;
}

int dbg_watch_add(struct dbg *d, uint32_t addr, uint32_t len, int kind, bool phys)
{
	if (d->nwp == DBG_MAXWP || len == 0 || !(kind & (WP_READ | WP_WRITE)))
		return -1;
	d->wp[d->nwp++] = (struct dbg_watch){ addr, len, kind, phys };
	return 0;
}

int dbg_watch_del(struct dbg *d, uint32_t addr, uint32_t len, int kind, bool phys)
{
	for (int i = 0; i < d->nwp; i++) {
		struct dbg_watch *w = &d->wp[i];
		if (w->addr == addr && w->len == len && w->kind == kind && w->phys == phys) {
			*w = d->wp[--d->nwp];
			return 0;
		}
	}
	return -1;
}

int dbg_parse_addr(const struct dbg *d, const char *s, uint32_t *addr)
{
	char name[128], *end;
	const char *plus = strchr(s, '+');
	size_t len = plus ? (size_t)(plus - s) : strlen(s);
	unsigned long off = 0, v;

	if (len == 0)
		return -1;
	if (plus) {
		off = strtoul(plus + 1, &end, 0);
		if (end == plus + 1 || *end)
			return -1;
	}
	if (len < sizeof name) {
		memcpy(name, s, len);
		name[len] = 0;
		if (machine_sym_find(d->m, name, addr) == 0) {
			*addr += (uint32_t)off;
			return 0;
		}
	}
	if (plus)
		return -1;
	v = strtoul(s, &end, 16);
	if (end == s || *end || v > 0xffffffffu)
		return -1;
	*addr = (uint32_t)v;
	return 0;
}

int dbg_tlb_matched(struct dbg *d)
{
	const struct cpu_state *c = machine_cpu(d->m);

	if (!d->have_mapped)
		return d->tlb_probed;
	for (int i = 0; i < TLB_NENTRIES; i++) {
		const struct tlb_entry *e = &c->tlb[i];
		if ((e->hi & EHI_VPN_MASK) == (d->mapped_va & EHI_VPN_MASK) &&
		    ((e->lo & ELO_G) || (e->hi & EHI_ASID_MASK) == d->mapped_asid))
			return i;
	}
	return -1;
}

/* ---- Running ------------------------------------------------------- */

/* Has the machine reached its hard bound (sim_config.max_cycles)? */
static bool at_bound(struct dbg *d)
{
	uint64_t max = machine_config(d->m)->max_cycles;

	return max && machine_cpu(d->m)->cycle >= max;
}

static struct dbg_stop from_machine(struct dbg *d, enum sim_stop why)
{
	struct dbg_stop s = { 0 };

	switch (why) {
	case STOP_HALT: s.why = DBG_HALTED; break;
	case STOP_WEDGED: s.why = DBG_WEDGED; break;
	case STOP_USER: s.why = DBG_INTERRUPTED; break;
	case STOP_CYCLE_LIMIT: s.why = at_bound(d) ? DBG_LIMIT : DBG_CYCLES; break;
	case STOP_BREAK: s.why = DBG_GUEST_BREAK; break;
	case STOP_STEP: s.why = DBG_STEPPED; break;
	default: s.why = DBG_ERROR; break;
	}
	return s;
}

static void ckpt_maybe(struct dbg *d);

static struct dbg_stop finish_stop(struct dbg *d, struct dbg_stop s)
{
	uint32_t pc = machine_cpu(d->m)->pc;

	if (s.why == DBG_RETURNED)
		s.latency = machine_cpu(d->m)->cycle - s.exc.cycle;
	if (d->fast) {
		/* on_insn would have noted the pc it stops at. */
		if (mapped(pc))
			note_mapped(d, pc);
		d->fast = false;
		observe(d, true);
	}
	d->running = false;
	d->mode = MODE_CONT;
	ckpt_maybe(d);
	return s;
}

/* Check the stop conditions at the PC without running. */
static bool check_here(struct dbg *d)
{
	uint32_t pc = machine_cpu(d->m)->pc, word;

	if (machine_read_virt(d->m, pc, &word, 4))
		return false;
	return check(d, pc, word);
}

static struct dbg_stop run(struct dbg *d, int mode, uint64_t limit, dbg_poll_fn poll, void *ctx)
{
	struct cpu_state *c = machine_cpu(d->m);
	enum sim_stop why;

	ckpt_maybe(d);
	d->mode = mode;
	d->pending = false;
	d->running = true;
	/* A continue or a run to the next exception stops only on events
	 * (catches, exceptions, guest breaks) when no breakpoint or
	 * watchpoint is set: no per-instruction hook is needed. */
	if ((mode == MODE_CONT || mode == MODE_EXC) && !d->nbp && !d->nwp && !d->replaying) {
		d->fast = true;
		observe(d, false);
	}
	for (bool first = true;; first = false) {
		uint64_t end = c->cycle + DBG_SLICE;
		if (!first && check_here(d))
			return finish_stop(d, d->hit);
		if (!first && poll && poll(ctx))
			return finish_stop(d, (struct dbg_stop){ .why = DBG_INTERRUPTED });
		if (!first)
			ckpt_maybe(d);
		if (end > limit || end < c->cycle)
			end = limit;
		d->first = true;
		why = machine_run(d->m, end);
		if (why == STOP_BREAK && d->pending)
			return finish_stop(d, d->hit);
		if (why != STOP_CYCLE_LIMIT || c->cycle >= limit || at_bound(d))
			return finish_stop(d, from_machine(d, why));
	}
}

struct dbg_stop dbg_step(struct dbg *d)
{
	enum sim_stop why;

	ckpt_maybe(d);
	d->running = false;
	d->pending = false;
	why = machine_step(d->m);
	if (why == STOP_STEP && d->pending)
		return finish_stop(d, d->hit);
	return finish_stop(d, from_machine(d, why));
}

struct dbg_stop dbg_continue(struct dbg *d, uint64_t limit, dbg_poll_fn poll, void *ctx)
{
	return run(d, MODE_CONT, limit, poll, ctx);
}

struct dbg_stop dbg_step_over(struct dbg *d, dbg_poll_fn poll, void *ctx)
{
	struct cpu_state *c = machine_cpu(d->m);
	uint32_t word;

	if (machine_read_virt(d->m, c->pc, &word, 4) || !dbg_is_call(word))
		return dbg_step(d);
	d->target = c->pc + 8;
	d->target_sp = c->r[29];
	return run(d, MODE_OVER, UINT64_MAX, poll, ctx);
}

struct dbg_stop dbg_run_to(struct dbg *d, uint32_t addr, dbg_poll_fn poll, void *ctx)
{
	d->target = addr;
	return run(d, MODE_TO, UINT64_MAX, poll, ctx);
}

struct dbg_stop dbg_finish(struct dbg *d, dbg_poll_fn poll, void *ctx)
{
	d->target = 0;
	d->depth = 0;
	d->finish_nexc = d->nexc;
	return run(d, MODE_FINISH, UINT64_MAX, poll, ctx);
}

struct dbg_stop dbg_to_exception(struct dbg *d, dbg_poll_fn poll, void *ctx)
{
	return run(d, MODE_EXC, UINT64_MAX, poll, ctx);
}

struct dbg_stop dbg_to_return(struct dbg *d, dbg_poll_fn poll, void *ctx)
{
	d->depth = d->nexc;
	return run(d, MODE_RET, UINT64_MAX, poll, ctx);
}

/* ---- Messages ------------------------------------------------------ */

const char *dbg_describe(struct dbg *d, const struct dbg_stop *s, char *buf, size_t n)
{
	const struct cpu_state *c = machine_cpu(d->m);
	char a[96], b[96];

	machine_sym_format(d->m, c->pc, a, sizeof a);
	switch (s->why) {
	case DBG_STEPPED: snprintf(buf, n, "stopped at %s", a); break;
	case DBG_BREAKPOINT: snprintf(buf, n, "breakpoint at %s", a); break;
	case DBG_WATCH:
		snprintf(buf, n, "watchpoint: %s of 0x%08x by %s",
		         s->kind == WP_WRITE ? "write" : "read", s->addr, a);
		break;
	case DBG_EXCEPTION:
		machine_sym_format(d->m, s->exc.epc, b, sizeof b);
		snprintf(buf, n, "exception %s from %s mode at EPC %s%s -> vector 0x%08x",
		         exc_name(s->exc.code), s->exc.from_user ? "user" : "kernel", b,
		         s->exc.bd ? " (BD)" : "", s->exc.vector);
		break;
	case DBG_RETURNED:
		snprintf(buf, n, "returned from %s to %s: latency %llu cycles",
		         exc_name(s->exc.code), a, (unsigned long long)s->latency);
		break;
	case DBG_GUEST_BREAK: snprintf(buf, n, "guest break (simctl) at %s", a); break;
	case DBG_CYCLES: snprintf(buf, n, "cycle budget reached at %s", a); break;
	case DBG_INTERRUPTED: snprintf(buf, n, "interrupted at %s", a); break;
	case DBG_HALTED:
		snprintf(buf, n, "guest halted with status %d", machine_halt_status(d->m));
		break;
	case DBG_WEDGED: snprintf(buf, n, "wedged: %s", machine_stop_message(d->m)); break;
	case DBG_LIMIT:
		snprintf(buf, n, "cycle limit of %llu reached at %s",
		         (unsigned long long)machine_config(d->m)->max_cycles, a);
		break;
	case DBG_NO_HISTORY:
		snprintf(buf, n, "no earlier history (oldest checkpoint: %llu ticks back); at %s",
		         (unsigned long long)dbg_history_ticks(d), a);
		break;
	default: snprintf(buf, n, "internal error: %s", machine_stop_message(d->m)); break;
	}
	return buf;
}
