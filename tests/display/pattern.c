/*
 * pattern.c: draws the test pattern (pattern.h) row by row, top to
 * bottom, with word stores, then halts.  tests/run-display.sh takes
 * screenshots while it draws and checks them pixel for pixel.
 */
#include "rt.h"
#include "pattern.h"

#define FB ((volatile uint8_t *)TM_KSEG1(FB_BASE))

int main(void)
{
	uint8_t row[FB_WIDTH * 3];

	for (int y = 0; y < FB_HEIGHT; y++) {
		volatile uint32_t *p = (volatile uint32_t *)(FB + y * FB_WIDTH * 3);
		for (int x = 0; x < FB_WIDTH; x++)
			pattern_pixel(x, y, row + 3 * x);
		for (int i = 0; i < FB_WIDTH * 3; i += 4)
			*p++ = row[i] | row[i + 1] << 8 | row[i + 2] << 16 | (uint32_t)row[i + 3] << 24;
	}
	printf("pattern drawn at cycle %u\n", (unsigned)rt_cycles());
	return 0;
}
