/*
 * net.c: the kernel's network calls (exo/exo.h SYS_NET_*).  Sends three
 * frames from a page of its own (a read capability is enough), and the
 * calls the kernel must refuse: a forged capability, the kernel's page,
 * lengths and offsets out of range.  Binds two receive slots and takes
 * the frames tests/kernel/net.t replays (build/tests/net/kernel-rx.pcap:
 * three frames, 1 ms apart, 1 s after the first): the third finds both
 * slots full and is dropped, as counted by NET_STAT_DROPPED.  It waits
 * up to 3 s of virtual time (simctl's cycle counter) for them.
 */
#include "exos.h"

#define VA   0x03000000           /* the frame page */
#define SLOT 0x03100000           /* receive slots, a page each */

static int fails;

static void expect(const char *what, int got, int want)
{
	printf("%s: %d %s\n", what, got, got == want ? "ok" : "WRONG");
	fails += got != want;
}

/* simctl's cycle counter (low word), mapped read-only in every env. */
static uint32_t cycles(void)
{
	return *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CYCLE_LO);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t t0 = cycles(), hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
	uint32_t cap, rcap, scap[2];
	int p = sys_page_alloc(-1, &cap), s[2], sent = 0;
	volatile uint8_t *f = (volatile uint8_t *)VA;

	exos_map(VA, p, cap, 1);
	sys_page_cap(p, cap, 0, &rcap);
	for (int i = 0; i < 6; i++) {
		f[i] = 0xff;
		f[6 + i] = (uint8_t)(i == 5 ? 5 : i == 0 ? 2 : 0);
	}
	f[12] = 0x88;
	f[13] = 0xb5;
	for (int i = 14; i < 100; i++)
		f[i] = (uint8_t)i;
	expect("send with a forged cap", sys_net_send(p, rcap ^ 1, 0, 60), -E_PERM);
	expect("send the kernel's page 0", sys_net_send(0, rcap, 0, 60), -E_PERM);
	expect("send past the end of RAM", sys_net_send(0x7fffffff, rcap, 0, 60), -E_INVAL);
	expect("send 13 bytes", sys_net_send(p, rcap, 0, 13), -E_INVAL);
	expect("send 1515 bytes", sys_net_send(p, rcap, 0, 1515), -E_INVAL);
	expect("send past the page's end", sys_net_send(p, rcap, 4000, 100), -E_INVAL);
	for (int i = 0; i < 3; i++) {
		int r, tries = 0;
		f[14] = (uint8_t)i;
		while ((r = sys_net_send(p, rcap, 0, 60 + i)) == -E_BUSY && tries++ < 100000)
			;
		sent += r == 0;
	}
	expect("frames sent with the read cap", sent, 3);

	for (int i = 0; i < 2; i++) {
		s[i] = sys_page_alloc(-1, &scap[i]);
		exos_map(SLOT + i * PAGE_SIZE, s[i], scap[i], 1);
	}
	sys_page_cap(s[0], scap[0], 0, &rcap);
	expect("bind with the read cap", sys_net_bind(s[0], rcap, 0), -E_PERM);
	expect("bind slot 8", sys_net_bind(s[0], scap[0], NET_NSLOT), -E_INVAL);
	expect("bind the kernel's page", sys_net_bind(0, scap[0], 0), -E_PERM);
	expect("bind slot 0", sys_net_bind(s[0], scap[0], 0), 0);
	expect("bind slot 1", sys_net_bind(s[1], scap[1], 1), 0);
	while (sys_net_stat(NET_STAT_DELIVERED) + sys_net_stat(NET_STAT_DROPPED) < 3 &&
	       cycles() - t0 < 3 * hz)
		;
	for (int i = 0; i < 2; i++) {
		volatile uint32_t *w = (volatile uint32_t *)(SLOT + i * PAGE_SIZE);
		volatile uint8_t *b = (volatile uint8_t *)w + NET_SLOT_FRAME;
		printf("slot %d: %u bytes, frame %u\n", i, (unsigned)w[NET_SLOT_LEN / 4],
		       (unsigned)b[14]);
		w[NET_SLOT_LEN / 4] = 0;
	}
	expect("delivered", sys_net_stat(NET_STAT_DELIVERED), 2);
	expect("dropped (slots full)", sys_net_stat(NET_STAT_DROPPED), 1);
	expect("NIC rx frames", sys_net_stat(NET_STAT_RX_FRAMES), 3);
	expect("NIC tx frames", sys_net_stat(NET_STAT_TX_FRAMES), 3);
	expect("unknown counter", sys_net_stat(NET_STAT_N), -E_INVAL);
	expect("unbind", sys_net_unbind(), 0);
	expect("unbind again", sys_net_unbind(), -E_PERM);
	return fails != 0;
}
