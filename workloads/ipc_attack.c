/*
 * ipc_attack.c: peers that break ExOS's IPC protocols (exos/ipc.h),
 * and a bystander whose data must come through intact.
 *   liar     a pipe peer writes an impossible head into one ring and an
 *            impossible tail into the other, then exits: every read and
 *            write says -E_INVAL (nothing outside the ring is touched);
 *            with the rings reset, a read of the empty ring and a write
 *            past the full one say the peer is gone
 *   forgery  while the parent waits in an LRPC, a third environment
 *            transfers into its reply entry with a guessed token and a
 *            false result: rejected, and the call returns the server's
 *            real result
 *   clobber  a server that overwrites s0-s8, gp, sp and ra before it
 *            replies: the caller's callee-saved registers come back
 *   death    a server that exits in the middle of the call: the call
 *            returns -E_BADENV and the caller goes on
 *   envids   calls to an envid that never existed and to a dead one;
 *            calls to the server whose reply-to names the bystander, no
 *            one, and the server itself: the server goes on serving
 *   running  a transfer into a process that has entries set while it
 *            runs (preempted): its context is gone (the kernel kept
 *            none); ExOS sees that and the process exits (97), and
 *            nothing else is disturbed
 * The bystander holds a private page of pattern words and takes every
 * stray transfer aimed at it; at the end it checks its page.
 */
#include "exos.h"
#include "ipc.h"

#define SHARE_VA   0x00c00000
#define PRIV_VA    0x00c01000
#define FLAG_VA    0x00c02000        /* the parent's view of the bystander's page */
#define ROLE_BYST  1
#define ROLE_LIAR  2
#define ROLE_SLOW  3
#define ROLE_FORGE 4
#define ROLE_CLOB  5
#define ROLE_DIE   6
#define ROLE_SPIN  7
#define NOBODY     0x7fff0400u       /* an envid no environment has had */

static uint32_t self_id;
static volatile uint32_t *flag = (volatile uint32_t *)SHARE_VA;

static void check(const char *what, int ok)
{
	printf("attack %s: %s\n", what, ok ? "ok" : "WRONG");
}

/*
 * forge(to, a1, a2, a3): SYS_ACALL with exactly these registers; the
 * environment gives its context away and idles after (forge_idle).
 * clobber_entry: reply to a1 with 7 after overwriting every callee-
 * saved register.  regs_call(srv): lrpc_call with s0-s8 set to
 * patterns; -> the number of them changed, plus 100 if the result was
 * not 7.
 */
void forge(uint32_t to, uint32_t a1, uint32_t a2, uint32_t a3);
void clobber_entry(void);
int regs_call(uint32_t srv);
#define PAT(n) "0x5a5a0000 + " #n
#define CHK(r, n) "li $9, " PAT(n) "\n bne " r ", $9, 1f\n nop\n addiu $8, $8, -1\n1: addiu $8, $8, 1\n"
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl forge, forge_idle, clobber_entry, regs_call\n"
	"forge:\n"
	"	li	$2, -1\n"
	"	syscall\n"
	"forge_idle:\n"
	"	li	$2, " "36" "\n"          /* SYS_YIELD_FAST */
	"	li	$4, -1\n"
	"	syscall\n"
	"	b	forge_idle\n"
	"	nop\n"
	"clobber_entry:\n"
	"	move	$4, $5\n"
	"	li	$16, 0xdeadbeef\n li $17, 0xdeadbeef\n li $18, 0xdeadbeef\n"
	"	li	$19, 0xdeadbeef\n li $20, 0xdeadbeef\n li $21, 0xdeadbeef\n"
	"	li	$22, 0xdeadbeef\n li $23, 0xdeadbeef\n li $30, 0xdeadbeef\n"
	"	li	$28, 0xdeadbeef\n li $29, 0xdeadbeef\n li $31, 0xdeadbeef\n"
	"	li	$7, 7\n"
	"	syscall\n"                     /* v0 < 0: SYS_ACALL as it came */
	"	break\n"
	"regs_call:\n"
	"	addiu	$29, $29, -48\n"
	"	sw	$16, 16($29)\n sw $17, 20($29)\n sw $18, 24($29)\n sw $19, 28($29)\n"
	"	sw	$20, 32($29)\n sw $21, 36($29)\n sw $22, 40($29)\n sw $23, 44($29)\n"
	"	sw	$30, 12($29)\n sw $31, 8($29)\n"
	"	li	$16, " PAT(0) "\n li $17, " PAT(1) "\n li $18, " PAT(2) "\n"
	"	li	$19, " PAT(3) "\n li $20, " PAT(4) "\n li $21, " PAT(5) "\n"
	"	li	$22, " PAT(6) "\n li $23, " PAT(7) "\n li $30, " PAT(8) "\n"
	"	move	$5, $0\n"
	"	jal	lrpc_call\n"
	"	move	$6, $0\n"
	"	li	$8, 0\n"
	CHK("$16", 0) CHK("$17", 1) CHK("$18", 2) CHK("$19", 3) CHK("$20", 4)
	CHK("$21", 5) CHK("$22", 6) CHK("$23", 7) CHK("$30", 8)
	"	li	$9, 7\n"
	"	beq	$2, $9, 2f\n"
	"	nop\n"
	"	addiu	$8, $8, 100\n"
	"2:	lw	$16, 16($29)\n lw $17, 20($29)\n lw $18, 24($29)\n lw $19, 28($29)\n"
	"	lw	$20, 32($29)\n lw $21, 36($29)\n lw $22, 40($29)\n lw $23, 44($29)\n"
	"	lw	$30, 12($29)\n lw $31, 8($29)\n"
	"	move	$2, $8\n"
	"	jr	$31\n"
	"	addiu	$29, $29, 48\n"
	".set pop\n");

/* ---- the children ---- */

static uint32_t fwd[4];
static int nfwd;

/* The forger's configuration, two words a call: to, a1, a2, a3. */
static uint32_t forge_cfg(uint32_t a, uint32_t b)
{
	if (nfwd < 4) {
		fwd[nfwd++] = a;
		fwd[nfwd++] = b;
	}
	return 0;
}

static void forger(uint32_t parent)
{
	ipc_serve(forge_cfg);
	for (;;) {
		ipc_yield(parent);
		if (nfwd == 4)
			forge(fwd[0], fwd[1], fwd[2], fwd[3]);
	}
}

/* The slow server: for a = 1 it lends the CPU to environment b first. */
static uint32_t slow_proc(uint32_t a, uint32_t b)
{
	if (a == 1)
		sys_yield(b);
	return 42;
}

static uint32_t die_proc(uint32_t a, uint32_t b)
{
	sys_exit(5);
	return 0;
}

/* The bystander: a private page, stray transfers, a check at the end. */
static int bystander(uint32_t parent)
{
	uint32_t ppn, cap, pcap, i, bad = 0, wakes = 0;
	volatile uint32_t *priv = (volatile uint32_t *)PRIV_VA;
	int p;

	if (ipc_share_take(parent, &ppn, &cap, 1) < 0 || ipc_page_map(SHARE_VA, ppn, cap) < 0)
		return 1;
	if ((p = sys_page_alloc(-1, &pcap)) < 0 || ipc_page_map(PRIV_VA, p, pcap) < 0)
		return 1;
	for (i = 0; i < 1024; i++)
		priv[i] = i * 2654435761u;
	ipc_client(0);                          /* a reply entry: a target */
	while (!*flag) {
		ipc_yield(parent);
		wakes++;
	}
	for (i = 0; i < 1024; i++)
		bad += priv[i] != i * 2654435761u;
	printf("attack bystander: %u stray transfers taken, private page %s\n",
	       (unsigned)ipc.strays, bad ? "WRONG" : "intact");
	return 0;
}

static int liar(uint32_t parent)
{
	uint32_t ppn, cap;
	struct ipc_ring *ab = (struct ipc_ring *)SHARE_VA, *ba = (struct ipc_ring *)(SHARE_VA + 2048);

	if (ipc_share_take(parent, &ppn, &cap, 1) < 0 || ipc_page_map(SHARE_VA, ppn, cap) < 0)
		return 1;
	ab->head = 5000;                        /* more than the ring holds */
	ba->tail = 0x10000;                     /* more than was ever written */
	return 0;
}

/* Entries set, and running (preempted at each tick), never waiting. */
static volatile uint32_t spins;
static int spinner(uint32_t parent)
{
	ipc_client(0);
	sys_yield(parent);
	for (;;)
		spins++;
	return 0;
}

static int child_main(uint32_t parent, int role)
{
	switch (role) {
	case ROLE_SPIN:
		return spinner(parent);
	case ROLE_BYST:
		return bystander(parent);
	case ROLE_LIAR:
		return liar(parent);
	case ROLE_FORGE:
		forger(parent);
		break;
	case ROLE_CLOB:
		sys_set_entry(EXO_ENTRY_ASYNC, clobber_entry);
		for (;;)
			sys_yield(parent);
	case ROLE_SLOW:
	case ROLE_DIE:
		ipc_serve(role == ROLE_SLOW ? slow_proc : die_proc);
		for (;;)
			ipc_yield(parent);
	}
	return 1;
}

/* ---- the parent ---- */

static int spawn(int role)
{
	int c = sys_env_create(0, self_id | role);

	if (c >= 0)
		sys_yield(c);                   /* let it set up */
	return c;
}

static int spawn_sharing(int role, uint32_t va)
{
	uint32_t ppn, cap;
	int c = sys_env_create(0, self_id | role);

	if (c < 0 || ipc_page_new(va, &ppn, &cap) < 0 || ipc_share_give(c, ppn, cap) < 0)
		return -1;
	return c;
}

static void pipe_lies(void)
{
	struct ipc_pipe rd, wr;
	static uint8_t buf[2048];
	uint32_t w;
	int l = spawn_sharing(ROLE_LIAR, SHARE_VA), r1, r2, r3, r4;

	ipc_pipe_init(&rd, (void *)SHARE_VA, l, 0);
	ipc_pipe_init(&wr, (void *)(SHARE_VA + 2048), l, 0);
	r1 = ipc_pipe_read(&rd, buf, 16);
	r2 = ipc_pipe_getw(&rd, &w);
	r3 = ipc_pipe_write(&wr, buf, 16);
	r4 = ipc_pipe_putw(&wr, 1);
	printf("attack pipe, indices lied about: read %d, getw %d, write %d, putw %d\n", r1, r2, r3, r4);
	check("pipe lies refused", l >= 0 && r1 == -E_INVAL && r2 == -E_INVAL && r3 == -E_INVAL
	      && r4 == -E_INVAL);
	ipc_pipe_init(&rd, (void *)SHARE_VA, l, 1);
	ipc_pipe_init(&wr, (void *)(SHARE_VA + 2048), l, 1);
	r1 = ipc_pipe_read(&rd, buf, 16);
	r2 = ipc_pipe_write(&wr, buf, sizeof buf);
	printf("attack pipe, peer gone: read %d, write of %u: %d\n", r1, (unsigned)sizeof buf, r2);
	check("pipe peer gone", r1 == -E_BADENV && r2 == IPC_RING);
	sys_tlb_delete(SHARE_VA, 0);
}

static void lrpc_attacks(uint32_t byst)
{
	int slow = spawn(ROLE_SLOW), f = spawn(ROLE_FORGE), clob = spawn(ROLE_CLOB);
	int die = spawn(ROLE_DIE), r, i;
	uint32_t v = 0, strays;

	ipc_client(0);
	/* The forger aims at our reply entry: a1 = the server, a guessed token. */
	lrpc(f, self_id, slow, &v);
	lrpc(f, 0x12345679, 666, &v);
	strays = ipc.strays;
	r = lrpc(slow, 1, f, &v);
	printf("attack forged reply: call returned %d, result %u, %u stray transfer(s)\n", r,
	       (unsigned)v, (unsigned)(ipc.strays - strays));
	check("forged reply rejected", r == 0 && v == 42 && ipc.strays - strays >= 1);

	r = regs_call(clob);
	printf("attack clobbering server: %d registers changed%s\n", r % 100,
	       r >= 100 ? ", result wrong" : "");
	check("callee-saved registers kept", r == 0);

	r = lrpc(die, 0, 0, &v);
	printf("attack server dies in the call: %d\n", r);
	check("death mid-call", r == -E_BADENV);

	r = lrpc(NOBODY, 0, 0, &v);
	check("call to an envid never used", r == -E_BADENV);
	r = lrpc(die, 0, 0, &v);
	check("call to a dead server", r == -E_BADENV);

	/* Calls to the slow server with a false reply-to, by fresh forgers. */
	static const char *const whom[3] = { "the bystander", "no one", "the server itself" };
	uint32_t to[3] = { byst, NOBODY, slow };
	for (i = 0; i < 3; i++) {
		int g = spawn(ROLE_FORGE);

		lrpc(g, slow, to[i], &v);
		lrpc(g, 0x55, 9, &v);
		sys_yield(g);                   /* it forges the call now */
		r = lrpc(slow, 2, 0, &v);
		printf("attack reply-to %s: the server then answers %d, %u\n", whom[i], r,
		       (unsigned)v);
		check("server goes on", r == 0 && v == 42);
		sys_env_destroy(g);
	}
	ipc_entries_off();
	sys_env_destroy(slow);
	sys_env_destroy(f);
	sys_env_destroy(clob);
}

/* A transfer into a process that runs: it detects the loss and exits. */
static void running_target(void)
{
	int x = spawn(ROLE_SPIN), g = spawn(ROLE_FORGE), r, i;
	uint32_t v;

	sys_yield(x);                           /* it spins until a tick takes it */
	ipc_client(0);
	lrpc(g, x, self_id, &v);
	lrpc(g, 0x55, 0, &v);
	ipc_entries_off();
	sys_yield(g);                           /* it transfers into x */
	for (i = 0; i < 100 && (r = sys_yield(x)) == 0; i++)
		;
	printf("attack transfer into a running process: %s\n",
	       r == -E_BADENV ? "it saw its context lost and exited" : "still there");
	check("running target", r == -E_BADENV);
	sys_env_destroy(g);
}

int main(uint32_t arg, uint32_t self)
{
	int b, i;

	if (arg)
		return child_main(arg & ~0x3ffu, arg & 0x3ff);
	self_id = self;
	ipc_init(self);
	b = spawn_sharing(ROLE_BYST, FLAG_VA);
	if (b < 0) {
		check("bystander set-up", 0);
		return 1;
	}
	pipe_lies();
	lrpc_attacks(b);
	running_target();
	*(volatile uint32_t *)FLAG_VA = 1;      /* the bystander checks and exits */
	for (i = 0; i < 100 && sys_yield(b) == 0; i++)
		;
	printf("attack: done\n");
	return 0;
}
