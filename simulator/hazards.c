/*
 * hazards.c: --check-hazards.  Watches the instructions as they execute
 * and reports code that relies on the R3000's pipeline hazards, which
 * GCC and GAS avoid but hand-written assembly may not (r3000.md 1.4, 5):
 *   - a register read by the instruction after a load of it (the load
 *     delay slot), except LWL/LWR merging with a load of the same rt;
 *   - MULT/DIV/MTHI/MTLO within two instructions after MFHI/MFLO;
 *   - a TLB instruction right after an MTC0.
 * Each site is reported once, with PC, symbol and disassembly.  History
 * is reset by exceptions, since the handler's code does not follow the
 * interrupted instruction in the pipeline.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"

#define MAX_SEEN 4096

struct hazard_checker {
	FILE *out;
	uint32_t prev[2];        /* words of the last two instructions */
	uint32_t prev_pc;
	int have;                /* how many of prev[] are valid */
	unsigned count;
	unsigned load_count;     /* of which load-delay sites */
	uint32_t seen[MAX_SEEN];
	unsigned nseen;
};

static bool seen_before(struct hazard_checker *h, uint32_t pc)
{
	for (unsigned i = 0; i < h->nseen; i++)
		if (h->seen[i] == pc)
			return true;
	if (h->nseen < MAX_SEEN)
		h->seen[h->nseen++] = pc;
	return false;
}

static void report(struct hazard_checker *h, struct machine *m, uint32_t pc,
                   uint32_t word, const char *what, bool load_delay)
{
	char sym[128], dis[96];

	if (seen_before(h, pc))
		return;
	h->count++;
	if (load_delay)
		h->load_count++;
	fprintf(h->out, "sim: hazard at 0x%08x <%s>: %s: %s\n", pc,
	        machine_sym_format(m, pc, sym, sizeof sym), what,
	        machine_disasm(m, word, pc, dis, sizeof dis));
}

static bool on_insn(void *ctx, struct machine *m, uint32_t pc, uint32_t w)
{
	struct hazard_checker *h = ctx;

	if (h->have >= 1) {
		int ld = insn_load_dest(h->prev[0]);
		if (ld > 0 && insn_reads_reg(w, ld) &&
		    !(insn_is_lwlr(w) && ((w >> 16) & 31) == (uint32_t)ld &&
		      !(((w >> 21) & 31) == (uint32_t)ld)))
			report(h, m, pc, w, "reads a register in the load delay slot", true);
		if (insn_is_mtc0(h->prev[0]) && insn_is_tlbop(w))
			report(h, m, pc, w, "TLB instruction right after MTC0", false);
	}
	if (insn_writes_hilo(w) &&
	    ((h->have >= 1 && insn_reads_hilo(h->prev[0])) ||
	     (h->have >= 2 && insn_reads_hilo(h->prev[1]))))
		report(h, m, pc, w, "writes HI/LO within two instructions of MFHI/MFLO", false);
	h->prev[1] = h->prev[0];
	h->prev[0] = w;
	h->prev_pc = pc;
	if (h->have < 2)
		h->have++;
	return false;
}

static void on_event(void *ctx, struct machine *m, const struct sim_event *ev)
{
	struct hazard_checker *h = ctx;

	(void)m;
	if (ev->kind == EV_EXCEPTION)
		h->have = 0;
}

struct hazard_checker *hazards_attach(struct machine *m, void *out)
{
	struct hazard_checker *h = calloc(1, sizeof *h);
	struct sim_observer o = { 0 };

	if (!h)
		return NULL;
	h->out = out ? out : stderr;
	o.ctx = h;
	o.on_insn = on_insn;
	o.on_event = on_event;
	if (machine_add_observer(m, &o)) {
		free(h);
		return NULL;
	}
	return h;
}

unsigned hazards_count(const struct hazard_checker *h)
{
	return h->count;
}

unsigned hazards_load_delay_count(const struct hazard_checker *h)
{
	return h->load_count;
}

void hazards_detach(struct machine *m, struct hazard_checker *h)
{
	if (!h)
		return;
	machine_remove_observer(m, h);
	free(h);
}
