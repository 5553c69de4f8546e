/*
 * envbuild.c: building environments at user level (exo/exo.h calls
 * 18-21, 37, 38; tests/kernel/envbuild.t).  The parent reads its own
 * boot module (SYS_MODULE_READ), builds children that run a copy of
 * its image (SYS_ENV_ALLOC, SYS_ENV_MAP giving them the pages,
 * SYS_ENV_SET), starts them (SYS_ENV_START) and collects how each died
 * (SYS_ENV_WAIT): an exit with a status, an exception with no handler,
 * excess time, destruction by the parent.  A child being built cannot
 * be entered, yielded to or waited for.
 */
#include "exos.h"
#include "proc.h"

#define SHARED_VA  0x00800000        /* a page the parent shares with each child */
#define READ_VA    0x00700000        /* the parent's page for SYS_MODULE_READ */
#define A_EXIT     0xc0de0001        /* child: check itself, write, exit 42 */
#define A_BREAK    0xc0de0002        /* child: break with no handler */
#define A_SPIN     0xc0de0003        /* child: never yields from its upcall */
#define A_SLEEP    0xc0de0004        /* child: yields forever */

extern char _end[];
extern void _start(void);
static uint32_t shared_ppn, shared_cap;
static volatile uint32_t *const shared = (volatile uint32_t *)SHARED_VA;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "WRONG");
}

/* The end-of-slice upcall of A_SPIN: it never gives the slice back. */
static void spin_forever(void)
{
	for (;;)
		;
}

static int child(uint32_t arg, uint32_t self)
{
	if (arg == A_EXIT) {
		printf("child %x: arg %x, getenvid %s, shared %x\n", (unsigned)self,
		       (unsigned)arg, sys_getenvid() == (int)self ? "ok" : "WRONG",
		       (unsigned)shared[0]);
		shared[1] = self;
		return 42;
	}
	if (arg == A_BREAK)
		__asm__ volatile("break");
	if (arg == A_SPIN) {
		sys_set_entry(EXO_ENTRY_EOS, spin_forever);
		spin_forever();
	}
	for (;;)
		sys_yield(-1);
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
			goto fail;
	if ((r = exos_child_share(c, SHARED_VA, shared_ppn << PAGE_SHIFT | TLB_WRITE | TLB_PIN,
				  shared_cap)) < 0
	    || (r = exos_child_save(c)) < 0
	    || (r = exos_child_set(c, EXO_SET_REG(4), arg)) < 0
	    || (r = exos_child_set(c, EXO_SET_REG(5), c->id)) < 0
	    || (r = exos_child_set(c, EXO_SET_PC, (uint32_t)_start)) < 0)
		goto fail;
	return 0;
fail:
	printf("build: %d\n", r);
	exos_child_abandon(c);
	return r;
}

/* SYS_MODULE_READ: the name, the size, and the bytes of this image. */
static void read_module(void)
{
	volatile uint8_t *buf = (volatile uint8_t *)READ_VA;
	uint32_t ppn, cap, size, v1 = 0, off, va, i, same = 1;
	int n;

	if (exos_page_new(READ_VA, TLB_WRITE | TLB_PIN, &ppn, &cap) < 0)
		return;
	size = sys_module_read(0, 0, -1, 0);
	n = sys_module_read(EXO_MODULE_NAME, 0, ppn, &v1);
	printf("module 0: %s, %u bytes, name %d of %u bytes\n", (const char *)buf,
	       (unsigned)size, n, (unsigned)v1);
	n = sys_module_read(0, 0, ppn, &v1);
	check("module read: ELF magic, size in v1",
	      n == PAGE_SIZE && v1 == size && buf[0] == 0x7f && buf[1] == 'E' && buf[3] == 'F');
	off = *(volatile uint32_t *)(READ_VA + 28);                /* e_phoff */
	off = *(volatile uint32_t *)(READ_VA + off + 4);           /* p_offset of the first */
	va = EXO_USER_BASE;
	n = sys_module_read(0, off, ppn, 0);
	for (i = 0; i < 512; i++)
		same &= buf[i] == ((const uint8_t *)va)[i];
	check("module read: the text as it is in memory", n == PAGE_SIZE && same);
	n = sys_module_read(0, size - 3, ppn, 0);
	check("module read: the last 3 bytes, the rest zero", n == 3 && buf[3] == 0 && buf[4095] == 0);
	check("module read: at the end, nothing", sys_module_read(0, size, ppn, 0) == 0);
}

/* A child being built is not runnable and no transfer enters it. */
static void building(void)
{
	struct exos_child c;

	if (build(&c, A_EXIT) < 0)
		return;
	sys_env_set(c.id, EXO_SET_ENTRY(EXO_ENTRY_SYNC), (uint32_t)_start);
	sys_env_set(c.id, EXO_SET_ENTRY(EXO_ENTRY_ASYNC), (uint32_t)_start);
	check("building: transfer refused", exos_transfer(SYS_SCALL, c.id) == -E_BADENV
	      && exos_transfer(SYS_ACALL, c.id) == -E_BADENV);
	check("building: yield refused", sys_yield(c.id) == -E_BADENV);
	check("building: wait refused", sys_env_wait(c.id, 0, 0) == -E_BADENV);
	check("building: destroyed by its parent", sys_env_destroy(c.id) == 0
	      && sys_env_wait(-1, 1, 0) == -E_BADENV);
	if (exos_child_alloc(&c) < 0)
		return;
	check("building: no pc, no start", sys_env_start(c.id, -1, 0) == -E_INVAL);
	exos_child_abandon(&c);
}

/* Start a child built with arg; returns its envid or 0. */
static uint32_t run(uint32_t arg, uint32_t slice, int now)
{
	struct exos_child c;
	int s;

	if (build(&c, arg) < 0)
		return 0;
	s = exos_child_start(&c, slice, now);
	if (s < 0) {
		printf("start: %d\n", s);
		exos_child_abandon(&c);
		return 0;
	}
	return c.id;
}

/* Wait for id (or any); print how it died. */
static void reap(const char *what, uint32_t id, uint32_t want)
{
	uint32_t st = 0;
	int r = sys_env_wait(id, 0, &st);

	printf("%s: wait -> %s, status %x: %s\n", what, r == (int)id || id == 0xffffffff ? "it" : "WRONG",
	       (unsigned)st, st == want ? "ok" : "WRONG");
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t id, st, ppn;
	int s, r;

	if (arg != 0)
		return child(arg, self);
	if (exos_page_new(SHARED_VA, TLB_WRITE | TLB_PIN, &shared_ppn, &shared_cap) < 0)
		return 1;
	shared[0] = 0x5ea7ed;
	read_module();
	building();

	id = run(A_EXIT, -1, 1);
	r = sys_env_wait(id, 1, &st);
	check("exit: poll while it may live", r == (int)id || r == -E_BUSY);
	if (r == (int)id)
		printf("exit: wait -> it, status %x: %s\n", (unsigned)st, st == 42 ? "ok" : "WRONG");
	else
		reap("exit", id, 42);
	check("exit: the child wrote the shared page", shared[1] == id);
	check("exit: collected once", sys_env_wait(id, 0, 0) == -E_BADENV);

	id = run(A_BREAK, -1, 0);
	reap("break", -1, EXO_DIED_FAULT | EXC_BP);
	id = run(A_SPIN, -1, 0);
	reap("spin", id, EXO_DIED_EXCESS);

	s = sys_slice_alloc(-1);
	id = run(A_SLEEP, s, 0);
	check("sleep: it owns the slice given", sys_slice_free(s) == -E_PERM);
	ppn = sys_page_alloc(-1, &st);
	sys_page_free(ppn, st);
	check("sleep: poll says busy", sys_env_wait(id, 1, 0) == -E_BUSY);
	check("sleep: its pages are its own", sys_page_owner(ppn - 1) == (int)id
	      || sys_page_owner(ppn - 2) == (int)id);
	sys_yield(id);
	sys_env_destroy(id);
	reap("sleep", id, EXO_DIED_KILLED);
	check("no children left", sys_env_wait(-1, 0, 0) == -E_BADENV);
	return 0;
}
