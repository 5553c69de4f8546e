/*
 * machine.c: the machine's life cycle, the run loop's slow side
 * (events_service), virtual-time timers, observers and snapshots.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

void sim_config_default(struct sim_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->mem_size = 32u << 20;
	cfg->clock_hz = 25000000;
	cfg->wedge_limit = 10000;
	cfg->console_echo = true;
	cfg->console_out_fd = 1;
	cfg->console_in_fd = 0;
	cfg->boot_seed = SIM_SEED_DEFAULT;
	cfg->net_speed = ETH_DEFAULT_SPEED;
	memcpy(cfg->net_mac, (const uint8_t[6]){ ETH_DEFAULT_MAC }, 6);
	sim_machine_profile(cfg, "ideal", NULL, 0);
}

void sim_seterr(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (!err || !n)
		return;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
}

struct machine *machine_new(const struct sim_config *cfg, char *err, size_t errlen)
{
	struct machine *m;

	/* RAM is physical 0 up; the devices start at 0x10000000 (testmips). */
	if (cfg->mem_size < (1u << 20) || cfg->mem_size > (256u << 20) ||
	    (cfg->mem_size & 0xfff)) {
		sim_seterr(err, errlen, "memory size %u bytes: must be a multiple of 4 KiB "
		       "between 1 MiB and 256 MiB (the devices start at physical "
		       "0x10000000)", cfg->mem_size);
		return NULL;
	}
	if (cfg->clock_hz == 0) {
		sim_seterr(err, errlen, "clock of 0 Hz");
		return NULL;
	}
	m = calloc(1, sizeof *m);
	if (!m)
		goto oom;
	m->cfg = *cfg;
	m->hooked = cfg->interlock_loads;   /* only the hooked loop honours it */
	m->ram_size = cfg->mem_size;
	m->npages = cfg->mem_size >> PAGE_SHIFT;
	m->ram = calloc(1, m->ram_size);
	m->dpage = calloc(m->npages, sizeof *m->dpage);
	if (!m->ram || !m->dpage)
		goto oom;
	if (timing_init(m, err, errlen)) {
		free(m->ram);
		free(m->dpage);
		free(m);
		return NULL;
	}
	devices_init(m);
	if (disk_attach(m, err, errlen) || ether_attach(m, err, errlen)) {
		machine_free(m);
		return NULL;
	}
	machine_reset(m);
	return m;
oom:
	if (m) {
		free(m->ram);
		free(m->dpage);
		free(m);
	}
	sim_seterr(err, errlen, "out of host memory for %u bytes of guest RAM", cfg->mem_size);
	return NULL;
}

/* A page of RAM as a snapshot holds it, shared by the snapshots (and
 * the machine's snap_base) that saw it unchanged. */
struct page_copy {
	uint32_t refs;
	uint8_t data[PAGE_SIZE];
};

static void page_unref(struct page_copy *p)
{
	if (p && --p->refs == 0)
		free(p);
}

static void free_decoded(struct machine *m)
{
	mem_fetch_flush(m);         /* it points into them */
	for (uint32_t i = 0; i < m->npages; i++) {
		free(m->dpage[i]);
		m->dpage[i] = NULL;
	}
}

void machine_free(struct machine *m)
{
	if (!m)
		return;
	machine_finish(m);
	devices_free(m);
	timing_free(m);
	free_decoded(m);
	for (int i = 0; i < m->nimg; i++) {
		free(m->img[i].path);
		symtab_free(&m->img[i].syms);
		srcline_free(&m->img[i]);
	}
	if (m->snap_base)
		for (uint32_t i = 0; i < m->npages; i++)
			page_unref(m->snap_base[i]);
	free(m->snap_base);
	free(m->dirty);
	free(m->dpage);
	free(m->ram);
	free(m);
}

void machine_reset(struct machine *m)
{
	struct cpu_state *c = &m->cpu;

	memset(c->r, 0, sizeof c->r);
	c->hi = c->lo = 0;
	c->muldiv_ready = 0;
	c->pc = VEC_RESET;
	c->npc = VEC_RESET + 4;
	c->delay_slot = 0;
	c->ld_reg = REG_SINK;
	c->ld_val = 0;
	m->hz_cycle = 0;
	cp0_reset(m);
	timing_reset(m);
	mem_fetch_flush(m);
	mem_tlb_reindex(m);
	mem_htlb_flush(m);
	mem_mode_changed(m);
	m->next_event = 0;
	m->stop = STOP_NONE;
	m->stop_request = 0;
}

struct cpu_state *machine_cpu(struct machine *m) { return &m->cpu; }
const struct sim_config *machine_config(const struct machine *m) { return &m->cfg; }
const struct sim_stats *machine_stats(const struct machine *m) { return &m->stats; }
int machine_halt_status(const struct machine *m) { return m->halt_status; }
const char *machine_stop_message(const struct machine *m) { return m->stop_msg; }

uint8_t *machine_ram(struct machine *m, uint32_t *size)
{
	if (size)
		*size = m->ram_size;
	if (m->dirty)                 /* the caller may write any of it */
		memset(m->dirty, 1, m->npages);
	return m->ram;
}

/* ---- Running ------------------------------------------------------ */

/* Tools may have changed the state directly: drop what is cached. */
static void state_may_have_changed(struct machine *m)
{
	mem_tlb_sync(m);
	mem_fetch_flush(m);
	mem_mode_changed(m);
	m->next_event = 0;
}

enum sim_stop machine_run(struct machine *m, uint64_t max_cycle)
{
	enum sim_stop why;

	if (m->stop == STOP_HALT || m->stop == STOP_WEDGED || m->stop == STOP_ERROR)
		return m->stop;
	m->stop = STOP_NONE;
	if (m->cfg.max_cycles && max_cycle > m->cfg.max_cycles)
		max_cycle = m->cfg.max_cycles;
	m->run_limit = max_cycle;
	state_may_have_changed(m);
	/* An observer switched its on_insn on or off: events_service ended
	 * the loop (STOP_NONE) so that the other one runs on from there. */
	do {
		m->loop_hooked = m->hooked;
		why = cpu_run(m, false);
	} while (why == STOP_NONE && m->stop == STOP_NONE);
	return why;
}

enum sim_stop machine_step(struct machine *m)
{
	enum sim_stop why;

	if (m->stop == STOP_HALT || m->stop == STOP_WEDGED || m->stop == STOP_ERROR)
		return m->stop;
	if (m->cfg.max_cycles && m->cpu.cycle >= m->cfg.max_cycles)
		return STOP_CYCLE_LIMIT;
	m->stop = STOP_NONE;
	m->run_limit = UINT64_MAX;
	state_may_have_changed(m);
	m->loop_hooked = -1;        /* the step loop serves either */
	why = cpu_run(m, true);
	if (why == STOP_STEP && m->stop != STOP_NONE)
		why = m->stop;
	return why;
}

void machine_request_stop(struct machine *m, enum sim_stop why)
{
	m->stop_request = (int)why;
	m->next_event = 0;
}

void machine_halt(struct machine *m, int status)
{
	struct sim_event ev = { .kind = EV_HALT, .cycle = m->cpu.cycle,
	                        .pc = m->cpu.pc, .arg = (uint32_t)status };

	m->halt_status = status;
	m->stop = STOP_HALT;
	m->next_event = 0;
	machine_emit(m, &ev);
}

/* How far back a load-delay hazard still explains a wedge: cycles
 * before the storm's first exception (or the wedge itself). */
#define HAZARD_RECENT 100000

/* If the loop saw a load-delay hazard shortly before the wedge, append
 * it to the message: on the R3000 the reading instruction got the old
 * value, a classic way for an exception return to go wrong. */
static void hazard_note(struct machine *m)
{
	uint64_t since = m->wedge_count + 1 >= m->cfg.wedge_limit ? m->wedge_since : m->cpu.cycle;
	uint32_t lw, use;
	int reg;
	char ls[128], us[128], ld[96], ud[96];
	size_t n = strlen(m->stop_msg);

	if (!m->hz_cycle || m->hz_cycle + HAZARD_RECENT < since ||
	    machine_read_virt(m, m->hz_load_pc, &lw, 4) ||
	    machine_read_virt(m, m->hz_use_pc, &use, 4))
		return;
	reg = insn_load_dest(lw);
	if (reg <= 0 || !insn_reads_reg(use, reg) ||
	    (insn_is_lwlr(use) && ((use >> 16) & 31) == (uint32_t)reg &&
	     ((use >> 21) & 31) != (uint32_t)reg))
		return;
	snprintf(m->stop_msg + n, sizeof m->stop_msg - n,
	         "\nsim: %llu cycles before, at 0x%08x <%s>, `%s` used the result of "
	         "`%s` at <%s> in its load delay slot, where the R3000 gives the "
	         "register's old value; see --check-hazards, or run with --interlock-loads",
	         (unsigned long long)(m->cpu.cycle - m->hz_cycle), m->hz_use_pc,
	         machine_sym_format(m, m->hz_use_pc, us, sizeof us),
	         machine_disasm(m, use, m->hz_use_pc, ud, sizeof ud),
	         machine_disasm(m, lw, m->hz_load_pc, ld, sizeof ld),
	         machine_sym_format(m, m->hz_load_pc, ls, sizeof ls));
}

void machine_wedged(struct machine *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->stop_msg, sizeof m->stop_msg, fmt, ap);
	va_end(ap);
	hazard_note(m);
	m->stop = STOP_WEDGED;
	m->next_event = 0;
}

void events_reschedule(struct machine *m)
{
	uint64_t next = m->run_limit;

	for (int i = 0; i < m->ntimers; i++)
		if (m->timers[i].due < next)
			next = m->timers[i].due;
	m->next_event = next;
}

/*
 * Called by the loop when cycle >= next_event, before an instruction.
 * Returns true when the run must stop (m->stop says why).
 */
bool events_service(struct machine *m)
{
	struct cpu_state *c = &m->cpu;

	if (m->stop != STOP_NONE)
		return true;
	if (m->stop_request) {
		m->stop = (enum sim_stop)m->stop_request;
		m->stop_request = 0;
		return true;
	}
	for (int i = 0; i < m->ntimers; i++) {
		struct timer *t = &m->timers[i];
		if (t->due <= c->cycle) {
			t->due = UINT64_MAX;
			t->fire(m, t->ctx);
		}
	}
	if (m->stop != STOP_NONE)
		return true;
	if (c->cycle >= m->run_limit) {
		m->stop = STOP_CYCLE_LIMIT;
		return true;
	}
	events_reschedule(m);
	if (!cp0_check_interrupt(m) && m->user_enter_pending) {
		struct sim_event ev = { .kind = EV_USER_ENTER, .cycle = c->cycle, .pc = c->pc };
		m->user_enter_pending = false;
		machine_emit(m, &ev);
	}
	if (m->stop != STOP_NONE) {       /* an observer or a wedge */
		m->next_event = 0;
		return true;
	}
	/* Last, so that this cycle's events are done once: machine_run
	 * starts the loop that the observers now need. */
	if (m->loop_hooked >= 0 && m->hooked != m->loop_hooked)
		return true;
	return false;
}

int timer_add(struct machine *m, void (*fire)(struct machine *, void *), void *ctx)
{
	if (m->ntimers == MAX_TIMERS)
		return -1;
	m->timers[m->ntimers] = (struct timer){ UINT64_MAX, fire, ctx };
	return m->ntimers++;
}

void timer_set(struct machine *m, int t, uint64_t due)
{
	m->timers[t].due = due;
	if (due < m->next_event)
		m->next_event = due;
}

/* ---- Observers ---------------------------------------------------- */

/* Which on_insn hooks are on: none (the fast loop), one (called
 * directly) or several (machine_observe_insn). */
static void insn_hooks_changed(struct machine *m)
{
	int n = 0;

	m->insn_hook = NULL;
	m->insn_ctx = NULL;
	for (int i = 0; i < m->nobs; i++)
		if (m->obs[i].on_insn && !m->obs[i].insn_off) {
			m->insn_hook = m->obs[i].on_insn;
			m->insn_ctx = m->obs[i].ctx;
			n++;
		}
	if (n > 1)
		m->insn_hook = NULL;
	/* --interlock-loads lives in the hooked loop (cpu_loop.inc). */
	m->hooked = n > 0 || m->cfg.interlock_loads;
}

static void observers_changed(struct machine *m)
{
	insn_hooks_changed(m);
	m->slow_mem = false;
	for (int i = 0; i < m->nobs; i++)
		m->slow_mem |= m->obs[i].on_mem != NULL;
	state_may_have_changed(m);
}

int machine_add_observer(struct machine *m, const struct sim_observer *o)
{
	if (m->nobs == MAX_OBSERVERS)
		return -1;
	m->obs[m->nobs++] = *o;
	observers_changed(m);
	return 0;
}

void machine_remove_observer(struct machine *m, void *ctx)
{
	int j = 0;

	for (int i = 0; i < m->nobs; i++)
		if (m->obs[i].ctx != ctx)
			m->obs[j++] = m->obs[i];
	m->nobs = j;
	observers_changed(m);
}

void machine_observe_insns(struct machine *m, void *ctx, bool on)
{
	for (int i = 0; i < m->nobs; i++)
		if (m->obs[i].ctx == ctx)
			m->obs[i].insn_off = !on;
	insn_hooks_changed(m);
	m->next_event = 0;          /* the loop checks at its top */
}

void machine_emit(struct machine *m, const struct sim_event *ev)
{
	for (int i = 0; i < m->nobs; i++)
		if (m->obs[i].on_event)
			m->obs[i].on_event(m->obs[i].ctx, m, ev);
}

bool machine_observe_insn(struct machine *m, uint32_t pc, uint32_t word)
{
	bool stop = false;

	for (int i = 0; i < m->nobs; i++)
		if (m->obs[i].on_insn && !m->obs[i].insn_off &&
		    m->obs[i].on_insn(m->obs[i].ctx, m, pc, word))
			stop = true;
	return stop;
}

void machine_observe_mem(struct machine *m, uint32_t va, uint32_t pa, int size,
                         bool store, uint32_t val)
{
	for (int i = 0; i < m->nobs; i++)
		if (m->obs[i].on_mem)
			m->obs[i].on_mem(m->obs[i].ctx, m, va, pa, size, store, val);
}

void machine_finish(struct machine *m)
{
	devices_flush(m);
	if (m->finished)
		return;
	m->finished = true;
	for (int i = 0; i < m->nobs; i++)
		if (m->obs[i].on_finish)
			m->obs[i].on_finish(m->obs[i].ctx, m);
}

/* ---- Snapshots ---------------------------------------------------- */

struct snapshot {
	struct cpu_state cpu;
	struct timer timers[MAX_TIMERS];
	uint8_t irq_lines;
	uint64_t irq_holdoff;
	struct sim_stats stats;
	void *dev[MAX_DEVICES];
	size_t devsize[MAX_DEVICES];
	struct timing_snap *timing;  /* caches and write buffer, or NULL */
	struct wedge_state wedge;
	uint32_t idle_pc;
	uint64_t wedge_count, idle_cycle;
	bool user_enter_pending;
	uint32_t npages;
	struct page_copy *pages[];   /* shared with other snapshots */
};

/*
 * The pages of a new snapshot: the base's copy of every page not
 * written since the last snapshot (or restore), a new copy of the
 * others.  The first snapshot copies all of RAM; later ones only what
 * changed, so a debugger's checkpoints cost what the guest wrote.
 * Returns -1 when out of memory (nothing shared yet is lost).
 */
static int save_pages(struct machine *m, struct snapshot *s)
{
	if (!m->snap_base) {
		m->snap_base = calloc(m->npages, sizeof *m->snap_base);
		m->dirty = malloc(m->npages);
		if (!m->snap_base || !m->dirty) {
			free(m->snap_base);
			free(m->dirty);
			m->snap_base = NULL;
			m->dirty = NULL;
			return -1;
		}
		memset(m->dirty, 1, m->npages);
	}
	for (uint32_t i = 0; i < m->npages; i++) {
		if (m->dirty[i] || !m->snap_base[i]) {
			struct page_copy *p = malloc(sizeof *p);
			if (!p) {
				for (uint32_t j = 0; j < i; j++)
					page_unref(s->pages[j]);
				return -1;
			}
			p->refs = 1;
			memcpy(p->data, m->ram + ((size_t)i << PAGE_SHIFT), PAGE_SIZE);
			page_unref(m->snap_base[i]);
			m->snap_base[i] = p;
			m->dirty[i] = 0;
		}
		s->pages[i] = m->snap_base[i];
		s->pages[i]->refs++;
	}
	mem_htlb_flush_writes(m);      /* so that the next stores mark pages */
	return 0;
}

struct snapshot *machine_save(struct machine *m)
{
	struct snapshot *s = malloc(sizeof *s + m->npages * sizeof s->pages[0]);

	if (!s)
		return NULL;
	s->npages = m->npages;
	if (save_pages(m, s)) {
		free(s);
		return NULL;
	}
	s->cpu = m->cpu;
	memcpy(s->timers, m->timers, sizeof s->timers);
	s->irq_lines = m->irq_lines;
	s->irq_holdoff = m->irq_holdoff;
	s->stats = m->stats;
	s->timing = timing_save(m);
	for (int i = 0; i < MAX_DEVICES; i++)
		s->dev[i] = NULL;
	if (m->timing && !s->timing) {
		snapshot_free(s);
		return NULL;
	}
	s->wedge = m->wedge;
	s->wedge_count = m->wedge_count;
	s->idle_pc = m->idle_pc;
	s->idle_cycle = m->idle_cycle;
	s->user_enter_pending = m->user_enter_pending;
	dev_save(m, s->dev, s->devsize);
	return s;
}

/* RAM from the snapshot's pages, which become the base: the machine's
 * pages are again those of a snapshot, none dirty.  A snapshot of a
 * machine with more RAM gives only the pages this one has; with less,
 * the rest keeps its contents (and stays dirty). */
static void restore_pages(struct machine *m, const struct snapshot *s)
{
	uint32_t n = m->npages < s->npages ? m->npages : s->npages;

	if (!m->snap_base) {
		m->snap_base = calloc(m->npages, sizeof *m->snap_base);
		m->dirty = malloc(m->npages);
		if (m->dirty)
			memset(m->dirty, 1, m->npages);
	}
	for (uint32_t i = 0; i < n; i++) {
		memcpy(m->ram + ((size_t)i << PAGE_SHIFT), s->pages[i]->data, PAGE_SIZE);
		if (m->snap_base && m->dirty) {
			s->pages[i]->refs++;
			page_unref(m->snap_base[i]);
			m->snap_base[i] = s->pages[i];
			m->dirty[i] = 0;
		}
	}
	mem_htlb_flush_writes(m);
}

void machine_restore(struct machine *m, const struct snapshot *s)
{
	m->cpu = s->cpu;
	/* Only the due times: fire and ctx belong to this machine's
	 * devices, and the snapshot may come from another machine. */
	for (int i = 0; i < MAX_TIMERS; i++)
		m->timers[i].due = s->timers[i].due;
	m->irq_lines = s->irq_lines;
	m->irq_holdoff = s->irq_holdoff;
	m->stats = s->stats;
	restore_pages(m, s);
	dev_restore(m, s->dev, s->devsize);
	timing_restore(m, s->timing);
	m->wedge = s->wedge;
	m->wedge_count = s->wedge_count;
	m->idle_pc = s->idle_pc;
	m->idle_cycle = s->idle_cycle;
	m->user_enter_pending = s->user_enter_pending;
	free_decoded(m);
	mem_htlb_flush(m);
	if (m->stop != STOP_ERROR)
		m->stop = STOP_NONE;
	state_may_have_changed(m);
}

void snapshot_free(struct snapshot *s)
{
	if (!s)
		return;
	for (uint32_t i = 0; i < s->npages; i++)
		page_unref(s->pages[i]);
	for (int i = 0; i < MAX_DEVICES; i++)
		free(s->dev[i]);
	free(s->timing);
	free(s);
}
