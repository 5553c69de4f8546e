/*
 * fbcons.h: a text console on the testmips framebuffer (640x480, 3 bytes
 * a pixel; hw/testmips.h): 80 columns by 30 rows of 8x16 glyphs, the
 * printable ASCII characters of a Linux console font compiled in at
 * build time (tools/psf2c.py, Debian's Lat15-Fixed16).  It writes
 * through whatever address the framebuffer has for the caller (kseg1
 * for bare-metal code, a mapping for an application) and keeps no state
 * but struct fbcons, so several consoles may share one screen (each
 * owning rows) and nothing here needs the kernel.
 *
 * fbcons_putc: printable characters are drawn and advance the cursor;
 * '\n' goes to the start of the next row, '\r' to the start of the row,
 * '\b' one column back, '\t' to the next multiple of 8; at the bottom
 * the console scrolls up one row (the framebuffer is copied up, the
 * last row cleared).  Other characters draw a blank.
 */
#ifndef EXOS_FBCONS_H
#define EXOS_FBCONS_H

#include <stdint.h>

#define FBCONS_COLS 80
#define FBCONS_ROWS 30

struct fbcons {
	volatile uint8_t *fb;    /* pixel (0, 0) */
	int col, row;            /* the cursor */
	int top, rows;           /* the console's rows of the screen */
	uint8_t fg[3], bg[3];    /* colours, red green blue */
};

/* A console on text rows top..top+rows-1 (clamped to the screen) of
 * the framebuffer at fb, colours 0xRRGGBB; it clears them. */
void fbcons_init(struct fbcons *c, volatile void *fb, int top, int rows,
                 uint32_t fg, uint32_t bg);
void fbcons_clear(struct fbcons *c);
void fbcons_putc(struct fbcons *c, int ch);
void fbcons_write(struct fbcons *c, const char *s, unsigned n);
void fbcons_puts(struct fbcons *c, const char *s);   /* no newline added */
/* Move the cursor (clamped to the console). */
void fbcons_goto(struct fbcons *c, int col, int row);
/* Colours for what is drawn from now on. */
void fbcons_color(struct fbcons *c, uint32_t fg, uint32_t bg);

#endif /* EXOS_FBCONS_H */
