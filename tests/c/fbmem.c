/*
 * fbmem.c: the testmips framebuffer is plain memory and its control
 * device has GXemul's ports.  Draws the test pattern (display.h) with
 * stores of every size, reads it back with loads of every size and
 * prints checksums, which must be the same on ./sim and on gxemul
 * (tests/run-gxemul.sh compares the output).
 */
#include "rt.h"
#include "../display/pattern.h"

#define FB ((volatile uint8_t *)TM_KSEG1(FB_BASE))

static uint32_t fnv(uint32_t h, uint32_t v)
{
	return (h ^ v) * 16777619u;
}

/* Row y: words for even rows, bytes for odd rows, halfwords for every
 * fourth, so that each store size is exercised. */
static void draw_row(int y)
{
	uint8_t row[FB_WIDTH * 3];
	volatile uint8_t *p = FB + y * FB_WIDTH * 3;

	for (int x = 0; x < FB_WIDTH; x++)
		pattern_pixel(x, y, row + 3 * x);
	if (y % 4 == 0)
		for (int i = 0; i < FB_WIDTH * 3; i += 2)
			*(volatile uint16_t *)(p + i) = (uint16_t)(row[i] | row[i + 1] << 8);
	else if (y % 2 == 0)
		for (int i = 0; i < FB_WIDTH * 3; i += 4)
			*(volatile uint32_t *)(p + i) = row[i] | row[i + 1] << 8 |
			                                 row[i + 2] << 16 | (uint32_t)row[i + 3] << 24;
	else
		for (int i = 0; i < FB_WIDTH * 3; i++)
			p[i] = row[i];
}

static uint32_t ctrl(uint32_t port)
{
	MMIO32(FB_CTRL_BASE + FBCTRL_PORT) = port;
	return MMIO32(FB_CTRL_BASE + FBCTRL_DATA);
}

int main(void)
{
	uint32_t hw = 2166136261u, hb = 2166136261u;

	for (int y = 0; y < FB_HEIGHT; y++)
		draw_row(y);
	for (int i = 0; i < FB_BYTES; i += 4)
		hw = fnv(hw, *(volatile uint32_t *)(FB + i));
	for (int i = 0; i < FB_BYTES; i += 997)
		hb = fnv(hb, FB[i]);
	printf("words %08x\nbytes %08x\n", (unsigned)hw, (unsigned)hb);
	printf("pixel(639,479) %02x %02x %02x\n", FB[FB_BYTES - 3], FB[FB_BYTES - 2], FB[FB_BYTES - 1]);

	/* Ports keep what is stored; the port register reads back. */
	MMIO32(FB_CTRL_BASE + FBCTRL_PORT) = FBCTRL_PORT_X2;
	MMIO32(FB_CTRL_BASE + FBCTRL_DATA) = 123;
	printf("port %u x2 %u\n", (unsigned)MMIO32(FB_CTRL_BASE + FBCTRL_PORT),
	       (unsigned)ctrl(FBCTRL_PORT_X2));
	/* CHANGE_RESOLUTION to the size it has, then NOP. */
	MMIO32(FB_CTRL_BASE + FBCTRL_PORT) = FBCTRL_PORT_X1;
	MMIO32(FB_CTRL_BASE + FBCTRL_DATA) = FB_WIDTH;
	MMIO32(FB_CTRL_BASE + FBCTRL_PORT) = FBCTRL_PORT_Y1;
	MMIO32(FB_CTRL_BASE + FBCTRL_DATA) = FB_HEIGHT;
	MMIO32(FB_CTRL_BASE + FBCTRL_PORT) = FBCTRL_PORT_COMMAND;
	MMIO32(FB_CTRL_BASE + FBCTRL_DATA) = FBCTRL_CMD_CHANGE_RESOLUTION;
	MMIO32(FB_CTRL_BASE + FBCTRL_DATA) = FBCTRL_CMD_NOP;
	printf("x1 %u y1 %u cmd %u\n", (unsigned)ctrl(FBCTRL_PORT_X1),
	       (unsigned)ctrl(FBCTRL_PORT_Y1), (unsigned)ctrl(FBCTRL_PORT_COMMAND));
	/* The picture survived the resolution change. */
	printf("pixel(1,1) %02x %02x %02x\n", FB[FB_WIDTH * 3 + 3], FB[FB_WIDTH * 3 + 4],
	       FB[FB_WIDTH * 3 + 5]);
	return 0;
}
