/*
 * net.c: the kernel's driver of the Ethernet's ring extension
 * (hw/testmips.h ETH_X_*, docs/NET.md), system calls 24-27 (exo/exo.h).
 *
 * Transmit: SYS_NET_SEND checks the caller's capability for the page,
 * copies the frame into a kernel buffer of the tx ring and hands the
 * descriptor to the NIC.  The copy is made at the call, so the NIC never
 * reads a page after its binding may have changed hands.  Each
 * environment may have NET_TX_QUOTA frames waiting for the wire; the
 * ring has room for several environments' quotas, so one that floods
 * the NIC gets -E_BUSY while the others still send.  Finished
 * descriptors are taken back at the next call (the wire's speed, not
 * interrupts, paces them).
 *
 * Receive: the NIC puts frames by DMA into kernel buffers and raises
 * IRQ 3; net_intr copies each into the next receive slot of the
 * receiving environment: pages it bound with their write capabilities
 * (SYS_NET_BIND).  Interim, until DPF chooses among environments: one
 * receiver, the first to bind.  A slot is checked at each delivery: its
 * page must still have the owner and the generation it had when bound
 * (a page freed or whose capabilities were revoked breaks the slot), and
 * the receiver must still exist.
 *
 * Set up at the first call that needs it (no memory or interrupt for
 * machines that never use the network).
 */
#include "kern.h"
#include "net.h"

#define KRX 16                   /* kernel receive buffers */
#define KTX 8                    /* transmit ring: NET_TX_QUOTA for several */
#define KBUF 2048                /* a buffer: the largest frame, rounded */
#define NICREG(off) MMIO32(ETH_BASE + (off))

struct kdesc {
	volatile uint32_t addr, size, flags, stamp;
};

/*
 * The rings and buffers: exactly NETMEM bytes, the size of the
 * DECstation 5000's direct-mapped caches (docs/TIMING.md), so that
 * adding them to the kernel's .bss moves everything after them (the
 * free pages) by whole cache sizes and leaves every page's cache
 * colour, and so every other kernel test's cycle counts, as they were.
 */
#define NETMEM 65536
static union {
	struct {
		struct kdesc rx[KRX], tx[KTX];
		uint8_t rxbuf[KRX][KBUF], txbuf[KTX][KBUF];
	} s;
	uint8_t size[NETMEM];
} netmem __attribute__((aligned(16)));
_Static_assert(sizeof netmem == NETMEM, "the network's memory is one cache size");
#define rxring netmem.s.rx
#define txring netmem.s.tx
#define rxbuf netmem.s.rxbuf
#define txbuf netmem.s.txbuf
static uint32_t txowner[KTX];    /* envid of each queued frame, 0 = free */
static uint32_t tx_next, tx_old; /* next to fill; oldest not yet taken back */
static uint32_t rx_next;
static int state;                /* 0 not set up, 1 running, -1 no NIC */

/* The receiver and its slots (interim single owner). */
static uint32_t receiver;
static struct { uint32_t ppn, gen; int bound; } slot[NET_NSLOT];
static uint32_t slot_next;
static uint32_t delivered, dropped;

/* Descriptors are read and written through kseg1: the NIC writes them
 * behind the data cache's back. */
#define UNCACHED(p) ((void *)TM_KSEG1(PADDR(p)))

/* Frames that arrived before the rings were set up wait for GXemul's
 * receive command and hold IRQ 3 up through STATUS: drop them (the NIC
 * counted them), so that the line falls. */
static void drain_gxemul(void)
{
	do
		NICREG(ETH_COMMAND) = ETH_CMD_RX;
	while (NICREG(ETH_STATUS) & ETH_STATUS_RECEIVED);
}

static int setup(void)
{
	struct kdesc *r = UNCACHED(rxring);

	if (state)
		return state;
	if (NICREG(ETH_X_ID) != ETH_X_MAGIC) {
		state = -1;
		return state;
	}
	for (int i = 0; i < KRX; i++) {
		r[i].addr = PADDR(rxbuf[i]);
		r[i].size = KBUF;
		r[i].stamp = 0;
		r[i].flags = ETH_DESC_OWN;
	}
	NICREG(ETH_X_RX_BASE) = PADDR(rxring);
	NICREG(ETH_X_RX_COUNT) = KRX;
	NICREG(ETH_X_TX_BASE) = PADDR(txring);
	NICREG(ETH_X_TX_COUNT) = KTX;
	NICREG(ETH_X_IMASK) = ETH_INTR_RX | ETH_INTR_RXOVF | ETH_INTR_ERR;
	NICREG(ETH_X_CTRL) = ETH_CTRL_RXRING;
	drain_gxemul();
	user_status |= ST_IM(ETH_IRQ);
	state = 1;
	return state;
}

/* Take back the descriptors the NIC has finished, oldest first. */
static void tx_reclaim(void)
{
	struct kdesc *t = UNCACHED(txring);

	while (txowner[tx_old] && !(t[tx_old].flags & ETH_DESC_OWN)) {
		txowner[tx_old] = 0;
		tx_old = (tx_old + 1) % KTX;
	}
}

static uint32_t queued_by(uint32_t envid)
{
	uint32_t n = 0;

	for (int i = 0; i < KTX; i++)
		n += txowner[i] == envid;
	return n;
}

sysret sys_net_send(uint32_t ppn, uint32_t cap, uint32_t offlen)
{
	uint32_t me = kcur.user->id, off = offlen >> 16, len = offlen & 0xffff;
	struct kdesc *t = UNCACHED(txring);
	int r;

	if (setup() < 0)
		return -E_NOSYS;
	if (ppn >= page_count() || len < ETH_FRAME_MIN || len > ETH_FRAME_MAX ||
	    off + len > PAGE_SIZE)
		return -E_INVAL;
	if ((r = page_check(ppn, cap, 0)) < 0)
		return r;
	tx_reclaim();
	if (txowner[tx_next] || queued_by(me) >= NET_TX_QUOTA)
		return -E_BUSY;
	memcpy(UNCACHED(txbuf[tx_next]), (uint8_t *)KVA(ppn << PAGE_SHIFT) + off, len);
	txowner[tx_next] = me;
	t[tx_next].addr = PADDR(txbuf[tx_next]);
	t[tx_next].size = len;
	t[tx_next].stamp = 0;
	t[tx_next].flags = ETH_DESC_OWN;
	tx_next = (tx_next + 1) % KTX;
	NICREG(ETH_X_TX_KICK) = 1;
	return 0;
}

sysret sys_net_bind(uint32_t ppn, uint32_t cap, uint32_t s)
{
	uint32_t me = kcur.user->id;
	int r;

	if (setup() < 0)
		return -E_NOSYS;
	if (ppn >= page_count() || s >= NET_NSLOT)
		return -E_INVAL;
	if ((r = page_check(ppn, cap, 1)) < 0)
		return r;
	if (page_owner(ppn) != me)
		return -E_PERM;          /* delivery checks the owner: it must be ours */
	if (receiver && receiver != me && env_lookup(receiver))
		return -E_BUSY;
	if (receiver != me) {
		for (int i = 0; i < NET_NSLOT; i++)
			slot[i].bound = 0;
		receiver = me;
		slot_next = 0;
	}
	slot[s].ppn = ppn;
	slot[s].gen = pages[ppn].gen;
	slot[s].bound = 1;
	*(volatile uint32_t *)KVA((ppn << PAGE_SHIFT) + NET_SLOT_LEN) = 0;
	return 0;
}

sysret sys_net_unbind(uint32_t a0, uint32_t a1, uint32_t a2)
{
	if (!receiver || receiver != kcur.user->id)
		return -E_PERM;
	receiver = 0;
	for (int i = 0; i < NET_NSLOT; i++)
		slot[i].bound = 0;
	return 0;
}

sysret sys_net_stat(uint32_t which, uint32_t a1, uint32_t a2)
{
	if (which >= NET_STAT_N)
		return -E_INVAL;
	if (setup() < 0)
		return -E_NOSYS;
	if (which == NET_STAT_DELIVERED)
		return delivered;
	if (which == NET_STAT_DROPPED)
		return dropped;
	return NICREG(ETH_X_CNT_RX_FRAMES + 4 * which);
}

/* A slot still bound as it was: the page has the receiver as owner and
 * the generation it had (not freed, its capabilities not revoked). */
static int slot_valid(int i)
{
	return slot[i].bound && pages[slot[i].ppn].owner == receiver &&
	       pages[slot[i].ppn].gen == slot[i].gen;
}

/* A frame for the receiver: into its next bound slot, if free. */
static void deliver(const uint8_t *f, uint32_t len, uint32_t stamp)
{
	volatile uint32_t *p;
	int i;

	if (receiver && !env_lookup(receiver))
		receiver = 0;            /* destroyed: no one receives */
	for (i = 0; receiver && i < NET_NSLOT; i++) {
		uint32_t s = (slot_next + i) % NET_NSLOT;
		if (!slot_valid(s))
			continue;
		p = KVA(slot[s].ppn << PAGE_SHIFT);
		slot_next = (s + 1) % NET_NSLOT;
		if (p[NET_SLOT_LEN / 4])
			break;               /* the receiver has not taken it yet */
		memcpy((uint8_t *)p + NET_SLOT_FRAME, f, len);
		p[NET_SLOT_STAMP / 4] = stamp;
		p[NET_SLOT_LEN / 4] = len;
		delivered++;
		return;
	}
	dropped++;
}

/* IRQ 3: every frame the NIC has given back, then the causes cleared. */
void net_intr(void)
{
	struct kdesc *r = UNCACHED(rxring);

	if (state <= 0) {            /* not ours yet: the line is GXemul's STATUS */
		if (state == 0 && NICREG(ETH_X_ID) == ETH_X_MAGIC)
			setup();
		return;
	}
	NICREG(ETH_X_INTR) = NICREG(ETH_X_INTR);
	while (!(r[rx_next].flags & ETH_DESC_OWN)) {
		uint32_t fl = r[rx_next].flags;
		if (!(fl & ETH_DESC_ERR))
			deliver(UNCACHED(rxbuf[rx_next]), fl & ETH_DESC_LEN, r[rx_next].stamp);
		r[rx_next].flags = ETH_DESC_OWN;
		rx_next = (rx_next + 1) % KRX;
	}
}
