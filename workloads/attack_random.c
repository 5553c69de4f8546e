/*
 * attack_random.c: random system-call sequences beside a bystander
 * (attack.h).  A seeded xorshift generator (so every run is the same)
 * picks CALLS call numbers from -3 to SYS_NCALLS + 2 (but SYS_EXIT and
 * SYS_CWAIT, which end or block the caller by design) and their three
 * arguments from a pool: the bad values of attack_sys.c, small
 * integers, the caller's own envid, a child's envid, and a page of the
 * caller's own with its write capability.  Transfers always carry
 * a2 = the caller, so the child (whose entries transfer back to a2)
 * returns; SYS_SET_HANDLER and SYS_SET_ENTRY only get kernel-address
 * pcs, so the caller keeps its own handlers and entries.  Each result
 * must be what exo/exo.h documents (rand_ok, else sys_ok); what a call
 * did is undone or followed (a freed page taken back, a new capability
 * kept, a destroyed child made again).  A bystander's page stays
 * intact throughout.
 */
#include "exos.h"
#include "attack.h"

#define SCRATCH  0x00a00000           /* a pinned page of the attacker's */
#define KID_ARG  2
#ifndef SEED
#define SEED     0x2545f491u
#endif
#define CALLS    4000
#define EVERY    64                   /* calls between yields to the bystander */
#define SHOWN    10                   /* wrong results printed in full */
#define AT_SYNC  1000                 /* v0 set by the attacker's sync entry */
#define AT_ASYNC 2000                 /* and by its async entry */

/* The pool: attack_sys.c's bad values, small integers, then the named ones. */
enum { P_STALE = 8, P_SELF = 16, P_KID, P_PPN, P_CAP, NPOOL };
static uint32_t pool[NPOOL] = { 0, 0xffffffffu, 0x80000000u, 0x80001000u, 0xa0000000u,
				0x7fffffffu, 0x10000000u, SCRATCH + 1, 0, 1, 2, 3, 4, 5, 6, 7 };
static const uint32_t kpc[] = { 0x80000000u, 0x80001000u, 0xa0000000u, 0xfffffffcu };
static int scratch_bound = 1;
static uint32_t landed, remade, retaken; /* tallies printed at the end */         /* SYS_TLB_DELETE of SCRATCH + 1 unbinds it */

/*
 * xfer(a0, a1, a2, n): transfer n (SYS_SCALL or any negative number).
 * One into the attacker (to itself, or back from the child) arrives
 * with the registers of the call at at_sync or at_async, which set v0
 * and return from xfer; a refused one returns with v0 = the error.
 * The child's entries (kid_entry) transfer synchronously to a2.
 */
extern int xfer(uint32_t a0, uint32_t a1, uint32_t a2, int n);
extern char at_sync[], at_async[], kid_entry[];
__asm__(".set push\n.set noreorder\n"
	".globl xfer, at_sync, at_async, kid_entry\n"
	"xfer:\n"
	"	move	$2, $7\n"                /* v0 = n */
	"	syscall\n"
	"	jr	$31\n"                   /* refused: v0 = the error */
	"	nop\n"
	"at_sync:\n"
	"	jr	$31\n"
	"	li	$2, 1000\n"              /* delay slot: AT_SYNC */
	"at_async:\n"
	"	jr	$31\n"
	"	li	$2, 2000\n"              /* delay slot: AT_ASYNC */
	"kid_entry:\n"
	"	move	$4, $6\n"
	"	li	$2, 0\n"                 /* SYS_SCALL back to a2 */
	"	syscall\n"
	"	break\n"                       /* a2 is gone */
	".set pop\n");

/* The next number of the generator (xorshift32). */
static uint32_t rnd(void)
{
	static uint32_t x = SEED;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/*
 * Whether r is what call n documents for arguments a drawn from the
 * pool: the calls that may succeed on the caller's own envid, the
 * child's, the caller's page and capability, or an address in its
 * pinned scratch page (SYS_SET_SAVE takes any va in a pinned writable
 * page) are judged here, the rest by sys_ok.  A yield to the child
 * may be refused: after a transfer back it can run only when entered.
 */
static int rand_ok(int n, const uint32_t *a, int r, uint32_t self)
{
	uint32_t kid = pool[P_KID], ppn = pool[P_PPN], cap = pool[P_CAP];

	if (n <= SYS_SCALL && a[0] == self)
		return r == (n == SYS_SCALL ? AT_SYNC : AT_ASYNC);
	if (n <= SYS_SCALL && a[0] == kid)
		return r == AT_SYNC;
	if ((n == SYS_YIELD || n == SYS_YIELD_FAST) && a[0] == kid)
		return r == 0 || r == -E_BADENV;
	if ((n == SYS_YIELD || n == SYS_YIELD_FAST) && a[0] == self)
		return r == 0;
	if (n == SYS_ENV_DESTROY && a[0] == kid)
		return r == 0;
	if (n == SYS_REVOKE && a[0] == kid)
		return r == 0 ? a[2] <= EXO_REVOKE_MAX_US : r == -E_INVAL && a[2] > EXO_REVOKE_MAX_US;
	if (n == SYS_PAGE_FREE && a[0] == ppn && a[1] == cap)
		return r == 0;
	if (n == SYS_PAGE_CAP && a[0] == ppn && a[1] == cap)
		return r == 0 ? a[2] <= 2 : r == -E_INVAL && a[2] > 2;
	if (n == SYS_PAGE_ALLOC && r >= 0 && a[0] == ppn)
		return r == (int)ppn;             /* after it was freed */
	if (n == SYS_MODULE_READ && a[2] == ppn)  /* its own page takes a copy */
		return r >= 0 ? (a[0] & ~EXO_MODULE_NAME) == 0 : r == -E_INVAL;
	if (n == SYS_SET_SAVE && a[0] == SCRATCH + 1)
		return r == (scratch_bound ? 0 : -E_INVAL);
	if (n == SYS_SLICE_ALLOC && r >= 0 && a[0] < EXO_NSLICE)
		return r == (int)a[0];            /* a free slice named */
	return sys_ok(n, a, r, self);
}

/*
 * A child whose entries transfer back, with them set: a yield may give
 * it only the end of a slice, too little for its start-up, so yield
 * until a transfer to it comes back.
 */
static uint32_t make_kid(uint32_t self)
{
	int kid = sys_env_create(0, self | KID_ARG), tries = 0;

	while (kid > 0 && xfer(kid, 0, self, SYS_SCALL) != AT_SYNC && tries++ < 100)
		sys_yield(kid);
	if (kid < 0 || tries > 100)
		printf("attacker: make a child WRONG (%d)\n", kid);
	return kid;
}

/*
 * Undo or follow what call n did when it succeeded (r, v1) with
 * arguments a: the caller's page is taken back when freed and its
 * capability followed, its save area put back, the unbinding of its
 * scratch page noted; a dead child is made again.
 */
static void follow(int n, const uint32_t *a, int r, uint32_t v1, uint32_t self)
{
	if (n == SYS_PAGE_ALLOC && r >= 0 && r == (int)pool[P_PPN])
		pool[P_CAP] = v1;
	else if (n == SYS_PAGE_ALLOC && r >= 0)
		sys_page_free(r, v1);
	else if (n == SYS_PAGE_CAP && r == 0 && a[2] == 2)
		pool[P_CAP] = v1;
	else if (n == SYS_SLICE_ALLOC && r >= 0)
		sys_slice_free(r);
	else if (n == SYS_SLICE_FREE && r == 0)
		sys_slice_alloc(a[0]);            /* it was the caller's own */
	else if ((n == SYS_ENV_CREATE || n == SYS_ENV_ALLOC) && r > 0)
		sys_env_destroy(r);
	else if (n == SYS_SET_SAVE && r == 0)
		sys_set_save(EXO_SAVE_VA);
	else if (n == SYS_KSTAT && r == 0)
		sys_tlb_delete(a[0], 0);          /* its new guaranteed mapping */
	else if (n == SYS_TLB_DELETE && r == 0 && a[0] == SCRATCH + 1 && a[1] == 0)
		scratch_bound = 0;
	if (n <= SYS_SCALL && r >= AT_SYNC)
		landed++;
	if (sys_page_owner(pool[P_PPN]) != (int)self && ++retaken &&
	    sys_page_alloc(pool[P_PPN], &pool[P_CAP]) != (int)pool[P_PPN])
		printf("attacker: take back page %u WRONG\n", (unsigned)pool[P_PPN]);
	if (n == SYS_ENV_DESTROY && a[0] == pool[P_KID] && ++remade)
		pool[P_KID] = make_kid(self);
}

/* One random call; returns whether its result was right. */
static int one(uint32_t self, uint32_t i)
{
	uint32_t a[3], v1 = 0;
	int n, r;

	do
		n = (int)(rnd() % (SYS_NCALLS + 6)) - 3;
	while (n == SYS_EXIT || n == SYS_CWAIT);
	a[0] = pool[rnd() % NPOOL], a[1] = pool[rnd() % NPOOL], a[2] = pool[rnd() % NPOOL];
	if (n == SYS_ENV_DESTROY && a[0] == self)
		a[0] = pool[P_KID];               /* not itself */
	if (n == SYS_SET_HANDLER || n == SYS_SET_ENTRY)
		a[1] = kpc[rnd() % 4];            /* keep its own handlers */
	if (n == SYS_CPUTS && a[1] <= 4096)
		a[1] = 0;                         /* print nothing of its memory */
	if (n <= SYS_SCALL) {
		a[2] = self;                      /* the child comes back */
		r = xfer(a[0], a[1], a[2], n);
	} else
		r = attack_call(n, a[0], a[1], a[2], &v1);
	if (rand_ok(n, a, r, self)) {
		follow(n, a, r, v1, self);
		return 1;
	}
	printf("call %u: %d (%x, %x, %x) -> %d WRONG\n", (unsigned)i, n, (unsigned)a[0],
	       (unsigned)a[1], (unsigned)a[2], r);
	follow(n, a, r, v1, self);
	return 0;
}

int main(uint32_t arg, uint32_t self)
{
	volatile uint32_t *scratch = (volatile uint32_t *)SCRATCH;
	uint32_t cap, i, wrong = 0;
	int by, q, ok;

	if (arg == (BOOT_ENVID | BY_ARG))
		return bystander(BOOT_ENVID, self);
	if (arg == (BOOT_ENVID | KID_ARG)) {
		sys_set_entry(EXO_ENTRY_SYNC, kid_entry);
		sys_set_entry(EXO_ENTRY_ASYNC, kid_entry);
		for (;;)
			sys_yield(BOOT_ENVID);
	}
	if (arg != 0 || self != BOOT_ENVID)
		return 0;                         /* made by SYS_ENV_CREATE below */
	by = sys_env_create(0, self | BY_ARG);
	sys_yield(by);                        /* it writes its pattern */
	sys_set_entry(EXO_ENTRY_SYNC, at_sync);
	sys_set_entry(EXO_ENTRY_ASYNC, at_async);
	q = sys_page_alloc(-1, &cap);
	if (q < 0 || sys_tlb_write(SCRATCH, q << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap) < 0)
		printf("attacker: scratch page WRONG\n");
	scratch[0] = 0x600dc0de;
	pool[P_STALE] = sys_env_create(0, 0x5a);
	sys_env_destroy(pool[P_STALE]);
	pool[P_SELF] = self;
	pool[P_KID] = make_kid(self);
	pool[P_PPN] = sys_page_alloc(-1, &pool[P_CAP]);
	for (i = 0; i < CALLS; i++) {
		if (!one(self, i) && ++wrong >= SHOWN)
			break;
		if (i % EVERY == EVERY - 1)
			sys_yield(by);
	}
	/* A call may have unbound or rebound SCRATCH: bind it again. */
	ok = sys_tlb_write(SCRATCH, q << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap) == 0;
	ok = ok && sys_getenvid() == (int)self && scratch[0] == 0x600dc0de &&
	     sys_page_owner(pool[P_PPN]) == (int)self;
	printf("attacker: %u random calls (seed %x), %u wrong; still itself with its pages: %s\n",
	       (unsigned)i, (unsigned)SEED, (unsigned)wrong, ok ? "ok" : "WRONG");
	printf("attacker: %u transfers landed, page taken back %u times, child made %u times\n",
	       (unsigned)landed, (unsigned)retaken, (unsigned)remade + 1);
	sys_env_destroy(pool[P_KID]);
	return 0;
}
