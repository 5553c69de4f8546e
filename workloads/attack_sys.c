/*
 * attack_sys.c: every system-call number from -3 to SYS_NCALLS + 2
 * (but SYS_EXIT and SYS_CWAIT, which end or block the caller by
 * design) with every combination of bad arguments in a0..a2: 0, -1,
 * 0x80000000, kernel addresses, huge lengths, an unaligned pointer into
 * a page of the caller's, a destroyed child's stale envid.  Each result
 * must be an error or what exo/exo.h documents for those arguments
 * (sys_ok); whatever a call did succeed in (a page, a slice, an
 * environment, a save area) is undone at once.  A bystander's page
 * stays intact (attack.h).
 */
#include "exos.h"
#include "attack.h"

#define SCRATCH 0x00a00000            /* a pinned page of the attacker's */
#define NBAD    9
#define SHOWN   10                    /* wrong results printed in full */

static uint32_t bad[NBAD] = { 0, 0xffffffffu, 0x80000000u, 0x80001000u, 0xa0000000u,
			      0x7fffffffu, 0x10000000u, SCRATCH + 1, 0 /* stale envid */ };

/* Undo what call n did when it succeeded (r, v1) with arguments a. */
static void undo(int n, const uint32_t *a, int r, uint32_t v1)
{
	if (r < 0)
		return;
	if (n == SYS_PAGE_ALLOC)
		sys_page_free(r, v1);
	else if (n == SYS_SLICE_ALLOC)
		sys_slice_free(r);
	else if (n == SYS_SLICE_FREE)
		sys_slice_alloc(a[0]);            /* it was the caller's own */
	else if (n == SYS_ENV_CREATE || n == SYS_ENV_ALLOC)
		sys_env_destroy(r);
	else if (n == SYS_SET_ENTRY)
		sys_set_entry(a[0], 0);
	else if (n == SYS_KSTAT)
		sys_tlb_delete(a[0], 0);          /* its new guaranteed mapping */
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t a[3], cap, v1, i, j, k, calls = 0, wrong = 0;
	volatile uint32_t *scratch = (volatile uint32_t *)SCRATCH;
	int by, n, r, q;

	if (arg == (BOOT_ENVID | BY_ARG))
		return bystander(BOOT_ENVID, self);
	if (arg != 0 || self != BOOT_ENVID)
		return 0;                         /* made by SYS_ENV_CREATE below */
	by = sys_env_create(0, self | BY_ARG);
	sys_yield(by);                        /* it writes its pattern */
	q = sys_page_alloc(-1, &cap);
	if (q < 0 || sys_tlb_write(SCRATCH, q << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap) < 0)
		printf("attacker: scratch page WRONG\n");
	scratch[0] = 0x600dc0de;
	bad[NBAD - 1] = sys_env_create(0, 0x5a);
	sys_env_destroy(bad[NBAD - 1]);
	for (n = -3; n <= SYS_NCALLS + 2; n++) {
		if (n == SYS_EXIT || n == SYS_CWAIT)
			continue;
		for (i = 0; i < NBAD * NBAD * NBAD; i++) {
			a[0] = bad[i % NBAD], a[1] = bad[i / NBAD % NBAD], a[2] = bad[i / NBAD / NBAD];
			r = attack_call(n, a[0], a[1], a[2], &v1);
			calls++;
			if (!sys_ok(n, a, r, self) && wrong++ < SHOWN)
				printf("call %d (%x, %x, %x) -> %d WRONG\n", n, (unsigned)a[0],
				       (unsigned)a[1], (unsigned)a[2], r);
			undo(n, a, r, v1);
		}
		sys_yield(by);
	}
	/* SYS_TLB_DELETE of SCRATCH + 1 unbound the page: bind it again. */
	k = sys_tlb_write(SCRATCH, q << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap);
	j = sys_getenvid() == (int)self && k == 0 && scratch[0] == 0x600dc0de;
	printf("attacker: %u calls, %u wrong; still itself with its page: %s\n",
	       (unsigned)calls, (unsigned)wrong, j ? "ok" : "WRONG");
	return 0;
}
