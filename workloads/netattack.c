/*
 * netattack.c: the network calls under attack.  The boot environment
 * (the bystander) fills a page with a pattern, binds two receive slots
 * and creates the attacker (itself again, arg = 1 | the pattern page's
 * ppn << 8).  The attacker tries to take the receiver's place, to send
 * from the bystander's page with guessed capabilities and from the
 * kernel's page, bad offsets and lengths, to unbind what it does not
 * own; then it floods: FLOOD sends as fast as it can, which the kernel
 * holds to NET_TX_QUOTA frames in the ring.  Meanwhile the bystander
 * sends its 5 frames (yielding while the ring says busy) and receives
 * the 3 replayed ones (tests/kernel/netattack.t); at the end its
 * pattern is intact and every frame of its own went out (the test's
 * post check counts them in the capture).
 */
#include "exos.h"

#define VA    0x03000000          /* the bystander's pattern page */
#define FRAME 0x03001000          /* a frame page */
#define SLOT  0x03100000          /* receive slots */
#define FLOOD 3000

static uint32_t cycles(void)
{
	return *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CYCLE_LO);
}

/* A broadcast frame from 02:00:00:00:00:<me> in a new page; its ppn. */
static int frame_page(uint32_t *cap, uint8_t me)
{
	int p = sys_page_alloc(-1, cap);
	volatile uint8_t *f = (volatile uint8_t *)FRAME;

	exos_map(FRAME, p, *cap, 1);
	for (int i = 0; i < 6; i++) {
		f[i] = 0xff;
		f[6 + i] = (uint8_t)(i == 0 ? 2 : i == 5 ? me : 0);
	}
	f[12] = 0x88;
	f[13] = 0xb5;
	return p;
}

static int attacker(uint32_t by_ppn)
{
	uint32_t cap, scap, sent = 0, busy = 0, other = 0, wrong = 0;
	int p = frame_page(&cap, 0x0a), s = sys_page_alloc(-1, &scap);
	const uint32_t guesses[3] = { 0, 1, cap };

	wrong += sys_net_bind(s, scap, 0) != -E_BUSY;      /* the bystander receives */
	wrong += sys_net_unbind() != -E_PERM;
	for (int i = 0; i < 3; i++)
		wrong += sys_net_send(by_ppn, guesses[i], 0, 60) != -E_PERM;
	wrong += sys_net_send(0, cap, 0, 60) != -E_PERM;
	wrong += sys_net_send(0x7fffffff, cap, 0, 60) != -E_INVAL;
	wrong += sys_net_send(p, cap, 0xffff, 0xffff) != -E_INVAL;
	wrong += sys_net_send(p, cap, 0, 0) != -E_INVAL;
	wrong += sys_net_send(p, cap, 4095, 14) != -E_INVAL;
	for (int i = 0; i < FLOOD; i++) {
		int r = sys_net_send(p, cap, 0, 60);
		sent += r == 0;
		busy += r == -E_BUSY;
		other += r != 0 && r != -E_BUSY;
	}
	printf("attacker: %u refused calls wrong; flood of %d: %s busy, %u other\n",
	       (unsigned)wrong, FLOOD, busy > sent ? "mostly" : "NOT", (unsigned)other);
	return wrong || other;
}

static int bystander(uint32_t self)
{
	volatile uint32_t *pat = (volatile uint32_t *)VA;
	uint32_t cap, fcap, scap[2], got = 0, sent = 0, bad = 0, t0, hz;
	int p = sys_page_alloc(-1, &cap), f, s[2], child;

	exos_map(VA, p, cap, 1);
	for (int i = 0; i < PAGE_SIZE / 4; i++)
		pat[i] = i * 2654435761u ^ self;
	for (int i = 0; i < 2; i++) {
		s[i] = sys_page_alloc(-1, &scap[i]);
		exos_map(SLOT + i * PAGE_SIZE, s[i], scap[i], 1);
		if (sys_net_bind(s[i], scap[i], i) != 0)
			printf("bystander: bind WRONG\n");
	}
	child = sys_env_create(0, 1 | (uint32_t)p << 8);
	f = frame_page(&fcap, 0x0b);
	for (int i = 0; i < 5; i++) {
		int r, tries = 0;
		*(volatile uint8_t *)(FRAME + 14) = (uint8_t)i;
		while ((r = sys_net_send(f, fcap, 0, 64)) == -E_BUSY && tries++ < 1000)
			sys_yield(-1);
		sent += r == 0;
	}
	hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
	for (t0 = cycles(); got < 3 && cycles() - t0 < 3 * hz;)
		for (int i = 0; i < 2; i++) {
			volatile uint32_t *w = (volatile uint32_t *)(SLOT + i * PAGE_SIZE);
			if (w[NET_SLOT_LEN / 4]) {
				got++;
				w[NET_SLOT_LEN / 4] = 0;
			}
		}
	for (int i = 0; i < PAGE_SIZE / 4; i++)
		bad += pat[i] != (i * 2654435761u ^ self);
	printf("bystander: sent %u of 5, received %u of 3, receiver still: %s, page: %s\n",
	       (unsigned)sent, (unsigned)got, sys_net_unbind() == 0 ? "ok" : "WRONG",
	       bad ? "WRONG" : "intact");
	sys_env_destroy(child);
	return sent != 5 || got != 3 || bad;
}

int main(uint32_t arg, uint32_t self)
{
	return arg & 1 ? attacker(arg >> 8) : bystander(self);
}
