/*
 * attack_pct.c: a storm of protected control transfers beside a
 * bystander (attack.h).  The attacker makes ROUNDS synchronous and
 * asynchronous transfers (SYS_SCALL, SYS_ACALL) to itself, to a child
 * that transfers straight back, and to ids that name no environment
 * (0, -1, unused slots, a destroyed child's stale id, kernel-looking
 * values).  Each transfer must land where exo/exo.h says: at the
 * callee's sync or async entry with the registers as they were, or
 * back at the call with -E_BADENV.  The bystander's slices and page
 * stay its own.
 */
#include "exos.h"
#include "attack.h"

#define KID_ARG  2
#define ROUNDS   2000
#define AT_SYNC  1000                 /* v0 set by the attacker's sync entry */
#define AT_ASYNC 2000                 /* and by its async entry */

/*
 * pct(a0 = callee, a1 = 0 sync / 1 async, a2 = the attacker's envid):
 * one transfer.  A transfer into the attacker (from itself or back from
 * the child) arrives with the registers of the call, ra and sp
 * included, at at_sync or at_async, which set v0 and return from pct;
 * a refused one returns from the syscall with v0 = -E_BADENV.  The
 * child's entries (kid_entry) transfer synchronously back to a2 with
 * the message unchanged, so the attacker resumes at at_sync.
 */
extern int pct(uint32_t callee, uint32_t async, uint32_t attacker);
extern char at_sync[], at_async[], kid_entry[];
__asm__(".set push\n.set noreorder\n"
	".globl pct, at_sync, at_async, kid_entry\n"
	"pct:\n"
	"	beq	$5, $0, 1f\n"
	"	li	$2, 0\n"                 /* delay slot: SYS_SCALL */
	"	li	$2, -1\n"                /* SYS_ACALL */
	"1:	syscall\n"
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
	"	li	$2, 0\n"                 /* SYS_SCALL back to the attacker */
	"	syscall\n"
	"	break\n"                       /* the attacker is gone */
	".set pop\n");

static int fails;

/* n transfers to callee, each expected to give want; prints the tally. */
static void storm(const char *what, uint32_t callee, uint32_t async, uint32_t self, int want)
{
	int i, r, bad = 0, last = 0;

	for (i = 0; i < ROUNDS; i++)
		if ((r = pct(callee, async, self)) != want)
			bad++, last = r;
	printf("%d %s transfers %s: %d %s\n", ROUNDS, async ? "async" : "sync", what,
	       ROUNDS - bad, bad ? "WRONG" : "ok");
	if (bad)
		printf("  last wrong result %d, want %d\n", last, want);
	fails += bad != 0;
}

int main(uint32_t arg, uint32_t self)
{
	static const uint32_t bogus[] = { 0, 0xffffffffu, 0x7fffffffu, 0x80000000u,
					  0x0000fc00u, 0x7fff0000u | 63 << 10, 0x12345 };
	int by, kid, stale;
	uint32_t i, a;

	if (arg & BY_ARG)
		return bystander(arg & ~3u, self);
	if (arg & KID_ARG) {
		sys_set_entry(EXO_ENTRY_SYNC, kid_entry);
		sys_set_entry(EXO_ENTRY_ASYNC, kid_entry);
		for (;;)
			sys_yield(arg & ~3u);
	}
	by = sys_env_create(0, self | BY_ARG);
	sys_yield(by);                        /* it writes its pattern */
	sys_set_entry(EXO_ENTRY_SYNC, at_sync);
	sys_set_entry(EXO_ENTRY_ASYNC, at_async);
	kid = sys_env_create(0, self | KID_ARG);
	sys_yield(kid);                       /* it sets its entries */
	stale = sys_env_create(0, self | KID_ARG);
	sys_env_destroy(stale);
	for (a = 0; a < 2; a++) {
		storm("to itself", self, a, self, a ? AT_ASYNC : AT_SYNC);
		storm("to a child and back", kid, a, self, AT_SYNC);
		storm("to a destroyed child", stale, a, self, -E_BADENV);
		for (i = 0; i < sizeof bogus / sizeof bogus[0]; i++)
			storm("to no environment", bogus[i], a, self, -E_BADENV);
		sys_yield(by);
	}
	if (sys_env_destroy(kid) != 0 || sys_yield(by) != 0)
		printf("attacker: destroy the child, yield to the bystander: WRONG\n"), fails++;
	printf("attacker: done, %d wrong\n", fails);
	return 0;
}
