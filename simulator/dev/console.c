/*
 * dev/console.c: the testmips console.  A store to +0 writes a
 * character; a load from +0 returns the next input character or 0; a
 * store to +0x10 halts the machine with the stored value's low byte as
 * the exit status, and a load from it halts too (status 0), since
 * GXemul halts on any access there.  NUL bytes are not written to the
 * terminal, as GXemul drops them, but observers (traces) see them.
 * IRQ 2 is raised while an input character waits.
 *
 * Input from a regular file is read ahead one byte, which keeps runs
 * deterministic.  Input from a terminal or a pipe is polled every
 * POLL_CYCLES of virtual time (only such input can arrive unannounced).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev.h"

#define POLL_CYCLES 100000
#define OUTBUF 4096
/* Reads of the empty console after its input ended, with no output in
 * between, after which the guest is taken to be waiting for input that
 * will never come: it is stopped as wedged, saying so. */
#define ENDED_READS 100000

struct console {
	int have;                /* a byte is waiting in `next` */
	uint8_t next;
	int eof;
	int timer;
	uint32_t ended_reads;    /* empty reads since the input ended (and output) */
	size_t outlen;
	char out[OUTBUF];
};

static struct console *con(struct machine *m)
{
	return m->dev[0].state;
}

void console_flush(struct machine *m)
{
	struct console *c = con(m);
	size_t done = 0;

	if (!c)
		return;
	while (done < c->outlen) {
		ssize_t n = write(m->cfg.console_out_fd, c->out + done, c->outlen - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	c->outlen = 0;
}

static void putch(struct machine *m, uint8_t ch)
{
	struct console *c = con(m);

	c->ended_reads = 0;          /* the guest is doing something else */
	if (!m->cfg.console_echo || ch == 0)
		return;
	c->out[c->outlen++] = (char)ch;
	if (ch == '\n' || c->outlen == OUTBUF)
		console_flush(m);
}

/* Try to have an input byte ready; `wait` blocks (regular files only). */
static void fill(struct machine *m, bool wait)
{
	struct console *c = con(m);
	int fd = m->cfg.console_in_fd;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (c->have || c->eof || fd < 0)
		return;
	if (!wait && poll(&p, 1, 0) <= 0)
		return;
	n = read(fd, &c->next, 1);
	if (n == 1)
		c->have = 1;
	else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		c->eof = 1;
		m->input_live = false;
	}
	machine_set_irq(m, CONS_IRQ, c->have);
}

static void poll_fire(struct machine *m, void *ctx)
{
	struct console *c = ctx;

	fill(m, false);
	if (!c->eof)
		timer_set(m, c->timer, m->cpu.cycle + POLL_CYCLES);
}

static int cons_read(struct machine *m, struct device *d, uint32_t off, int size, uint32_t *val)
{
	struct console *c = d->state;

	(void)size;
	*val = 0;
	if (off == CONS_HALT) {
		console_flush(m);
		machine_halt(m, 0);
	}
	if (off == CONS_PUTGETCHAR) {
		fill(m, !m->input_live);
		if (c->have) {
			*val = c->next;
			c->have = 0;
			dev_event(m, "console", "getc", *val);
			fill(m, !m->input_live);
			machine_set_irq(m, CONS_IRQ, c->have);
		} else if (c->eof && ++c->ended_reads == ENDED_READS) {
			console_flush(m);
			machine_wedged(m, "it keeps reading the console (%u empty reads, no "
			               "output), but its input has ended: give the program its input "
			               "(< FILE, or a pipe)", ENDED_READS);
		}
	}
	return 0;
}

/* The input has ended: no byte waits and none can come (EOF seen). */
bool console_input_ended(struct machine *m)
{
	struct console *c = con(m);

	return c && c->eof && !c->have;
}

static int cons_write(struct machine *m, struct device *d, uint32_t off, int size, uint32_t val)
{
	(void)d;
	(void)size;
	if (off == CONS_PUTGETCHAR) {
		putch(m, (uint8_t)val);
		dev_event(m, "console", "putc", val & 0xff);
	} else if (off == CONS_HALT) {
		console_flush(m);
		machine_halt(m, (int)(val & 0xff));
	}
	return 0;
}

void console_attach(struct machine *m)
{
	struct device *d = dev_add(m, "console", CONS_BASE, CONS_SIZE,
	                           sizeof(struct console), cons_read, cons_write);
	struct console *c;
	struct stat st;
	int fd = m->cfg.console_in_fd;

	if (!d)
		return;
	c = d->state;
	c->timer = timer_add(m, poll_fire, c);
	if (fd < 0 || fstat(fd, &st) < 0) {
		c->eof = 1;
		return;
	}
	if (S_ISREG(st.st_mode)) {
		fill(m, true);
		return;
	}
	m->input_live = true;
	timer_set(m, c->timer, POLL_CYCLES);
}
