/*
 * capforge.c: capabilities cannot be forged.  A bystander (a child
 * environment) fills a page of its own; the attacker (the parent)
 *   - prints the capabilities of a named page (PPN_NAMED), which depend
 *     only on the boot seed (sim --seed), so a test can pin them;
 *   - runs the attack that broke the old kernel: its capabilities were
 *     mix(secret ^ mix(2 * ppn + right) ^ gen * 0x85ebca6b) with mix() a
 *     bijection, so one write capability of a page of known number and
 *     generation gave the secret, and the secret gave every capability.
 *     The attacker recovers "the secret" from its own page, checks it
 *     against its page's read capability, forges the write capability
 *     of the bystander's page (PPN_VICTIM: page numbers are public,
 *     SYS_PAGE_OWNER tells whose each is) and tries to bind it; if that
 *     works it overwrites the page;
 *   - makes NGUESS random guesses at that capability, each a
 *     SYS_TLB_WRITE that must be refused;
 *   - measures SYS_PAGE_ALLOC and SYS_TLB_WRITE (bound and refused), and
 *     what guessing every capability would take in virtual time.
 * Then it exits, and the bystander checks its page and exits 0 if it is
 * intact.  Against the old kernel the attack binds the page and the
 * bystander reports it corrupted.
 */
#include "exos.h"

#define PPN_NAMED  4096           /* 16 MB: clear of the kernel, modules, cursor */
#define PPN_VICTIM 4097           /* the bystander's page */
#define PPN_DONE   4098           /* the bystander owns it: its page is full */
#define VA_MINE   0x03000000      /* the bystander's page, in the bystander */
#define VA_STEAL  0x03100000      /* where the attacker tries to bind it */
#define VA_COST   0x03400000      /* the attacker's own page, for the costs */
#define NGUESS    4096
#define NALLOC    32             /* pages allocated to time SYS_PAGE_ALLOC */
#define NCOST     256            /* calls timed for the other figures */
#define FILL(i)   (0x5eed0000u ^ (i) * 0x01000193u)

static int fails;

static void expect(const char *what, int got, int want)
{
	printf("%s: %d %s\n", what, got, got == want ? "ok" : "WRONG");
	fails += got != want;
}

/* The old kernel's 32-bit finalizer. */
static uint32_t mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352d;
	x ^= x >> 15;
	x *= 0x846ca68b;
	x ^= x >> 16;
	return x;
}

/* The inverse of odd a modulo 2^32 (Newton: each step doubles the bits). */
static uint32_t inverse_odd(uint32_t a)
{
	uint32_t x = a, i;            /* a * a = 1 mod 8: three bits right */

	for (i = 0; i < 4; i++)
		x *= 2 - a * x;
	return x;
}

/* mix() undone, step by step in reverse. */
static uint32_t unmix(uint32_t x)
{
	x ^= x >> 16;
	x *= inverse_odd(0x846ca68b);
	x ^= x >> 15 ^ x >> 30;
	x *= inverse_odd(0x7feb352d);
	x ^= x >> 16;
	return x;
}

/* A capability as the old kernel computed it. */
static uint32_t old_cap(uint32_t secret, uint32_t ppn, uint32_t gen, int write)
{
	return mix(secret ^ mix(ppn * 2 + write) ^ gen * 0x85ebca6b);
}

/*
 * The child: fill page PPN_VICTIM, then take PPN_DONE, which tells the
 * attacker the first is full; let the attacker run until it is gone,
 * then check the page.
 */
static int bystander(uint32_t parent)
{
	volatile uint32_t *w = (volatile uint32_t *)VA_MINE;
	uint32_t cap, i, bad = 0;

	if (sys_page_alloc(PPN_VICTIM, &cap) < 0 || exos_map(VA_MINE, PPN_VICTIM, cap, 1) < 0)
		return 2;
	for (i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = FILL(i);
	if (sys_page_alloc(PPN_DONE, &cap) < 0)
		return 2;
	while (sys_yield(parent) == 0)
		;
	for (i = 0; i < PAGE_SIZE / 4; i++)
		bad += w[i] != FILL(i);
	printf("bystander: my page is %s\n", bad ? "CORRUPTED" : "intact");
	return bad != 0;
}

/* (a) The inversion attack, from one capability of a known page. */
static void invert_attack(uint32_t ppn, uint32_t wcap, uint32_t rcap, uint32_t victim)
{
	volatile uint32_t *w = (volatile uint32_t *)VA_STEAL;
	uint32_t secret = unmix(wcap) ^ mix(ppn * 2 + 1);  /* generation 0 */
	uint32_t forged = old_cap(secret, victim, 0, 1);
	int r, i;

	printf("attack: the recovered secret predicts my read capability: %s\n",
	       old_cap(secret, ppn, 0, 0) == rcap ? "yes" : "no");
	r = sys_tlb_write(VA_STEAL, (victim << PAGE_SHIFT) | TLB_WRITE, forged);
	expect("attack: bind the bystander's page with the forged write capability", r, -E_PERM);
	if (r == 0) {
		for (i = 0; i < PAGE_SIZE / 4; i++)
			w[i] = 0xbadcafe;
		printf("attack: overwrote the bystander's page\n");
	}
}

/* (b) Random guesses at the victim's write capability; the fewest
 * cycles one refused SYS_TLB_WRITE took (counter read: cc). */
static uint32_t guess(uint32_t victim, uint32_t cc)
{
	uint32_t x = 0x2545f491, i, t0, t1, best = ~0u, ok = 0, perm = 0;
	int r;

	for (i = 0; i < NGUESS; i++) {
		x ^= x << 13;             /* xorshift32 */
		x ^= x >> 17;
		x ^= x << 5;
		t0 = EXOS_CYCLES();
		r = sys_tlb_write(VA_STEAL, (victim << PAGE_SHIFT) | TLB_WRITE, x);
		t1 = EXOS_CYCLES();
		if (t1 - t0 - cc < best)
			best = t1 - t0 - cc;
		ok += r == 0;
		perm += r == -E_PERM;
	}
	printf("guesses: %u of %u accepted, %u refused with -E_PERM\n",
	       (unsigned)ok, NGUESS, (unsigned)perm);
	fails += ok != 0 || perm != NGUESS;
	return best;
}

/* The fewest cycles between two counter reads. */
static uint32_t counter_cost(void)
{
	uint32_t i, t0, t1, best = ~0u;

	for (i = 0; i < NCOST; i++) {
		t0 = EXOS_CYCLES();
		t1 = EXOS_CYCLES();
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	return best;
}

/* The fewest cycles of NALLOC calls of SYS_PAGE_ALLOC and of NCOST
 * bindings of a page of ours; then what enumerating 2^32 capabilities
 * would take at the cost of one refused SYS_TLB_WRITE (refused). */
static void costs(uint32_t cc, uint32_t refused)
{
	uint32_t i, t0, t1, cap, alloc = ~0u, bind = ~0u, hz, secs;
	int p = 0;

	for (i = 0; i < NALLOC; i++) {
		t0 = EXOS_CYCLES();
		p = sys_page_alloc(-1, &cap);
		t1 = EXOS_CYCLES();
		if (p < 0)
			fails++;
		if (t1 - t0 - cc < alloc)
			alloc = t1 - t0 - cc;
	}
	for (i = 0; i < NCOST; i++) {
		t0 = EXOS_CYCLES();
		sys_tlb_write(VA_COST, (p << PAGE_SHIFT) | TLB_WRITE, cap);
		t1 = EXOS_CYCLES();
		if (t1 - t0 - cc < bind)
			bind = t1 - t0 - cc;
	}
	hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
	secs = (uint32_t)(((uint64_t)refused << 32) / hz);
	printf("cost (cycles, counter read of %u subtracted): SYS_PAGE_ALLOC %u, "
	       "SYS_TLB_WRITE bound %u, refused %u\n",
	       (unsigned)cc, (unsigned)alloc, (unsigned)bind, (unsigned)refused);
	printf("guessing: 2^32 tries at %u cycles take %u s of virtual time at %u Hz\n",
	       (unsigned)refused, (unsigned)secs, (unsigned)hz);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t wcap, rcap, wcap1, cc;
	int c;

	if (arg & 1)
		return bystander(arg & ~1u);
	c = sys_env_create(0, self | 1);
	while (sys_page_owner(PPN_DONE) != c)
		if (sys_yield(c) < 0)     /* the bystander fills its page */
			return 3;
	expect("the bystander owns its page", sys_page_owner(PPN_VICTIM) == c, 1);

	expect("allocate the named page", sys_page_alloc(PPN_NAMED, &wcap), PPN_NAMED);
	expect("its read capability", sys_page_cap(PPN_NAMED, wcap, 0, &rcap), 0);
	printf("caps: page %u generation 0: write %08x read %08x\n",
	       PPN_NAMED, (unsigned)wcap, (unsigned)rcap);
	invert_attack(PPN_NAMED, wcap, rcap, PPN_VICTIM);
	cc = counter_cost();
	costs(cc, guess(PPN_VICTIM, cc));
	expect("revoke", sys_page_cap(PPN_NAMED, wcap, 2, &wcap1), 0);
	printf("caps: page %u generation 1: write %08x\n", PPN_NAMED, (unsigned)wcap1);
	return fails;
}
