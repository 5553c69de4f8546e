/*
 * text.c: the framebuffer console (exos/fbcons.c) on bare metal: every
 * character of the console input (tests/display/text.txt) goes to an
 * fbcons covering the screen, until the input ends; then it halts.
 * tests/run-display.sh compares a screenshot with the screen that
 * pixels.py draws from the same text and the font file.
 */
#include "rt.h"
#include "fbcons.h"

#define FG 0xe0e0e0
#define BG 0x102040

int main(void)
{
	static struct fbcons c;
	int ch, n = 0;

	fbcons_init(&c, (volatile void *)TM_KSEG1(FB_BASE), 0, FBCONS_ROWS, FG, BG);
	while ((ch = MMIO8(CONS_BASE + CONS_PUTGETCHAR)) != 0) {
		fbcons_putc(&c, ch);
		n++;
	}
	printf("%d characters\n", n);
	return 0;
}
