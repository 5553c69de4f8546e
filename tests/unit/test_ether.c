/*
 * test_ether.c: the testmips Ethernet (hw/testmips.h ETH_*).  GXemul's
 * registers as its dev_ether.cc defines them; the wire's timing to the
 * cycle (10 Mb/s at 25 MHz: 2.5 cycles a bit; a frame is its preamble
 * of 8 bytes and at least 64 bytes with the FCS, then a gap of 96 bits);
 * arrivals from a replayed capture at their cycle and the interrupt;
 * the descriptor rings of exosim's extension, their errors and counters;
 * the device in snapshots; bad configurations refused.
 *
 * Frames come in through --net pcap-in (captures this file writes) and
 * go out through --net pcap-out (read back with libpcap), the public
 * way; expected cycles come from the wire's arithmetic above.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

#define HI(pa) (((pa) | 0xa0000000u) >> 16)
#define SPIN_PA 0x3000u
#define RING_PA 0x10000u         /* rx ring; tx ring at +0x100 */
#define FRAMES_PA 0x20000u       /* buffers, 2 KiB each */
/* Cycles on the wire at 10 Mb/s and 25 MHz (2.5 cycles a bit). */
#define WIRE(bytes) ((((bytes) + 4 < 64 ? 64 : (bytes) + 4) + 8) * 8 * 5 / 2)
#define GAP (96 * 5 / 2)

static const uint8_t our_mac[6] = { 0x10, 0x20, 0x30, 0x00, 0x00, 0x10 };

/* A capture of n frames, frame i at t_us[i] to dst[i], len[i] bytes of
 * (i * 16 + k) after the header; its path into `path`. */
static void make_capture(char *path, int n, const uint32_t *t_us, const uint8_t (*dst)[6],
                         const uint32_t *len)
{
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");
	const uint32_t hdr[6] = { 0xa1b2c3d4, 2 | 4 << 16, 0, 0, 65535, 1 };

	ck_assert_ptr_nonnull(f);
	fwrite(hdr, 4, 6, f);
	for (int i = 0; i < n; i++) {
		uint32_t rec[4] = { 1000 + t_us[i] / 1000000, t_us[i] % 1000000, len[i], len[i] };
		uint8_t fr[ETH_FRAME_MAX];
		memcpy(fr, dst[i], 6);
		memcpy(fr + 6, "\x02\x00\x00\x00\x00\x01\x88\xb5", 8);
		for (uint32_t k = 14; k < len[i]; k++)
			fr[k] = (uint8_t)(i * 16 + k);
		fwrite(rec, 4, 4, f);
		fwrite(fr, 1, len[i], f);
	}
	fclose(f);
}

static struct machine *ether_machine(const char *in, const char *out)
{
	struct sim_config cfg;
	char err[256];
	struct machine *m;
	const uint32_t spin[] = { a_addiu(T9, T9, 1), a_beq(ZERO, ZERO, -2), a_nop() };

	sim_config_default(&cfg);
	cfg.mem_size = 4u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.net_pcap_in = in;
	cfg.net_pcap_out = out;
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	machine_cp0_write(m, CP0_STATUS, 0);
	um_put(m, SPIN_PA, spin, 3);
	return m;
}

/* Let virtual time pass up to `cycle` in a loop that touches nothing. */
static void spin_to(struct machine *m, uint64_t cycle)
{
	struct cpu_state *c = machine_cpu(m);

	c->pc = KSEG0_BASE | SPIN_PA;
	c->npc = c->pc + 4;
	c->delay_slot = 0;
	ck_assert_int_eq(machine_run(m, cycle), STOP_CYCLE_LIMIT);
	ck_assert_uint_eq(c->cycle, cycle);
}

/* Run n words of code from CODE_VA, one step each (RUN: with T0 the
 * device's base first and a nop last, for the last load's delay). */
static void run_code(struct machine *m, const uint32_t *w, size_t n)
{
	struct cpu_state *c = machine_cpu(m);

	um_put(m, CODE_PA, w, n);
	c->pc = CODE_VA;
	c->npc = CODE_VA + 4;
	c->delay_slot = 0;
	um_step(m, (int)n);
}
#define RUN(m, ...) do { \
	const uint32_t w_[] = { a_lui(T0, HI(ETH_BASE)), __VA_ARGS__, a_nop() }; \
	run_code((m), w_, sizeof w_ / 4); \
} while (0)

static bool irq3(struct machine *m)
{
	return (machine_cp0_read(m, CP0_CAUSE) & CAUSE_IP(ETH_IRQ)) != 0;
}

/* GXemul's registers: MAC to memory, LENGTH clamped, STATUS, COMMAND and
 * MAC read 0, the buffer by byte, half and word; the extension's id and
 * MAC words. */
START_TEST(test_ether_gxemul_registers)
{
	struct machine *m = ether_machine(NULL, NULL);
	struct cpu_state *c = machine_cpu(m);
	uint8_t mac[8];

	um_poke(m, DATA_PA + 4, 0xeeeeeeee);
	RUN(m, a_lui(T1, DATA_VA >> 16), a_ori(T1, T1, DATA_VA & 0xffff),
	    a_sw(T1, ETH_MAC, T0),
	    a_lw(S0, ETH_STATUS, T0), a_lui(T1, 0x5000 >> 16), a_ori(T1, T1, 0x5000),
	    a_sw(T1, ETH_LENGTH, T0), a_lw(S1, ETH_LENGTH, T0),
	    a_lw(S2, ETH_COMMAND, T0), a_lw(S3, ETH_MAC, T0),
	    a_addiu(T1, ZERO, 0x1234), a_sh(T1, 0x3ffe, T0), a_sb(T1, 0x10, T0),
	    a_lw(S4, 0x3ffc, T0), a_lbu(S5, 0x10, T0), a_lw(S6, ETH_X_ID, T0),
	    a_lw(S7, ETH_X_MAC_LO, T0), a_lw(T8, ETH_X_MAC_HI, T0));
	ck_assert_int_eq(machine_read_phys(m, DATA_PA, mac, 8), 0);
	ck_assert_mem_eq(mac, our_mac, 6);
	ck_assert_uint_eq(mac[6], 0xee);
	ck_assert_uint_eq(c->r[S0], 0);
	ck_assert_uint_eq(c->r[S1], ETH_BUFFER_SIZE);
	ck_assert_uint_eq(c->r[S2], 0);
	ck_assert_uint_eq(c->r[S3], 0);
	ck_assert_uint_eq(c->r[S4], 0x12340000);
	ck_assert_uint_eq(c->r[S5], 0x34);
	ck_assert_uint_eq(c->r[S6], ETH_X_MAGIC);
	ck_assert_uint_eq(c->r[S7], 0x00302010);
	ck_assert_uint_eq(c->r[T8], 0x1000);
	ck_assert(!irq3(m));
	machine_free(m);
}
END_TEST

/* The records of a capture: their times in cycles at 25 MHz (40 ns)
 * and lengths; their number. */
static int read_capture(const char *path, uint64_t *cyc, uint32_t *len, int max)
{
	char eb[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, eb);
	struct pcap_pkthdr *h;
	const u_char *d;
	int n = 0;

	ck_assert_msg(p != NULL, "%s", eb);
	while (n < max && pcap_next_ex(p, &h, &d) == 1) {
		uint64_t ns = (uint64_t)h->ts.tv_sec * 1000000000u + (uint64_t)h->ts.tv_usec;
		ck_assert_uint_eq(ns % 40, 0);
		cyc[n] = ns / 40;
		len[n++] = h->len;
	}
	pcap_close(p);
	return n;
}

/* Three frames sent at once: the first starts at the store, each next
 * one when the previous one and its gap have passed; a frame shorter
 * than a header and an unknown command are errors, not sent. */
START_TEST(test_ether_tx_wire_timing)
{
	char out[] = "/tmp/exosim-ether-XXXXXX";
	int fd = mkstemp(out);
	struct machine *m;
	struct cpu_state *c;
	uint64_t cyc[4];
	uint32_t len[4];

	close(fd);
	m = ether_machine(NULL, out);
	c = machine_cpu(m);
	RUN(m, a_addiu(T1, ZERO, 60), a_sw(T1, ETH_LENGTH, T0), a_addiu(T2, ZERO, ETH_CMD_TX),
	    a_sw(T2, ETH_COMMAND, T0),                  /* 60 bytes at cycle 4 */
	    a_addiu(T1, ZERO, 1514), a_sw(T1, ETH_LENGTH, T0), a_sw(T2, ETH_COMMAND, T0),
	    a_addiu(T1, ZERO, 100), a_sw(T1, ETH_LENGTH, T0), a_sw(T2, ETH_COMMAND, T0),
	    a_addiu(T1, ZERO, 13), a_sw(T1, ETH_LENGTH, T0), a_sw(T2, ETH_COMMAND, T0),
	    a_addiu(T1, ZERO, 7), a_sw(T1, ETH_COMMAND, T0),
	    a_lw(S0, ETH_X_CNT_TX_FRAMES, T0), a_lw(S1, ETH_X_CNT_TX_BYTES, T0),
	    a_lw(S2, ETH_X_CNT_ERRORS, T0));
	ck_assert_uint_eq(c->r[S0], 3);
	ck_assert_uint_eq(c->r[S1], 60 + 1514 + 100);
	ck_assert_uint_eq(c->r[S2], 2);
	machine_free(m);
	ck_assert_int_eq(read_capture(out, cyc, len, 4), 3);
	ck_assert_uint_eq(len[0], 60);
	ck_assert_uint_eq(len[1], 1514);
	ck_assert_uint_eq(len[2], 100);
	ck_assert_uint_eq(cyc[0], 4);
	ck_assert_uint_eq(WIRE(60), 1440);        /* 72 bytes, 576 bits */
	ck_assert_uint_eq(cyc[1], cyc[0] + WIRE(60) + GAP);
	ck_assert_uint_eq(cyc[2], cyc[1] + WIRE(1514) + GAP);
	unlink(out);
}
END_TEST

/* Replayed frames, times after the capture's first (for another
 * address, ignored): for us at 100 us (cycle 2500), for another address
 * at 150 us (ignored), broadcast at 200 us (cycle 5000).  IRQ 3 rises at
 * the arrival's cycle; STATUS has MORE; reading it clears it and the
 * line; each receive takes the oldest frame. */
START_TEST(test_ether_rx_gxemul)
{
	char in[] = "/tmp/exosim-ether-XXXXXX";
	const uint32_t t[4] = { 0, 100, 150, 200 }, len[4] = { 60, 60, 70, 80 };
	const uint8_t dst[4][6] = { { 0x10, 0x20, 0x30, 0, 0, 0x12 },
	                            { 0x10, 0x20, 0x30, 0, 0, 0x10 }, { 0x10, 0x20, 0x30, 0, 0, 0x12 },
	                            { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
	struct machine *m;
	struct cpu_state *c;

	make_capture(in, 4, t, dst, len);
	m = ether_machine(in, NULL);
	c = machine_cpu(m);
	spin_to(m, 2499);
	ck_assert(!irq3(m));
	spin_to(m, 2500);
	ck_assert(irq3(m));
	spin_to(m, 6000);
	RUN(m, a_lw(S0, ETH_STATUS, T0), a_lw(S1, ETH_STATUS, T0),
	    a_sw(ZERO, ETH_COMMAND, T0), a_lw(S2, ETH_STATUS, T0), a_lw(S3, ETH_LENGTH, T0),
	    a_lbu(S4, 20, T0),
	    a_sw(ZERO, ETH_COMMAND, T0), a_lw(S5, ETH_STATUS, T0), a_lw(S6, ETH_LENGTH, T0),
	    a_lbu(S7, 20, T0),
	    a_sw(ZERO, ETH_COMMAND, T0), a_lw(T8, ETH_STATUS, T0),
	    a_lw(T9, ETH_X_CNT_RX_FRAMES, T0));
	ck_assert_uint_eq(c->r[S0], ETH_STATUS_MORE);
	ck_assert_uint_eq(c->r[S1], 0);
	ck_assert_uint_eq(c->r[S2], ETH_STATUS_RECEIVED | ETH_STATUS_MORE);
	ck_assert_uint_eq(c->r[S3], 60);
	ck_assert_uint_eq(c->r[S4], 1 * 16 + 20);
	ck_assert_uint_eq(c->r[S5], ETH_STATUS_RECEIVED);
	ck_assert_uint_eq(c->r[S6], 80);
	ck_assert_uint_eq(c->r[S7], 3 * 16 + 20);
	ck_assert_uint_eq(c->r[T8], 0);
	ck_assert_uint_eq(c->r[T9], 2);
	ck_assert(!irq3(m));
	machine_free(m);
	unlink(in);
}
END_TEST

/* GXemul's tick: a STATUS read clears the line while a frame still
 * waits; MORE and IRQ 3 come back 16384 cycles (2^14, GXemul's tick
 * period) after the read, unless a command came first. */
START_TEST(test_ether_status_tick)
{
	char in[] = "/tmp/exosim-ether-XXXXXX";
	const uint32_t t[2] = { 0, 100 }, len[2] = { 60, 60 };
	const uint8_t dst[2][6] = { { 0x10, 0x20, 0x30, 0, 0, 0x12 }, { 0x10, 0x20, 0x30, 0, 0, 0x10 } };
	struct machine *m;
	struct cpu_state *c;
	uint64_t read_at;

	make_capture(in, 2, t, dst, len);
	m = ether_machine(in, NULL);
	c = machine_cpu(m);
	spin_to(m, 3000);
	ck_assert(irq3(m));
	read_at = c->cycle + 1;                 /* the load is the 2nd instruction */
	RUN(m, a_lw(S0, ETH_STATUS, T0));
	ck_assert_uint_eq(c->r[S0], ETH_STATUS_MORE);
	ck_assert(!irq3(m));
	spin_to(m, read_at + 16383);
	ck_assert(!irq3(m));
	spin_to(m, read_at + 16384);
	ck_assert(irq3(m));
	RUN(m, a_lw(S0, ETH_STATUS, T0));
	ck_assert_uint_eq(c->r[S0], ETH_STATUS_MORE);
	machine_free(m);
	unlink(in);
}
END_TEST

/* A descriptor: buffer, size, flags. */
static void desc(struct machine *m, uint32_t pa, uint32_t buf, uint32_t size, uint32_t flags)
{
	um_poke(m, pa + ETH_DESC_ADDR, buf);
	um_poke(m, pa + ETH_DESC_SIZEW, size);
	um_poke(m, pa + ETH_DESC_FLAGS, flags);
	um_poke(m, pa + ETH_DESC_STAMP, 0);
}

/* The rx ring: three descriptors, the second too small.  Frames at
 * 100, 200, 300 and 400 us: the first into descriptor 0 stamped with
 * its arrival cycle, the second gives descriptor 1 back with ERR, the
 * third into descriptor 2, the fourth finds no descriptor (overflow).
 * (The capture's first frame, at time 0, is for another address.) */
START_TEST(test_ether_rx_ring)
{
	char in[] = "/tmp/exosim-ether-XXXXXX";
	const uint32_t t[5] = { 0, 100, 200, 300, 400 }, len[5] = { 60, 60, 200, 90, 61 };
	const uint8_t dst[5][6] = { { 0x10, 0x20, 0x30, 0, 0, 0x12 },
	                            { 0x10, 0x20, 0x30, 0, 0, 0x10 }, { 0x10, 0x20, 0x30, 0, 0, 0x10 },
	                            { 0x10, 0x20, 0x30, 0, 0, 0x10 }, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
	struct machine *m;
	struct cpu_state *c;
	uint8_t got[90];

	make_capture(in, 5, t, dst, len);
	m = ether_machine(in, NULL);
	c = machine_cpu(m);
	desc(m, RING_PA, FRAMES_PA, 2048, ETH_DESC_OWN);
	desc(m, RING_PA + 16, FRAMES_PA + 2048, 100, ETH_DESC_OWN);
	desc(m, RING_PA + 32, FRAMES_PA + 4096, 2048, ETH_DESC_OWN);
	RUN(m, a_lui(T1, RING_PA >> 16), a_sw(T1, ETH_X_RX_BASE, T0),
	    a_addiu(T1, ZERO, 3), a_sw(T1, ETH_X_RX_COUNT, T0),
	    a_addiu(T1, ZERO, ETH_CTRL_RXRING), a_sw(T1, ETH_X_CTRL, T0),
	    a_addiu(T1, ZERO, ETH_INTR_RX), a_sw(T1, ETH_X_IMASK, T0));
	spin_to(m, 2499);
	ck_assert(!irq3(m));
	spin_to(m, 2500);
	ck_assert(irq3(m));
	ck_assert_uint_eq(um_word(m, RING_PA + ETH_DESC_FLAGS), ETH_DESC_DONE | 60);
	ck_assert_uint_eq(um_word(m, RING_PA + ETH_DESC_STAMP), 2500);
	ck_assert_int_eq(machine_read_phys(m, FRAMES_PA, got, 60), 0);
	ck_assert_uint_eq(got[0], 0x10);
	ck_assert_uint_eq(got[59], (uint8_t)(1 * 16 + 59));
	spin_to(m, 11000);
	ck_assert_uint_eq(um_word(m, RING_PA + 16 + ETH_DESC_FLAGS), ETH_DESC_DONE | ETH_DESC_ERR);
	ck_assert_uint_eq(um_word(m, RING_PA + 32 + ETH_DESC_FLAGS), ETH_DESC_DONE | 90);
	ck_assert_uint_eq(um_word(m, RING_PA + 32 + ETH_DESC_STAMP), 7500);
	ck_assert_int_eq(machine_read_phys(m, FRAMES_PA + 4096, got, 90), 0);
	ck_assert_uint_eq(got[89], (uint8_t)(3 * 16 + 89));
	RUN(m, a_lw(S0, ETH_X_INTR, T0), a_lw(S1, ETH_X_RX_HEAD, T0),
	    a_lw(S2, ETH_X_CNT_RX_FRAMES, T0), a_lw(S3, ETH_X_CNT_RX_BYTES, T0),
	    a_lw(S4, ETH_X_CNT_RX_DROPS, T0), a_lw(S5, ETH_X_CNT_ERRORS, T0),
	    a_addiu(T1, ZERO, 15), a_sw(T1, ETH_X_INTR, T0), a_lw(S6, ETH_X_INTR, T0),
	    a_lw(S7, ETH_STATUS, T0));
	ck_assert_uint_eq(c->r[S0], ETH_INTR_RX | ETH_INTR_ERR | ETH_INTR_RXOVF);
	ck_assert_uint_eq(c->r[S1], 0);
	ck_assert_uint_eq(c->r[S2], 2);
	ck_assert_uint_eq(c->r[S3], 150);
	ck_assert_uint_eq(c->r[S4], 2);        /* the bad descriptor's frame, the overflow */
	ck_assert_uint_eq(c->r[S5], 1);
	ck_assert_uint_eq(c->r[S6], 0);
	ck_assert_uint_eq(c->r[S7], 0);       /* nothing went to the GXemul buffer */
	ck_assert(!irq3(m));
	machine_free(m);
	unlink(in);
}
END_TEST

/* The tx ring: a good frame, a descriptor whose buffer lies outside
 * RAM, another good one.  The first is sent at the kick and given back
 * when its last bit has left, stamped with that cycle; the bad one is
 * given back with ERR at once; the third starts after the gap. */
START_TEST(test_ether_tx_ring)
{
	char out[] = "/tmp/exosim-ether-XXXXXX";
	int fd = mkstemp(out);
	const uint32_t tx = RING_PA + 0x100;
	struct machine *m;
	struct cpu_state *c;
	uint64_t cyc[4], kick, c0;
	uint32_t len[4];

	close(fd);
	m = ether_machine(NULL, out);
	c = machine_cpu(m);
	desc(m, tx, FRAMES_PA, 60, ETH_DESC_OWN);
	desc(m, tx + 16, 0x7ffff000, 60, ETH_DESC_OWN);
	desc(m, tx + 32, FRAMES_PA + 2048, 1000, ETH_DESC_OWN);
	desc(m, tx + 48, FRAMES_PA, 60, 0);                 /* the driver's, not sent */
	c0 = c->cycle;
	RUN(m, a_lui(T1, RING_PA >> 16), a_ori(T1, T1, 0x100), a_sw(T1, ETH_X_TX_BASE, T0),
	    a_addiu(T1, ZERO, 4), a_sw(T1, ETH_X_TX_COUNT, T0),
	    a_addiu(T1, ZERO, ETH_INTR_TXDONE), a_sw(T1, ETH_X_IMASK, T0),
	    a_sw(ZERO, ETH_X_TX_KICK, T0));
	kick = c0 + 8;                      /* the store's cycle: 9th instruction */
	spin_to(m, kick + WIRE(60) - 1);
	ck_assert_uint_eq(um_word(m, tx + ETH_DESC_FLAGS), ETH_DESC_OWN);
	spin_to(m, kick + WIRE(60));
	ck_assert_uint_eq(um_word(m, tx + ETH_DESC_FLAGS), ETH_DESC_DONE);
	ck_assert_uint_eq(um_word(m, tx + ETH_DESC_STAMP), kick + WIRE(60));
	ck_assert(irq3(m));
	spin_to(m, kick + 100000);
	ck_assert_uint_eq(um_word(m, tx + 16 + ETH_DESC_FLAGS), ETH_DESC_DONE | ETH_DESC_ERR);
	ck_assert_uint_eq(um_word(m, tx + 32 + ETH_DESC_FLAGS), ETH_DESC_DONE);
	ck_assert_uint_eq(um_word(m, tx + 48 + ETH_DESC_FLAGS), 0);
	RUN(m, a_lw(S0, ETH_X_TX_HEAD, T0), a_lw(S1, ETH_X_CNT_TX_FRAMES, T0),
	    a_lw(S2, ETH_X_CNT_ERRORS, T0), a_lw(S3, ETH_X_INTR, T0));
	ck_assert_uint_eq(c->r[S0], 3);
	ck_assert_uint_eq(c->r[S1], 2);
	ck_assert_uint_eq(c->r[S2], 1);
	ck_assert_uint_eq(c->r[S3], ETH_INTR_TXDONE | ETH_INTR_ERR);
	machine_free(m);
	ck_assert_int_eq(read_capture(out, cyc, len, 4), 2);
	ck_assert_uint_eq(cyc[0], kick);
	ck_assert_uint_eq(len[1], 1000);
	ck_assert_uint_eq(cyc[1], cyc[0] + WIRE(60) + GAP);
	unlink(out);
}
END_TEST

/* A snapshot taken before a frame arrives: restored, the frame arrives
 * again at the same cycle with the same bytes. */
START_TEST(test_ether_in_snapshot)
{
	char in[] = "/tmp/exosim-ether-XXXXXX";
	const uint32_t t[2] = { 0, 100 }, len[2] = { 60, 60 };
	const uint8_t dst[2][6] = { { 0x10, 0x20, 0x30, 0, 0, 0x12 }, { 0x10, 0x20, 0x30, 0, 0, 0x10 } };
	struct machine *m;
	struct cpu_state *c;
	struct snapshot *s;

	make_capture(in, 2, t, dst, len);
	m = ether_machine(in, NULL);
	c = machine_cpu(m);
	spin_to(m, 1000);
	s = machine_save(m);
	ck_assert_ptr_nonnull(s);
	for (int pass = 0; pass < 2; pass++) {
		spin_to(m, 3000);
		ck_assert(irq3(m));
		RUN(m, a_sw(ZERO, ETH_COMMAND, T0), a_lw(S0, ETH_STATUS, T0), a_lw(S1, ETH_LENGTH, T0),
		    a_lw(S2, ETH_X_CNT_RX_FRAMES, T0));
		ck_assert_uint_eq(c->r[S0], ETH_STATUS_RECEIVED);
		ck_assert_uint_eq(c->r[S1], 60);
		ck_assert_uint_eq(c->r[S2], 1);
		machine_restore(m, s);
		ck_assert_uint_eq(c->cycle, 1000);
		ck_assert(!irq3(m));
	}
	snapshot_free(s);
	machine_free(m);
	unlink(in);
}
END_TEST

/* machine_new refuses a speed of 0, a missing capture, a link no one
 * serves. */
START_TEST(test_ether_bad_config)
{
	struct sim_config cfg;
	char err[256];

	sim_config_default(&cfg);
	cfg.console_echo = false;
	cfg.net_speed = 0;
	ck_assert_ptr_null(machine_new(&cfg, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "speed"));
	sim_config_default(&cfg);
	cfg.console_echo = false;
	cfg.net_pcap_in = "/nonexistent/x.pcap";
	ck_assert_ptr_null(machine_new(&cfg, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "pcap-in"));
	sim_config_default(&cfg);
	cfg.console_echo = false;
	cfg.net_link = "/nonexistent/socket";
	ck_assert_ptr_null(machine_new(&cfg, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "cannot connect"));
}
END_TEST

Suite *ether_suite(void)
{
	Suite *s = suite_create("ether");

	UM_TEST(s, test_ether_gxemul_registers);
	UM_TEST(s, test_ether_tx_wire_timing);
	UM_TEST(s, test_ether_rx_gxemul);
	UM_TEST(s, test_ether_status_tick);
	UM_TEST(s, test_ether_rx_ring);
	UM_TEST(s, test_ether_tx_ring);
	UM_TEST(s, test_ether_in_snapshot);
	UM_TEST(s, test_ether_bad_config);
	return s;
}
