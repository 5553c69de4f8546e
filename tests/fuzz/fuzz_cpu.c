/*
 * fuzz_cpu.c: libFuzzer target for the CPU.  Each input is a header
 * (machine profile, Status, Cause, EntryHi, a seed for the registers
 * and the TLB, the start pc, the interrupt lines of four phases) and
 * then instruction words placed from physical 0 (so over both
 * exception vectors).  Two identical machines run it: one with
 * machine_run (the fast and block loops), the other one instruction at
 * a time with machine_step, both to the same cycle at the end of each
 * phase, where the lines change.  They must end in the same state:
 * registers, HI/LO, the pc and its pipeline state, CP0, the TLB, the
 * cycle and instruction counts, the statistics (but the idle-loop
 * skip, which only the run loop makes) and RAM.  A difference aborts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exosim.h"

#define HDR      24                  /* header bytes (missing ones are 0) */
#define MAXWORDS 4096                /* code words, 16 KiB from physical 0 */
#define PHASES   4
#define PHASE_CYCLES 3000            /* the last phase ends at 4 x this */

/* Header byte i of the input, or 0 past its end. */
static uint32_t hb(const uint8_t *d, size_t n, size_t i)
{
	return i < n ? d[i] : 0;
}

/* Little-endian header word at byte i. */
static uint32_t hw(const uint8_t *d, size_t n, size_t i)
{
	return hb(d, n, i) | hb(d, n, i + 1) << 8 | hb(d, n, i + 2) << 16 | hb(d, n, i + 3) << 24;
}

/* The next number of the registers' and TLB's generator (xorshift32). */
static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * A machine from the input: header bytes 0 profile (bit 0 dec5000,
 * bit 1 interlocked loads), 1-4 Status, 5-8 Cause (IP0/IP1 are
 * writable), 9-12 EntryHi, 13-16 the seed of registers and TLB, 17-18
 * the start pc's word index; then the code.
 */
static struct machine *make(const uint8_t *d, size_t n)
{
	struct sim_config cfg;
	struct machine *m;
	struct cpu_state *c;
	char err[256];
	uint32_t s = hw(d, n, 13) | 1, nw = 0, i;

	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.wedge_limit = 1000;
	cfg.interlock_loads = hb(d, n, 0) & 2;
	if ((hb(d, n, 0) & 1) && sim_machine_profile(&cfg, "dec5000", err, sizeof err))
		abort();
	if (!(m = machine_new(&cfg, err, sizeof err)))
		abort();
	if (n > HDR)
		nw = (n - HDR) / 4 < MAXWORDS ? (n - HDR) / 4 : MAXWORDS;
	if (nw)
		machine_write_phys(m, 0, d + HDR, nw * 4);
	c = machine_cpu(m);
	for (i = 0; i < TLB_NENTRIES; i++) {
		c->tlb[i].hi = rng_next(&s) & (EHI_VPN_MASK | EHI_ASID_MASK);
		c->tlb[i].lo = rng_next(&s) & ELO_WRITABLE;
	}
	for (i = 1; i < 32; i++)
		c->r[i] = (rng_next(&s) & 1) ? rng_next(&s) : KSEG0_BASE | (rng_next(&s) & 0x3ffc);
	machine_cp0_write(m, CP0_STATUS, hw(d, n, 1) & ~ST_BEV);
	machine_cp0_write(m, CP0_CAUSE, hw(d, n, 5));
	machine_cp0_write(m, CP0_ENTRYHI, hw(d, n, 9));
	c->pc = KSEG0_BASE | (((hb(d, n, 17) | hb(d, n, 18) << 8) % (nw ? nw : 1)) * 4);
	c->npc = c->pc + 4;
	return m;
}

/* Set lines 2..7 from the bits 2..7 of mask. */
static void lines(struct machine *m, uint32_t mask)
{
	for (int l = 2; l < 8; l++)
		machine_set_irq(m, l, mask >> l & 1);
}

/* Step m until cycle `to` or a stop; the stop. */
static enum sim_stop step_to(struct machine *m, uint64_t to)
{
	enum sim_stop why = STOP_CYCLE_LIMIT;

	while (machine_cpu(m)->cycle < to)
		if ((why = machine_step(m)) != STOP_STEP)
			return why;
	return STOP_CYCLE_LIMIT;
}

/* Abort with what differs, if anything, between a (run) and b (stepped). */
static void compare(struct machine *a, struct machine *b, int phase, int wa, int wb)
{
	struct cpu_state *x = machine_cpu(a), *y = machine_cpu(b);
	struct sim_stats sa = *machine_stats(a), sb = *machine_stats(b);
	uint32_t na, nb;
	uint8_t *ra = machine_ram(a, &na), *rb = machine_ram(b, &nb);
	const char *what = NULL;

	sa.idle_skipped_cycles = sb.idle_skipped_cycles = 0;
	if (wa != wb && (wa == STOP_HALT || wb == STOP_HALT || wa == STOP_WEDGED || wb == STOP_WEDGED))
		what = "stop reason";
	else if (x->cycle != y->cycle)
		what = "cycle";
	else if (x->insns != y->insns)
		what = "instruction count";
	else if (x->pc != y->pc || x->npc != y->npc || x->delay_slot != y->delay_slot)
		what = "pc";
	else if (memcmp(x->r, y->r, 32 * 4))
		what = "registers";
	else if (x->hi != y->hi || x->lo != y->lo || x->muldiv_ready != y->muldiv_ready)
		what = "HI/LO";
	else if (x->ld_reg != y->ld_reg || (x->ld_reg != REG_SINK && x->ld_val != y->ld_val))
		what = "pending load";
	else if (memcmp(x->cp0, y->cp0, sizeof x->cp0) || x->random_base != y->random_base)
		what = "CP0";
	else if (memcmp(x->tlb, y->tlb, sizeof x->tlb))
		what = "TLB";
	else if (memcmp(&sa, &sb, sizeof sa))
		what = "statistics";
	else if (na != nb || memcmp(ra, rb, na))
		what = "RAM";
	if (!what)
		return;
	fprintf(stderr, "fuzz_cpu: run and step differ in %s after phase %d (stops %d, %d): "
		"cycle %llu/%llu pc %08x/%08x ld %u=%08x/%u=%08x\n", what, phase, wa, wb,
		(unsigned long long)x->cycle, (unsigned long long)y->cycle, x->pc, y->pc,
		x->ld_reg, x->ld_val, y->ld_reg, y->ld_val);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine *a = make(data, size), *b = make(data, size);
	enum sim_stop wa = STOP_NONE, wb = STOP_NONE;

	for (int p = 0; p < PHASES; p++) {
		uint64_t to = (uint64_t)(p + 1) * PHASE_CYCLES;

		lines(a, hb(data, size, 19 + p));
		lines(b, hb(data, size, 19 + p));
		wa = machine_run(a, to);
		wb = step_to(b, to);
		compare(a, b, p, wa, wb);
		if (wa == STOP_HALT || wa == STOP_WEDGED || wa == STOP_ERROR)
			break;
	}
	machine_free(a);
	machine_free(b);
	return 0;
}
