/*
 * nettest.c: frames through the testmips Ethernet's GXemul registers,
 * polled.  The role comes from the NIC's MAC address (sim --net-mac):
 *   ...:00:10 (the default) pings: sends NPING frames to ...:00:20, one
 *             at a time, each waiting for its echo, and prints the round
 *             trip in cycles; it sends nothing before the echoer is up:
 *             a link's frames wait in the NIC until received.
 *   any other echoes: sends every frame it receives back to its sender,
 *             with its own address as the source, until nothing has come
 *             for QUIET_MS of virtual time; prints what it saw.
 * tests/run-net.sh runs it with --net pcap-in/pcap-out and on a link.
 */
#include "rt.h"

#define REG(off) MMIO32(ETH_BASE + (off))
#define BUF ((volatile uint8_t *)TM_KSEG1(ETH_BASE + ETH_BUFFER))
#define NPING 4
#define QUIET_MS 20
#define ETYPE 0x88b5             /* IEEE local experimental */

static uint8_t mac[6];

/* Wait for a frame (up to `ms` of virtual time): its length, or 0. */
static uint32_t receive(uint32_t ms)
{
	uint32_t hz = MMIO32(SIMCTL_BASE + SIMCTL_CLOCK_HZ);
	uint64_t t0 = rt_cycles(), limit = (uint64_t)hz / 1000 * ms;

	for (;;) {
		REG(ETH_COMMAND) = ETH_CMD_RX;
		if (REG(ETH_STATUS) & ETH_STATUS_RECEIVED)
			return REG(ETH_LENGTH);
		if (rt_cycles() - t0 > limit)
			return 0;
	}
}

static void send(uint32_t len)
{
	REG(ETH_LENGTH) = len;
	REG(ETH_COMMAND) = ETH_CMD_TX;
}

static void echo(void)
{
	uint32_t len, n = 0, sum = 0;

	while ((len = receive(QUIET_MS)) != 0) {
		uint8_t from[6];
		for (int i = 0; i < 6; i++) {
			from[i] = BUF[6 + i];
			BUF[i] = from[i];
			BUF[6 + i] = mac[i];
		}
		for (uint32_t i = 0; i < len; i++)
			sum = sum * 31 + BUF[i];
		send(len);
		n++;
		printf("echo %u: %u bytes from %02x:%02x:%02x:%02x:%02x:%02x\n", n, len,
		       from[0], from[1], from[2], from[3], from[4], from[5]);
	}
	printf("echoed %u frames, checksum %08x\n", n, sum);
}

static void ping(void)
{
	static const uint8_t peer[6] = { 0x10, 0x20, 0x30, 0x00, 0x00, 0x20 };

	for (int i = 0; i < NPING; i++) {
		uint32_t len = 60 + 100 * i, got;
		uint64_t t0;
		for (int k = 0; k < 6; k++) {
			BUF[k] = peer[k];
			BUF[6 + k] = mac[k];
		}
		BUF[12] = ETYPE >> 8;
		BUF[13] = ETYPE & 0xff;
		for (uint32_t k = 14; k < len; k++)
			BUF[k] = (uint8_t)(k + i);
		t0 = rt_cycles();
		send(len);
		got = receive(QUIET_MS);
		if (got != len || BUF[20] != (uint8_t)(20 + i)) {
			printf("ping %d: no echo (got %u bytes)\n", i, got);
			exit(1);
		}
		printf("ping %d: %u bytes, round trip %u cycles\n", i, len,
		       (uint32_t)(rt_cycles() - t0));
	}
}

int main(void)
{
	REG(ETH_MAC) = (uint32_t)(uintptr_t)mac;
	__asm__ volatile("" : : : "memory");   /* the device wrote it */
	printf("nic %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2], mac[3],
	       mac[4], mac[5]);
	if (mac[5] == 0x10)
		ping();
	else
		echo();
	return 0;
}
