/*
 * dpfbench.c: DPF's measurements (docs/DPF.md), a bare-metal program run
 * by ./sim on each machine profile (bench/paper.sh).  Everything runs on
 * the simulated R3000: the engine inserts filters and generates code
 * here, the code's I-cache lines are flushed (dpf_icache_flush), and
 * each classifier is timed with the cycle counter over ITERS calls
 * through a function pointer, as the paper times its classifiers (the
 * call and loop are in the figure; their cost alone is printed first).
 * The code is generated for messages aligned as an Ethernet driver
 * leaves them (IP header on a word: msg_align 2) and of at least 60
 * bytes (Ethernet's minimum; the paper's "minimum packet size"
 * default), so checks of the first 60 bytes vanish; dpftest and
 * tests/run-dpf.sh check the code both with and without that promise.
 *
 * Lines: `@paper TABLE ROW CYCLES` (cycles per classification or per
 * operation) and `@series FIG NAME X CYCLES`:
 *   T7       mpf, pathfinder, dpf: 10 TCP/IP filters, expected message
 *   DPF-T3   mpf_unexp, mpf_exp, pf_unexp, pf_exp, dpf_unexp, dpf_exp
 *   DPF-T2   fixed1..3, fixed10, var1..3, var10: filters differing in
 *            the destination port, fixed (SHIFT(20)) and variable
 *            (SHIFT by the IP header length) headers
 *   DPF-F3   dpf_d1..7 and pf_d1..7 (also as @series F3): one filter
 *            of depth 1..7 protocol layers, two atoms each
 *   SCALE    n1, n10, n100, n1000: port filters, message for the last
 *   DPF-INS  insert (per filter, mean of 1000), gen1..gen1000 (code
 *            generation of the whole trie at that many filters)
 * Exit status 1 if a classifier returns a wrong id.
 */
#include "rt.h"
#include "dpf.h"
#include "baselines.h"

#define ITERS 1000

void dpf_icache_flush(const void *addr, unsigned len);

static struct dpf d;
static uint32_t code[49152];
static int (*demux)(const uint8_t *msg, unsigned len);
static struct dpf_code cc;
static uint32_t pktbuf[64];
static uint8_t *const pkt = (uint8_t *)pktbuf + 2;      /* IP header on a word */
static unsigned pktlen;
static int errors;

/* ---- Messages and filters ------------------------------------------------- */

#define SRC_IP   0xc00c4501u     /* 192.12.69.1, the paper's Figure 1 */
#define SRC_PORT 1234u
static uint16_t port_of(int i) { return (uint16_t)(4321 + 7 * i); }

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }

/* A TCP/IP frame to dport, with `opt` words of IP options. */
static void tcp_msg(uint32_t dport, unsigned opt)
{
	memset(pktbuf, 0, sizeof pktbuf);
	put16(pkt + 12, 0x800);
	pkt[14] = (uint8_t)(0x45 + opt);
	pkt[14 + 9] = 6;
	put32(pkt + 14 + 12, SRC_IP);
	put32(pkt + 14 + 16, 0x0a000001);
	put16(pkt + 14 + 20 + 4 * opt, SRC_PORT);
	put16(pkt + 14 + 22 + 4 * opt, dport);
	pktlen = 14 + 20 + 4 * opt + 20;
	if (pktlen < 60)
		pktlen = 60;            /* Ethernet's minimum frame (without FCS) */
}

static struct dpf_atom cmp(unsigned off, unsigned size, uint32_t val)
{
	struct dpf_atom a = { DPF_CMP, (uint8_t)size, 0, 0, (uint16_t)off, 0,
	                      size == 32 ? 0xffffffffu : (1u << size) - 1, val };
	return a;
}

/* The paper's Figure 1 filter to dport; variable: the IP header length
 * read from the packet instead of 20. */
static int tcp_filter(struct dpf_atom *a, uint32_t dport, int variable)
{
	struct dpf_atom sh14 = { DPF_SHIFT, 0, 0, 0, 0, 14, 0, 0 };
	struct dpf_atom sh20 = { DPF_SHIFT, 0, 0, 0, 0, 20, 0, 0 };
	struct dpf_atom ihl = { DPF_SHIFT, 8, 2, 0, 0, 0, 0xf, 0 };
	int n = 0;

	a[n++] = cmp(12, 16, 0x800);
	a[n++] = sh14;
	a[n++] = cmp(9, 8, 6);
	a[n++] = cmp(12, 32, SRC_IP);
	a[n++] = variable ? ihl : sh20;
	a[n++] = cmp(0, 16, SRC_PORT);
	a[n++] = cmp(2, 16, dport);
	return n;
}

static int insert(const struct dpf_atom *a, int n)
{
	int id = dpf_insert(&d, a, n, 0);
	if (id < 0) {
		printf("dpfbench: insert: %s\n", dpf_strerror(id));
		exit(1);
	}
	return id;
}

/* Generate the trie's code and make it runnable. */
static void regen(void)
{
	cc.words = code;
	cc.cap = sizeof code / 4;
	cc.addr = (uint32_t)code;
	cc.msg_align = 2;
	cc.min_len = 60;
	if (dpf_gen(&d, &cc)) {
		printf("dpfbench: dpf_gen: the code does not fit\n");
		exit(1);
	}
	dpf_icache_flush(code, 4 * cc.n);
	demux = (int (*)(const uint8_t *, unsigned))(uintptr_t)code;
}

/* ---- Timing ------------------------------------------------------------- */

typedef int (*classify_fn)(void);

static int run_dpf(void) { return demux(pkt, pktlen); }
static int run_interp(void) { return dpf_demux_interp(&d, pkt, pktlen); }
static int run_none(void) { return 0; }

/* Cycles per call of fn over ITERS calls (after one warm-up call whose
 * result must be `want`), times 100. */
static uint32_t time100(classify_fn fn, int want, const char *what)
{
	volatile classify_fn f = fn;
	uint64_t t0, t1;
	int r = f();

	if (r != want) {
		printf("dpfbench: %s returned %d, not %d\n", what, r, want);
		errors++;
	}
	t0 = rt_cycles();
	for (int i = 0; i < ITERS; i++)
		f();
	t1 = rt_cycles();
	return (uint32_t)((t1 - t0) * 100 / ITERS);
}

static void paper(const char *table, const char *row, uint32_t c100)
{
	printf("@paper %s %s %u.%02u\n", table, row, c100 / 100, c100 % 100);
}

/* ---- MPF-like and PATHFINDER-like sets for the 10 filters ----------------- */

static const struct mpf_insn mpf_tcp[] = {
	{ MPF_LDH, 0, 0, 0, 12 }, { MPF_JEQ, 0, 7, 0, 0x800 },
	{ MPF_LDB, 0, 0, 0, 23 }, { MPF_JEQ, 0, 5, 0, 6 },
	{ MPF_LDW, 0, 0, 0, 26 }, { MPF_JEQ, 0, 3, 0, SRC_IP },
	{ MPF_LDXMSH, 0, 0, 0, 14 }, { MPF_LDW_IND, 0, 0, 0, 14 },
	{ MPF_MATCH, 0, 0, 0, 0 }, { MPF_RET, 0, 0, 0, 0 },
};
static struct mpf_class mpf;
static struct pf_pattern pfp[64];
static struct pf_set pfs;

static int run_mpf(void) { return mpf_demux(&mpf, pkt, pktlen); }
static int run_pf(void) { return pf_demux(&pfs, pkt, pktlen); }
/* unexpected: the cache holds the first connection, the message is for another */
static int run_mpf_miss(void) { mpf.last = 0; return mpf_demux(&mpf, pkt, pktlen); }
static int run_pf_miss(void) { pfp[1].cached = 2; return pf_demux(&pfs, pkt, pktlen); }

static struct pf_cell cell(unsigned off, unsigned len, uint32_t val)
{
	struct pf_cell c = { (uint16_t)off, (uint8_t)len, 0, len == 4 ? 0xffffffffu : (1u << 8 * len) - 1, val };
	return c;
}

/* PATHFINDER patterns: Ethernet -> IP (fixed 20) -> one per port pair. */
static void pf_build(int nf, uint16_t *ids)
{
	pfp[0] = (struct pf_pattern){ 1, 0, 0, 0, 0, 14, -1, 1, 0, -1, { cell(12, 2, 0x800) } };
	pfp[1] = (struct pf_pattern){ 2, 0, 0, 0, 0, 20, -1, 2, 0, -1, { cell(9, 1, 6), cell(12, 4, SRC_IP) } };
	for (int i = 0; i < nf; i++)
		pfp[2 + i] = (struct pf_pattern){ 2, 0, 0, 0, 0, 0, (int16_t)(i + 1 < nf ? 3 + i : -1), -1,
		                                  ids[i], -1, { cell(0, 2, SRC_PORT), cell(2, 2, port_of(i)) } };
	pfs.pat = pfp;
	pfs.root = 0;
	pfs.cached = -1;
}

/* T7 and DPF-T3: ten TCP/IP filters. */
static void ten_filters(void)
{
	struct dpf_atom a[DPF_MAX_ATOMS];
	uint16_t ids[10];
	uint32_t dexp = 0, mexp, munexp, pexp, punexp;

	dpf_init(&d);
	for (int i = 0; i < 10; i++)
		ids[i] = (uint16_t)insert(a, tcp_filter(a, port_of(i), 0));
	regen();
	mpf.prog = mpf_tcp;
	mpf.n = sizeof mpf_tcp / sizeof mpf_tcp[0];
	mpf.nkeys = 10;
	for (int i = 0; i < 10; i++) {
		mpf.key[i] = SRC_PORT << 16 | port_of(i);
		mpf.id[i] = ids[i];
	}
	pf_build(10, ids);
	/* DPF: the mean over messages for each of the ten */
	for (int i = 0; i < 10; i++) {
		tcp_msg(port_of(i), 0);
		dexp += time100(run_dpf, ids[i], "dpf (10 filters)");
	}
	dexp /= 10;
	/* expected: the same connection again (the caches hit) */
	tcp_msg(port_of(9), 0);
	mexp = time100(run_mpf, ids[9], "mpf");
	pexp = time100(run_pf, ids[9], "pathfinder");
	/* unexpected: the caches hold the first connection, the message is
	 * for the last of the ten (one store to the cache per call) */
	munexp = time100(run_mpf_miss, ids[9], "mpf miss");
	punexp = time100(run_pf_miss, ids[9], "pathfinder miss");
	paper("T7", "mpf", mexp);
	paper("T7", "pathfinder", pexp);
	paper("T7", "dpf", dexp);
	paper("DPF-T3", "mpf_unexp", munexp);
	paper("DPF-T3", "mpf_exp", mexp);
	paper("DPF-T3", "pf_unexp", punexp);
	paper("DPF-T3", "pf_exp", pexp);
	paper("DPF-T3", "dpf_unexp", dexp);
	paper("DPF-T3", "dpf_exp", dexp);
	tcp_msg(port_of(9), 0);
	printf("# 10 filters: the DPF interpreter (the reference, not in the paper): %u cycles; "
	       "code %u words, %u hash tables\n", time100(run_interp, ids[9], "interp") / 100,
	       cc.n, cc.hash_tables);
}

/* DPF-T2: n filters differing in the destination port. */
static void table2(void)
{
	static const int ns[] = { 1, 2, 3, 10 };
	struct dpf_atom a[DPF_MAX_ATOMS];
	char row[16];

	for (int v = 0; v < 2; v++)
		for (int k = 0; k < 4; k++) {
			int id = 0;
			dpf_init(&d);
			for (int i = 0; i < ns[k]; i++)
				id = insert(a, tcp_filter(a, port_of(i), v));
			regen();
			tcp_msg(port_of(ns[k] - 1), v ? 1 : 0);     /* variable: with an IP option */
			snprintf(row, sizeof row, "%s%d", v ? "var" : "fixed", ns[k]);
			paper("DPF-T2", row, time100(run_dpf, id, row));
		}
}

/* DPF-F3: one filter of `depth` layers of 8 bytes, two atoms each. */
static void figure3(void)
{
	struct dpf_atom a[DPF_MAX_ATOMS];
	struct dpf_atom sh8 = { DPF_SHIFT, 0, 0, 0, 0, 8, 0, 0 };
	char row[16];

	for (int depth = 1; depth <= 7; depth++) {
		int n = 0, id;
		memset(pktbuf, 0, sizeof pktbuf);
		for (int l = 0; l < depth; l++) {
			a[n++] = cmp(0, 16, 0x100u + (unsigned)l);
			a[n++] = cmp(4, 16, 0x200u + (unsigned)l);
			a[n++] = sh8;
			put16(pkt + 8 * l, 0x100u + (unsigned)l);
			put16(pkt + 8 * l + 4, 0x200u + (unsigned)l);
			pfp[l] = (struct pf_pattern){ 2, 0, 0, 0, 0, 8, -1, (int16_t)(l + 1 < depth ? l + 1 : -1),
			                              (uint16_t)(l + 1 == depth), -1,
			                              { cell(0, 2, 0x100u + (unsigned)l), cell(4, 2, 0x200u + (unsigned)l) } };
		}
		pktlen = 8 * (unsigned)depth + 8 < 60 ? 60 : 8 * (unsigned)depth + 8;
		dpf_init(&d);
		id = insert(a, n);
		regen();
		pfs.pat = pfp;
		pfs.root = 0;
		pfs.cached = -1;
		uint32_t dc = time100(run_dpf, id, "dpf depth"), pc = time100(run_pf, 1, "pf depth");
		snprintf(row, sizeof row, "dpf_d%d", depth);
		paper("DPF-F3", row, dc);
		snprintf(row, sizeof row, "pf_d%d", depth);
		paper("DPF-F3", row, pc);
		printf("@series F3 dpf %d %u.%02u\n", depth, dc / 100, dc % 100);
		printf("@series F3 pathfinder %d %u.%02u\n", depth, pc / 100, pc % 100);
	}
}

/* SCALE and DPF-INS: 1..1000 port filters. */
static void scaling(void)
{
	struct dpf_atom a[DPF_MAX_ATOMS];
	uint64_t ins = 0, t0;
	int next = 0, id = 0;
	char row[16];

	dpf_init(&d);
	for (int target = 1; target <= 1000; target *= 10) {
		for (; next < target; next++) {
			int n = tcp_filter(a, port_of(next), 1);
			t0 = rt_cycles();
			id = insert(a, n);
			ins += rt_cycles() - t0;
		}
		t0 = rt_cycles();
		regen();
		snprintf(row, sizeof row, "gen%d", target);
		paper("DPF-INS", row, (uint32_t)(rt_cycles() - t0) * 100);
		tcp_msg(port_of(target - 1), 0);
		snprintf(row, sizeof row, "n%d", target);
		uint32_t c = time100(run_dpf, id, row);
		paper("SCALE", row, c);
		printf("@series SCALE dpf %d %u.%02u\n", target, c / 100, c % 100);
	}
	paper("DPF-INS", "insert", (uint32_t)(ins * 100 / 1000));
}

int main(void)
{
	dpf_init(&d);
	regen();
	tcp_msg(0, 0);
	printf("# dpfbench: cycles per classification (a call through a function pointer "
	       "in a loop of %d, the call and loop included: %u cycles with an empty function, "
	       "%u calling the empty trie's code)\n", ITERS, time100(run_none, 0, "none") / 100,
	       time100(run_dpf, 0, "empty trie") / 100);
	ten_filters();
	table2();
	figure3();
	scaling();
	if (errors)
		printf("dpfbench: %d wrong results\n", errors);
	return errors ? 1 : 0;
}
