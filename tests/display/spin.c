/*
 * spin.c: an animation that runs until it reads 'q' from the console:
 * a 16-pixel white bar sweeps across a blue screen, one step per frame.
 * Each character read is echoed to the console.  tests/run-display.sh
 * types into its window and closes it; docs/BENCH.md measures the
 * machine's speed with it under --display.
 */
#include "rt.h"

#define FB ((volatile uint32_t *)TM_KSEG1(FB_BASE))
#define BAR 16

/* Columns x0..x0+BAR-1, all rows: white (on) or blue (off).  Words of
 * one row cover 4/3 pixels; a bar 16 pixels wide is 12 whole words. */
static void bar(int x0, int on)
{
	static const uint32_t blue[3] = { 0x00800000, 0x00008000, 0x80000080 };

	for (int y = 0; y < FB_HEIGHT; y++) {
		volatile uint32_t *p = FB + (y * FB_WIDTH + x0) * 3 / 4;
		for (int i = 0; i < BAR * 3 / 4; i++)
			p[i] = on ? 0xffffffff : blue[i % 3];
	}
}

int main(void)
{
	int x = 0;

	for (int i = 0; i < FB_WIDTH / BAR; i++)
		bar(i * BAR, 0);
	for (;;) {
		int c = MMIO8(CONS_BASE + CONS_PUTGETCHAR);
		if (c == 'q')
			return 0;
		if (c)
			putchar_(c);
		bar(x, 0);
		x = (x + BAR) % FB_WIDTH;
		bar(x, 1);
	}
}
