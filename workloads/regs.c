/*
 * regs.c: no system call returns a kernel value in a register
 * (exo/exo.h).  Before each call every register but k0, k1 and zero
 * holds a pattern naming it (HI and LO too); after it each must hold
 * its pattern, 0, the caller's own argument, or a documented result
 * (v0; v1 where the call has a second result, or 0/-1), k0 the return
 * pc or 0, and k1 0.  Anything else is a leak, printed as such.  Every
 * call is tried, with good and bad arguments; SYS_CWAIT (it would wait
 * for input) and SYS_EXIT (it does not return) are not.  Yields go to a
 * child that yields straight back with SYS_YIELD_FAST, so both the
 * kernel's fast switch and its full one are checked for the child's
 * registers reaching the caller.
 */
#include "exos.h"

#define PAT(r)   (0xa5000000u | (r) << 8 | (r))
#define OUT      0x1400          /* EXO_SAVE_VA + 0x400: the registers after */
#define KEEP     0x13c0          /* s0-s7, gp, fp, sp, ra across the call */

extern uint32_t regcall(uint32_t n, uint32_t a0, uint32_t a1, uint32_t a2);
extern char regcall_ret[];

/*
 * regcall(n, a0, a1, a2): the call with every other register set to
 * PAT(r); the registers after it are stored at OUT ($0..$31, HI, LO).
 * Returns v0.
 */
#define P(r) "	lui	$" #r ", 0xa500\n	ori	$" #r ", $" #r ", " #r " * 257\n"
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl regcall, regcall_ret\n"
	"regcall:\n"
	"	sw	$29, 0x13f0($0)\n"
	"	sw	$31, 0x13f4($0)\n"
	"	sw	$16, 0x13c0($0)\n	sw	$17, 0x13c4($0)\n	sw	$18, 0x13c8($0)\n"
	"	sw	$19, 0x13cc($0)\n	sw	$20, 0x13d0($0)\n	sw	$21, 0x13d4($0)\n"
	"	sw	$22, 0x13d8($0)\n	sw	$23, 0x13dc($0)\n	sw	$28, 0x13e0($0)\n"
	"	sw	$30, 0x13e4($0)\n"
	"	move	$2, $4\n"
	"	move	$4, $5\n"
	"	move	$5, $6\n"
	"	move	$6, $7\n"
	"	lui	$1, 0xa500\n	ori	$1, $1, 32 * 257\n	mthi	$1\n"
	"	lui	$1, 0xa500\n	ori	$1, $1, 33 * 257\n	mtlo	$1\n"
	P(1) P(3) P(7) P(8) P(9) P(10) P(11) P(12) P(13) P(14) P(15)
	P(16) P(17) P(18) P(19) P(20) P(21) P(22) P(23) P(24) P(25)
	P(28) P(29) P(30) P(31)
	"	syscall\n"
	"regcall_ret:\n"
	"	sw	$0, 0x1400($0)\n	sw	$1, 0x1404($0)\n	sw	$2, 0x1408($0)\n"
	"	sw	$3, 0x140c($0)\n	sw	$4, 0x1410($0)\n	sw	$5, 0x1414($0)\n"
	"	sw	$6, 0x1418($0)\n	sw	$7, 0x141c($0)\n	sw	$8, 0x1420($0)\n"
	"	sw	$9, 0x1424($0)\n	sw	$10, 0x1428($0)\n	sw	$11, 0x142c($0)\n"
	"	sw	$12, 0x1430($0)\n	sw	$13, 0x1434($0)\n	sw	$14, 0x1438($0)\n"
	"	sw	$15, 0x143c($0)\n	sw	$16, 0x1440($0)\n	sw	$17, 0x1444($0)\n"
	"	sw	$18, 0x1448($0)\n	sw	$19, 0x144c($0)\n	sw	$20, 0x1450($0)\n"
	"	sw	$21, 0x1454($0)\n	sw	$22, 0x1458($0)\n	sw	$23, 0x145c($0)\n"
	"	sw	$24, 0x1460($0)\n	sw	$25, 0x1464($0)\n	sw	$26, 0x1468($0)\n"
	"	sw	$27, 0x146c($0)\n	sw	$28, 0x1470($0)\n	sw	$29, 0x1474($0)\n"
	"	sw	$30, 0x1478($0)\n	sw	$31, 0x147c($0)\n"
	"	mfhi	$1\n	sw	$1, 0x1480($0)\n	mflo	$1\n	sw	$1, 0x1484($0)\n"
	"	lw	$16, 0x13c0($0)\n	lw	$17, 0x13c4($0)\n	lw	$18, 0x13c8($0)\n"
	"	lw	$19, 0x13cc($0)\n	lw	$20, 0x13d0($0)\n	lw	$21, 0x13d4($0)\n"
	"	lw	$22, 0x13d8($0)\n	lw	$23, 0x13dc($0)\n	lw	$28, 0x13e0($0)\n"
	"	lw	$30, 0x13e4($0)\n"
	"	lw	$29, 0x13f0($0)\n"
	"	lw	$31, 0x13f4($0)\n"
	"	nop\n"
	"	jr	$31\n"
	"	nop\n"
	".set pop\n");

static const char *const names[34] = {
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4",
	"t5", "t6", "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9",
	"k0", "k1", "gp", "sp", "fp", "ra", "hi", "lo",
};

static int leaks, calls;

/* Check the registers regcall stored; v1ok is a documented second result. */
static uint32_t check(const char *what, uint32_t n, uint32_t a0, uint32_t a1, uint32_t a2,
		      uint32_t v1ok)
{
	const volatile uint32_t *r = (const volatile uint32_t *)(EXO_SAVE_VA + 0x400);
	const uint32_t args[3] = { a0, a1, a2 };
	uint32_t i, v;
	int ok;

	calls++;
	for (i = 1; i < 34; i++) {
		v = r[i];
		if (i == 2)
			continue;                              /* v0: the result */
		ok = v == PAT(i) || v == 0;
		if (i == 3)
			ok |= v == v1ok || v == 0xffffffff;
		if (i >= 4 && i <= 6)
			ok |= v == args[i - 4];
		if (i == 26)
			ok = v == 0 || v == (uint32_t)regcall_ret;
		if (i == 27)        /* or EntryHi (VPN | ASID) of a TLB refill taken
				       by the stores that record the registers:
				       utlb_refill leaves it there, and it is not a
				       call's doing */
			ok = v == 0 || (v & ~(uint32_t)0xfc0) == (OUT & ~0xfffu);
		if (!ok) {
			printf("LEAK after %s: %s = %x\n", what, names[i], (unsigned)v);
			leaks++;
		}
	}
	return r[2];
}

#define CALL(what, n, a, b, c, v1ok) \
	(regcall((n), (a), (b), (c)), check((what), (n), (a), (b), (c), (v1ok)))

int main(uint32_t arg, uint32_t self)
{
	uint32_t cap, rcap, p, s, i, kid;
	static const char msg[] = "ok\n";
	static struct exo_map maps[2];
	int child;

	if (arg)
		for (;;)
			sys_yield(arg & ~1u);        /* the peer: straight back */
	child = sys_env_create(0, self | 1);

	CALL("null", SYS_NULL, 0, 0, 0, 0);
	CALL("getenvid", SYS_GETENVID, 0, 0, 0, 0);
	CALL("cputs", SYS_CPUTS, (uint32_t)msg, 3, 0, 0);
	CALL("cputs kernel", SYS_CPUTS, 0x80000000, 4, 0, 0);
	CALL("cputs unmapped", SYS_CPUTS, 0x30000000, 4, 0, 0);
	CALL("cgetc", SYS_CGETC, 0, 0, 0, 0);
	p = regcall(SYS_PAGE_ALLOC, -1, 0, 0);
	cap = ((volatile uint32_t *)(EXO_SAVE_VA + 0x400))[3];
	check("page_alloc", SYS_PAGE_ALLOC, -1, 0, 0, cap);
	rcap = 0;
	sys_page_cap(p, cap, 0, &rcap);
	CALL("page_cap read", SYS_PAGE_CAP, p, cap, 0, rcap);
	CALL("page_cap write", SYS_PAGE_CAP, p, cap, 1, cap);
	CALL("page_cap bad", SYS_PAGE_CAP, p, cap ^ 1, 0, 0);
	CALL("page_owner", SYS_PAGE_OWNER, p, 0, 0, 0);
	CALL("page_owner kernel", SYS_PAGE_OWNER, 0, 0, 0, 0);
	CALL("page_owner range", SYS_PAGE_OWNER, 0x7fffffff, 0, 0, 0);
	CALL("tlb_write", SYS_TLB_WRITE, 0x03000000, p << PAGE_SHIFT | TLB_WRITE, cap, 0);
	CALL("tlb_write bad cap", SYS_TLB_WRITE, 0x03000000, p << PAGE_SHIFT | TLB_WRITE, cap ^ 1, 0);
	CALL("tlb_write kseg0", SYS_TLB_WRITE, 0x80000000, p << PAGE_SHIFT, cap, 0);
	CALL("tlb_delete hw", SYS_TLB_DELETE, 0x03000000, 1, 0, 0);
	CALL("tlb_delete", SYS_TLB_DELETE, 0x03000000, 0, 0, 0);
	CALL("tlb_delete kseg0", SYS_TLB_DELETE, 0x80000000, 0, 0, 0);
	CALL("set_handler bad", SYS_SET_HANDLER, 99, 0, 0, 0);
	CALL("set_handler", SYS_SET_HANDLER, EXC_BP, 0, 0, 0);
	CALL("set_save bad", SYS_SET_SAVE, 0x03000000, 0, 0, 0);
	CALL("set_entry bad", SYS_SET_ENTRY, 99, 0, 0, 0);
	CALL("set_entry", SYS_SET_ENTRY, EXO_ENTRY_ASYNC, 0, 0, 0);
	CALL("env_create bad", SYS_ENV_CREATE, 99, 0, 0, 0);
	kid = CALL("env_alloc", SYS_ENV_ALLOC, 0, 0, 0, 0);
	CALL("env_alloc bad", SYS_ENV_ALLOC, 1, 0, 0, 0);
	maps[0].va = 0x00c00000, maps[0].pte = p << PAGE_SHIFT | TLB_WRITE | TLB_PIN, maps[0].cap = cap;
	maps[1] = maps[0], maps[1].cap = cap ^ 1;
	CALL("env_map", SYS_ENV_MAP, kid, (uint32_t)maps, 1, 0);
	CALL("env_map bad cap", SYS_ENV_MAP, kid, (uint32_t)maps, 2, 1);
	CALL("env_map kernel", SYS_ENV_MAP, kid, 0x80000000, 1, 0);
	CALL("env_set", SYS_ENV_SET, kid, EXO_SET_PC, 0x00400000, 0);
	CALL("env_set bad", SYS_ENV_SET, kid, 26, 0, 0);
	i = exo_call(SYS_MODULE_READ, 0, 0, -1, 0);
	CALL("module_read", SYS_MODULE_READ, 0, 0, p, i);
	CALL("module_read size", SYS_MODULE_READ, EXO_MODULE_NAME, 0, -1, 0);
	CALL("module_read bad", SYS_MODULE_READ, 0, 0, 0, 0);
	CALL("env_start bad", SYS_ENV_START, 0x12345, -1, 0, 0);
	CALL("env_wait bad", SYS_ENV_WAIT, 0x12345, 0, 0, 0);
	CALL("env_wait poll", SYS_ENV_WAIT, -1, 1, 0, 0);
	CALL("env_destroy kid", SYS_ENV_DESTROY, kid, 0, 0, 0);
	CALL("revoke bad", SYS_REVOKE, 0x12345, 1, 1, 0);
	s = CALL("slice_alloc", SYS_SLICE_ALLOC, -1, 0, 0, 0);
	CALL("slice_free", SYS_SLICE_FREE, s, 0, 0, 0);
	CALL("slice_free bad", SYS_SLICE_FREE, 999, 0, 0, 0);
	CALL("page_free bad", SYS_PAGE_FREE, p, cap ^ 1, 0, 0);
	CALL("page_free", SYS_PAGE_FREE, p, cap, 0, 0);
	CALL("yield", SYS_YIELD, -1, 0, 0, 0);
	CALL("yield fast", SYS_YIELD_FAST, -1, 0, 0, 0);
	for (i = 0; i < 3; i++) {
		CALL("yield to a peer", SYS_YIELD, child, 0, 0, 0);
		CALL("yield fast to a peer", SYS_YIELD_FAST, child, 0, 0, 0);
	}
	CALL("yield fast to nobody", SYS_YIELD_FAST, 0x12345, 0, 0, 0);
	CALL("yield bad", SYS_YIELD, 0x12345, 0, 0, 0);
	CALL("env_destroy bad", SYS_ENV_DESTROY, 0x12345, 0, 0, 0);
	CALL("unknown 40", SYS_NCALLS, 0, 0, 0, 0);
	CALL("unknown 1000", 1000, 0, 0, 0, 0);
	CALL("unknown 0x7fffffff", 0x7fffffff, 0, 0, 0, 0);
	CALL("scall nobody", SYS_SCALL, 0x12345, 0, 0, 0);
	CALL("acall nobody", SYS_ACALL, 0x12345, 0, 0, 0);
	sys_env_destroy(child);
	printf("registers after %d calls: %d leaks\n", calls, leaks);
	return leaks != 0;
}
