/*
 * dpf_sim.c: DPF's generated code run on libexosim (dpf_sim.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exosim.h"
#include "dpf_sim.h"

#define RAM_SIZE   (1u << 20)
#define RET_ADDR   0x80000400u          /* the code returns here: we stop */
#define MAX_CYCLES 1000000u             /* generated code runs no longer */

struct dpf_sim {
	struct machine *m;
	char profile[16];
	uint32_t code_end;                  /* code and tables: [DPF_SIM_CODE, code_end) */
	uint32_t align;                     /* the code's msg_align */
	uint32_t msg, len;                  /* the message being run */
	int watch, bad;
	char why[160];
};

static bool on_insn(void *ctx, struct machine *m, uint32_t pc, uint32_t word)
{
	struct dpf_sim *s = ctx;

	if (pc == RET_ADDR)
		return true;
	if (pc < DPF_SIM_CODE || pc >= s->code_end) {
		if (!s->bad)
			snprintf(s->why, sizeof s->why, "ran outside the code at 0x%08x", pc);
		s->bad = 1;
		return true;
	}
	return false;
}

static void on_mem(void *ctx, struct machine *m, uint32_t va, uint32_t pa, int size,
                   bool store, uint32_t value)
{
	struct dpf_sim *s = ctx;
	int in_msg = va >= s->msg && va + (uint32_t)size <= s->msg + s->len;
	int in_code = va >= DPF_SIM_CODE && va + (uint32_t)size <= s->code_end;

	if (!s->watch || (!store && (in_msg || in_code)))
		return;
	if (!s->bad)
		snprintf(s->why, sizeof s->why, "%s of %d bytes at 0x%08x outside the message "
		         "[0x%08x, 0x%08x)", store ? "store" : "load", size, va, s->msg, s->msg + s->len);
	s->bad = 1;
	machine_request_stop(m, STOP_BREAK);
}

static void on_event(void *ctx, struct machine *m, const struct sim_event *ev)
{
	struct dpf_sim *s = ctx;

	if (ev->kind == EV_EXCEPTION && !s->bad) {
		snprintf(s->why, sizeof s->why, "exception %s at 0x%08x (address 0x%08x)",
		         exc_name(ev->code), ev->epc, ev->badvaddr);
		s->bad = 1;
	}
}

struct dpf_sim *dpf_sim_new(const char *profile, char *err, size_t errlen)
{
	struct dpf_sim *s = calloc(1, sizeof *s);

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(s->profile, sizeof s->profile, "%s", profile);
	return s;
}

void dpf_sim_free(struct dpf_sim *s)
{
	if (!s)
		return;
	if (s->m)
		machine_free(s->m);
	free(s);
}

struct machine *dpf_sim_machine(struct dpf_sim *s)
{
	return s->m;
}

/* A fresh machine in kernel mode (BEV clear) watched by s. */
static int new_machine(struct dpf_sim *s, char *err, size_t errlen)
{
	struct sim_config cfg;
	struct sim_observer o = { .ctx = s, .on_event = on_event, .on_insn = on_insn, .on_mem = on_mem };

	sim_config_default(&cfg);
	cfg.mem_size = RAM_SIZE;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.wedge_limit = 100;
	if (sim_machine_profile(&cfg, s->profile, err, errlen))
		return -1;
	if (s->m)
		machine_free(s->m);
	if (!(s->m = machine_new(&cfg, err, errlen)))
		return -1;
	machine_cp0_write(s->m, CP0_STATUS, 0);
	if (machine_add_observer(s->m, &o)) {
		snprintf(err, errlen, "cannot observe the machine");
		return -1;
	}
	return 0;
}

int dpf_sim_load(struct dpf_sim *s, const struct dpf_code *c, char *err, size_t errlen)
{
	if (c->addr != DPF_SIM_CODE) {
		snprintf(err, errlen, "code generated for 0x%08x, not 0x%08x", c->addr, DPF_SIM_CODE);
		return -1;
	}
	if (new_machine(s, err, errlen))
		return -1;
	if (4ull * c->n > RAM_SIZE / 2 ||
	    machine_write_phys(s->m, DPF_SIM_CODE & 0x1fffffff, c->words, 4 * c->n)) {
		snprintf(err, errlen, "code of %u words does not fit", c->n);
		return -1;
	}
	s->code_end = DPF_SIM_CODE + 4 * c->n;
	s->align = c->msg_align & 3;
	return 0;
}

int dpf_sim_run(struct dpf_sim *s, const uint8_t *msg, uint32_t len, int watch,
                int *result, uint64_t *cycles, char *err, size_t errlen)
{
	struct cpu_state *cpu = machine_cpu(s->m);
	uint32_t end = RAM_SIZE, pa;
	uint64_t start;
	enum sim_stop why;

	if (len > RAM_SIZE / 4) {
		snprintf(err, errlen, "message of %u bytes too long", len);
		return -1;
	}
	/* the message ends within 3 bytes of the end of RAM, 4-aligned + msg_align */
	pa = ((end - len - s->align) & ~3u) + s->align;
	s->msg = KSEG0_BASE | pa;
	s->len = len;
	s->watch = watch;
	s->bad = 0;
	if (len && machine_write_phys(s->m, pa, msg, len)) {
		snprintf(err, errlen, "cannot place the message");
		return -1;
	}
	cpu->r[4] = s->msg;
	cpu->r[5] = len;
	cpu->r[31] = RET_ADDR;
	cpu->pc = DPF_SIM_CODE;
	cpu->npc = DPF_SIM_CODE + 4;
	cpu->delay_slot = 0;
	cpu->ld_reg = REG_SINK;
	start = cpu->cycle;
	why = machine_run(s->m, start + MAX_CYCLES);
	if (s->bad || why != STOP_BREAK || cpu->pc != RET_ADDR) {
		snprintf(err, errlen, "generated code: %s", s->bad ? s->why :
		         why == STOP_CYCLE_LIMIT ? "did not return" : "stopped unexpectedly");
		return -1;
	}
	*result = (int)cpu->r[2];
	*cycles = cpu->cycle - start;
	return 0;
}
