/*
 * revoke.c: visible revocation and the abort protocol, with deadlines
 * met on the rtc's one-shot timer rather than at the next tick.
 *   one        a child owns eight pages and ignores a request to give
 *              three back; at the deadline the kernel takes three (never
 *              its pinned image or save area), records them in its
 *              repossession vector and enters it at its repossession
 *              upcall.  A deadline past EXO_REVOKE_MAX_US is refused.
 *   two        two children ignore requests with different deadlines,
 *              the later one asked first: the earlier deadline's child
 *              gets its upcall (and finishes) first.
 *   satisfied  a child gives the pages back before the deadline: at the
 *              deadline the kernel closes the request (SAVE_REVOKE = 0)
 *              and takes nothing: no upcall, no repossession.
 *   gone       a child is destroyed with a request pending: the one-shot
 *              is re-armed without it, so nothing takes the CPU from the
 *              parent, spinning, around that deadline (timed from just
 *              after a timer tick, so that no periodic tick falls there).
 * Each child measures with the cycle counter when the deadline was met:
 * it spins through the last SPIN_US before its deadline, and the last
 * cycle it read before the kernel took the CPU for the deadline must
 * come after the deadline and within LATE_MAX_US of it.  It counts
 * from the last cycle it read before handing the CPU to its parent,
 * which then asks at once (ask()), so the figure is an upper bound: it
 * includes the switch to the parent and the request's own path (and the
 * check that it is not before the deadline is only that fine: the
 * one-shot's exact cycle is pinned by the rtc's own tests).  It also
 * prints when the upcall (or the closed request) reached it: later, by
 * the abort protocol's own cost in the kernel.  A bystander child
 * maps pages and fills them; once the parent is gone it checks it still
 * owns them, intact.
 */
#include "exos.h"

#define NPAGES 8
#define LATE_MAX_US 100
#define SPIN_US 1000              /* a child spins this long before its deadline */
#define GAP 1000                  /* cycles: a longer step of the spin lost the CPU */
#define GONE_US 60000             /* the destroyed child's deadline */
#define WINDOW_US 200             /* watched on each side of it */
#define BLIP 200                  /* cycles: a step this long was an interruption */
#define TICK_US (1000000 / EXO_TICK_HZ)
_Static_assert(GONE_US % TICK_US > 2 * WINDOW_US && GONE_US % TICK_US < TICK_US - 2 * WINDOW_US,
	       "the watched window lies between two periodic ticks (after_tick)");
#define BY_PAGES 4
#define BY_VA 0x04000000          /* the bystander's pages, in segment 1 */

enum { ROLE_ONE = 1, ROLE_EARLY, ROLE_LATE, ROLE_SATISFY, ROLE_BYSTANDER };

/* Deadline in us and pages asked for, by role. */
static const uint32_t deadline_us[] = { [ROLE_ONE] = 40000, [ROLE_EARLY] = 20000,
                                        [ROLE_LATE] = 100000, [ROLE_SATISFY] = 30000 };
static const uint32_t want[] = { [ROLE_ONE] = 3, [ROLE_EARLY] = 2, [ROLE_LATE] = 2,
                                 [ROLE_SATISFY] = 3 };
static const char *const name[] = { [ROLE_ONE] = "child", [ROLE_EARLY] = "early",
                                    [ROLE_LATE] = "late", [ROLE_SATISFY] = "satisfied" };

static volatile uint32_t *const save = (volatile uint32_t *)EXO_SAVE_VA;
static volatile uint32_t repo_cycle;       /* counter at the upcall */
static volatile uint32_t repo_upcalls;
extern char repo_entry[];

/* The upcall: count, note the cycle, then resume where the child was (SAVE_IPC). */
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl repo_entry\n"
	"repo_entry:\n"
	"	sw	$8, 0x1000($0)\n"       /* EXO_SAVE_VA + SAVE_T0 */
	"	sw	$9, 0x1004($0)\n"
	"	sw	$10, 0x1008($0)\n"
	"	lui	$9, %hi(repo_upcalls)\n"
	"	lw	$10, %lo(repo_upcalls)($9)\n"
	"	nop\n"
	"	addiu	$10, $10, 1\n"
	"	sw	$10, %lo(repo_upcalls)($9)\n"
	"	lw	$10, 0x2000($0)\n"      /* the cycle counter */
	"	lui	$9, %hi(repo_cycle)\n"
	"	sw	$10, %lo(repo_cycle)($9)\n"
	"	lw	$8, 0x100c($0)\n"       /* SAVE_IPC */
	"	j	exo_xret\n"
	"	sw	$0, 0x100c($0)\n"       /* taken: upcalls may come again */
	".set pop\n");

/*
 * Wait, yielding to the parent, until it asks for pages; return the
 * last cycle read before the request (the parent asks right after this
 * child hands it the CPU).
 */
static uint32_t wait_request(uint32_t parent)
{
	uint32_t t;

	do {
		t = EXOS_CYCLES();
		sys_yield(parent);
	} while (save[SAVE_REVOKE / 4] == 0);
	return t;
}

static uint32_t clock_hz(void)
{
	return *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
}

/*
 * Yield to the parent until SPIN_US before the deadline `us` after
 * cycle t, then spin reading the cycle counter until *word is no longer
 * `busy`.  Returns the last cycle read before the CPU was taken for
 * the deadline: the read before the step that ends the spin (a tick
 * may take the CPU earlier in the spin, but then gives it back).
 */
static uint32_t spin_until(uint32_t parent, uint32_t t, uint32_t us,
                           volatile uint32_t *word, uint32_t busy)
{
	uint32_t prev, cur, from = (uint32_t)((uint64_t)(us - SPIN_US) * clock_hz() / 1000000);

	while (EXOS_CYCLES() - t < from && *word == busy)
		sys_yield(parent);
	cur = EXOS_CYCLES();
	do {
		prev = cur;
		cur = EXOS_CYCLES();
	} while (*word == busy);
	return cur - prev > GAP ? prev : cur;
}

/* Print how long after the deadline `us` an event `cycles` after the
 * request came, in tenths of us, and, if check, whether that is within
 * LATE_MAX_US. */
static void lateness(const char *who, const char *what, uint32_t cycles, uint32_t us, int check)
{
	uint32_t hz = clock_hz(), tenths;

	if ((uint64_t)cycles * 1000000 < (uint64_t)us * hz) {
		printf("%s: %s BEFORE the deadline\n", who, what);
		return;
	}
	tenths = (uint32_t)((uint64_t)cycles * 10000000 / hz) - us * 10;
	printf("%s: %s %u.%u us after the deadline", who, what,
	       (unsigned)(tenths / 10), (unsigned)(tenths % 10));
	if (check)
		printf(": %s %u us", tenths <= LATE_MAX_US * 10 ? "within" : "MORE than", LATE_MAX_US);
	printf("\n");
}

/* How many of the n pages in ppn[] envid owns. */
static uint32_t owned(const int *ppn, uint32_t n, uint32_t envid)
{
	uint32_t i, k = 0;

	for (i = 0; i < n; i++)
		k += sys_page_owner(ppn[i]) == (int)envid;
	return k;
}

/* Ignore the request; the kernel takes the pages at the deadline. */
static int ignorer(uint32_t parent, uint32_t self, uint32_t role)
{
	uint32_t cap, i, n, lost = 0, t, taken;
	int ppn[NPAGES];

	for (i = 0; i < NPAGES; i++)
		ppn[i] = sys_page_alloc(-1, &cap);
	sys_set_entry(EXO_ENTRY_REPO, repo_entry);
	t = wait_request(parent);
	printf("%s: asked for %u pages; ignoring it\n", name[role],
	       (unsigned)save[SAVE_REVOKE / 4]);
	taken = spin_until(parent, t, deadline_us[role], &repo_upcalls, 0);
	lateness(name[role], "deadline met, CPU taken at most", taken - t, deadline_us[role], 1);
	lateness(name[role], "upcall at most", repo_cycle - t, deadline_us[role], 0);
	n = save[SAVE_NREPO / 4];
	for (i = 0; i < n; i++)
		lost += sys_page_owner(save[SAVE_REPO / 4 + i]) != (int)self;
	printf("%s: repossession upcall %u, %u pages taken, %u no longer mine, %u of %u kept\n",
	       name[role], (unsigned)repo_upcalls, (unsigned)n, (unsigned)lost,
	       (unsigned)owned(ppn, NPAGES, self), NPAGES);
	printf("%s: still running from pinned pages: getenvid %s\n", name[role],
	       sys_getenvid() == (int)self ? "ok" : "WRONG");
	return 0;
}

/* Give the pages back before the deadline: nothing is taken. */
static int satisfier(uint32_t parent, uint32_t self, uint32_t role)
{
	uint32_t cap[NPAGES], i, n, t, taken;
	int ppn[NPAGES];

	for (i = 0; i < NPAGES; i++)
		ppn[i] = sys_page_alloc(-1, &cap[i]);
	sys_set_entry(EXO_ENTRY_REPO, repo_entry);
	t = wait_request(parent);
	n = save[SAVE_REVOKE / 4];
	for (i = NPAGES - n; i < NPAGES; i++)
		sys_page_free(ppn[i], cap[i]);
	printf("%s: asked for %u pages; gave them back\n", name[role], (unsigned)n);
	/* The kernel closes the request (SAVE_REVOKE = 0) at the deadline. */
	taken = spin_until(parent, t, deadline_us[role], &save[SAVE_REVOKE / 4], n);
	lateness(name[role], "deadline met, CPU taken at most", taken - t, deadline_us[role], 1);
	lateness(name[role], "request seen closed at most", EXOS_CYCLES() - t, deadline_us[role], 0);
	printf("%s: %u upcalls, %u pages taken, %u of %u kept\n", name[role],
	       (unsigned)repo_upcalls, (unsigned)save[SAVE_NREPO / 4],
	       (unsigned)owned(ppn, NPAGES - n, self), (unsigned)(NPAGES - n));
	return 0;
}

/* Fill some pages, stay out of the way until the parent is gone, then
 * check that they are still mine and intact. */
static int bystander(uint32_t parent, uint32_t self)
{
	uint32_t cap, i, w, bad = 0;
	int ppn[BY_PAGES];
	volatile uint32_t *p = (volatile uint32_t *)BY_VA;

	for (i = 0; i < BY_PAGES; i++) {
		ppn[i] = sys_page_alloc(-1, &cap);
		if (ppn[i] < 0 || exos_map(BY_VA + i * PAGE_SIZE, ppn[i], cap, 1) < 0)
			return 2;
	}
	for (w = 0; w < BY_PAGES * PAGE_SIZE / 4; w++)
		p[w] = w * 2654435761u;
	while (sys_yield(parent) == 0)
		;
	for (w = 0; w < BY_PAGES * PAGE_SIZE / 4; w++)
		bad += p[w] != w * 2654435761u;
	printf("bystander: %u of %u pages still mine, %u words changed\n",
	       (unsigned)owned(ppn, BY_PAGES, self), BY_PAGES, (unsigned)bad);
	return bad != 0;
}

/*
 * Spin until the CPU comes back from an interruption (a timer tick) and
 * return the cycle then: the periodic ticks fall whole periods from
 * it, so none within WINDOW_US of GONE_US after it.
 */
static uint32_t after_tick(void)
{
	uint32_t prev, cur = EXOS_CYCLES();

	do {
		prev = cur;
		cur = EXOS_CYCLES();
	} while (cur - prev <= BLIP);
	return cur;
}

/* Spin, without yielding, until us microseconds after cycle t, and
 * count the steps that lost the CPU in the last 2 * WINDOW_US. */
static uint32_t blips_before(uint32_t t, uint32_t us)
{
	uint32_t hz = clock_hz(), prev, cur = EXOS_CYCLES(), n = 0;
	uint32_t from = (uint32_t)((uint64_t)(us - 2 * WINDOW_US) * hz / 1000000);
	uint32_t to = (uint32_t)((uint64_t)us * hz / 1000000);

	while (cur - t < from)
		cur = EXOS_CYCLES();
	do {
		prev = cur;
		cur = EXOS_CYCLES();
		n += cur - prev > BLIP;
	} while (cur - t < to);
	return n;
}

/* Ask c for its role's pages by its deadline, right after c ran (c
 * measures from its last cycle before this). */
static int ask(int c, uint32_t role)
{
	sys_yield(c);
	return sys_revoke(c, want[role], deadline_us[role]);
}

/* A new child in role `role`, run until it waits. */
static int spawn(uint32_t self, uint32_t role)
{
	int c = sys_env_create(0, self | role);

	sys_yield(c);
	return c;
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t role = arg & 0x3ff, parent = arg & ~0x3ffu;
	int by, c, e, l, rl, re, first = 0, early = 1, late = 1;
	uint32_t t;

	if (role == ROLE_BYSTANDER)
		return bystander(parent, self);
	if (role == ROLE_SATISFY)
		return satisfier(parent, self, role);
	if (role)
		return ignorer(parent, self, role);
	by = spawn(self, ROLE_BYSTANDER);

	c = spawn(self, ROLE_ONE);
	printf("parent: deadline too far: %d\n", sys_revoke(c, 3, EXO_REVOKE_MAX_US + 1));
	printf("parent: revoke %u pages in %u us: %d\n", (unsigned)want[ROLE_ONE],
	       (unsigned)deadline_us[ROLE_ONE], ask(c, ROLE_ONE));
	while (sys_yield(c) == 0)
		sys_yield(by);

	l = spawn(self, ROLE_LATE);
	e = spawn(self, ROLE_EARLY);
	rl = ask(l, ROLE_LATE);
	re = ask(e, ROLE_EARLY);
	printf("parent: late in %u us: %d, then early in %u us: %d\n",
	       (unsigned)deadline_us[ROLE_LATE], rl, (unsigned)deadline_us[ROLE_EARLY], re);
	while (early || late) {            /* sys_yield fails once a child is gone */
		if (early && sys_yield(e) < 0) {
			early = 0;
			first = first ? first : e;
		}
		if (late && sys_yield(l) < 0) {
			late = 0;
			first = first ? first : l;
		}
		sys_yield(by);
	}
	printf("parent: %s deadline's child finished first\n", first == e ? "the earlier" : "the LATER");

	c = spawn(self, ROLE_SATISFY);
	printf("parent: revoke %u pages in %u us: %d\n", (unsigned)want[ROLE_SATISFY],
	       (unsigned)deadline_us[ROLE_SATISFY], ask(c, ROLE_SATISFY));
	while (sys_yield(c) == 0)
		sys_yield(by);

	c = spawn(self, ROLE_ONE);
	t = after_tick();
	sys_revoke(c, want[ROLE_ONE], GONE_US);
	sys_env_destroy(c);
	printf("parent: child destroyed with a request pending; CPU taken %u times around its deadline\n",
	       (unsigned)blips_before(t, GONE_US + WINDOW_US));
	printf("parent: children done, parent alive\n");
	return 0;
}
