/*
 * bench.c: the exokernel's base costs beside the paper's Aegis figures
 * (SOSP'95 Tables 4, 5, 6 and section 5.4), measured with the simctl
 * cycle counter the kernel maps at EXO_SIMCTL_VA.  Each section of the
 * output says what its rows span and which of the paper's figures it
 * is compared with; docs/KERNEL.md "Measurements" says more.
 *
 * Every measured sequence is assembly under a global label t_NAME, so
 * that bench/tracecheck.sh can measure the same span again with the
 * tracer's probes, which add no instruction, and check that the two
 * agree.  The boot module (arg 0) measures; the peer it creates gets
 * arg = its envid | 1 (envids have the low 10 bits clear).
 */
#include "exos.h"

#define N        500           /* loop runs of N and 2N iterations */
#define NY       50            /* yield runs: see yield_pct() */
#define STAMP_VA (EXO_SAVE_VA + 0x100)      /* h_stamp stores the cycle here */
#define RO_VA    0x00800000                  /* a read-only pinned page */
#define DATA_VA  0x02000000                  /* segment 1, for the STLB test */
#define CYC      "0x2000"                    /* EXO_SIMCTL_VA + SIMCTL_CYCLE_LO */
#define EVICT_KB 132                         /* > the largest D-cache, 128 KB */
#define EVICT_BYTES (EVICT_KB * 1024)
#define STR_(x)  #x
#define STR(x)   STR_(x)

_Static_assert(STAMP_VA == 0x1100, "h_stamp's store");
_Static_assert(EXO_SIMCTL_VA + SIMCTL_CYCLE_LO == 0x2000, "CYC");

static uint32_t clock_hz, peer_id, self_id;
static uint32_t evict_buf[EVICT_BYTES / 4];

/*
 * Exception handlers, entered with t0 = EPC; both resume after the
 * fault through exo_xret.  h_stamp's first instruction reads the cycle
 * counter (t_stamp_e is the one after it) and stores it at STAMP_VA;
 * h_skip does nothing else.  pct_server is the PCT callee: count, call
 * back a1 (the client); v0 is still SYS_SCALL.
 */
extern char h_stamp[], h_skip[], pct_server[], pct_client_entry[];
__asm__(
	".set push\n.set noreorder\n.set noat\n"
	".globl h_stamp\n"
	"h_stamp:\n"
	"	lw	$9, " CYC "($0)\n"
	".globl t_stamp_e\n"
	"t_stamp_e:\n"
	"	addiu	$8, $8, 4\n"
	"	j	exo_xret\n"
	"	sw	$9, 0x1100($0)\n"          /* (delay slot) */
	".globl h_skip\n"
	"h_skip:\n"
	"	j	exo_xret\n"
	"	addiu	$8, $8, 4\n"               /* (delay slot) */
	".globl pct_server\n"
	"pct_server:\n"
	"	addiu	$16, $16, 1\n"
	"	move	$4, $5\n"
	"	syscall\n"
	"	nop\n"
	".set pop\n");

/* SYS_PAGE_OWNER through a call, as exos_getenvid is SYS_GETENVID's. */
int __attribute__((noinline)) bench_page_owner(uint32_t ppn)
{
	return sys_page_owner(ppn);
}

/*
 * LOOPFN(name, setup, body) defines uint32_t loop_name(uint32_t n): the
 * cycles of n iterations of body (after setup), between two counter
 * reads.  An iteration is t_name: body, addiu, bne, nop.  A fault in
 * body resumes at the addiu (h_skip).  %[ro] is RO_VA.
 */
#define LOOPFN(name, setup, body)					\
static uint32_t __attribute__((noinline)) loop_##name(uint32_t n)	\
{									\
	uint32_t a, b;							\
	__asm__ volatile(".set push\n.set noreorder\n"			\
		setup "\n"						\
		"	move	$16, %[n]\n"				\
		"	lw	%0, " CYC "($0)\n"			\
		"	.globl	t_" #name "\n"				\
		"t_" #name ":\n"					\
		body "\n"						\
		"	addiu	$16, $16, -1\n"				\
		"	bne	$16, $0, t_" #name "\n"			\
		"	nop\n"						\
		"	lw	%1, " CYC "($0)\n"			\
		"	nop\n"						\
		".set pop"						\
		: "=&r"(a), "=&r"(b) : [n] "r"(n), [ro] "r"(RO_VA)	\
		: "$2", "$3", "$4", "$5", "$6", "$16", "$31", "memory",	\
		  EXO_CLOBBERS);					\
	return b - a;							\
}

/* The faulting instructions: AdEL, Ov (with $13 = 0x7fff0000), CpU
 * (coprocessor 1 is off), Mod. */
#define F_UNALIGN  "lw $12, 1($0)"
#define F_OVERFLOW "add $12, $13, $13"
#define F_COPROC   ".word 0x440c0000"  /* mfc1 $12, $f0 */
#define F_PROT     "sw $0, 0(%[ro])"
#define OV_SETUP   "lui $13, 0x7fff"

LOOPFN(nop, "", "nop")
LOOPFN(null, "", "li $2, " STR(SYS_NULL) "\n syscall")
LOOPFN(getenvid, "", "jal exos_getenvid\n nop")
LOOPFN(general, "", "li $2, " STR(SYS_PAGE_OWNER) "\n li $4, 0\n syscall")
LOOPFN(general_stub, "", "jal bench_page_owner\n move $4, $0")
LOOPFN(rt_unalign, "", F_UNALIGN)
LOOPFN(rt_overflow, OV_SETUP, F_OVERFLOW)
LOOPFN(rt_coproc, "", F_COPROC)
LOOPFN(rt_prot, "", F_PROT)

/*
 * DISPFN(name, setup, fault) defines uint32_t disp_name(void): the
 * cycles from a counter read to h_stamp's, with fault (at t_name) in
 * between.
 */
#define DISPFN(name, setup, fault)					\
static uint32_t __attribute__((noinline)) disp_##name(void)		\
{									\
	uint32_t a;							\
	__asm__ volatile(".set push\n.set noreorder\n"			\
		setup "\n"						\
		"	lw	%0, " CYC "($0)\n"			\
		"	.globl	t_" #name "\n"				\
		"t_" #name ":\n"					\
		fault "\n"						\
		"	nop\n"						\
		".set pop"						\
		: "=&r"(a) : [ro] "r"(RO_VA) : "$12", "$13", "memory");	\
	return *(volatile uint32_t *)STAMP_VA - a;			\
}

DISPFN(d_unalign, "", F_UNALIGN)
DISPFN(d_overflow, OV_SETUP, F_OVERFLOW)
DISPFN(d_coproc, "", F_COPROC)
DISPFN(d_prot, "", F_PROT)

/*
 * LOADFN(name) defines uint32_t load_name(void): the cycles between
 * two counter reads around a nop (t_name) and a load of DATA_VA
 * (t_name_e is the second read).  The nop gives the tracer a start
 * that the load's retry after a TLB refill does not restart.
 */
#define LOADFN(name)							\
static uint32_t __attribute__((noinline)) load_##name(void)		\
{									\
	uint32_t a, b;							\
	__asm__ volatile(".set push\n.set noreorder\n"			\
		"	lw	%0, " CYC "($0)\n"			\
		"	.globl	t_" #name "\n"				\
		"t_" #name ":\n"					\
		"	nop\n"						\
		"	lw	$12, 0(%[va])\n"			\
		"	.globl	t_" #name "_e\n"			\
		"t_" #name "_e:\n"					\
		"	lw	%1, " CYC "($0)\n"			\
		"	nop\n"						\
		".set pop"						\
		: "=&r"(a), "=&r"(b) : [va] "r"(DATA_VA) : "$12", "memory"); \
	return b - a;							\
}

LOADFN(s_warm_hit)
LOADFN(s_warm_miss)
LOADFN(s_cold_hit)
LOADFN(s_cold_miss)
LOADFN(s_up_miss)

/* One counter read's cost with the write buffer empty: the cycles
 * between two back-to-back reads (the first drained the buffer). */
static uint32_t __attribute__((noinline)) read_cost(void)
{
	uint32_t a, b;

	__asm__ volatile(".set push\n.set noreorder\n"
		"	lw	%0, " CYC "($0)\n"
		"	.globl	t_read\n"
		"t_read:\n"
		"	lw	%1, " CYC "($0)\n"
		"	.globl	t_read_e\n"
		"t_read_e:\n"
		"	nop\n"
		".set pop" : "=&r"(a), "=&r"(b));
	return b - a;
}

/*
 * YIELDFN(name, call) defines uint32_t name_run(uint32_t n): n directed
 * yields (SYS_YIELD or SYS_YIELD_FAST) to the peer and back, one per
 * iteration (t_name).  The peer answers with SYS_YIELD_FAST (exos's
 * sys_yield), so with SYS_YIELD_FAST on both sides every switch takes
 * the kernel's fast path.
 */
#define YIELDFN(name, call)						\
static uint32_t __attribute__((noinline)) name##_run(uint32_t n)	\
{									\
	uint32_t a, b;							\
									\
	__asm__ volatile(".set push\n.set noreorder\n"			\
		"	move	$17, %[n]\n"				\
		"	lw	%0, " CYC "($0)\n"			\
		"	.globl	t_" #name "\n"				\
		"t_" #name ":\n"					\
		"	li	$2, " STR(call) "\n"			\
		"	move	$4, %[peer]\n"				\
		"	syscall\n"					\
		"	addiu	$17, $17, -1\n"				\
		"	bne	$17, $0, t_" #name "\n"			\
		"	nop\n"						\
		"	lw	%1, " CYC "($0)\n"			\
		"	nop\n"						\
		".set pop"						\
		: "=&r"(a), "=&r"(b) : [n] "r"(n), [peer] "r"(peer_id)	\
		: "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9",	\
		  "$10", "$11", "$12", "$13", "$14", "$15", "$17", "$24",	\
		  "$25", "hi", "lo", "memory");				\
	return b - a;							\
}

YIELDFN(yield, SYS_YIELD)
YIELDFN(yieldf, SYS_YIELD_FAST)

/*
 * n SCALLs to the peer, each answered by one back (t_pct is the
 * client's).  The registers are the message: the peer gets ours, adds
 * 1 to $16, sets a0 = a1 (us) and calls back, so every register but
 * those two comes back as it went.
 */
static uint32_t __attribute__((noinline)) pct_run(uint32_t n)
{
	uint32_t a, b;

	__asm__ volatile(".set push\n.set noreorder\n"
		"	move	$17, %[n]\n"                  /* iterations left */
		"	move	$5, %[self]\n"                /* a1 = me, for the server */
		"	li	$2, " STR(SYS_SCALL) "\n"        /* v0, kept by both */
		"	move	$4, %[peer]\n"                /* a0 = callee */
		"	lw	%0, " CYC "($0)\n"
		"	.globl	t_pct\n"
		"t_pct:\n"
		"	syscall\n"
		"	nop\n"
		"	.globl	pct_client_entry\n"
		"pct_client_entry:\n"
		"	addiu	$17, $17, -1\n"
		"	bne	$17, $0, t_pct\n"
		"	move	$4, %[peer]\n"                /* (delay slot) a0 = callee */
		"	lw	%1, " CYC "($0)\n"
		"	nop\n"
		".set pop"
		: "=&r"(a), "=&r"(b)
		: [n] "r"(n), [peer] "r"(peer_id), [self] "r"(self_id)
		: "$2", "$4", "$5", "$16", "$17", "memory");
	return b - a;
}

/*
 * The best (least) of three runs of n: a timer tick (every 15.625 ms)
 * that falls in a run adds the kernel's tick work to it.  Every run is
 * shorter than two thirds of a tick, so ticks (three of them span two
 * periods) cannot fall in all three.
 */
static uint32_t best3(uint32_t (*run)(uint32_t), uint32_t n)
{
	uint32_t best = ~0u, r, k;

	for (k = 0; k < 3; k++)
		if ((r = run(n)) < best)
			best = r;
	return best;
}

/*
 * The cycles of n iterations: a run of 2n minus a run of n, so that
 * what happens once per run (set-up, counter reads, a first iteration
 * that finds the write buffer empty) cancels.
 */
static uint32_t delta(uint32_t (*run)(uint32_t), uint32_t n)
{
	return best3(run, 2 * n) - best3(run, n);
}

/* The lesser of a and b. */
static uint32_t min(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* The paper's Aegis figures in ns on the DEC5000/125, 3100, 2100. */
enum { P_NONE, P_SYSFAST, P_SYSSLOW, P_EXC, P_PROT, P_PCT };
static const uint32_t paper_ns[][3] = {
	[P_SYSFAST] = { 1600, 2900, 3200 },   /* Table 4, getpid, no stack */
	[P_SYSSLOW] = { 2300, 3500, 4700 },   /* Table 4, getpid, stack */
	[P_EXC] = { 1500, 2100, 2800 },       /* Table 5, unalign/overflow/coproc */
	[P_PROT] = { 1500, 2300, 3000 },      /* Table 5, prot */
	[P_PCT] = { 1400, 2200, 2900 },       /* Table 6 */
};

/*
 * The line bench/paper.py collects for a compared row: "@paper TABLE
 * ROW CYCLES" (tag is "TABLE ROW"), cycles per operation to the
 * hundredth.  paper.py joins it with bench/paper-figures.csv.
 */
static void paper_line(const char *tag, uint32_t cyc100)
{
	printf("@paper %s %u.%02u\n", tag, (unsigned)(cyc100 / 100), (unsigned)(cyc100 % 100));
}

/*
 * One row: cycles (in hundredths), us, and the paper's figure for this
 * machine with ours / paper, then its @paper line; or, for P_NONE, the
 * text ptext (the paper's words, or "-") and a note.  The paper's
 * figures here keep the section readable on its own; paper.py takes
 * them from bench/paper-figures.csv.
 */
static void row_tag(const char *name, uint32_t cyc100, int fig, const char *ptext,
		    const char *note, const char *tag)
{
	uint32_t ns = (uint32_t)((uint64_t)cyc100 * 10000000 / clock_hz);
	int col = clock_hz >= 20000000 ? 0 : clock_hz >= 15000000 ? 1 : 2;
	uint32_t p = paper_ns[fig][col];

	printf("%-34s %8u.%02u %7u.%03u", name, (unsigned)(cyc100 / 100),
	       (unsigned)(cyc100 % 100), (unsigned)(ns / 1000), (unsigned)(ns % 1000));
	if (fig == P_NONE)
		printf("   %5s   %s\n", ptext, note);
	else
		printf("   %3u.%u   %u.%03u\n", (unsigned)(p / 1000), (unsigned)(p % 1000 / 100),
		       (unsigned)(ns * 1000 / p / 1000), (unsigned)(ns * 1000 / p % 1000));
	if (tag)
		paper_line(tag, cyc100);
}

/* A row with no @paper line. */
static void row(const char *name, uint32_t cyc100, int fig, const char *ptext, const char *note)
{
	row_tag(name, cyc100, fig, ptext, note, NULL);
}

/* A section: a blank line, what its rows span (puts: printf has a
 * 256-byte buffer), the column names. */
static void heading(const char *text)
{
	putchar_('\n');
	puts(text);
	printf("%-34s %11s %11s   %5s   %s\n", "operation", "cycles", "us", "paper",
	       "ours/paper");
}

/* Table 4: the inline calls and the calls through a stub. */
static void syscalls(uint32_t nopd)
{
	heading("Table 4 (null system calls).  Each row: a run of 2N calls minus a run of N, over N\n"
		"(N = " STR(N) ", best of 3 runs each), minus the same for a nop: the call's instructions\n"
		"and the kernel's.  The paper's syscall is getpid, a C library call that traps: the\n"
		"stub rows (jal, the stub, its return) are compared with it; the inline rows are the\n"
		"trap alone (li, syscall), not compared.");
	row("null syscall, fast path", (delta(loop_null, N) - nopd) * 100 / N, P_NONE, "-", "(inline)");
	row_tag("getenvid, exos stub (fast path)", (delta(loop_getenvid, N) - nopd) * 100 / N,
		P_SYSFAST, NULL, NULL, "T4 syscall_nostack");
	row("syscall, general (page_owner)", (delta(loop_general, N) - nopd) * 100 / N, P_NONE,
	    "-", "(inline)");
	row_tag("page_owner, stub (general path)", (delta(loop_general_stub, N) - nopd) * 100 / N,
		P_SYSSLOW, NULL, NULL, "T4 syscall_stack");
}

/* Table 5: round trips (compared) and one-way dispatch (not). */
static void exceptions(uint32_t nopd, uint32_t read)
{
	static const char *const kind[4] = { "unalign", "overflow", "coproc", "prot" };
	static const int code[4] = { EXC_ADEL, EXC_OV, EXC_CPU, EXC_MOD };
	static uint32_t (*const rt[4])(uint32_t) = {
		loop_rt_unalign, loop_rt_overflow, loop_rt_coproc, loop_rt_prot,
	};
	static uint32_t (*const disp[4])(void) = {
		disp_d_unalign, disp_d_overflow, disp_d_coproc, disp_d_prot,
	};
	uint32_t d[4] = { ~0u, ~0u, ~0u, ~0u }, cap, i, k;
	int p = sys_page_alloc(-1, &cap);
	char name[40], tag[20];

	if (p < 0 || sys_tlb_write(RO_VA, (p << PAGE_SHIFT) | TLB_PIN, cap) < 0)
		printf("bench: no read-only page\n");
	heading("Table 5 (exceptions).  round trip: from the faulting instruction to the one after it,\n"
		"as the loops above (the handler adds 4 to EPC and returns through exo_xret, with no\n"
		"kernel): compared with Table 5, whose figures (35 to 38.3 cycles on each machine for\n"
		"an 18-instruction dispatch) most likely include the return.");
	for (i = 0; i < 4; i++)
		sys_set_handler(code[i], h_skip);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "round trip %s", kind[i]);
		snprintf(tag, sizeof tag, "T5 %s", kind[i]);
		row_tag(name, (delta(rt[i], N) - nopd) * 100 / N, i < 3 ? P_EXC : P_PROT, NULL, NULL,
			tag);
	}
	for (i = 0; i < 4; i++)
		sys_set_handler(code[i], h_stamp);
	for (k = 0; k < 5; k++)          /* the least of 5: warm caches, as the paper */
		for (i = 0; i < 4; i++)
			d[i] = min(d[i], disp[i]() - read);
	puts("One way, not compared: from a counter read before the faulting instruction to the\n"
	     "handler's first instruction, itself a counter read, minus one read (least of 5).\n"
	     "That read waits for the write buffer, which holds the kernel's three saves, so these\n"
	     "rows include the wait; bench/tracecheck.sh gives the span without it.");
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "dispatch %s", kind[i]);
		row(name, d[i] * 100, P_NONE, "-", "(one way)");
	}
}

/* Read every word of a buffer larger than the D-cache.  The loader gave
 * the image consecutive physical pages, so every line is replaced. */
static void evict_dcache(void)
{
	volatile uint32_t *b = evict_buf;
	uint32_t i;

	for (i = 0; i < EVICT_BYTES / 4; i++)
		(void)b[i];
}

/* The STLB refill: a load after its TLB entry alone was dropped. */
static void stlb(void)
{
	uint32_t cap, i, hit = ~0u, miss = ~0u, chit = ~0u, cmiss = ~0u, up = ~0u;
	int p = sys_page_alloc(-1, &cap);
	uint32_t pte = ((uint32_t)p << PAGE_SHIFT) | TLB_WRITE;

	if (p < 0 || exos_map(DATA_VA, p, cap, 1) < 0) {
		printf("bench: no page for the STLB test (%d)\n", p);
		return;
	}
	*(volatile uint32_t *)DATA_VA = 1;          /* miss -> exos -> bound */
	for (i = 0; i < 5; i++) {
		hit = min(hit, load_s_warm_hit());
		sys_tlb_delete(DATA_VA, 1);
		miss = min(miss, load_s_warm_miss());
	}
	for (i = 0; i < 5; i++) {
		evict_dcache();
		sys_tlb_write(DATA_VA, pte, cap);   /* in the TLB, whatever the eviction's refills did */
		chit = min(chit, load_s_cold_hit());
		evict_dcache();
		sys_tlb_delete(DATA_VA, 1);         /* touches no STLB entry */
		cmiss = min(cmiss, load_s_cold_miss());
	}
	for (i = 0; i < 5; i++) {
		sys_tlb_delete(DATA_VA, 0);         /* the binding goes: STLB and TLB */
		up = min(up, load_s_up_miss());
	}
	heading("STLB (section 5.4: a hit takes 18 instructions, about 1-2 us).  A load whose TLB\n"
		"entry alone was dropped minus the same load with the entry present (least of 5): the\n"
		"refill, vector to rfe, and the load's first issue.  warm: the STLB entry in the\n"
		"D-cache; cold: a " STR(EVICT_KB) " KB buffer read first, so the STLB entry (and the data,\n"
		"for both loads) come from memory.");
	row("stlb hit refill", (miss - hit) * 100, P_NONE, "1-2", "(18 instructions)");
	row("stlb hit refill, cold", (cmiss - chit) * 100, P_NONE, "1-2", "(18 instructions)");
	heading("A TLB miss passed up to the application: the same load with its binding gone from\n"
		"the STLB too, minus the warm hit (least of 5): the refill's miss, dispatch to exos's\n"
		"handler, its page-table lookup, SYS_TLB_WRITE, exo_xret and the load's retry.  The\n"
		"paper: an upcall and a system call instead of an STLB hit cost 3-6 us more.");
	row("tlb miss passed up to exos", (up - hit) * 100, P_NONE, "-", "(issue 9 target: 150 cycles)");
}

/*
 * Yields, then PCTs, with a peer environment.  A yield costs hundreds
 * of cycles, so its runs are NY and 2 NY iterations, to stay under two
 * thirds of a tick (best3).
 */
static void yield_pct(void)
{
	int peer = sys_env_create(0, self_id | 1);

	if (peer < 0) {
		printf("bench: no peer environment (%d)\n", peer);
		return;
	}
	peer_id = peer;
	sys_yield(peer);                       /* let it set its entry */
	heading("Table 6 (protected control transfer) and yield.  Half of a call and reply (of a yield\n"
		"and yield back), with the loop's count and branch, as the paper's: a run of 2n round\n"
		"trips minus a run of n, over 2n (best of 3 runs each; n = " STR(N) ", for yields " STR(NY) ").");
	row("yield (directed)", delta(yield_run, NY) * 100 / (2 * NY), P_NONE, "-", "(none in the paper)");
	row("yield, fast (SYS_YIELD_FAST)", delta(yieldf_run, NY) * 100 / (2 * NY), P_NONE, "-",
	    "(issue 9 target: 2 x PCT)");
	/*
	 * Last: the peer ends up having left by a transfer, with no
	 * start-of-slice entry, so the kernel will not run it again.
	 */
	sys_set_entry(EXO_ENTRY_SYNC, pct_client_entry);
	row_tag("protected control transfer", delta(pct_run, N) * 100 / (2 * N), P_PCT, NULL, NULL,
		"T6 pct");
	sys_env_destroy(peer);
}

/* The peer.  Serve PCTs; answer each yield with one back. */
static int peer(uint32_t parent)
{
	sys_set_entry(EXO_ENTRY_SYNC, pct_server);
	for (;;)
		sys_yield(parent);
	return 0;
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t read = ~0u, nopd;
	int i;

	if (arg & 1)
		return peer(arg & ~1u);
	self_id = self;
	clock_hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
	for (i = 0; i < 5; i++)                /* warm: the I-cache, best case */
		read = min(read, read_cost());
	printf("exokernel base costs: %u Hz clock, us = cycles / clock; counter read %u cycles.\n"
	       "paper: the SOSP'95 Aegis figure for this machine, us; ours/paper below 1: faster.\n",
	       (unsigned)clock_hz, (unsigned)read);
	nopd = delta(loop_nop, N);
	syscalls(nopd);
	exceptions(nopd, read);
	stlb();
	yield_pct();
	return 0;
}
