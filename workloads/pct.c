/*
 * pct.c: protected control transfer semantics (exo/exo.h SYS_SCALL).
 *   chain   A calls B, B calls C, C calls A back: the registers are the
 *           message (each adds its mark to a1), A's own registers come
 *           back untouched, and the slice ends up A's again.
 *   yield   B and C left by a transfer, so the kernel keeps no context
 *           for them: B, which has a start-of-slice entry, is entered
 *           there with SAVE_IPC = the pc after its call; C, which has
 *           none, cannot be yielded to (-E_BADENV).
 *   acall   A calls C asynchronously; C answers with a call back.
 *   bad     a transfer to no environment returns -E_BADENV.
 * A is the boot module (arg 0); B and C are its children (arg = role).
 */
#include "exos.h"

#define ROLE_B 1
#define ROLE_C 2

extern char pct_b[], pct_c[], pct_c_async[], b_after[], b_sos[], a_back[];
static uint32_t parent_id;
char b_stack[2048] __attribute__((aligned(8)));   /* B's start-of-slice stack */

/*
 * The callees touch only the registers they use as the message: a1
 * gets their mark, a0 the next callee (from a2, then a3); v0 stays
 * SYS_SCALL.  B's call returns nowhere: its resume pc is b_after.
 */
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl pct_b, b_after, pct_c, pct_c_async, b_sos\n"
	"pct_b:\n"
	"	addiu	$5, $5, 100\n"
	"	move	$4, $6\n"              /* a0 = C */
	"	syscall\n"
	"b_after:\n"
	"	break\n"                       /* never resumed here */
	"pct_c:\n"
	"	addiu	$5, $5, 1000\n"
	"	move	$4, $7\n"              /* a0 = A */
	"	syscall\n"
	"	break\n"
	"pct_c_async:\n"
	"	addiu	$5, $5, 1000\n"
	"	move	$4, $7\n"              /* a0 = A: a synchronous call back */
	"	li	$2, 0\n"               /* SYS_SCALL (v0 was SYS_ACALL) */
	"	syscall\n"
	"	break\n"
	/* B's start-of-slice entry: its registers are not its own. */
	"b_sos:\n"
	"	lui	$29, %hi(b_stack + 2048)\n"
	"	j	b_resumed\n"
	"	addiu	$29, $29, %lo(b_stack + 2048)\n"
	".set pop\n");

void b_resumed(void) __attribute__((noreturn));
void b_resumed(void)
{
	uint32_t ipc = *(volatile uint32_t *)(EXO_SAVE_VA + SAVE_IPC);

	*(volatile uint32_t *)(EXO_SAVE_VA + SAVE_IPC) = 0;    /* taken */
	*(volatile uint32_t *)(EXO_SAVE_VA + SAVE_CRIT) = 0;   /* done with it */

	printf("B: entered at its start-of-slice entry, SAVE_IPC %s\n",
	       ipc == (uint32_t)b_after ? "= after its call: ok" : "WRONG");
	for (;;)
		sys_yield(parent_id);
}

/*
 * Transfer to `to` with a1 = val, a2 = c, a3 = a; -> a1 as the reply
 * left it, *err = v0 (0, or -E_BADENV when the call came straight
 * back), or -1 if s0 did not survive.  A's sync entry, a_back, is the
 * instruction after the call, so the reply resumes this function with
 * the registers it carries (A's own, passed along by B and C).  Not
 * inlined: the label must appear once.
 */
static __attribute__((noinline)) int call(int v0, uint32_t to, uint32_t val, uint32_t c, uint32_t a, int *err)
{
	register uint32_t r_v0 __asm__("$2") = v0;
	register uint32_t r_a0 __asm__("$4") = to;
	register uint32_t r_a1 __asm__("$5") = val;
	register uint32_t r_a2 __asm__("$6") = c;
	register uint32_t r_a3 __asm__("$7") = a;
	register uint32_t r_s0 __asm__("$16") = 0x5a5a5a5a;

	__asm__ volatile(".set push\n.set noreorder\n"
			 "	syscall\n"
			 "	nop\n"          /* -E_BADENV comes back here */
			 ".globl a_back\n"
			 "a_back:\n"
			 ".set pop\n"
			 : "+r"(r_v0), "+r"(r_a0), "+r"(r_a1), "+r"(r_a2), "+r"(r_a3), "+r"(r_s0)
			 : : "memory");
	*err = r_s0 != 0x5a5a5a5a ? -1 : (int)r_v0;
	return r_a1;
}

static void child(uint32_t role) __attribute__((noreturn));
static void child(uint32_t role)
{
	if (role == ROLE_B) {
		sys_set_entry(EXO_ENTRY_SYNC, pct_b);
		sys_set_entry(EXO_ENTRY_SOS, b_sos);
	} else {
		sys_set_entry(EXO_ENTRY_SYNC, pct_c);
		sys_set_entry(EXO_ENTRY_ASYNC, pct_c_async);
	}
	for (;;)
		sys_yield(parent_id);
}

int main(uint32_t arg, uint32_t self)
{
	int b, c, r, err;

	parent_id = arg ? arg & ~3u : self;
	if (arg)
		child(arg & 3);
	b = sys_env_create(0, self | ROLE_B);
	c = sys_env_create(0, self | ROLE_C);
	sys_yield(b);                           /* let them set their entries */
	sys_yield(c);
	sys_set_entry(EXO_ENTRY_SYNC, a_back);
	r = call(SYS_SCALL, b, 7, c, self, &err);
	printf("chain A->B->C->A: a1 = %d %s, A's s0 %s\n", r, r == 1107 ? "ok" : "WRONG",
	       err == 0 ? "kept" : "WRONG");
	printf("yield to B (left by a transfer, has an SOS entry): %d\n", sys_yield(b));
	printf("yield to C (left by a transfer, no SOS entry): %d\n", sys_yield(c));
	r = call(SYS_ACALL, c, 5, 0, self, &err);
	printf("acall A->C, C calls back: a1 = %d %s\n", r, r == 1005 ? "ok" : "WRONG");
	r = call(SYS_SCALL, 0x7fff0000, 5, 0, self, &err);
	printf("scall to nobody: %d, a1 = %d\n", err, r);
	r = call(SYS_ACALL, 0, 5, 0, self, &err);
	printf("acall to nobody: %d, a1 = %d\n", err, r);
	printf("destroy B, C: %d %d\n", sys_env_destroy(b), sys_env_destroy(c));
	return 0;
}
