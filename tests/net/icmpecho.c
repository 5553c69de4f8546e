/*
 * icmpecho.c: a bare-metal ICMP echo responder on the Ethernet's ring
 * extension (docs/NET.md): it answers ARP requests for its address and
 * ICMP echo requests to it, and exits after ECHOES replies.  Its IPv4
 * address is 10.0.0.2 (tests/net/run-tap.sh gives the host's TAP
 * 10.0.0.1/24 inside a network namespace of its own).
 *
 * Frames come in by DMA into an rx ring of NRX buffers and go out
 * through a tx ring of one descriptor; the program polls the
 * descriptors' flags (no interrupts), through kseg1 so that a real
 * machine's data cache would not stand between it and the device.
 */
#include "rt.h"

#define REG(off) MMIO32(ETH_BASE + (off))
#define NRX 4
#define BUFSZ 1536
#define ECHOES 3

struct desc {
	volatile uint32_t addr, size, flags, stamp;
};

static struct desc rxd[NRX] __attribute__((aligned(16)));
static struct desc txd[1] __attribute__((aligned(16)));
static uint8_t rxbuf[NRX][BUFSZ], txbuf[BUFSZ];
static const uint8_t my_ip[4] = { 10, 0, 0, 2 };
static uint8_t my_mac[6];

#define PA(p) ((uint32_t)(uintptr_t)(p) & 0x1fffffff)
#define UNCACHED(p) ((void *)TM_KSEG1(PA(p)))

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

/* The Internet checksum of n bytes. */
static uint16_t csum(const uint8_t *p, uint32_t n)
{
	uint32_t s = 0;

	for (uint32_t i = 0; i + 1 < n; i += 2)
		s += get16(p + i);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* Send len bytes of txbuf through the one tx descriptor; wait for it. */
static void send(uint32_t len)
{
	struct desc *d = UNCACHED(&txd[0]);

	d->addr = PA(txbuf);
	d->size = len;
	d->flags = ETH_DESC_OWN;
	REG(ETH_X_TX_KICK) = 1;
	while (d->flags & ETH_DESC_OWN)
		;
}

/* An ARP request for our address: the reply.  0 when not one. */
static uint32_t arp(const uint8_t *f, uint32_t len, uint8_t *o)
{
	const uint8_t *a = f + 14;

	if (len < 42 || get16(a) != 1 || get16(a + 2) != 0x0800 || get16(a + 6) != 1 ||
	    memcmp(a + 24, my_ip, 4))
		return 0;
	memcpy(o, f + 6, 6);
	memcpy(o + 6, my_mac, 6);
	put16(o + 12, 0x0806);
	memcpy(o + 14, a, 6);                  /* htype, ptype, hlen, plen */
	put16(o + 20, 2);                      /* reply */
	memcpy(o + 22, my_mac, 6);
	memcpy(o + 28, my_ip, 4);
	memcpy(o + 32, a + 8, 10);             /* the asker's MAC and IP */
	return 42;
}

/* An ICMP echo request to us: the reply.  0 when not one. */
static uint32_t icmp(const uint8_t *f, uint32_t len, uint8_t *o)
{
	const uint8_t *ip = f + 14;
	uint32_t hl = (ip[0] & 15) * 4u, tot;

	if (len < 34 || (ip[0] >> 4) != 4 || hl < 20 || ip[9] != 1 || memcmp(ip + 16, my_ip, 4))
		return 0;
	tot = get16(ip + 2);
	if (tot < hl + 8 || 14 + tot > len || ip[hl] != 8)
		return 0;
	memcpy(o, f + 6, 6);
	memcpy(o + 6, my_mac, 6);
	put16(o + 12, 0x0800);
	memcpy(o + 14, ip, tot);
	uint8_t *r = o + 14;
	memcpy(r + 12, my_ip, 4);
	memcpy(r + 16, ip + 12, 4);
	r[8] = 64;                             /* TTL */
	put16(r + 10, 0);
	put16(r + 10, csum(r, hl));
	r[hl] = 0;                             /* echo reply */
	put16(r + hl + 2, 0);
	put16(r + hl + 2, csum(r + hl, tot - hl));
	return 14 + tot;
}

int main(void)
{
	int replies = 0;
	uint32_t head = 0;

	REG(ETH_MAC) = (uint32_t)(uintptr_t)my_mac;
	__asm__ volatile("" : : : "memory");   /* the device wrote it */
	if (REG(ETH_X_ID) != ETH_X_MAGIC) {
		puts("icmpecho: no ring extension (not exosim?)");
		return 1;
	}
	for (int i = 0; i < NRX; i++) {
		struct desc *d = UNCACHED(&rxd[i]);
		d->addr = PA(rxbuf[i]);
		d->size = BUFSZ;
		d->flags = ETH_DESC_OWN;
	}
	REG(ETH_X_RX_BASE) = PA(rxd);
	REG(ETH_X_RX_COUNT) = NRX;
	REG(ETH_X_TX_BASE) = PA(txd);
	REG(ETH_X_TX_COUNT) = 1;
	REG(ETH_X_CTRL) = ETH_CTRL_RXRING;
	printf("icmpecho: 10.0.0.2 at %02x:%02x:%02x:%02x:%02x:%02x\n", my_mac[0], my_mac[1],
	       my_mac[2], my_mac[3], my_mac[4], my_mac[5]);
	while (replies < ECHOES) {
		struct desc *d = UNCACHED(&rxd[head]);
		const uint8_t *f = UNCACHED(rxbuf[head]);
		uint8_t *o = UNCACHED(txbuf);
		uint32_t len, n;

		if (d->flags & ETH_DESC_OWN)
			continue;
		len = d->flags & ETH_DESC_LEN;
		n = (d->flags & ETH_DESC_ERR) ? 0 : get16(f + 12) == 0x0806 ? arp(f, len, o)
		                                 : get16(f + 12) == 0x0800 ? icmp(f, len, o) : 0;
		if (n) {
			send(n);
			if (get16(o + 12) == 0x0800) {
				replies++;
				printf("icmpecho: echo reply %d, seq %u\n", replies, get16(o + 14 + 20 + 6));
			}
		}
		d->flags = ETH_DESC_OWN;          /* the buffer back to the device */
		head = (head + 1) % NRX;
	}
	printf("icmpecho: rx frames %u, tx frames %u, drops %u, errors %u\n",
	       REG(ETH_X_CNT_RX_FRAMES), REG(ETH_X_CNT_TX_FRAMES), REG(ETH_X_CNT_RX_DROPS),
	       REG(ETH_X_CNT_ERRORS));
	return 0;
}
