/*
 * pattern.h: the display tests' test pattern, one pixel at a time:
 * eight vertical colour bars over the top half, a red/green gradient
 * over the bottom half with a blue XOR texture, and a white one-pixel
 * border.  tests/display/pixels.py computes the same picture
 * independently, in Python, to check screenshots pixel for pixel.
 */
#ifndef TESTS_DISPLAY_PATTERN_H
#define TESTS_DISPLAY_PATTERN_H

#include <stdint.h>

#include "hw/testmips.h"

static inline void pattern_pixel(int x, int y, uint8_t rgb[3])
{
	static const uint8_t bars[8][3] = {
		{ 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 }, { 0, 255, 0 },
		{ 255, 0, 255 }, { 255, 0, 0 }, { 0, 0, 255 }, { 0, 0, 0 },
	};

	if (x == 0 || y == 0 || x == FB_WIDTH - 1 || y == FB_HEIGHT - 1) {
		rgb[0] = rgb[1] = rgb[2] = 255;
	} else if (y < FB_HEIGHT / 2) {
		const uint8_t *b = bars[x / (FB_WIDTH / 8)];
		rgb[0] = b[0];
		rgb[1] = b[1];
		rgb[2] = b[2];
	} else {
		rgb[0] = (uint8_t)(x * 255 / (FB_WIDTH - 1));
		rgb[1] = (uint8_t)((y - FB_HEIGHT / 2) * 255 / (FB_HEIGHT / 2 - 1));
		rgb[2] = (uint8_t)((x ^ y) & 0xff);
	}
}

#endif /* TESTS_DISPLAY_PATTERN_H */
