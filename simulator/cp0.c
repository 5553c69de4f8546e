/*
 * cp0.c: the system control coprocessor: CP0 registers, the TLB
 * instructions, exception entry, RFE and interrupts (r3000.md section 2).
 *
 * CP0 writes take effect at once (the R3000's exact hazard timing is
 * not documented; --check-hazards reports code that depends on it).
 * One model choice is explicit: an interrupt made takeable by MTC0
 * Status is taken after the next instruction, not before it, as on the
 * hardware (sim-anchors.md 16.5).
 */
#include <string.h>

#include "core.h"

static const char *const exc_names[EXC_NCODES] = {
	"Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE",
	"Sys", "Bp", "RI", "CpU", "Ov",
};

const char *exc_name(unsigned code)
{
	return code < EXC_NCODES ? exc_names[code] : "?";
}

void cp0_reset(struct machine *m)
{
	struct cpu_state *c = &m->cpu;

	memset(c->cp0, 0, sizeof c->cp0);
	c->cp0[CP0_STATUS] = ST_BEV;
	c->cp0[CP0_PRID] = R3000A_PRID;
	c->cp0[CP0_CAUSE] = (uint32_t)m->irq_lines << ST_IM_SHIFT;
	c->random_base = c->cycle;
}

/* Random counts down from 63 to 8, once a cycle. */
static uint32_t cp0_random(const struct machine *m)
{
	uint64_t n = (m->cpu.cycle - m->cpu.random_base) % (TLB_NENTRIES - TLB_NWIRED);
	return (uint32_t)(TLB_NENTRIES - 1 - n);
}

uint32_t cp0_read(struct machine *m, int reg)
{
	switch (reg) {
	case CP0_RANDOM:
		return cp0_random(m) << RANDOM_SHIFT;
	case CP0_INDEX: case CP0_ENTRYLO: case CP0_CONTEXT: case CP0_BADVADDR:
	case CP0_ENTRYHI: case CP0_STATUS: case CP0_CAUSE: case CP0_EPC:
	case CP0_PRID:
		return m->cpu.cp0[reg];
	default:
		return 0;
	}
}

/* Anything that can change which interrupt is takeable calls this. */
static void interrupts_changed(struct machine *m)
{
	m->next_event = 0;
}

/* The mode may have changed: the host TLB tables, and the fetch page
 * of the new pc from the fetch cache (mem.c). */
static uint32_t pending_enabled(const struct machine *m);

static void translation_changed(struct machine *m)
{
	mem_mode_changed(m);
	mem_fetch_refresh(m);
}

void cp0_write(struct machine *m, int reg, uint32_t val)
{
	uint32_t *r = m->cpu.cp0;

	switch (reg) {
	case CP0_INDEX:
		r[reg] = (r[reg] & INDEX_P) | (val & INDEX_MASK);
		break;
	case CP0_ENTRYLO:
		r[reg] = val & ELO_WRITABLE;
		break;
	case CP0_CONTEXT:
		r[reg] = (r[reg] & CTX_BADVPN_MASK) | (val & CTX_PTEBASE_MASK);
		break;
	case CP0_ENTRYHI:
		r[reg] = val & (EHI_VPN_MASK | EHI_ASID_MASK);
		mem_fetch_refresh(m);            /* the ASID may have changed */
		break;
	case CP0_STATUS:
		r[reg] = val & ST_WRITABLE;
		translation_changed(m);
		m->irq_holdoff = m->cpu.cycle + 2;
		interrupts_changed(m);
		break;
	case CP0_CAUSE:
		r[reg] = (r[reg] & ~CAUSE_IP_SW_MASK) | (val & CAUSE_IP_SW_MASK);
		m->irq_holdoff = m->cpu.cycle + 2;
		interrupts_changed(m);
		break;
	default:                        /* Random, BadVAddr, EPC, PRId: read-only */
		break;
	}
}

void cp0_tlbr(struct machine *m)
{
	struct cpu_state *c = &m->cpu;
	unsigned i = (c->cp0[CP0_INDEX] & INDEX_MASK) >> INDEX_SHIFT;

	c->cp0[CP0_ENTRYHI] = c->tlb[i].hi;
	c->cp0[CP0_ENTRYLO] = c->tlb[i].lo;
	mem_fetch_refresh(m);            /* the ASID may have changed */
}

static void tlb_write(struct machine *m, unsigned i, uint32_t pc, int which)
{
	struct cpu_state *c = &m->cpu;
	struct sim_event ev = { .kind = EV_TLB_WRITE, .cycle = c->cycle, .pc = pc };

	mem_htlb_invalidate_vpn(m, c->tlb[i].hi & EHI_VPN_MASK);
	mem_fetch_forget(m, c->tlb[i].hi & EHI_VPN_MASK);
	c->tlb[i].hi = c->cp0[CP0_ENTRYHI];
	c->tlb[i].lo = c->cp0[CP0_ENTRYLO];
	mem_tlb_indexed(m, i);
	mem_htlb_invalidate_vpn(m, c->tlb[i].hi & EHI_VPN_MASK);
	mem_fetch_forget(m, c->tlb[i].hi & EHI_VPN_MASK);
	mem_fetch_refresh(m);
	m->stats.tlb_writes++;
	ev.code = (uint32_t)which;
	ev.index = i;
	ev.hi = c->tlb[i].hi;
	ev.lo = c->tlb[i].lo;
	machine_emit(m, &ev);
}

void cp0_tlbwi(struct machine *m, uint32_t pc)
{
	tlb_write(m, (m->cpu.cp0[CP0_INDEX] & INDEX_MASK) >> INDEX_SHIFT, pc, OP_TLBWI);
}

void cp0_tlbwr(struct machine *m, uint32_t pc)
{
	tlb_write(m, cp0_random(m), pc, OP_TLBWR);
}

void cp0_tlbp(struct machine *m, uint32_t pc)
{
	struct cpu_state *c = &m->cpu;
	uint32_t hi = c->cp0[CP0_ENTRYHI];
	struct sim_event ev = { .kind = EV_TLB_PROBE, .cycle = c->cycle, .pc = pc,
	                        .hi = hi, .index = (uint32_t)-1 };
	int i = mem_tlb_probe(m, hi);

	c->cp0[CP0_INDEX] = i < 0 ? INDEX_P : (uint32_t)i << INDEX_SHIFT;
	if (i >= 0)
		ev.index = (uint32_t)i;
	machine_emit(m, &ev);
}

void cp0_rfe(struct machine *m, uint32_t pc)
{
	struct cpu_state *c = &m->cpu;
	uint32_t st = c->cp0[CP0_STATUS];
	bool was_user = st & ST_KUC;

	st = (st & ~0xfu) | ((st >> 2) & 0xfu);
	c->cp0[CP0_STATUS] = st;
	translation_changed(m);
	/* EV_USER_ENTER is for observers: without any, nothing is pending. */
	if (!was_user && (st & ST_KUC) && m->nobs)
		m->user_enter_pending = true;
	/* The loop's top (events_service) is needed only for that event or
	 * for an interrupt the restored IEc lets in; the interrupt lines and
	 * masks are unchanged, and their changes call interrupts_changed. */
	if (m->user_enter_pending || ((st & ST_IEC) && pending_enabled(m)))
		interrupts_changed(m);
	if (m->nobs) {
		struct sim_event ev = { .kind = EV_RFE, .cycle = c->cycle, .pc = pc, .arg = st };
		machine_emit(m, &ev);
	}
}

/*
 * Is the state that an exception storm leaves unchanged the same as at
 * the last exception?  If so for wedge_limit exceptions in a row, the
 * guest makes no progress.  The state is kept whole (struct wedge_state)
 * rather than hashed: comparing it costs a few host instructions where
 * hashing 36 words cost 250, paid on every exception, and it is exact.
 * The cheap part (code, EPC, BadVAddr) is compared first.
 */
static bool same_state(struct machine *m, uint32_t code, uint32_t epc, uint32_t bad)
{
	struct wedge_state *w = &m->wedge;
	const struct cpu_state *c = &m->cpu;
	/* r1..r25 and r28..r31: k0, k1 are the handler's */
	bool same = w->valid && w->code == code && w->epc == epc && w->bad == bad &&
	            w->hi == c->hi && w->lo == c->lo &&
	            !memcmp(w->r1_25, &c->r[1], sizeof w->r1_25) &&
	            !memcmp(w->r28_31, &c->r[28], sizeof w->r28_31);

	if (!same) {
		w->valid = true;
		w->code = code;
		w->epc = epc;
		w->bad = bad;
		w->hi = c->hi;
		w->lo = c->lo;
		memcpy(w->r1_25, &c->r[1], sizeof w->r1_25);
		memcpy(w->r28_31, &c->r[28], sizeof w->r28_31);
	}
	return same;
}

static bool interrupt_can_come(struct machine *m, bool enabled);

/* Can an interrupt end a storm?  Only where the storming code runs
 * with interrupts on (IEp: IEc when the exception was taken, e.g. a
 * kernel's user-mode handler) and a line it leaves unmasked has a
 * source: then the kernel's next timer tick preempts the storm, and
 * the machine must run on.  Under a kernel it may destroy the
 * offender or give it its next slice; either way the others run. */
static bool storm_can_end(struct machine *m)
{
	return interrupt_can_come(m, m->cpu.cp0[CP0_STATUS] & ST_IEP);
}

static void wedge_check(struct machine *m, int code, uint32_t epc,
                        uint32_t bad, uint32_t vector, uint32_t pc)
{
	/* A user-mode fetch of the vector's address is an ordinary AdEL
	 * (kseg0 is not the user's), which the kernel handles. */
	if (pc == vector && !(m->cpu.cp0[CP0_STATUS] & ST_KUP)
	    && (code == EXC_IBE || code == EXC_TLBL || code == EXC_ADEL)) {
		machine_wedged(m, "exception %s at its own vector 0x%08x: "
		               "no exception handler there", exc_name((unsigned)code), vector);
		return;
	}
	if (!same_state(m, (uint32_t)code, epc, bad)) {
		m->wedge_count = 0;
		m->wedge_since = m->cpu.cycle;
		return;
	}
	if (++m->wedge_count >= m->cfg.wedge_limit && !storm_can_end(m))
		machine_wedged(m, "exception storm: %s at EPC 0x%08x (BadVAddr 0x%08x) "
		               "%llu times with no progress and no interrupt that can "
		               "end it", exc_name((unsigned)code),
		               epc, bad, (unsigned long long)m->wedge_count);
}

void cp0_exception(struct machine *m, int code, uint32_t pc, bool bd,
                   uint32_t badvaddr, bool utlb, int ce)
{
	struct cpu_state *c = &m->cpu;
	uint32_t *r = c->cp0;
	uint32_t st = r[CP0_STATUS];
	uint32_t vector;
	uint64_t cycle = c->cycle;     /* the event's, before timing_exception */

	/* The pending load completes before the handler runs. */
	c->r[c->ld_reg] = c->ld_val;
	c->ld_reg = REG_SINK;

	r[CP0_EPC] = bd ? pc - 4 : pc;
	r[CP0_CAUSE] = (r[CP0_CAUSE] & CAUSE_IP_MASK) | (bd ? CAUSE_BD : 0) |
	               ((uint32_t)ce << CAUSE_CE_SHIFT) | ((uint32_t)code << CAUSE_EXC_SHIFT);
	if (code == EXC_MOD || code == EXC_TLBL || code == EXC_TLBS) {
		r[CP0_BADVADDR] = badvaddr;
		r[CP0_CONTEXT] = (r[CP0_CONTEXT] & CTX_PTEBASE_MASK) |
		                 ((badvaddr >> 10) & CTX_BADVPN_MASK);
		r[CP0_ENTRYHI] = (badvaddr & EHI_VPN_MASK) | (r[CP0_ENTRYHI] & EHI_ASID_MASK);
	} else if (code == EXC_ADEL || code == EXC_ADES) {
		r[CP0_BADVADDR] = badvaddr;
	}
	r[CP0_STATUS] = (st & ~0x3fu) | ((st << 2) & 0x3cu);
	if (st & ST_BEV)
		vector = utlb ? VEC_BEV_UTLB : VEC_BEV_GENERAL;
	else
		vector = utlb ? VEC_UTLB : VEC_GENERAL;
	c->pc = vector;
	c->npc = vector + 4;
	c->delay_slot = 0;
	translation_changed(m);
	m->user_enter_pending = false;

	m->exc_count++;
	m->stats.exceptions[code]++;
	if (m->timing)
		timing_exception(m);
	if (utlb)
		m->stats.utlb_misses++;
	if (m->nobs) {                 /* the event is for observers only */
		struct sim_event ev = { .kind = EV_EXCEPTION, .cycle = cycle };
		ev.code = (uint32_t)code;
		ev.pc = pc;
		ev.epc = r[CP0_EPC];
		ev.badvaddr = r[CP0_BADVADDR];
		ev.vector = vector;
		ev.bd = bd;
		ev.from_user = st & ST_KUC;
		machine_emit(m, &ev);
	}
	wedge_check(m, code, r[CP0_EPC], badvaddr, vector, pc);
}

static uint32_t pending_enabled(const struct machine *m)
{
	const uint32_t *r = m->cpu.cp0;
	return r[CP0_CAUSE] & r[CP0_STATUS] & CAUSE_IP_MASK;
}

/* Can an interrupt be taken, interrupts being `enabled`: one is
 * pending and unmasked, or an unmasked hardware line has a source (an
 * armed timer, live console input)? */
static bool interrupt_can_come(struct machine *m, bool enabled)
{
	uint32_t st = m->cpu.cp0[CP0_STATUS];
	uint32_t hw = st & ST_IM_MASK & ~CAUSE_IP_SW_MASK;
	bool source = m->input_live || m->net_live;

	if (!enabled)
		return false;
	if (pending_enabled(m))
		return true;
	for (int i = 0; i < m->ntimers; i++)
		if (m->timers[i].due != UINT64_MAX)
			source = true;
	return hw && source;
}

bool cp0_can_interrupt(struct machine *m)
{
	return interrupt_can_come(m, m->cpu.cp0[CP0_STATUS] & ST_IEC);
}

bool cp0_check_interrupt(struct machine *m)
{
	struct cpu_state *c = &m->cpu;
	uint32_t p = pending_enabled(m);
	int line;

	if (!p || !(c->cp0[CP0_STATUS] & ST_IEC))
		return false;
	if (c->cycle < m->irq_holdoff) {
		if (m->next_event > m->irq_holdoff)
			m->next_event = m->irq_holdoff;
		return false;
	}
	line = 31 - __builtin_clz(p) - ST_IM_SHIFT;
	m->stats.interrupts[line]++;
	cp0_exception(m, EXC_INT, c->pc, c->delay_slot, 0, false, 0);
	/* The interrupted instruction was aborted in the pipeline: like a
	 * faulting one (cpu_loop.inc) it used its cycle without completing. */
	c->cycle++;
	return true;
}

void machine_set_irq(struct machine *m, int line, bool level)
{
	uint32_t bit = CAUSE_IP(line);
	uint32_t *cause = &m->cpu.cp0[CP0_CAUSE];
	struct sim_event ev = { .cycle = m->cpu.cycle, .pc = m->cpu.pc, .code = (uint32_t)line };

	if (line < 2 || line > 7 || ((*cause & bit) != 0) == level)
		return;
	if (level) {
		m->irq_lines |= (uint8_t)(1u << line);
		*cause |= bit;
	} else {
		m->irq_lines &= (uint8_t)~(1u << line);
		*cause &= ~bit;
	}
	interrupts_changed(m);
	ev.kind = level ? EV_IRQ_RAISE : EV_IRQ_LOWER;
	machine_emit(m, &ev);
}

uint32_t machine_cp0_read(struct machine *m, int reg)
{
	return cp0_read(m, reg);
}

void machine_cp0_write(struct machine *m, int reg, uint32_t val)
{
	cp0_write(m, reg, val);
}
