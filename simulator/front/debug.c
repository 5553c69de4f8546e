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

enum { MODE_CONT, MODE_TO, MODE_OVER, MODE_FINISH, MODE_EXC, MODE_RET };

#define JR_RA 0x03e00008u

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
	if (d->pending)
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
		exc_push(d, ev);
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
	case EV_DEVICE:
		if (d->on_console && strcmp(ev->device, "console") == 0 &&
		    strcmp(ev->what, "putc") == 0)
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

static bool on_insn(void *ctx, struct machine *m, uint32_t pc, uint32_t word)
{
	struct dbg *d = ctx;

	if (mapped(pc))
		note_mapped(d, pc);
	if (!d->running)
		return false;
	if (d->mode == MODE_FINISH && !d->target) {
		if (dbg_is_call(word))
			d->depth++;
		else if (word == JR_RA && d->depth-- == 0)
			d->target = machine_cpu(m)->r[31];
	}
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

struct dbg *dbg_new(struct machine *m)
{
	struct dbg *d = calloc(1, sizeof *d);
	struct sim_observer o = { .on_event = on_event, .on_insn = on_insn, .on_mem = on_mem };

	if (!d)
		return NULL;
	d->m = m;
	d->catch_user = d->catch_kernel = true;
	d->tlb_written = d->tlb_probed = -1;
	o.ctx = d;
	if (machine_add_observer(m, &o)) {
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

static struct dbg_stop from_machine(struct dbg *d, enum sim_stop why)
{
	struct dbg_stop s = { 0 };

	switch (why) {
	case STOP_HALT: s.why = DBG_HALTED; break;
	case STOP_WEDGED: s.why = DBG_WEDGED; break;
	case STOP_USER: s.why = DBG_INTERRUPTED; break;
	case STOP_CYCLE_LIMIT: s.why = DBG_CYCLES; break;
	case STOP_BREAK: s.why = DBG_GUEST_BREAK; break;
	case STOP_STEP: s.why = DBG_STEPPED; break;
	default: s.why = DBG_ERROR; break;
	}
	return s;
}

static struct dbg_stop finish_stop(struct dbg *d, struct dbg_stop s)
{
	if (s.why == DBG_RETURNED)
		s.latency = machine_cpu(d->m)->cycle - s.exc.cycle;
	d->running = false;
	d->mode = MODE_CONT;
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

	d->mode = mode;
	d->pending = false;
	d->running = true;
	for (bool first = true;; first = false) {
		uint64_t end = c->cycle + DBG_SLICE;
		if (!first && check_here(d))
			return finish_stop(d, d->hit);
		if (!first && poll && poll(ctx))
			return finish_stop(d, (struct dbg_stop){ .why = DBG_INTERRUPTED });
		if (end > limit || end < c->cycle)
			end = limit;
		d->first = true;
		why = machine_run(d->m, end);
		if (why == STOP_BREAK && d->pending)
			return finish_stop(d, d->hit);
		if (why != STOP_CYCLE_LIMIT || c->cycle >= limit)
			return finish_stop(d, from_machine(d, why));
	}
}

struct dbg_stop dbg_step(struct dbg *d)
{
	enum sim_stop why;

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
	default: snprintf(buf, n, "internal error: %s", machine_stop_message(d->m)); break;
	}
	return buf;
}
