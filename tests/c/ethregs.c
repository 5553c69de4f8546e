/*
 * ethregs.c: the testmips Ethernet's registers as GXemul defines them
 * (src/devices/dev_ether.cc), without sending a frame, so that it runs
 * the same on ./sim and on `gxemul -E testmips` (tests/run-gxemul.sh
 * compares the output) and never puts traffic on GXemul's network.
 * A store of an address to MAC writes the MAC address there; LENGTH
 * keeps what is stored (the clamp to 16 KiB is in tests/unit/test_ether.c:
 * GXemul prints a diagnostic on the console there); STATUS reads 0
 * when nothing has arrived; a receive command with nothing waiting
 * leaves STATUS 0 and LENGTH as it was; the buffer is plain memory.
 */
#include "rt.h"

#define REG(off) MMIO32(ETH_BASE + (off))

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL %s\n", what);
		failures++;
	}
}

int main(void)
{
	static uint8_t mac[8];
	uint32_t v;

	memset(mac, 0xee, sizeof mac);
	REG(ETH_MAC) = (uint32_t)(uintptr_t)mac;
	__asm__ volatile("" : : : "memory");   /* the device wrote it */
	printf("mac %02x:%02x:%02x:%02x:%02x:%02x next %02x\n", mac[0], mac[1], mac[2],
	       mac[3], mac[4], mac[5], mac[6]);
	check(mac[0] == 0x10 && mac[1] == 0x20 && mac[2] == 0x30 && mac[5] == 0x10,
	      "GXemul's first MAC address");
	check(mac[6] == 0xee, "six bytes written, no more");

	v = REG(ETH_STATUS);
	printf("status %u\n", v);
	check(v == 0, "status 0 at reset");

	REG(ETH_LENGTH) = 100;
	v = REG(ETH_LENGTH);
	printf("length %u\n", v);
	check(v == 100, "length as stored");
	REG(ETH_LENGTH) = 60;

	REG(ETH_COMMAND) = ETH_CMD_RX;
	v = REG(ETH_STATUS);
	printf("after rx: status %u length %u\n", v, REG(ETH_LENGTH));
	check(v == 0, "nothing received");
	check(REG(ETH_LENGTH) == 60, "length unchanged by an empty receive");

	REG(ETH_BUFFER + 0x10) = 0x12345678;
	MMIO8(ETH_BASE + ETH_BUFFER + 0x3fff) = 0xa5;
	printf("buffer %08x %02x\n", REG(ETH_BUFFER + 0x10), MMIO8(ETH_BASE + ETH_BUFFER + 0x3fff));
	check(REG(ETH_BUFFER + 0x10) == 0x12345678, "buffer word");
	check(MMIO8(ETH_BASE + ETH_BUFFER + 0x3fff) == 0xa5, "buffer's last byte");
	return failures != 0;
}
