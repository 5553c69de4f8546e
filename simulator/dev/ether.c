/*
 * dev/ether.c: the testmips Ethernet, GXemul's "ether" device register
 * for register, and exosim's extension of it: descriptor rings in guest
 * RAM with DMA, interrupt causes and counters (hw/testmips.h gives the
 * registers, docs/NET.md the model and the differences from GXemul).
 *
 * Time is virtual.  A frame occupies the wire for its preamble, its
 * bytes padded to the 64-byte minimum with the FCS, at cfg.net_speed;
 * the interframe gap follows.  Frames that arrive from the connections
 * (net.c) wait in the device state until their arrival cycle; frames
 * replayed from a capture are taken at their cycle by index.  Every
 * piece of guest-visible state lives in struct ether, so snapshots
 * (reverse execution) carry it; what went out to the connections, like
 * console output, is not rewound.
 */
#include <stdlib.h>
#include <string.h>

#include "dev.h"

#define ETH_INFLIGHT 32          /* frames on their way to the NIC */
#define ETH_RXQ 16               /* received frames waiting for ETH_CMD_RX */
#define ETH_GAP_BITS 96          /* interframe gap */
#define ETH_PREAMBLE 8           /* preamble and start delimiter, bytes */
#define ETH_MIN_FRAME 64         /* minimum frame with FCS, bytes */
#define ETH_FCS 4
#define ETH_TICK 16384           /* GXemul's tick: 2^DEV_ETHER_TICK_SHIFT cycles */

enum { C_RX_FRAMES, C_RX_BYTES, C_TX_FRAMES, C_TX_BYTES, C_RX_DROPS, C_ERRORS, C_N };

struct eth_frame {
	uint64_t arrive;         /* cycle its last bit reaches the NIC */
	uint32_t len;
	uint8_t data[ETH_FRAME_MAX];
};

struct ether {
	/* GXemul's registers. */
	uint8_t buf[ETH_BUFFER_SIZE];
	uint32_t status, length;
	/* The extension's. */
	uint32_t ctrl, intr, imask;
	uint32_t rx_base, rx_count, rx_head;
	uint32_t tx_base, tx_count, tx_head;
	uint32_t cnt[C_N];
	/* The wire and the events. */
	uint64_t wire_free;      /* first cycle the wire is free again */
	uint64_t tx_done;        /* the ring frame on the wire ends, or UINT64_MAX */
	bool tx_look;            /* the tx ring may hold descriptors to send */
	uint64_t reraise;        /* GXemul's tick after a STATUS read, or UINT64_MAX */
	uint32_t replay_next;    /* the next frame of the replayed capture */
	uint32_t ninflight, nwaiting;
	struct eth_frame inflight[ETH_INFLIGHT];   /* by arrival cycle */
	struct eth_frame waiting[ETH_RXQ];         /* arrived, oldest first */
	uint8_t mac[6];
	int timer;
};

uint64_t ether_frame_bits(uint32_t len)
{
	uint32_t bytes = len + ETH_FCS < ETH_MIN_FRAME ? ETH_MIN_FRAME : len + ETH_FCS;
	return (uint64_t)(ETH_PREAMBLE + bytes) * 8;
}

/* Cycles that `bits` take on the wire, rounded up. */
static uint64_t wire_cycles(const struct machine *m, uint64_t bits)
{
	unsigned __int128 x = (unsigned __int128)bits * m->cfg.clock_hz;
	return (uint64_t)((x + m->cfg.net_speed - 1) / m->cfg.net_speed);
}

static void update_irq(struct machine *m, struct ether *e)
{
	machine_set_irq(m, ETH_IRQ, e->status != 0 || (e->intr & e->imask) != 0);
}

/* The next cycle at which something happens, for the timer. */
static void schedule(struct machine *m, struct ether *e)
{
	uint64_t due = e->tx_done, t;
	const uint8_t *f;
	uint32_t len;

	if (e->tx_done == UINT64_MAX && e->tx_look && e->wire_free < due)
		due = e->wire_free;
	if (e->ninflight && e->inflight[0].arrive < due)
		due = e->inflight[0].arrive;
	if (net_replay(m, e->replay_next, &t, &f, &len) && t < due)
		due = t;
	if (e->reraise < due)
		due = e->reraise;
	timer_set(m, e->timer, due);
}

static uint32_t rd32(struct machine *m, uint32_t pa)
{
	uint32_t v = 0;
	machine_read_phys(m, pa, &v, 4);
	return v;
}

static void wr32(struct machine *m, uint32_t pa, uint32_t v)
{
	machine_write_phys(m, pa, &v, 4);
}

/* Is [pa, pa + n) wholly in RAM (n > 0)? */
static bool in_ram(const struct machine *m, uint32_t pa, uint32_t n)
{
	return n && pa < m->ram_size && n <= m->ram_size - pa;
}

/* Give a descriptor back: flags, the stamp (the cycle the frame
 * arrived, or its last bit left), the head advanced. */
static void desc_done(struct machine *m, uint32_t d, uint32_t flags, uint64_t stamp,
                      uint32_t *head, uint32_t count)
{
	wr32(m, d + ETH_DESC_STAMP, (uint32_t)stamp);
	wr32(m, d + ETH_DESC_FLAGS, flags);
	*head = (*head + 1) % count;
}

/* The descriptor at index i of a ring, or 0 when it is not in RAM. */
static uint32_t desc_at(const struct machine *m, uint32_t base, uint32_t i)
{
	uint32_t d = base + i * ETH_DESC_SIZE;
	return (base & 15) || d < base || !in_ram(m, d, ETH_DESC_SIZE) ? 0 : d;
}

/* ---- Receiving -------------------------------------------------------- */

/* A frame for us into the rx ring by DMA. */
static void ring_receive(struct machine *m, struct ether *e, const uint8_t *f, uint32_t len,
                         uint64_t when)
{
	uint32_t d = desc_at(m, e->rx_base, e->rx_head), addr, size;

	if (!d) {
		e->cnt[C_ERRORS]++;
		e->cnt[C_RX_DROPS]++;
		e->intr |= ETH_INTR_ERR;
		return;
	}
	if (!(rd32(m, d + ETH_DESC_FLAGS) & ETH_DESC_OWN)) {
		e->cnt[C_RX_DROPS]++;
		e->intr |= ETH_INTR_RXOVF;
		dev_event(m, "ether", "rx-overflow", len);
		return;
	}
	addr = rd32(m, d + ETH_DESC_ADDR);
	size = rd32(m, d + ETH_DESC_SIZEW);
	if (size < len || !in_ram(m, addr, len)) {
		e->cnt[C_ERRORS]++;
		e->cnt[C_RX_DROPS]++;
		e->intr |= ETH_INTR_ERR;
		desc_done(m, d, ETH_DESC_DONE | ETH_DESC_ERR, when, &e->rx_head, e->rx_count);
		return;
	}
	machine_write_phys(m, addr, f, len);
	desc_done(m, d, ETH_DESC_DONE | len, when, &e->rx_head, e->rx_count);
	e->intr |= ETH_INTR_RX;
	e->cnt[C_RX_FRAMES]++;
	e->cnt[C_RX_BYTES] += len;
}

/* For us: our address, broadcast or multicast (bit 0 of the first
 * byte), or anything when promiscuous. */
static bool for_us(const struct ether *e, const uint8_t *f)
{
	return (e->ctrl & ETH_CTRL_PROMISC) || (f[0] & 1) || memcmp(f, e->mac, 6) == 0;
}

/* A frame's last bit reached the NIC at cycle `when` (the device
 * takes it at the next instruction boundary, now). */
static void arrive(struct machine *m, struct ether *e, const uint8_t *f, uint32_t len,
                   uint64_t when)
{
	net_received(m, f, len, when);
	if (len < ETH_FRAME_MIN || len > ETH_FRAME_MAX) {
		e->cnt[C_ERRORS]++;
		return;
	}
	if (!for_us(e, f))
		return;
	dev_event(m, "ether", "rx", len);
	if ((e->ctrl & ETH_CTRL_RXRING) && e->rx_count) {
		ring_receive(m, e, f, len, when);
		return;
	}
	if (e->nwaiting == ETH_RXQ) {
		e->cnt[C_RX_DROPS]++;
		e->intr |= ETH_INTR_RXOVF;
		return;
	}
	e->waiting[e->nwaiting].arrive = when;
	e->waiting[e->nwaiting].len = len;
	memcpy(e->waiting[e->nwaiting].data, f, len);
	e->nwaiting++;
	e->cnt[C_RX_FRAMES]++;
	e->cnt[C_RX_BYTES] += len;
	e->status |= ETH_STATUS_MORE;
}

bool ether_deliver(struct machine *m, const uint8_t *f, uint32_t len, uint64_t when)
{
	struct ether *e = m->ether->state;
	uint32_t i;

	if (len > ETH_FRAME_MAX || e->ninflight == ETH_INFLIGHT) {
		e->cnt[len > ETH_FRAME_MAX ? C_ERRORS : C_RX_DROPS]++;
		return false;
	}
	/* After every frame due no later: equal times keep their order. */
	for (i = e->ninflight; i > 0 && e->inflight[i - 1].arrive > when; i--)
		e->inflight[i] = e->inflight[i - 1];
	e->inflight[i].arrive = when;
	e->inflight[i].len = len;
	memcpy(e->inflight[i].data, f, len);
	e->ninflight++;
	schedule(m, e);
	return true;
}

/* ETH_CMD_RX: the oldest waiting frame into the buffer. */
static void command_rx(struct machine *m, struct ether *e)
{
	e->status &= ~(uint32_t)ETH_STATUS_RECEIVED;
	if (e->nwaiting) {
		memcpy(e->buf, e->waiting[0].data, e->waiting[0].len);
		e->length = e->waiting[0].len;
		e->nwaiting--;
		memmove(e->waiting, e->waiting + 1, e->nwaiting * sizeof e->waiting[0]);
		e->status |= ETH_STATUS_RECEIVED;
	}
}

/* ---- Sending ---------------------------------------------------------- */

/* Put a frame on the wire as soon as it is free; returns the cycle its
 * last bit leaves. */
static uint64_t wire_send(struct machine *m, struct ether *e, const uint8_t *f, uint32_t len)
{
	uint64_t start = e->wire_free > m->cpu.cycle ? e->wire_free : m->cpu.cycle;
	uint64_t bits = ether_frame_bits(len);
	uint64_t end = start + wire_cycles(m, bits);

	e->wire_free = start + wire_cycles(m, bits + ETH_GAP_BITS);
	e->cnt[C_TX_FRAMES]++;
	e->cnt[C_TX_BYTES] += len;
	dev_event(m, "ether", "tx", len);
	net_send(m, f, len, start, end);
	return end;
}

/* ETH_CMD_TX: LENGTH bytes of the buffer. */
static void command_tx(struct machine *m, struct ether *e)
{
	e->status &= ~(uint32_t)ETH_STATUS_RECEIVED;
	if (e->length < ETH_FRAME_MIN || e->length > ETH_FRAME_MAX) {
		e->cnt[C_ERRORS]++;
		return;
	}
	wire_send(m, e, e->buf, e->length);
}

/* The wire is free: send the next descriptor the device owns, giving
 * bad ones back with ERR on the way. */
static void ring_transmit(struct machine *m, struct ether *e)
{
	uint8_t frame[ETH_FRAME_MAX];

	while (e->tx_count) {
		uint32_t d = desc_at(m, e->tx_base, e->tx_head), addr, len;

		if (!d) {
			e->cnt[C_ERRORS]++;
			e->intr |= ETH_INTR_ERR;
			break;
		}
		if (!(rd32(m, d + ETH_DESC_FLAGS) & ETH_DESC_OWN))
			break;
		addr = rd32(m, d + ETH_DESC_ADDR);
		len = rd32(m, d + ETH_DESC_SIZEW);
		if (len < ETH_FRAME_MIN || len > ETH_FRAME_MAX || !in_ram(m, addr, len)) {
			e->cnt[C_ERRORS]++;
			e->intr |= ETH_INTR_ERR | ETH_INTR_TXDONE;
			desc_done(m, d, ETH_DESC_DONE | ETH_DESC_ERR, m->cpu.cycle, &e->tx_head,
			          e->tx_count);
			continue;
		}
		machine_read_phys(m, addr, frame, len);
		e->tx_done = wire_send(m, e, frame, len);
		return;
	}
	e->tx_look = false;
}

/* The ring frame on the wire has gone: its descriptor back. */
static void ring_tx_done(struct machine *m, struct ether *e)
{
	uint32_t d = desc_at(m, e->tx_base, e->tx_head);
	uint64_t end = e->tx_done;

	e->tx_done = UINT64_MAX;
	e->tx_look = true;
	if (!d || !e->tx_count)
		return;
	desc_done(m, d, ETH_DESC_DONE, end, &e->tx_head, e->tx_count);
	e->intr |= ETH_INTR_TXDONE;
}

/* ---- Events ----------------------------------------------------------- */

static void ether_fire(struct machine *m, void *ctx)
{
	struct ether *e = ((struct device *)ctx)->state;
	uint64_t now = m->cpu.cycle, t;
	const uint8_t *f;
	uint32_t len;

	if (e->tx_done <= now)
		ring_tx_done(m, e);
	if (e->tx_done == UINT64_MAX && e->tx_look && e->wire_free <= now)
		ring_transmit(m, e);
	while (e->ninflight && e->inflight[0].arrive <= now) {
		struct eth_frame fr = e->inflight[0];
		e->ninflight--;
		memmove(e->inflight, e->inflight + 1, e->ninflight * sizeof e->inflight[0]);
		arrive(m, e, fr.data, fr.len, fr.arrive);
	}
	while (net_replay(m, e->replay_next, &t, &f, &len) && t <= now) {
		e->replay_next++;
		arrive(m, e, f, len, t);
	}
	if (e->reraise <= now) {
		e->reraise = UINT64_MAX;
		if (e->nwaiting)
			e->status |= ETH_STATUS_MORE;
	}
	update_irq(m, e);
	schedule(m, e);
}

/* ---- Registers -------------------------------------------------------- */

static uint32_t ext_read(struct machine *m, struct ether *e, uint32_t off)
{
	if (off >= ETH_X_CNT_RX_FRAMES && off < ETH_X_CNT_RX_FRAMES + 4 * C_N && !(off & 3))
		return e->cnt[(off - ETH_X_CNT_RX_FRAMES) / 4];
	switch (off) {
	case ETH_X_ID: return ETH_X_MAGIC;
	case ETH_X_CTRL: return e->ctrl;
	case ETH_X_INTR: return e->intr;
	case ETH_X_IMASK: return e->imask;
	case ETH_X_MAC_LO: return e->mac[0] | e->mac[1] << 8 | e->mac[2] << 16 |
	                          (uint32_t)e->mac[3] << 24;
	case ETH_X_MAC_HI: return e->mac[4] | e->mac[5] << 8;
	case ETH_X_RX_BASE: return e->rx_base;
	case ETH_X_RX_COUNT: return e->rx_count;
	case ETH_X_RX_HEAD: return e->rx_head;
	case ETH_X_TX_BASE: return e->tx_base;
	case ETH_X_TX_COUNT: return e->tx_count;
	case ETH_X_TX_HEAD: return e->tx_head;
	default: return 0;
	}
}

static int ether_read(struct machine *m, struct device *dv, uint32_t off, int size, uint32_t *val)
{
	struct ether *e = dv->state;

	if (off < ETH_BUFFER_SIZE) {
		*val = size == 1 ? e->buf[off] : size == 2 ? *(uint16_t *)(e->buf + off)
		                                           : *(uint32_t *)(e->buf + off);
		return 0;
	}
	switch (off) {
	case ETH_STATUS:
		/* As GXemul: reading clears; its tick sets MORE again
		 * while frames wait. */
		*val = e->status;
		e->status = 0;
		if (e->nwaiting && e->reraise == UINT64_MAX)
			e->reraise = m->cpu.cycle + ETH_TICK;
		update_irq(m, e);
		schedule(m, e);
		break;
	case ETH_LENGTH: *val = e->length; break;
	default: *val = ext_read(m, e, off); break;
	}
	if (size < 4)
		*val &= (1u << (size * 8)) - 1;
	return 0;
}

/* A store to a ring's BASE or COUNT: the head starts again at 0. */
static void ring_set(uint32_t *reg, uint32_t val, uint32_t *head)
{
	*reg = val;
	*head = 0;
}

static void ext_write(struct machine *m, struct ether *e, uint32_t off, uint32_t val)
{
	switch (off) {
	case ETH_X_CTRL: e->ctrl = val & (ETH_CTRL_RXRING | ETH_CTRL_PROMISC); break;
	case ETH_X_INTR: e->intr &= ~val; break;
	case ETH_X_IMASK: e->imask = val & 15; break;
	case ETH_X_RX_BASE: ring_set(&e->rx_base, val, &e->rx_head); break;
	case ETH_X_RX_COUNT:
		ring_set(&e->rx_count, val > ETH_RING_MAX ? 0 : val, &e->rx_head);
		if (val > ETH_RING_MAX)
			e->cnt[C_ERRORS]++;
		break;
	case ETH_X_TX_BASE: ring_set(&e->tx_base, val, &e->tx_head); break;
	case ETH_X_TX_COUNT:
		ring_set(&e->tx_count, val > ETH_RING_MAX ? 0 : val, &e->tx_head);
		if (val > ETH_RING_MAX)
			e->cnt[C_ERRORS]++;
		break;
	case ETH_X_TX_KICK:
		/* The wire free and no frame of ours on it: send at once. */
		e->tx_look = true;
		if (e->tx_done == UINT64_MAX && e->wire_free <= m->cpu.cycle)
			ring_transmit(m, e);
		break;
	default: break;
	}
}

static int ether_write(struct machine *m, struct device *dv, uint32_t off, int size, uint32_t val)
{
	struct ether *e = dv->state;

	if (off < ETH_BUFFER_SIZE) {
		if (size == 1)
			e->buf[off] = (uint8_t)val;
		else if (size == 2)
			*(uint16_t *)(e->buf + off) = (uint16_t)val;
		else
			*(uint32_t *)(e->buf + off) = val;
		return 0;
	}
	if (size < 4)
		val &= (1u << (size * 8)) - 1;
	switch (off) {
	case ETH_LENGTH: e->length = val > ETH_BUFFER_SIZE ? ETH_BUFFER_SIZE : val; break;
	case ETH_COMMAND:
		if (val == ETH_CMD_RX)
			command_rx(m, e);
		else if (val == ETH_CMD_TX)
			command_tx(m, e);
		else
			e->cnt[C_ERRORS]++;
		/* GXemul's tick after a command: MORE while frames wait. */
		e->status &= ~(uint32_t)ETH_STATUS_MORE;
		if (e->nwaiting)
			e->status |= ETH_STATUS_MORE;
		break;
	case ETH_MAC:
		if (machine_write_virt(m, val, e->mac, 6))
			e->cnt[C_ERRORS]++;
		break;
	default: ext_write(m, e, off, val); break;
	}
	update_irq(m, e);
	schedule(m, e);
	return 0;
}

int ether_attach(struct machine *m, char *err, size_t errlen)
{
	struct device *d;
	struct ether *e;

	if (m->cfg.net_speed == 0 || m->cfg.net_speed > 100000000000ull) {
		sim_seterr(err, errlen, "net speed of %llu bits/s: must be 1 .. 100G",
		           (unsigned long long)m->cfg.net_speed);
		return -1;
	}
	d = dev_add(m, "ether", ETH_BASE, ETH_SIZE, sizeof(struct ether), ether_read, ether_write);
	if (!d) {
		sim_seterr(err, errlen, "device table full");
		return -1;
	}
	e = d->state;
	e->timer = timer_add(m, ether_fire, d);
	if (e->timer < 0) {
		sim_seterr(err, errlen, "timer table full");
		return -1;
	}
	m->ether = d;
	memcpy(e->mac, m->cfg.net_mac, 6);
	e->tx_done = UINT64_MAX;
	e->reraise = UINT64_MAX;
	if (net_open(m, err, errlen))
		return -1;
	schedule(m, e);
	return 0;
}
