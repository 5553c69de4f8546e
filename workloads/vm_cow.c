/*
 * vm_cow.c: fork with copy-on-write through ExOS's page table (exos/
 * vm.h vm_fork), on the table given by the argument (0 linear, else
 * inverted; run twice by tests/kernel/vm_fork.t through a child).  The
 * parent fills NP pages and forks.  The child reads the parent's data,
 * overwrites every page (one copy each, counted), checks its own data
 * and exits with a status the parent collects; first it tries to bind
 * a page it shares with the parent writable, to free it and to get its
 * write capability, each refused.  The parent then finds
 * its pages unchanged (the child's stores invisible to it), writes them
 * itself (a copy each on its side too) and checks again.
 */
#include "exos.h"
#include "vm.h"

#define BASE  0x50000000
#define NP    20
#define VA(i) (BASE + (uint32_t)(i) * PAGE_SIZE)

static uint32_t bad(uint32_t salt)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < NP; i++)
		for (uint32_t w = 0; w < PAGE_SIZE; w += 512)
			n += *(volatile uint32_t *)(VA(i) + w) != (i * 1000 + w) * salt;
	return n;
}

static void fill(uint32_t salt)
{
	for (uint32_t i = 0; i < NP; i++)
		for (uint32_t w = 0; w < PAGE_SIZE; w += 512)
			*(volatile uint32_t *)(VA(i) + w) = (i * 1000 + w) * salt;
}

/*
 * The child's attack: bind a page it shares with the parent writable,
 * or free it, with the capability its page table holds.
 */
static int attack(void)
{
	struct vm_pte *p = vm_pt()->find(BASE >> PAGE_SHIFT);
	uint32_t cap;
	int w = sys_tlb_write(BASE, (p->pte & ~(PAGE_SIZE - 1)) | TLB_WRITE, p->cap);
	int f = sys_page_free(p->pte >> PAGE_SHIFT, p->cap);
	int c = vm_cap(BASE, 1, &cap);

	printf("child: the parent's page bound writable: %d, freed: %d, its capability: %d\n", w, f, c);
	return w == -E_PERM && f == -E_PERM && c == -E_PERM;
}

static int child(void)
{
	uint32_t b0 = bad(3), c0 = vm_stats.cows;

	if (!attack())
		printf("child: an attack on the parent's page WRONG\n");

	fill(5);
	printf("child: read the parent's data: %s; %u copy-on-write faults; its own data: %s\n",
	       b0 ? "WRONG" : "ok", (unsigned)(vm_stats.cows - c0), bad(5) ? "WRONG" : "ok");
	return b0 || bad(5) || vm_stats.cows - c0 != NP ? 1 : 42;
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t st, c0;
	int kid, r;

	if ((r = vm_init(arg ? VM_PT_INVERTED : VM_PT_LINEAR)) < 0)
		return 1;
	printf("== fork on the %s page table\n", vm_kind_name());
	for (uint32_t i = 0; i < NP; i++)
		vm_alloc(VA(i), -1, VM_RW);
	fill(3);
	if ((kid = vm_fork()) == 0)
		return child();
	if (kid < 0) {
		printf("vm_fork: %d WRONG\n", kid);
		return 1;
	}
	r = exo_call(SYS_ENV_WAIT, kid, 0, 0, &st);
	printf("parent: child %s with status %u\n", r == kid ? "collected" : "NOT collected: WRONG",
	       (unsigned)st);
	printf("parent: its pages after the child's stores: %s\n", bad(3) ? "changed: WRONG" : "intact");
	c0 = vm_stats.cows;
	fill(7);
	printf("parent: %u copy-on-write faults of its own; its new data: %s\n",
	       (unsigned)(vm_stats.cows - c0), bad(7) ? "WRONG" : "ok");
	if (arg == 0 && (kid = sys_env_create(0, 1)) > 0)
		while (sys_yield(kid) == 0)
			;
	return 0;
}
