/*
 * netbench.c: the load of bench/net.sh.  At MAC ...:10 it sends NFRAMES
 * minimum frames to ...:20, one each time the wire is free (the wire's
 * time for a frame and its gap, from the clock and 10 Mb/s), then exits;
 * at any other MAC it counts the frames it receives until none has come
 * for QUIET_MS, and prints the count.  Alone (--net none) the sender does
 * the same work with no one to receive: the cost of the lockstep is the
 * difference.
 */
#include "rt.h"

#define REG(off) MMIO32(ETH_BASE + (off))
#define BUF ((volatile uint8_t *)TM_KSEG1(ETH_BASE + ETH_BUFFER))
#define NFRAMES 2000
#define QUIET_MS 5

int main(void)
{
	static uint8_t mac[6];
	uint32_t hz = MMIO32(SIMCTL_BASE + SIMCTL_CLOCK_HZ);
	/* 8 + 64 bytes and 96 bits of gap at 10 Mb/s, in cycles. */
	uint64_t gap = (uint64_t)hz * ((8 + 64) * 8 + 96) / 10000000 + 1;

	REG(ETH_MAC) = (uint32_t)(uintptr_t)mac;
	__asm__ volatile("" : : : "memory");   /* the device wrote it */
	if (mac[5] == 0x10) {
		static const uint8_t peer[6] = { 0x10, 0x20, 0x30, 0x00, 0x00, 0x20 };
		for (int k = 0; k < 6; k++) {
			BUF[k] = peer[k];
			BUF[6 + k] = mac[k];
		}
		BUF[12] = 0x88;
		BUF[13] = 0xb5;
		REG(ETH_LENGTH) = 60;
		for (int i = 0; i < NFRAMES; i++) {
			uint64_t t0 = rt_cycles();
			BUF[14] = (uint8_t)i;
			REG(ETH_COMMAND) = ETH_CMD_TX;
			while (rt_cycles() - t0 < gap)
				;
		}
		printf("sent %d frames\n", NFRAMES);
	} else {
		uint32_t n = 0;
		uint64_t last = rt_cycles();
		while (rt_cycles() - last < (uint64_t)hz / 1000 * QUIET_MS) {
			REG(ETH_COMMAND) = ETH_CMD_RX;
			if (REG(ETH_STATUS) & ETH_STATUS_RECEIVED) {
				n++;
				last = rt_cycles();
			}
		}
		printf("received %u frames\n", n);
	}
	return 0;
}
