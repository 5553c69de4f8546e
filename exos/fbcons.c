/*
 * fbcons.c: the framebuffer text console (fbcons.h).  Glyph rows are
 * 8 pixels = 24 bytes = 6 words, word aligned (a column is 24 bytes,
 * a pixel row 1920), so each is drawn with six word stores.
 */
#include "fbcons.h"
#include "fbfont.h"
#include "hw/testmips.h"

#define BPL (FB_WIDTH * 3)                  /* bytes per pixel row */
#define TEXT_BPL (BPL * FBFONT_H)           /* bytes per text row */

_Static_assert(FBFONT_W == 8 && FB_WIDTH / FBFONT_W == FBCONS_COLS &&
               FB_HEIGHT / FBFONT_H == FBCONS_ROWS, "the grid fits the screen");

static void set_rgb(uint8_t *d, uint32_t rgb)
{
	d[0] = (uint8_t)(rgb >> 16);
	d[1] = (uint8_t)(rgb >> 8);
	d[2] = (uint8_t)rgb;
}

void fbcons_color(struct fbcons *c, uint32_t fg, uint32_t bg)
{
	set_rgb(c->fg, fg);
	set_rgb(c->bg, bg);
}

/* One glyph row: the 8 bits of `bits`, MSB leftmost, at word-aligned p. */
static void draw_bits(const struct fbcons *c, volatile uint32_t *p, unsigned bits)
{
	uint8_t px[24];

	for (int i = 0; i < 8; i++) {
		const uint8_t *col = (bits & (0x80u >> i)) ? c->fg : c->bg;
		px[3 * i] = col[0];
		px[3 * i + 1] = col[1];
		px[3 * i + 2] = col[2];
	}
	for (int w = 0; w < 6; w++)
		p[w] = px[4 * w] | px[4 * w + 1] << 8 | px[4 * w + 2] << 16 |
		       (uint32_t)px[4 * w + 3] << 24;
}

/* Character ch at text cell (col, row) of the screen. */
static void draw_char(const struct fbcons *c, int col, int row, int ch)
{
	const unsigned char *g = 0;
	volatile uint8_t *p = c->fb + row * TEXT_BPL + col * FBFONT_W * 3;

	if (ch >= FBFONT_FIRST && ch <= FBFONT_LAST)
		g = fbfont[ch - FBFONT_FIRST];
	for (int y = 0; y < FBFONT_H; y++)
		draw_bits(c, (volatile uint32_t *)(p + y * BPL), g ? g[y] : 0);
}

/* Text rows from..to-1 of the screen in the background colour. */
static void clear_rows(const struct fbcons *c, int from, int to)
{
	for (int r = from; r < to; r++)
		for (int col = 0; col < FBCONS_COLS; col++)
			draw_char(c, col, r, ' ');
}

void fbcons_init(struct fbcons *c, volatile void *fb, int top, int rows,
                 uint32_t fg, uint32_t bg)
{
	if (top < 0)
		top = 0;
	if (top > FBCONS_ROWS - 1)
		top = FBCONS_ROWS - 1;
	if (rows < 1 || rows > FBCONS_ROWS - top)
		rows = FBCONS_ROWS - top;
	c->fb = fb;
	c->top = top;
	c->rows = rows;
	fbcons_color(c, fg, bg);
	fbcons_clear(c);
}

void fbcons_clear(struct fbcons *c)
{
	clear_rows(c, c->top, c->top + c->rows);
	c->col = c->row = 0;
}

void fbcons_goto(struct fbcons *c, int col, int row)
{
	c->col = col < 0 ? 0 : col >= FBCONS_COLS ? FBCONS_COLS - 1 : col;
	c->row = row < 0 ? 0 : row >= c->rows ? c->rows - 1 : row;
}

/* Copy the console's text rows up by one, word by word, and clear the
 * last: the cursor's row becomes free again. */
static void scroll(struct fbcons *c)
{
	volatile uint32_t *d = (volatile uint32_t *)(c->fb + c->top * TEXT_BPL);
	volatile uint32_t *s = d + TEXT_BPL / 4;
	unsigned n = (unsigned)(c->rows - 1) * TEXT_BPL / 4;

	for (unsigned i = 0; i < n; i++)
		d[i] = s[i];
	clear_rows(c, c->top + c->rows - 1, c->top + c->rows);
	c->row = c->rows - 1;
}

static void newline(struct fbcons *c)
{
	c->col = 0;
	if (++c->row == c->rows)
		scroll(c);
}

void fbcons_putc(struct fbcons *c, int ch)
{
	switch (ch) {
	case '\n':
		newline(c);
		return;
	case '\r':
		c->col = 0;
		return;
	case '\b':
		if (c->col > 0)
			c->col--;
		return;
	case '\t':
		do
			fbcons_putc(c, ' ');
		while (c->col % 8);
		return;
	}
	if (c->col == FBCONS_COLS)
		newline(c);
	draw_char(c, c->col, c->top + c->row, ch);
	c->col++;
}

void fbcons_write(struct fbcons *c, const char *s, unsigned n)
{
	while (n--)
		fbcons_putc(c, *s++);
}

void fbcons_puts(struct fbcons *c, const char *s)
{
	while (*s)
		fbcons_putc(c, *s++);
}
