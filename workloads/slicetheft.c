/*
 * slicetheft.c: only the owner of a slice donates its future instances
 * (exo/exo.h SYS_SCALL).  P, the boot module, owns slice 0 (the first
 * one allocated); its child T owns one of its own.  T borrows the rest
 * of P's slice twice, and each time makes synchronous transfers (to
 * itself, and once back to P), which donate the current slice:
 *   yield   P yields to T; T transfers to itself and yields back;
 *   acall   P transfers asynchronously to T; T transfers to itself,
 *           then synchronously back to P.
 * P first takes every free slice, so that it runs in one of its own
 * when it lends (each case is repeated over several slices, ending
 * each with SYS_YIELD(-1)).  After each case every slice P took must
 * still be P's: SYS_SLICE_FREE by P succeeds (then P takes it back by
 * name).
 */
#include "exos.h"

#define ROUNDS 6

extern char t_async[], p_back[];
extern void steal_self(uint32_t self, uint32_t mode, uint32_t unused, uint32_t back);
extern void p_acall(uint32_t t, uint32_t unused, uint32_t t2, uint32_t p);

/*
 * steal_self: a synchronous transfer of T to itself (a0 = T): it
 * enters T's sync entry, t_sync, right after the syscall, with every
 * register as it was.  mode a1 = 0: return to the caller; 1: transfer
 * synchronously to a3 (P, at p_back).  t_async: T's async entry
 * (P's ACALL: a2 = T, a3 = P).  p_acall: P's asynchronous transfer to
 * T, resumed at p_back by T's transfer with P's registers intact.
 */
__asm__(".set push\n.set noreorder\n"
	".globl steal_self, t_sync, t_async, p_acall, p_back\n"
	"steal_self:\n"
	"	li	$2, 0\n"                 /* SYS_SCALL */
	"	syscall\n"
	"t_sync:\n"
	"	bne	$5, $0, 1f\n"
	"	nop\n"
	"	jr	$31\n"
	"	nop\n"
	"1:	move	$4, $7\n"
	"	li	$2, 0\n"
	"	syscall\n"                     /* to P's p_back */
	"	break\n"
	"t_async:\n"
	"	move	$4, $6\n"
	"	b	steal_self\n"
	"	li	$5, 1\n"
	"p_acall:\n"
	"	li	$2, -1\n"                /* SYS_ACALL */
	"	syscall\n"
	"p_back:\n"
	"	jr	$31\n"
	"	nop\n"
	".set pop\n");
extern char t_sync[];

static int mine[EXO_NSLICE], nmine;

/* Whether P still owns its slices: free each (owner only) and take it back. */
static void owns(const char *after)
{
	int i, lost = 0;

	for (i = 0; i < nmine; i++)
		if (sys_slice_free(mine[i]) == 0)
			sys_slice_alloc(mine[i]);
		else
			lost++;
	printf("after %s: %d of P's %d slices %s\n", after, lost, nmine,
	       lost ? "STOLEN" : "taken: ok");
}

static int __attribute__((noreturn)) thief(uint32_t p, uint32_t self)
{
	sys_set_entry(EXO_ENTRY_SYNC, t_sync);
	sys_set_entry(EXO_ENTRY_ASYNC, t_async);
	for (;;) {
		steal_self(self, 0, 0, 0);
		sys_yield(p);
	}
}

int main(uint32_t arg, uint32_t self)
{
	int t, i;

	if (arg & 1)
		return thief(arg & ~1u, self);
	t = sys_env_create(0, self | 1);
	for (i = 0; i < EXO_NSLICE; i++)
		if (sys_slice_free(i) == 0)       /* the one it was given */
			sys_slice_alloc(i), mine[nmine++] = i;
	while ((i = sys_slice_alloc(-1)) >= 0)
		mine[nmine++] = i;
	for (i = 0; i < ROUNDS; i++) {
		sys_yield(t);                 /* T steals, yields back */
		sys_yield(-1);
	}
	owns("directed yields to T");
	sys_set_entry(EXO_ENTRY_SYNC, p_back);
	for (i = 0; i < ROUNDS; i++) {
		p_acall(t, 0, t, self);
		sys_yield(-1);
	}
	owns("asynchronous transfers to T");
	sys_env_destroy(t);
	return 0;
}
