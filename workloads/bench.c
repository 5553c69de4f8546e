/*
 * bench.c: the exokernel's base costs beside the paper's Aegis figures
 * (Tables 4, 5, 6 and 5.4), measured with the simctl cycle counter the
 * kernel maps at EXO_SIMCTL_VA.  Spans (docs/KERNEL.md "Measurements"):
 *   syscall      one call in a loop of N, minus the same loop without it
 *   dispatch     faulting instruction to the handler's first instruction
 *   round trip   one exception in a loop of N, handler resuming at EPC+4
 *                through exo_xret, minus the loop without the exception
 *   pct          half a call-and-reply between two environments
 *   stlb hit     a load whose mapping is in the STLB but not the TLB,
 *                minus the same load with the TLB entry present
 *   yield        half a yield-and-yield-back between two environments
 * The boot module (arg 0) measures; the peer it creates gets
 * arg = its envid | 1 (envids have the low 10 bits clear).
 */
#include "exos.h"

#define N 1000
#define STAMP_VA (EXO_SAVE_VA + 0x100)      /* handlers store the cycle here */
#define RO_VA    0x00800000                  /* a read-only pinned page */
#define DATA_VA  0x02000000                  /* segment 1, for the STLB test */
#define CYC      "0x2000"                    /* EXO_SIMCTL_VA + SIMCTL_CYCLE_LO */
#define STR_(x)  #x
#define STR(x)   STR_(x)

static uint32_t clock_hz;

/* The handler: stamp the cycle first, then resume after the fault. */
extern char h_stamp[], pct_server[], pct_client_entry[];
__asm__(
	".set push\n.set noreorder\n.set noat\n"
	".globl h_stamp\n"
	"h_stamp:\n"
	"	lw	$9, " CYC "($0)\n"
	"	addiu	$8, $8, 4\n"
	"	j	exo_xret\n"
	"	sw	$9, 0x1100($0)\n"
	/* PCT server: count, call back a1 (the client); v0 is still SCALL. */
	".globl pct_server\n"
	"pct_server:\n"
	"	addiu	$16, $16, 1\n"
	"	move	$4, $5\n"
	"	syscall\n"
	"	nop\n"
	".set pop\n");

static uint32_t stamp(void)
{
	return *(volatile uint32_t *)STAMP_VA;
}

/* Cycles between two counter reads with `body` between them. */
#define SPAN(body) ({ uint32_t _a, _b;					\
	__asm__ volatile(".set push\n.set noreorder\n"			\
		"lw %0, " CYC "($0)\n" body "\n"			\
		"lw %1, " CYC "($0)\n nop\n.set pop"			\
		: "=&r"(_a), "=&r"(_b) : : "$12", "$13", "memory");	\
	_b - _a; })

/* Cycles from a counter read to the handler's stamp, `fault` between. */
#define DISPATCH(fault) ({ uint32_t _a;					\
	__asm__ volatile(".set push\n.set noreorder\n"			\
		"lw %0, " CYC "($0)\n" fault "\n nop\n.set pop"		\
		: "=&r"(_a) : "r"(RO_VA) : "$12", "$13", "memory");	\
	stamp() - _a; })

/* One run of N iterations of `body`, in cycles. */
#define LOOP1(body) ({ uint32_t _t0 = EXOS_CYCLES(), _i, _x;	\
	for (_i = 0; _i < N; _i++)					\
		__asm__ volatile(".set push\n.set noreorder\n" body	\
			"\n nop\n.set pop" : "=r"(_x) : "r"(RO_VA)	\
			: "$2", "$3", "$4", "$5", "$6", "$12", "$13", "memory", EXO_CLOBBERS); \
	EXOS_CYCLES() - _t0; })

/*
 * The best of three runs: a timer tick (every 15.625 ms) that falls in
 * a run adds the kernel's tick work to it; it cannot fall in all three.
 */
#define LOOP(body) ({ uint32_t _best = ~0u, _r, _k;			\
	for (_k = 0; _k < 3; _k++)					\
		if ((_r = LOOP1(body)) < _best)				\
			_best = _r;					\
	_best; })

/* The paper's Aegis figures (us) on the DEC5000/125, 3100, 2100. */
enum { P_NONE, P_SYSFAST, P_SYSSLOW, P_EXC, P_PROT, P_PCT, P_STLB };
static const char *const paper[][3] = {
	[P_NONE] = { "-", "-", "-" },
	[P_SYSFAST] = { "1.6", "2.9", "3.2" },    /* Table 4 */
	[P_SYSSLOW] = { "2.3", "3.5", "4.7" },    /* Table 4 */
	[P_EXC] = { "1.5", "2.1", "2.8" },        /* Table 5 */
	[P_PROT] = { "1.5", "2.3", "3.0" },       /* Table 5 */
	[P_PCT] = { "1.4", "2.2", "2.9" },        /* Table 6 */
	[P_STLB] = { "18 insns, ~1-2", "18 insns", "18 insns" },  /* 5.4 */
};

static void row(const char *name, uint32_t cyc100, int fig)
{
	uint32_t ns = (uint32_t)((uint64_t)cyc100 * 10000000 / clock_hz);
	int col = clock_hz >= 20000000 ? 0 : clock_hz >= 15000000 ? 1 : 2;

	printf("%-30s %8u.%02u %7u.%03u   %s\n", name, (unsigned)(cyc100 / 100),
	       (unsigned)(cyc100 % 100), (unsigned)(ns / 1000), (unsigned)(ns % 1000),
	       paper[fig][col]);
}

static void exceptions(uint32_t read)
{
	static const struct { const char *name; int code; } kinds[] = {
		{ "unalign", EXC_ADEL }, { "overflow", EXC_OV },
		{ "coproc", EXC_CPU }, { "prot", EXC_MOD },
	};
	uint32_t d[4], rt[4], base, cap, i;
	int p = sys_page_alloc(-1, &cap);
	char name[40];

	if (p < 0 || sys_tlb_write(RO_VA, (p << PAGE_SHIFT) | TLB_PIN, cap) < 0)
		printf("bench: no read-only page\n");
	for (i = 0; i < 4; i++)
		sys_set_handler(kinds[i].code, h_stamp);
	/* Fault instructions: AdEL, Ov, CpU (cop1 is off), Mod. */
#define F_UNALIGN  "lw $12, 1($0)"
#define F_OVERFLOW "add $12, $13, $13"
#define F_COPROC   ".word 0x440c0000"  /* mfc1 $12, $f0 */
#define F_PROT     "sw $0, 0(%1)"
	for (i = 0; i < 3; i++) {        /* warm the caches: best case, as the paper */
		__asm__ volatile("lui $13, 0x7fff" : : : "$13");
		d[0] = DISPATCH(F_UNALIGN);
		__asm__ volatile("lui $13, 0x7fff" : : : "$13");
		d[1] = DISPATCH("lui $13, 0x7fff\n" F_OVERFLOW) - 1;
		d[2] = DISPATCH(F_COPROC);
		d[3] = DISPATCH(F_PROT);
	}
	base = LOOP("nop");
	rt[0] = LOOP(F_UNALIGN);
	rt[1] = LOOP("lui $13, 0x7fff\n" F_OVERFLOW);
	rt[2] = LOOP(F_COPROC);
	rt[3] = LOOP(F_PROT);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "dispatch %s", kinds[i].name);
		row(name, (d[i] - read) * 100, i < 3 ? P_EXC : P_PROT);
	}
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "round trip %s", kinds[i].name);
		row(name, (rt[i] - base) * 100 / N, P_NONE);
	}
}

static void syscalls(void)
{
	uint32_t base = LOOP("nop");
	uint32_t fast = LOOP("li $2, " STR(SYS_NULL) "\n syscall");
	uint32_t slow = LOOP("li $2, " STR(SYS_PAGE_OWNER) "\n li $4, 0\n syscall");

	row("null syscall, fast path", (fast - base) * 100 / N, P_SYSFAST);
	row("syscall, general (page_owner)", (slow - base) * 100 / N, P_SYSSLOW);
}

/* The STLB refill: a load after its TLB entry alone was dropped. */
static void stlb(uint32_t read)
{
	uint32_t cap, with = ~0u, without = ~0u, i;
	int p = sys_page_alloc(-1, &cap);

	exos_map(DATA_VA, p, cap, 1);
	*(volatile uint32_t *)DATA_VA = 1;          /* miss -> exos -> bound */
	for (i = 0; i < 5; i++) {
		uint32_t a, b;
		__asm__ volatile(".set push\n.set noreorder\nlw %0, " CYC "($0)\n"
				 "lw $12, 0(%2)\nlw %1, " CYC "($0)\nnop\n.set pop"
				 : "=&r"(a), "=&r"(b) : "r"(DATA_VA) : "$12", "memory");
		if (b - a < without)
			without = b - a;
		sys_tlb_delete(DATA_VA, 1);
		__asm__ volatile(".set push\n.set noreorder\nlw %0, " CYC "($0)\n"
				 "lw $12, 0(%2)\nlw %1, " CYC "($0)\nnop\n.set pop"
				 : "=&r"(a), "=&r"(b) : "r"(DATA_VA) : "$12", "memory");
		if (b - a < with)
			with = b - a;
	}
	row("stlb hit refill", (with - without) * 100, P_STLB);
	(void)read;
}

static void pct_and_yield(uint32_t self)
{
	int peer = sys_env_create(0, self | 1);
	uint32_t t, i, k, best;

	if (peer < 0) {
		printf("bench: no peer environment (%d)\n", peer);
		return;
	}
	sys_yield(peer);                       /* let it set its entry */
	best = ~0u;
	for (k = 0; k < 3; k++) {              /* the best of three, as LOOP */
		t = EXOS_CYCLES();
		for (i = 0; i < N; i++)
			sys_yield(peer);
		t = EXOS_CYCLES() - t;
		best = t < best ? t : best;
	}
	row("yield (directed)", best * 100 / (2 * N), P_NONE);
	/*
	 * Last: the peer ends up having left by a transfer, with no
	 * start-of-slice entry, so the kernel will not run it again.
	 */
	sys_set_entry(EXO_ENTRY_SYNC, pct_client_entry);
	best = ~0u;
	for (k = 0; k < 3; k++) {
		t = EXOS_CYCLES();
		__asm__ volatile(
			".set push\n.set noreorder\n"
			"	move	$17, %1\n"                 /* iterations left */
			"	move	$5, %3\n"                  /* a1 = me, for the server */
			"	li	$2, " STR(SYS_SCALL) "\n"      /* v0, kept by both */
			"	move	$4, %2\n"                  /* a0 = callee */
			"1:	syscall\n"
			"	nop\n"
			".globl pct_client_entry\n"
			"pct_client_entry:\n"
			"	addiu	$17, $17, -1\n"
			"	bne	$17, $0, 1b\n"
			"	move	$4, %2\n"                  /* (delay slot) a0 = callee */
			".set pop\n"
			: "=r"(i) : "r"(N), "r"(peer), "r"(self)
			: "$2", "$4", "$5", "$16", "$17", "memory");
		t = EXOS_CYCLES() - t;
		best = t < best ? t : best;
	}
	row("protected control transfer", best * 100 / (2 * N), P_PCT);
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
	uint32_t read;

	if (arg & 1)
		return peer(arg & ~1u);
	clock_hz = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ);
	read = ~0u;
	for (int i = 0; i < 5; i++) {        /* warm: the I-cache, best case */
		uint32_t r = SPAN("");
		if (r < read)
			read = r;
	}
	printf("exokernel base costs, %u Hz clock (counter read: %u cycles, subtracted)\n",
	       (unsigned)clock_hz, (unsigned)read);
	printf("%-30s %11s %11s   %s\n", "operation", "cycles", "us", "paper: Aegis us");
	syscalls();
	exceptions(read);
	stlb(read);
	pct_and_yield(self);
	return 0;
}
