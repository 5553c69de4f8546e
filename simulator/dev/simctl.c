/*
 * dev/simctl.c: exosim's measurement and control device (hw/testmips.h).
 * Guests read exact 64-bit cycle and instruction counts, drop markers
 * for the tracer, switch the profiler and break into the debugger.
 * Everything here only reports; it never changes the guest's timing.
 */
#include <stdio.h>

#include "dev.h"

struct simctl {
	uint32_t cycle_hi, insn_hi;   /* latched high halves */
	uint32_t marker_arg;
};

static int simctl_read(struct machine *m, struct device *d, uint32_t off, int size, uint32_t *val)
{
	struct simctl *s = d->state;

	(void)size;
	switch (off) {
	case SIMCTL_CYCLE_LO:
		*val = (uint32_t)m->cpu.cycle;
		s->cycle_hi = (uint32_t)(m->cpu.cycle >> 32);
		break;
	case SIMCTL_CYCLE_HI: *val = s->cycle_hi; break;
	case SIMCTL_INSN_LO:
		*val = (uint32_t)m->cpu.insns;
		s->insn_hi = (uint32_t)(m->cpu.insns >> 32);
		break;
	case SIMCTL_INSN_HI: *val = s->insn_hi; break;
	case SIMCTL_BOOTINFO: *val = m->bootinfo_pa; break;
	case SIMCTL_CLOCK_HZ: *val = m->cfg.clock_hz; break;
	case SIMCTL_INPUT_END: *val = console_input_ended(m); break;
	default: *val = 0; break;
	}
	return 0;
}

static void emit(struct machine *m, enum sim_event_kind kind, uint32_t code, uint32_t arg)
{
	struct sim_event ev = { .kind = kind, .cycle = m->cpu.cycle, .pc = m->cpu.pc,
	                        .code = code, .arg = arg };
	machine_emit(m, &ev);
}

static int simctl_write(struct machine *m, struct device *d, uint32_t off, int size, uint32_t val)
{
	struct simctl *s = d->state;
	char buf[16];

	(void)size;
	switch (off) {
	case SIMCTL_MARKER:
		emit(m, EV_MARKER, val, s->marker_arg);
		s->marker_arg = 0;
		break;
	case SIMCTL_MARKER_ARG: s->marker_arg = val; break;
	case SIMCTL_PROFILE: emit(m, EV_PROFILE_CTL, val, val); break;
	case SIMCTL_DEBUG: emit(m, EV_DEBUG_BREAK, val, val); break;
	case SIMCTL_PUTHEX:
		snprintf(buf, sizeof buf, "%08x\n", val);
		for (const char *p = buf; *p; p++)
			bus_write(m, CONS_BASE + CONS_PUTGETCHAR, 1, (uint8_t)*p);
		break;
	default: break;
	}
	return 0;
}

void simctl_attach(struct machine *m)
{
	dev_add(m, "simctl", SIMCTL_BASE, SIMCTL_SIZE, sizeof(struct simctl),
	        simctl_read, simctl_write);
}
