/*
 * gencap.c: writes an Ethernet capture (with libpcap) of crafted and
 * random frames for DPF's tests: IPv4 TCP and UDP to a few addresses
 * and ports, IP options, fragments, VLAN tags, ARP, IPv6, frames cut
 * short (caplen below the length), headers with bad lengths (IHL below
 * 5, total length beyond the frame) and random bytes.
 * Usage: gencap FILE [frames [seed]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pcap/pcap.h>

static uint32_t rng = 1;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static const uint32_t ips[] = { 0xc00c4501, 0x0a000001, 0x0a000002, 0xc0a80101, 0x7f000001 };
static const uint16_t ports[] = { 53, 80, 1234, 4321, 22, 25, 8080, 443, 7, 9, 2049 };
#define PICK(a) a[rnd() % (sizeof a / sizeof a[0])]

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }

/* One frame into f; its length on the wire. */
static uint32_t frame(uint8_t *f)
{
	uint32_t kind = rnd() % 20, l2 = 14, ihl = 5, len;
	uint8_t *ip;

	for (int i = 0; i < 1514; i++)
		f[i] = (uint8_t)rnd();
	if (kind == 0)
		return 14 + rnd() % 80;                          /* random bytes */
	if (kind <= 2) {                                         /* VLAN tag */
		put16(f + 12, 0x8100);
		l2 = 18;
	}
	if (kind == 3) {
		put16(f + 12, 0x0806);                           /* ARP */
		return 42;
	}
	if (kind == 4) {
		put16(f + l2 - 2, 0x86dd);                       /* IPv6, UDP or TCP */
		f[l2 + 6] = rnd() % 2 ? 17 : 6;
		put16(f + l2 + 40, PICK(ports));
		put16(f + l2 + 42, PICK(ports));
		return l2 + 40 + 20;
	}
	put16(f + l2 - 2, 0x0800);
	ip = f + l2;
	if (kind == 5)
		ihl = 6 + rnd() % 10;                            /* IP options */
	if (kind == 6)
		ihl = rnd() % 5;                                 /* bad header length */
	ip[0] = (uint8_t)(0x40 | ihl);
	ip[9] = rnd() % 3 ? 6 : (rnd() % 2 ? 17 : 1);
	put16(ip + 6, kind == 7 ? (rnd() % 2 ? 0x2000 : 0) | (1 + rnd() % 0x1fff) : (rnd() % 2 ? 0x4000 : 0));
	put32(ip + 12, PICK(ips));
	put32(ip + 16, PICK(ips));
	len = l2 + 4 * (ihl < 5 ? 5 : ihl) + 20 + rnd() % 40;
	put16(ip + 2, kind == 8 ? 1500 + rnd() % 100 : len - l2);   /* bad total length */
	put16(ip + 4 * ihl, PICK(ports));
	put16(ip + 4 * ihl + 2, PICK(ports));
	return len < 60 ? 60 : len;
}

int main(int argc, char **argv)
{
	static uint8_t f[1514];
	pcap_t *p;
	pcap_dumper_t *dp;
	int n = argc > 2 ? atoi(argv[2]) : 1000;

	if (argc < 2) {
		fprintf(stderr, "usage: gencap FILE [frames [seed]]\n");
		return 1;
	}
	rng = argc > 3 ? (uint32_t)strtoul(argv[3], 0, 0) | 1 : 7;
	if (!(p = pcap_open_dead(DLT_EN10MB, 65535)) || !(dp = pcap_dump_open(p, argv[1]))) {
		fprintf(stderr, "gencap: %s: %s\n", argv[1], p ? pcap_geterr(p) : "pcap_open_dead failed");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		struct pcap_pkthdr h = { { i, 0 }, 0, frame(f) };
		h.caplen = h.len;
		if (rnd() % 6 == 0)
			h.caplen = rnd() % (h.len + 1);                  /* cut short */
		pcap_dump((u_char *)dp, &h, f);
	}
	pcap_dump_close(dp);
	pcap_close(p);
	return 0;
}
