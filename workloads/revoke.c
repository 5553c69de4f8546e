/*
 * revoke.c: visible revocation and the abort protocol.  A child owns
 * eight pages and ignores a request to give three back; at the
 * deadline (DEADLINE_US of virtual time) the kernel takes three (never
 * its pinned image or save area), records them in the child's
 * repossession vector and enters it at its repossession upcall.  The
 * child checks the vector, that it no longer owns those pages, and
 * that the upcall came no earlier than the deadline and within one
 * timer tick after it (the kernel looks at deadlines on ticks); the
 * parent goes on.
 */
#include "exos.h"

#define NPAGES 8
#define DEADLINE_US 40000         /* 2.56 ticks of 15625 us */

static volatile uint32_t repo_cycle;       /* counter at the upcall */

static volatile uint32_t repo_upcalls;
extern char repo_entry[];

/* The upcall: count, then resume where the child was (SAVE_IPC). */
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
	"	nop\n"
	"	sw	$10, %lo(repo_cycle)($9)\n"
	"	lw	$8, 0x100c($0)\n"       /* SAVE_IPC */
	"	j	exo_xret\n"
	"	sw	$0, 0x100c($0)\n"       /* taken: upcalls may come again */
	".set pop\n");

static int child(uint32_t parent, uint32_t self)
{
	volatile uint32_t *save = (volatile uint32_t *)EXO_SAVE_VA;
	uint32_t cap, i, n, lost = 0, asked, hz, us;

	for (i = 0; i < NPAGES; i++)
		sys_page_alloc(-1, &cap);
	sys_set_entry(EXO_ENTRY_REPO, repo_entry);
	while (save[SAVE_REVOKE / 4] == 0)    /* the parent asks for pages */
		sys_yield(parent);
	asked = EXOS_CYCLES();
	printf("child: asked for %u pages; ignoring it\n", (unsigned)save[SAVE_REVOKE / 4]);
	while (repo_upcalls == 0)
		sys_yield(parent);
	hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
	us = (uint32_t)((uint64_t)(repo_cycle - asked) * 1000000 / hz);
	printf("child: upcall %s the deadline, %s a tick after it\n",
	       us >= DEADLINE_US ? "after" : "BEFORE",
	       us < DEADLINE_US + 1000000 / EXO_TICK_HZ ? "within" : "MORE than");
	n = save[SAVE_NREPO / 4];
	for (i = 0; i < n; i++)
		lost += sys_page_owner(save[SAVE_REPO / 4 + i]) != (int)self;
	printf("child: repossession upcall %u, %u pages taken, %u no longer mine\n",
	       (unsigned)repo_upcalls, (unsigned)n, (unsigned)lost);
	printf("child: still running from pinned pages: getenvid %s\n",
	       sys_getenvid() == (int)self ? "ok" : "WRONG");
	return 0;
}

int main(uint32_t arg, uint32_t self)
{
	int c;

	if (arg & 1)
		return child(arg & ~1u, self);
	c = sys_env_create(0, self | 1);
	sys_yield(c);
	printf("parent: deadline too far: %d\n", sys_revoke(c, 3, EXO_REVOKE_MAX_US + 1));
	printf("parent: revoke 3 pages in %u us: %d\n", DEADLINE_US, sys_revoke(c, 3, DEADLINE_US));
	while (sys_yield(c) == 0)
		;
	printf("parent: child done, parent alive\n");
	return 0;
}
