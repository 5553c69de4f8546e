/*
 * dev/rtc.c: the testmips real-time clock.  Writing a rate in Hz to
 * +0x100 starts a periodic interrupt on IRQ 4; tick n comes at cycle
 * start + floor(n * clock_hz / rate), so rates that do not divide the
 * clock keep exact long-run time.  Any store to +0x110 acknowledges
 * (lowers IRQ 4).  SEC/USEC read virtual time since reset, latched by
 * an access to +0: the host's clock never leaks in.
 *
 * exosim's extension (GXemul's rtc has no such registers): a one-shot
 * timer.  A store of N > 0 to +0x120 raises IRQ 5 at cycle now + N,
 * replacing any pending one; a store of 0 cancels; a load returns the
 * cycles left (0 when none is pending).  Any store to +0x130 lowers
 * IRQ 5.  Its state lives in struct rtc and its timer among the
 * machine's, so snapshots (reverse execution) carry it.
 */
#include "dev.h"

struct rtc {
	uint32_t hz;
	uint64_t start;          /* cycle at which the rate was set */
	uint64_t n;              /* ticks so far */
	uint32_t sec, usec;      /* latched time */
	int timer;
	uint64_t oneshot_due;    /* cycle the one-shot fires, UINT64_MAX if none */
	int oneshot_timer;
};

static uint64_t tick_cycle(const struct machine *m, const struct rtc *r, uint64_t n)
{
	return r->start + (uint64_t)((unsigned __int128)n * m->cfg.clock_hz / r->hz);
}

static void rtc_fire(struct machine *m, void *ctx)
{
	struct rtc *r = ctx;

	if (!r->hz)
		return;
	machine_set_irq(m, RTC_IRQ, true);
	dev_event(m, "rtc", "tick", (uint32_t)r->n);
	r->n++;
	timer_set(m, r->timer, tick_cycle(m, r, r->n));
}

/* The one-shot is due: raise its line; it stays up until acknowledged. */
static void oneshot_fire(struct machine *m, void *ctx)
{
	struct rtc *r = ctx;

	r->oneshot_due = UINT64_MAX;
	machine_set_irq(m, ONESHOT_IRQ, true);
	dev_event(m, "rtc", "oneshot", 0);
}

/* Arm the one-shot n cycles from now, or cancel it (n = 0). */
static void oneshot_set(struct machine *m, struct rtc *r, uint32_t n)
{
	r->oneshot_due = n ? m->cpu.cycle + n : UINT64_MAX;
	timer_set(m, r->oneshot_timer, r->oneshot_due);
}

static void latch(struct machine *m, struct rtc *r)
{
	uint64_t c = m->cpu.cycle;
	r->sec = (uint32_t)(c / m->cfg.clock_hz);
	r->usec = (uint32_t)((c % m->cfg.clock_hz) * 1000000 / m->cfg.clock_hz);
}

static int rtc_read(struct machine *m, struct device *d, uint32_t off, int size, uint32_t *val)
{
	struct rtc *r = d->state;

	(void)size;
	switch (off) {
	case RTC_TRIGGER: latch(m, r); *val = 0; break;
	case RTC_SEC: *val = r->sec; break;
	case RTC_USEC: *val = r->usec; break;
	case RTC_HZ: *val = r->hz; break;
	case RTC_ONESHOT:
		*val = r->oneshot_due > m->cpu.cycle && r->oneshot_due != UINT64_MAX
		       ? (uint32_t)(r->oneshot_due - m->cpu.cycle) : 0;
		break;
	default: *val = 0; break;
	}
	return 0;
}

static int rtc_write(struct machine *m, struct device *d, uint32_t off, int size, uint32_t val)
{
	struct rtc *r = d->state;

	(void)size;
	switch (off) {
	case RTC_TRIGGER:
		latch(m, r);
		break;
	case RTC_HZ:
		r->hz = val > m->cfg.clock_hz ? m->cfg.clock_hz : val;
		r->start = m->cpu.cycle;
		r->n = 1;
		timer_set(m, r->timer, r->hz ? tick_cycle(m, r, 1) : UINT64_MAX);
		break;
	case RTC_ACK:
		machine_set_irq(m, RTC_IRQ, false);
		dev_event(m, "rtc", "ack", val);
		break;
	case RTC_ONESHOT:
		oneshot_set(m, r, val);
		break;
	case RTC_ONESHOT_ACK:
		machine_set_irq(m, ONESHOT_IRQ, false);
		dev_event(m, "rtc", "oneshot-ack", val);
		break;
	default:
		break;
	}
	return 0;
}

void rtc_attach(struct machine *m)
{
	struct device *d = dev_add(m, "rtc", RTC_BASE, RTC_SIZE, sizeof(struct rtc),
	                           rtc_read, rtc_write);
	struct rtc *r;

	if (!d)
		return;
	r = d->state;
	r->timer = timer_add(m, rtc_fire, r);
	r->oneshot_timer = timer_add(m, oneshot_fire, r);
	r->oneshot_due = UINT64_MAX;
}
