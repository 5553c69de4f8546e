/*
 * envattack.c: a hostile parent against the calls that build
 * environments (exo/exo.h 18-21, 37, 38; tests/kernel/envattack.t),
 * beside a bystander whose page must stay intact (attack.h).  It
 * names stale, forged and foreign envids; presents wrong, foreign and
 * read capabilities, kernel pages and pages past the end of RAM; hands
 * the kernel arrays at kernel addresses, unmapped ones and ones that
 * wrap; sets k0, the pc to kernel addresses, handlers for SYSCALL;
 * copies modules into pages not its own; gives away slices it does not
 * own; touches children after their start; takes every environment
 * slot; and leaves children unstarted and uncollected behind a parent
 * that exits (their slots must come back).
 */
#include "exos.h"
#include "proc.h"
#include "attack.h"

#define H_ALLOC   0x0a110c00          /* helper: allocate children until none is left, exit */
#define H_ZOMBIE  0x0a110c01          /* helper: start children that exit, never collect, exit */
#define A_QUIT    0x0a110c02          /* a built child: exit 7 */
#define A_IDLE    0x0a110c03          /* a built child: yield forever */
#define MINE_VA   0x00800000          /* a page of the attacker's, pinned */
#define RO_VA     0x00810000          /* the child's read-only pin of it */
#define BY_SLICE  1                   /* the bystander's slice (the first free at its creation) */

extern char _end[];
extern void _start(void);
static uint32_t mine_ppn, mine_cap, mine_rcap;
static int fails, checks;

static void expect(const char *what, int got, int want)
{
	checks++;
	if (got != want) {
		printf("%s: %d WRONG (want %d)\n", what, got, want);
		fails++;
	}
}

/* A child running a copy of this image from _start with a0 = arg. */
static int build(struct exos_child *c, uint32_t arg)
{
	uint32_t va;
	int r;

	if ((r = exos_child_alloc(c)) < 0)
		return r;
	for (va = EXO_USER_BASE; va < (uint32_t)_end; va += PAGE_SIZE)
		if ((r = exos_child_page(c, va, TLB_WRITE | TLB_PIN, (void *)va, PAGE_SIZE)) < 0)
			break;
	if (r >= 0 && (r = exos_child_set(c, EXO_SET_REG(4), arg)) >= 0)
		r = exos_child_set(c, EXO_SET_PC, (uint32_t)_start);
	if (r < 0)
		exos_child_abandon(c);
	return r;
}

/* One SYS_ENV_MAP of a single entry; *done = v1. */
static int map1(uint32_t id, uint32_t va, uint32_t pte, uint32_t cap, uint32_t *done)
{
	struct exo_map m = { va, pte, cap };

	return sys_env_map(id, &m, 1, done);
}

/* The bystander's page: the one page it owns besides its image and save area. */
static uint32_t find_page_of(uint32_t by)
{
	uint32_t n = exos_ram_pages(), p, last = 0;

	for (p = 0; p < n; p++)
		if (sys_page_owner(p) == (int)by)
			last = p;
	return last;                           /* allocated last: its BY_VA page */
}

static void names(uint32_t self, uint32_t by)
{
	uint32_t stale, kid, forged, m = 0;
	struct exos_child c;

	stale = sys_env_alloc();
	sys_env_destroy(stale);
	kid = sys_env_alloc();
	forged = kid ^ 0x10000;                /* another generation of its slot */
	uint32_t ids[] = { 0, stale, forged, kid + 4, 0xffffffffu, 0x80000000u };
	for (unsigned i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		expect("map: stale or forged id", sys_env_map(ids[i], &m, 0, 0), -E_BADENV);
		expect("set: stale or forged id", sys_env_set(ids[i], EXO_SET_PC, 0x400000), -E_BADENV);
		expect("start: stale or forged id", sys_env_start(ids[i], -1, 0), -E_BADENV);
	}
	uint32_t notmine[] = { by, self };
	for (unsigned i = 0; i < 2; i++) {
		expect("map: not its child", sys_env_map(notmine[i], &m, 0, 0), -E_PERM);
		expect("set: not its child", sys_env_set(notmine[i], EXO_SET_REG(4), 1), -E_PERM);
		expect("start: not its child", sys_env_start(notmine[i], -1, 0), -E_PERM);
		expect("wait: not its child", sys_env_wait(notmine[i], 1, 0), -E_BADENV);
	}
	expect("wait: an unstarted child", sys_env_wait(kid, 1, 0), -E_BADENV);
	expect("wait: poll 2", sys_env_wait(-1, 2, 0), -E_INVAL);
	sys_env_destroy(kid);

	/* A started child is its own: no more mapping, setting or starting. */
	if (build(&c, A_IDLE) < 0 || exos_child_start(&c, -1, 0) < 0) {
		expect("build an idle child", 0, 1);
		return;
	}
	expect("map: after start", map1(c.id, 0x00c00000, mine_ppn << PAGE_SHIFT, mine_rcap, 0), -E_PERM);
	expect("set: after start", sys_env_set(c.id, EXO_SET_PC, 0x400000), -E_PERM);
	expect("start: twice", sys_env_start(c.id, -1, 0), -E_PERM);
	sys_env_destroy(c.id);
	expect("wait: a killed child", sys_env_wait(c.id, 0, &m), (int)c.id);
	expect("wait: its status", m, EXO_DIED_KILLED);
}

static void caps(uint32_t kid, uint32_t by)
{
	uint32_t byp = find_page_of(by), done = 7, guess[] = { 0, mine_cap, mine_rcap, byp, 0xffffffffu };
	struct exo_map three[3] = {
		{ 0x00c00000, mine_ppn << PAGE_SHIFT, mine_rcap },
		{ 0x00c01000, mine_ppn << PAGE_SHIFT | TLB_WRITE, mine_rcap },   /* read cap, write */
		{ 0x00c02000, mine_ppn << PAGE_SHIFT, mine_rcap },
	};

	for (unsigned i = 0; i < sizeof guess / sizeof guess[0]; i++) {
		expect("map: the bystander's page, guessed cap",
		       map1(kid, 0x00c00000, byp << PAGE_SHIFT | TLB_WRITE, guess[i], &done), -E_PERM);
		expect("map: nothing done", done, 0);
		expect("map: give the bystander's page",
		       map1(kid, 0x00c00000, byp << PAGE_SHIFT | EXO_MAP_GIVE, guess[i], 0), -E_PERM);
	}
	expect("the bystander still owns its page", sys_page_owner(byp), (int)by);
	expect("map: a kernel page", map1(kid, 0x00c00000, 0, 0, 0), -E_PERM);
	expect("map: past the end of RAM", map1(kid, 0x00c00000, 0xfffff000u, mine_cap, 0), -E_PERM);
	expect("map: give with the read cap",
	       map1(kid, 0x00c00000, mine_ppn << PAGE_SHIFT | EXO_MAP_GIVE, mine_rcap, 0), -E_PERM);
	expect("map: the second of three refused", sys_env_map(kid, three, 3, &done), -E_PERM);
	expect("map: one done before it", done, 1);
	expect("map: kernel va", map1(kid, 0x80000000u, mine_ppn << PAGE_SHIFT, mine_cap, 0), -E_INVAL);
	expect("map: pin above segment 2",
	       map1(kid, EXO_SEG2_END, mine_ppn << PAGE_SHIFT | TLB_PIN, mine_cap, 0), -E_INVAL);
	expect("map: unknown flag", map1(kid, 0x00c00000, mine_ppn << PAGE_SHIFT | 4, mine_cap, 0),
	       -E_INVAL);
	expect("map: read-only pin", map1(kid, RO_VA, mine_ppn << PAGE_SHIFT | TLB_PIN, mine_rcap, 0), 1);
}

static void arrays(uint32_t kid)
{
	expect("map: array at a kernel address", sys_env_map(kid, 0x80000000u, 1, 0), -E_FAULT);
	expect("map: array in kseg1", sys_env_map(kid, 0xa0000000u, 2, 0), -E_FAULT);
	expect("map: array not mapped", sys_env_map(kid, 0x30000000u, 1, 0), -E_FAULT);
	expect("map: array wraps past kuseg", sys_env_map(kid, 0x7ffffff8u, 2, 0), -E_FAULT);
	expect("map: 17 entries", sys_env_map(kid, MINE_VA, EXO_MAP_MAX + 1, 0), -E_INVAL);
	expect("map: -1 entries", sys_env_map(kid, MINE_VA, 0xffffffffu, 0), -E_INVAL);
}

/* Pins run out at EXO_NPIN (the simctl page is one of them). */
static void pins(uint32_t kid)
{
	int n = 0, r;

	while ((r = map1(kid, 0x00d00000 + n * PAGE_SIZE, mine_ppn << PAGE_SHIFT | TLB_PIN,
			 mine_rcap, 0)) == 1 && n < 2 * EXO_NPIN)
		n++;
	expect("map: pins until the limit", r, -E_INVAL);
	printf("pins: %d more, then refused\n", n);
}

static void sets(uint32_t kid)
{
	uint32_t bad[][2] = {
		{ 0, 1 }, { 26, 1 }, { 27, 1 }, { 33, 1 }, { 0xffffffffu, 0 },
		{ EXO_SET_PC, 0x80000000u }, { EXO_SET_PC, 0xbfc00000u }, { EXO_SET_PC, 0x00400001u },
		{ EXO_SET_ENTRY(EXO_NENTRY), 0x400000 }, { EXO_SET_ENTRY(0), 0x80000000u },
		{ EXO_SET_HANDLER(EXC_SYS), 0x400000 }, { EXO_SET_HANDLER(EXC_INT), 0x400000 },
		{ EXO_SET_HANDLER(EXC_BP), 0x80000080u }, { EXO_SET_HANDLER(EXC_NCODES), 0x400000 },
		{ EXO_SET_SAVE, 0x00c00000 },          /* not pinned */
		{ EXO_SET_SAVE, RO_VA },               /* pinned read-only */
		{ EXO_SET_SAVE, 0x80001000u },
	};

	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect("set: refused", sys_env_set(kid, bad[i][0], bad[i][1]), -E_INVAL);
	expect("set: a register", sys_env_set(kid, EXO_SET_REG(31), 0x80000000u), 0);
}

static void modules(uint32_t by)
{
	uint32_t byp = find_page_of(by), size = sys_module_read(0, 0, -1, 0), free_ppn, cap;

	free_ppn = sys_page_alloc(-1, &cap);
	sys_page_free(free_ppn, cap);
	expect("module: into the bystander's page", sys_module_read(0, 0, byp, 0), -E_PERM);
	expect("module: into a kernel page", sys_module_read(0, 0, 0, 0), -E_PERM);
	expect("module: into a free page", sys_module_read(0, 0, free_ppn, 0), -E_PERM);
	expect("module: past the end of RAM", sys_module_read(0, 0, exos_ram_pages(), 0), -E_INVAL);
	expect("module: no such module", sys_module_read(1, 0, mine_ppn, 0), -E_INVAL);
	expect("module: other bits", sys_module_read(0x20000, 0, mine_ppn, 0), -E_INVAL);
	expect("module: past its end", sys_module_read(0, size + 1, mine_ppn, 0), -E_INVAL);
	expect("module: offset -1", sys_module_read(0, 0xffffffffu, mine_ppn, 0), -E_INVAL);
	expect("module: name past its end", sys_module_read(EXO_MODULE_NAME, 4096, mine_ppn, 0), -E_INVAL);
}

static void starts(uint32_t kid)
{
	uint32_t none = sys_env_alloc();

	expect("start: no pc", sys_env_start(none, -1, 0), -E_INVAL);
	sys_env_destroy(none);
	expect("set: the pc", sys_env_set(kid, EXO_SET_PC, (uint32_t)_start), 0);
	expect("start: the bystander's slice", sys_env_start(kid, BY_SLICE, 0), -E_PERM);
	expect("start: slice 64", sys_env_start(kid, EXO_NSLICE, 0), -E_INVAL);
	expect("start: slice 0x80000000", sys_env_start(kid, 0x80000000u, 0), -E_INVAL);
	expect("start: run 2", sys_env_start(kid, -1, 2), -E_INVAL);
	expect("the bystander keeps its slice", sys_slice_alloc(BY_SLICE), -E_BUSY);
}

/* Take every slot; the bystander goes on; all come back. */
static int exhaust(void)
{
	uint32_t kids[EXO_NENV];
	int n = 0, r, i;

	while ((r = sys_env_alloc()) > 0)
		kids[n++] = r;
	expect("alloc: when no slot is free", r, -E_NOMEM);
	for (i = 0; i < n; i++)
		expect("destroy an unstarted child", sys_env_destroy(kids[i]), 0);
	return n;
}

/* Run a helper (this module with arg) to its end. */
static void helper(uint32_t arg, uint32_t by)
{
	int h = sys_env_create(0, arg);

	while (h > 0 && sys_yield(h) == 0)     /* -E_BADENV once it is gone */
		sys_yield(by);
}

static int helper_main(uint32_t arg)
{
	struct exos_child c;
	uint32_t ids[4];
	int i, n = 0;

	if (arg == H_ALLOC) {
		while (sys_env_alloc() > 0)
			n++;
		printf("helper: %d children allocated, left unstarted\n", n);
		return 0;
	}
	for (i = 0; i < 4; i++)
		if (build(&c, A_QUIT) == 0 && exos_child_start(&c, -1, 1) >= 0)
			ids[n++] = c.id;
	for (i = 0; i < n; i++)
		while (sys_yield(ids[i]) == 0)   /* -E_BADENV: it is dead */
			;
	printf("helper: %d children started, all dead, none collected\n", n);
	return 0;
}

int main(uint32_t arg, uint32_t self)
{
	int by, kid, n1, n2;

	if (arg == (BOOT_ENVID | BY_ARG))
		return bystander(BOOT_ENVID, self);
	if (arg == H_ALLOC || arg == H_ZOMBIE)
		return helper_main(arg);
	if (arg == A_QUIT)
		return 7;
	if (arg == A_IDLE)
		for (;;)
			sys_yield(-1);
	if (arg != 0 || self != BOOT_ENVID)
		return 0;
	by = sys_env_create(0, self | BY_ARG);
	sys_yield(by);                        /* it writes its pattern */
	if (exos_page_new(MINE_VA, TLB_WRITE | TLB_PIN, &mine_ppn, &mine_cap) < 0
	    || sys_page_cap(mine_ppn, mine_cap, 0, &mine_rcap) < 0)
		return 1;
	kid = sys_env_alloc();
	names(self, by);
	sys_yield(by);
	caps(kid, by);
	arrays(kid);
	sets(kid);
	pins(kid);
	modules(by);
	starts(kid);
	sys_yield(by);
	n1 = exhaust();
	helper(H_ALLOC, by);
	helper(H_ZOMBIE, by);
	n2 = exhaust();
	printf("slots: %d, then %d after a parent left unstarted and dead children\n", n1, n2);
	expect("slots all came back", n2, n1);
	sys_yield(by);
	printf("attacker: %d checks, %d wrong\n", checks, fails);
	return fails != 0;
}
