/*
 * dev/fb.c: the testmips framebuffer and its control device, as GXemul
 * has them (its dev_fb and dev_fbctrl; docs/GXEMUL.md and
 * docs/DISPLAY.md give the differences).
 *
 * The framebuffer is FB_WIDTH x FB_HEIGHT pixels of 3 bytes (red,
 * green, blue), row after row, at FB_BASE: plain memory that reads back
 * what was stored, at any size and alignment.  It is device state, so
 * snapshots carry it.
 *
 * The bus keeps a summary of what changed for whoever shows the picture
 * (front/display.c): one bit per row, set by every store that changes a
 * byte of the row.  It is host state, outside the snapshots; a restore
 * marks every row.  The cost on the store path is one compare of the
 * old bytes and, when they differ, a division by a constant and an OR
 * (docs/DISPLAY.md has the measurement).
 *
 * The control device at FB_CTRL_BASE has GXemul's two registers: PORT
 * selects one of FBCTRL_NPORTS ports, DATA reads or writes it; a write
 * to the command port runs the command.  NOP does nothing;
 * CHANGE_RESOLUTION to 640x480 (the only size exosim has) does nothing
 * either, to any other size it is refused (the command port then reads
 * FBCTRL_STATUS_REFUSED), where GXemul resizes.
 */
#include <string.h>

#include "dev.h"

#define FB_BPL (FB_WIDTH * 3)

struct fbctrl {
	uint32_t port;
	uint32_t ports[FBCTRL_NPORTS];
};

void fb_mark_all(struct machine *m)
{
	memset(m->fb_dirty, 0xff, sizeof m->fb_dirty);
}

/* The bus's accesses are aligned (SWL/SWR come as aligned words) and a
 * row is a whole number of words, so an access lies in one row. */
_Static_assert(FB_BPL % 4 == 0, "no aligned access straddles two rows");

static int fb_read(struct machine *m, struct device *d, uint32_t off, int size, uint32_t *val)
{
	const uint8_t *p = (const uint8_t *)d->state + off;

	(void)m;
	if (off + (uint32_t)size > FB_BYTES)
		return -1;
	switch (size) {
	case 1: *val = *p; break;
	case 2: *val = *(const uint16_t *)p; break;
	default: *val = *(const uint32_t *)p; break;
	}
	return 0;
}

/* A store that changes the pixels marks its row in m->fb_dirty. */
static int fb_write(struct machine *m, struct device *d, uint32_t off, int size, uint32_t val)
{
	uint8_t *p = (uint8_t *)d->state + off;
	uint32_t y = off / FB_BPL;

	if (off + (uint32_t)size > FB_BYTES)
		return -1;
	switch (size) {
	case 1:
		if (*p == (uint8_t)val)
			return 0;          /* no change: nothing to redraw */
		*p = (uint8_t)val;
		break;
	case 2:
		if (*(uint16_t *)p == (uint16_t)val)
			return 0;
		*(uint16_t *)p = (uint16_t)val;
		break;
	default:
		if (*(uint32_t *)p == val)
			return 0;
		*(uint32_t *)p = val;
		break;
	}
	m->fb_dirty[y >> 5] |= 1u << (y & 31);
	return 0;
}

static void fbctrl_command(struct fbctrl *c)
{
	uint32_t *cmd = &c->ports[FBCTRL_PORT_COMMAND];

	if (*cmd == FBCTRL_CMD_CHANGE_RESOLUTION &&
	    (c->ports[FBCTRL_PORT_X1] != FB_WIDTH || c->ports[FBCTRL_PORT_Y1] != FB_HEIGHT))
		*cmd = FBCTRL_STATUS_REFUSED;
	else if (*cmd != FBCTRL_CMD_NOP && *cmd != FBCTRL_CMD_CHANGE_RESOLUTION)
		*cmd = FBCTRL_STATUS_REFUSED;
}

static int fbctrl_read(struct machine *m, struct device *d, uint32_t off, int size, uint32_t *val)
{
	struct fbctrl *c = d->state;

	(void)m;
	*val = 0;
	if (off == FBCTRL_PORT)
		*val = c->port;
	else if (off == FBCTRL_DATA && c->port < FBCTRL_NPORTS)
		*val = c->ports[c->port];
	if (size < 4)
		*val &= (1u << (size * 8)) - 1;
	return 0;
}

static int fbctrl_write(struct machine *m, struct device *d, uint32_t off, int size, uint32_t val)
{
	struct fbctrl *c = d->state;

	(void)m;
	if (size < 4)
		val &= (1u << (size * 8)) - 1;
	if (off == FBCTRL_PORT) {
		c->port = val;
	} else if (off == FBCTRL_DATA && c->port < FBCTRL_NPORTS) {
		c->ports[c->port] = val;
		if (c->port == FBCTRL_PORT_COMMAND)
			fbctrl_command(c);
	}
	return 0;
}

void fb_attach(struct machine *m)
{
	dev_add(m, "fb", FB_BASE, FB_BYTES, FB_BYTES, fb_read, fb_write);
	dev_add(m, "fbctrl", FB_CTRL_BASE, FB_CTRL_SIZE, sizeof(struct fbctrl),
	        fbctrl_read, fbctrl_write);
	fb_mark_all(m);
}

const uint8_t *machine_framebuffer(struct machine *m)
{
	for (int i = 0; i < m->ndev; i++)
		if (m->dev[i].base == FB_BASE)
			return m->dev[i].state;
	return NULL;
}

int machine_fb_take_dirty(struct machine *m, uint32_t rows[15])
{
	int n = 0;

	for (int i = 0; i < FB_HEIGHT / 32; i++) {
		rows[i] = m->fb_dirty[i];
		n += __builtin_popcount(rows[i]);
		m->fb_dirty[i] = 0;
	}
	return n;
}
_Static_assert(FB_HEIGHT / 32 == 15 && FB_HEIGHT % 32 == 0, "machine_fb_take_dirty's 15 words");
