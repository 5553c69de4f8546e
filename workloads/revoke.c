/*
 * revoke.c: visible revocation and the abort protocol.  A child owns
 * eight pages and ignores a request to give three back; at the
 * deadline the kernel takes three (never its pinned image or save
 * area), records them in the child's repossession vector and enters it
 * at its repossession upcall.  The child checks the vector and that it
 * no longer owns those pages; the parent goes on.
 */
#include "exos.h"

#define NPAGES 8

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
	"	lw	$8, 0x100c($0)\n"       /* SAVE_IPC */
	"	j	exo_xret\n"
	"	nop\n"
	".set pop\n");

static int child(uint32_t parent, uint32_t self)
{
	volatile uint32_t *save = (volatile uint32_t *)EXO_SAVE_VA;
	uint32_t cap, i, n, lost = 0;

	for (i = 0; i < NPAGES; i++)
		sys_page_alloc(-1, &cap);
	sys_set_entry(EXO_ENTRY_REPO, repo_entry);
	while (save[SAVE_REVOKE / 4] == 0)    /* the parent asks for pages */
		sys_yield(parent);
	printf("child: asked for %u pages; ignoring it\n", (unsigned)save[SAVE_REVOKE / 4]);
	while (repo_upcalls == 0)
		sys_yield(parent);
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
		return child(arg >> 1, self);
	c = sys_env_create(0, self << 1 | 1);
	sys_yield(c);
	printf("parent: revoke 3 pages: %d\n", sys_revoke(c, 3));
	while (sys_yield(c) == 0)
		;
	printf("parent: child done, parent alive\n");
	return 0;
}
