/*
 * profile.c: the cycle profiler (profile.h, docs/TRACING.md).
 *
 * On every instruction start the hook charges the cycles since the
 * previous start to the previous instruction's record (one per PC and
 * context) and to its node in the calling-context tree.  Functions,
 * inclusive cycles and call arcs come from a shadow stack per context:
 * a JAL/JALR pushes a frame once its delay slot is done, reaching the
 * frame's return address pops it (that is what JR ra does), an
 * exception pushes a frame for its handler and the first instruction
 * after an RFE pops back to it.  Inclusive costs are differences of a
 * running total of charged cycles, so switching the profiler off and on
 * (simctl, --profile-from/--profile-to) leaves out the time in between.
 *
 * The hook runs on every instruction, so its common case is kept to a
 * few loads and adds: the record comes from a direct-mapped cache, the
 * top frame's return address and node are kept at hand (sync_top), and
 * the charges to the calling-context node, the function's frameless
 * time and the running totals are summed over a run of instructions in
 * the same node and added when the node or the stack changes (flush).
 * Symbols are looked up once per new record, the roll-up to functions
 * is done at the end.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw/testmips.h"
#include "profile.h"

#define CTX_USER    0x80      /* ctx bit: executed in user mode */
#define CTX_KSEG    64        /* ctx low bits: kseg address, else ASID */
#define NSTACKS     65        /* one per ASID, one for the kernel */
#define MAX_DEPTH   1024
#define CACHE_SIZE  4096
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define COLD        __attribute__((noinline, cold))   /* off the hook's common path */

struct fn {
	const struct symbol *sym;
	uint32_t base;            /* page, when there is no symbol */
	uint8_t ctx;
	char *name;
	uint64_t self, insns, incl, tlb, calls, imiss, dmiss;
	uint64_t loose;           /* cycles run with no frame of its own */
	int onstack;
};

struct prec {
	uint64_t key;             /* ctx << 32 | pc */
	uint64_t cycles, insns, tlb, imiss, dmiss;
	int fn;
};

/* The direct-mapped cache in front of the records, by PC: the hook's
 * whole working set.  It sums the record's cycles and instructions until
 * the entry is evicted or read (spill), and remembers the record's node
 * under the last top node it ran under. */
struct centry {
	uint64_t key;             /* ctx << 32 | pc; UINT64_MAX: empty */
	int rec;
	int leaf_parent, leaf_node;
	uint64_t cycles, insns;
};

/*
 * A calling-context node: a frame's (entered by a call or an exception)
 * or, with `leaf` set, the time a frame spent in another function's
 * code reached with no frame of its own (a branch or a return from the
 * kernel into another symbol).  The two kinds are never shared, so the
 * callgrind output can give the frame's function the leaf's time as a
 * call of its own, and callgrind_annotate's inclusive figures then
 * agree with the frames' (the text report).
 */
struct node {
	int fn, parent, child, sibling;
	bool leaf;
	uint64_t self, insns, entries;
};

struct arc {
	int caller, callee;
	uint32_t site;
	uint64_t calls, cycles, insns;
};

struct frame {
	uint32_t ret;             /* return address (calls) */
	bool exc;                 /* pushed by an exception */
	bool first;               /* the fn's outermost frame on this stack */
	int fn, node, caller;
	uint32_t site;            /* PC of the call or faulting instruction */
	uint64_t p0, i0;          /* running totals at entry */
};

/*
 * A shadow stack: one per ASID in user mode and one for the kernel, as
 * each environment has its own.  Its running totals count only what was
 * charged while it was the current stack, so a frame's inclusive time
 * (a difference of them) leaves out the other environments that ran
 * meanwhile (a yield, a transfer, another's slice), as a profiler of
 * threads does: the text report's inclusive figures are then what
 * callgrind_annotate adds up from the calls.
 */
struct stack {
	struct frame f[MAX_DEPTH];
	int n;
	int root;                 /* CCT root node */
	uint64_t total, total_insns;
};

struct profiler {
	struct machine *m;
	struct profile_config cfg;
	FILE *f;
	int werr;
	bool on;
	uint32_t from_addr, to_addr;
	bool has_from, has_to;
	uint64_t total, total_insns;          /* running charged totals */
	uint64_t base, base_insns;            /* their values at the last reset */
	/* the previous instruction */
	int prev;                             /* record index, -1 none */
	uint64_t prev_cycle;
	uint64_t prev_insns;                  /* the CPU's completed instructions then */
	const struct cpu_state *cpu;
	const struct sim_stats *stats;        /* cache-miss counters */
	uint64_t prev_imiss, prev_dmiss;
	/* charges not yet added to seg_node, its fn and the totals (flush) */
	int seg_node;
	uint64_t seg_cycles, seg_insns;
	/* the current stack's top, for the hook (sync_top) */
	struct stack *cur_stack;
	int top_node;
	uint32_t top_ret;                     /* its frame's return address, or 1 */
	/* pending control flow; `rare` is set while any of it is */
	bool rare;
	int call_state;                       /* 1: in the delay slot, 2: next is callee */
	uint32_t call_ret, call_site;
	bool pending_exc, after_rfe;
	uint32_t exc_site;
	/* tables */
	struct prec *recs;
	int nrecs, caprecs;
	int *hash;                            /* open addressing into recs */
	uint32_t hashcap;
	struct centry cache[CACHE_SIZE];
	struct centry *prev_e;                /* the previous instruction's */
	struct fn *fns;
	int nfns, capfns;
	struct node *nodes;
	int nnodes, capnodes;
	struct arc *arcs;
	int narcs, caparcs;
	struct stack *stacks[NSTACKS];
	int cur;                              /* current stack */
	bool oom;
};

void profile_config_init(struct profile_config *pc)
{
	memset(pc, 0, sizeof *pc);
	pc->top = 20;
}

int profile_set_format(struct profile_config *pc, const char *s, char *err, size_t n)
{
	if (strcmp(s, "text") == 0)
		pc->format = PROF_TEXT;
	else if (strcmp(s, "callgrind") == 0)
		pc->format = PROF_CALLGRIND;
	else if (strcmp(s, "folded") == 0)
		pc->format = PROF_FOLDED;
	else {
		snprintf(err, n, "--profile-format: '%s' is not text, callgrind or folded", s);
		return -1;
	}
	pc->format_set = true;
	return 0;
}

/* ---- growable arrays -------------------------------------------------- */

static void *grow(struct profiler *p, void *v, int *cap, int need, size_t size)
{
	int c = *cap ? *cap : 64;
	void *nv;

	if (need <= *cap)
		return v;
	while (c < need)
		c *= 2;
	nv = realloc(v, (size_t)c * size);
	if (!nv) {
		p->oom = true;
		return NULL;
	}
	*cap = c;
	return nv;
}

/* ---- functions, records, nodes ---------------------------------------- */

static uint8_t ctx_of(const struct cpu_state *c, uint32_t pc)
{
	uint8_t ctx = pc >= 0x80000000u ? CTX_KSEG
	              : (uint8_t)((c->cp0[CP0_ENTRYHI] & EHI_ASID_MASK) >> EHI_ASID_SHIFT);
	return ctx | ((c->cp0[CP0_STATUS] & ST_KUC) ? CTX_USER : 0);
}

static int fn_for(struct profiler *p, uint32_t pc, uint8_t ctx)
{
	const struct symbol *s = machine_sym_lookup(p->m, pc);
	uint32_t base = s ? 0 : pc & ~0xfffu;
	struct fn *f;
	char name[160], suffix[32] = "";
	void *nv;

	for (int i = p->nfns - 1; i >= 0; i--)
		if (p->fns[i].sym == s && p->fns[i].base == base && p->fns[i].ctx == ctx)
			return i;
	nv = grow(p, p->fns, &p->capfns, p->nfns + 1, sizeof *p->fns);
	if (!nv)
		return -1;
	p->fns = nv;
	if ((ctx & ~CTX_USER) != CTX_KSEG || (ctx & CTX_USER))
		snprintf(suffix, sizeof suffix, " [%s asid %u]", ctx & CTX_USER ? "user" : "kernel",
		         ctx & ~CTX_USER);
	if (s)
		snprintf(name, sizeof name, "%s%s", s->name, suffix);
	else
		snprintf(name, sizeof name, "?0x%08x%s", base, suffix);
	f = &p->fns[p->nfns];
	*f = (struct fn){ .sym = s, .base = base, .ctx = ctx, .name = strdup(name) };
	if (!f->name) {
		p->oom = true;
		return -1;
	}
	return p->nfns++;
}

static int new_node(struct profiler *p, int fn, int parent, bool leaf)
{
	void *nv = grow(p, p->nodes, &p->capnodes, p->nnodes + 1, sizeof *p->nodes);

	if (!nv)
		return -1;
	p->nodes = nv;
	p->nodes[p->nnodes] = (struct node){ .fn = fn, .parent = parent, .child = -1,
	                                     .sibling = -1, .leaf = leaf };
	if (parent >= 0) {
		p->nodes[p->nnodes].sibling = p->nodes[parent].child;
		p->nodes[parent].child = p->nnodes;
	}
	return p->nnodes++;
}

static int child_node(struct profiler *p, int parent, int fn, bool leaf)
{
	for (int c = p->nodes[parent].child; c >= 0; c = p->nodes[c].sibling)
		if (p->nodes[c].fn == fn && p->nodes[c].leaf == leaf)
			return c;
	return new_node(p, fn, parent, leaf);
}

static uint32_t hash_key(uint64_t key)
{
	key ^= key >> 29;
	key *= 0x9e3779b97f4a7c15ull;
	return (uint32_t)(key >> 32);
}

static int rehash(struct profiler *p)
{
	uint32_t cap = p->hashcap ? p->hashcap * 2 : 4096;
	int *h = malloc(cap * sizeof *h);

	if (!h) {
		p->oom = true;
		return -1;
	}
	memset(h, 0xff, cap * sizeof *h);
	for (int i = 0; i < p->nrecs; i++) {
		uint32_t j = hash_key(p->recs[i].key) & (cap - 1);
		while (h[j] >= 0)
			j = (j + 1) & (cap - 1);
		h[j] = i;
	}
	free(p->hash);
	p->hash = h;
	p->hashcap = cap;
	return 0;
}

static void spill(struct profiler *p, struct centry *e)
{
	if (e->rec >= 0) {
		p->recs[e->rec].cycles += e->cycles;
		p->recs[e->rec].insns += e->insns;
	}
	e->cycles = e->insns = 0;
}

static void spill_all(struct profiler *p)
{
	for (int i = 0; i < CACHE_SIZE; i++)
		spill(p, &p->cache[i]);
}

static int rec_lookup(struct profiler *p, uint32_t pc, uint8_t ctx, uint64_t key)
{
	uint32_t j;
	void *nv;
	int fn;

	if ((uint32_t)p->nrecs * 2 >= p->hashcap && rehash(p))
		return -1;
	for (j = hash_key(key) & (p->hashcap - 1); p->hash[j] >= 0; j = (j + 1) & (p->hashcap - 1))
		if (p->recs[p->hash[j]].key == key)
			goto found;
	fn = fn_for(p, pc, ctx);
	nv = grow(p, p->recs, &p->caprecs, p->nrecs + 1, sizeof *p->recs);
	if (fn < 0 || !nv)
		return -1;
	p->recs = nv;
	p->recs[p->nrecs] = (struct prec){ .key = key, .fn = fn };
	p->hash[j] = p->nrecs++;
found:
	return p->hash[j];
}

static COLD struct centry *entry_miss(struct profiler *p, struct centry *e, uint32_t pc,
                                      uint8_t ctx, uint64_t key)
{
	int ri;

	spill(p, e);
	ri = rec_lookup(p, pc, ctx, key);
	*e = (struct centry){ .key = ri < 0 ? UINT64_MAX : key, .rec = ri, .leaf_parent = -1 };
	return ri < 0 ? NULL : e;
}

/* The cache entry for the instruction at pc in context ctx, or NULL. */
static inline struct centry *entry_for(struct profiler *p, uint32_t pc, uint8_t ctx)
{
	uint64_t key = (uint64_t)ctx << 32 | pc;
	struct centry *e = &p->cache[(pc >> 2) & (CACHE_SIZE - 1)];

	return e->key == key ? e : entry_miss(p, e, pc, ctx, key);
}

static struct stack *stack_get(struct profiler *p, int i)
{
	if (!p->stacks[i]) {
		p->stacks[i] = calloc(1, sizeof *p->stacks[i]);
		if (!p->stacks[i]) {
			p->oom = true;
			return NULL;
		}
		p->stacks[i]->root = new_node(p, -1, -1, false);
		if (p->stacks[i]->root < 0)
			return NULL;
	}
	return p->stacks[i];
}

static int top_node(struct profiler *p, struct stack *s)
{
	return s->n ? s->f[s->n - 1].node : s->root;
}

/* After a push, a pop or a change of stack: what the hook compares. */
static void sync_top(struct profiler *p)
{
	struct stack *s = stack_get(p, p->cur);
	const struct frame *f;

	p->cur_stack = s;
	p->top_ret = 1;               /* no PC: instructions are aligned */
	p->top_node = -1;
	if (!s)
		return;
	p->top_node = top_node(p, s);
	f = s->n ? &s->f[s->n - 1] : NULL;
	if (f && !f->exc)
		p->top_ret = f->ret;
}

/* Add the charges summed since the last flush to their node, to the
 * node's function when it has no frame of its own, and to the totals. */
static void flush(struct profiler *p)
{
	if (p->seg_cycles && p->seg_node >= 0) {
		struct node *n = &p->nodes[p->seg_node];
		n->self += p->seg_cycles;
		n->insns += p->seg_insns;
		if (n->fn >= 0 && !p->fns[n->fn].onstack)
			p->fns[n->fn].loose += p->seg_cycles;
	}
	p->total += p->seg_cycles;
	p->total_insns += p->seg_insns;
	if (p->cur_stack) {
		p->cur_stack->total += p->seg_cycles;
		p->cur_stack->total_insns += p->seg_insns;
	}
	p->seg_cycles = p->seg_insns = 0;
}

/* ---- the shadow stack --------------------------------------------------- */

static int arc_for(struct profiler *p, int caller, int callee, uint32_t site)
{
	void *nv;

	for (int i = p->narcs - 1; i >= 0; i--)
		if (p->arcs[i].caller == caller && p->arcs[i].callee == callee &&
		    p->arcs[i].site == site)
			return i;
	nv = grow(p, p->arcs, &p->caparcs, p->narcs + 1, sizeof *p->arcs);
	if (!nv)
		return -1;
	p->arcs = nv;
	p->arcs[p->narcs] = (struct arc){ .caller = caller, .callee = callee, .site = site };
	return p->narcs++;
}

/* The function of the instruction before this one (a call's delay slot,
 * the instruction an exception came after), or -1: the caller of a
 * frame that has none below it (code entered with no call, such as the
 * entry point or an environment's first instruction). */
static int fn_at_prev(const struct profiler *p)
{
	return p->prev >= 0 ? p->recs[p->prev].fn : -1;
}

static void push(struct profiler *p, int fn, uint32_t ret, uint32_t site, bool exc)
{
	struct stack *s = stack_get(p, p->cur);
	struct frame *f;
	int node;

	if (!s || fn < 0)
		return;
	if (s->n == MAX_DEPTH) {       /* runaway recursion: stop growing */
		return;
	}
	flush(p);
	node = child_node(p, top_node(p, s), fn, false);
	if (node < 0)
		return;
	f = &s->f[s->n++];
	*f = (struct frame){ .ret = ret, .exc = exc, .fn = fn, .node = node, .site = site,
	                     .caller = s->n > 1 ? s->f[s->n - 2].fn : fn_at_prev(p),
	                     .first = p->fns[fn].onstack == 0,
	                     .p0 = s->total, .i0 = s->total_insns };
	p->fns[fn].onstack++;
	if (p->on)
		p->fns[fn].calls++;
	sync_top(p);
}

static void pop(struct profiler *p, struct stack *s)
{
	struct frame *f;
	struct fn *fn;
	int a;

	flush(p);
	f = &s->f[--s->n];
	fn = &p->fns[f->fn];
	fn->onstack--;
	if (s == p->cur_stack)
		sync_top(p);
	if (f->first)
		fn->incl += s->total - f->p0;
	if (f->caller < 0)
		return;
	a = arc_for(p, f->caller, f->fn, f->site);
	if (a < 0)
		return;
	if (p->on || s->total != f->p0)
		p->arcs[a].calls++;
	if (!f->first)           /* recursive: the outer frame has the cost */
		return;
	p->arcs[a].cycles += s->total - f->p0;
	p->arcs[a].insns += s->total_insns - f->i0;
}

/* The first instruction after an RFE: unwind to the innermost exception
 * frame, then follow the mode and ASID the RFE returned to. */
static COLD void rfe_return(struct profiler *p, const struct cpu_state *c)
{
	struct stack *s = p->stacks[p->cur];

	p->after_rfe = false;
	flush(p);                 /* what ran so far was the old stack's */
	if (s) {
		int i = s->n - 1;
		while (i >= 0 && !s->f[i].exc)
			i--;
		while (i >= 0 && s->n > i)
			pop(p, s);
	}
	if (c->cp0[CP0_STATUS] & ST_KUC)
		p->cur = (int)((c->cp0[CP0_ENTRYHI] & EHI_ASID_MASK) >> EHI_ASID_SHIFT);
	sync_top(p);
}

/* ---- control ------------------------------------------------------------ */

static void reset_counts(struct profiler *p)
{
	flush(p);
	spill_all(p);
	for (int i = 0; i < p->nrecs; i++)
		p->recs[i].cycles = p->recs[i].insns = p->recs[i].tlb = p->recs[i].imiss =
			p->recs[i].dmiss = 0;
	for (int i = 0; i < p->nfns; i++)
		p->fns[i].incl = p->fns[i].tlb = p->fns[i].calls = p->fns[i].loose = 0;
	for (int i = 0; i < p->nnodes; i++)
		p->nodes[i].self = p->nodes[i].insns = p->nodes[i].entries = 0;
	p->narcs = 0;
	p->base = p->total;
	p->base_insns = p->total_insns;
	for (int i = 0; i < NSTACKS; i++)
		for (int j = 0; p->stacks[i] && j < p->stacks[i]->n; j++) {
			p->stacks[i]->f[j].p0 = p->stacks[i]->total;
			p->stacks[i]->f[j].i0 = p->stacks[i]->total_insns;
		}
}

static void on_event(void *ctx, struct machine *m, const struct sim_event *ev)
{
	struct profiler *p = ctx;

	switch (ev->kind) {
	case EV_EXCEPTION:
		if (p->after_rfe)
			rfe_return(p, machine_cpu(m));
		if (p->on && p->prev >= 0 && (ev->code == EXC_TLBL || ev->code == EXC_TLBS ||
		                              ev->code == EXC_MOD)) {
			p->recs[p->prev].tlb++;
			p->fns[p->recs[p->prev].fn].tlb++;
		}
		p->pending_exc = true;
		p->exc_site = ev->pc;
		p->call_state = 0;
		p->rare = true;
		break;
	case EV_RFE:
		p->after_rfe = true;
		break;
	case EV_PROFILE_CTL:
		if (ev->arg == SIMCTL_PROF_ON)
			p->on = true;
		else if (ev->arg == SIMCTL_PROF_OFF)
			p->on = false;
		else if (ev->arg == SIMCTL_PROF_RESET)
			reset_counts(p);
		break;
	default:
		break;
	}
}

static bool is_call(uint32_t w)
{
	return (w >> 26) == 3 ||                               /* JAL */
	       ((w >> 26) == 0 && (w & 0x3f) == 9);            /* JALR */
}

/* Charge the previous instruction: the cycles since it started, and the
 * cache misses counted meanwhile. */
static inline void charge(struct profiler *p, uint64_t now)
{
	uint64_t d = now - p->prev_cycle;
	uint64_t im = p->stats->icache_misses, dm = p->stats->dcache_misses;
	/* 1, or 0 when the instruction raised an exception instead of
	 * completing: so the totals are --stats' instructions. */
	uint64_t di = p->cpu->insns - p->prev_insns;

	p->prev_insns = p->cpu->insns;
	if (p->prev_e && p->on) {
		struct prec *r = &p->recs[p->prev];
		p->prev_e->cycles += d;
		p->prev_e->insns += di;
		if (UNLIKELY(im != p->prev_imiss || dm != p->prev_dmiss)) {
			r->imiss += im - p->prev_imiss;
			r->dmiss += dm - p->prev_dmiss;
		}
		p->seg_cycles += d;
		p->seg_insns += di;
	}
	p->prev_imiss = im;
	p->prev_dmiss = dm;
}

static COLD void from_to(struct profiler *p, uint32_t pc)
{
	if (p->has_from && pc == p->from_addr)
		p->on = true;
	if (p->has_to && pc == p->to_addr)
		p->on = false;
}

/* What is rarely pending at an instruction: a call's delay slot or its
 * callee, a handler's first instruction. */
static COLD void rare_insn(struct profiler *p, int ri)
{
	if (ri < 0)
		return;
	if (p->pending_exc) {
		p->pending_exc = false;
		push(p, p->recs[ri].fn, 0, p->exc_site, true);
	} else if (p->call_state == 2) {
		p->call_state = 0;
		push(p, p->recs[ri].fn, p->call_ret, p->call_site, false);
	} else if (p->call_state == 1) {
		p->call_state = 2;
	}
	p->rare = p->call_state || p->pending_exc;
}

/* The node of record ri under the current top: the top's own when the
 * function is the same, else its child for the function (a branch into
 * another symbol), remembered in the cache entry for next time. */
static COLD int leaf_node(struct profiler *p, struct centry *e)
{
	int top = p->top_node, leaf = top, fn = p->recs[e->rec].fn;

	if (top < 0)
		return -1;
	if (p->nodes[top].fn != fn) {
		leaf = child_node(p, top, fn, true);
		if (leaf < 0)
			return top;
	}
	e->leaf_parent = top;
	e->leaf_node = leaf;
	return leaf;
}

/* Reaching the top frame's return address: pop it (and any frames
 * below it with the same return address). */
static COLD void returned(struct profiler *p, uint32_t pc)
{
	struct stack *s = p->cur_stack;

	while (s->n && !s->f[s->n - 1].exc && s->f[s->n - 1].ret == pc)
		pop(p, s);
}

static bool on_insn(void *ctx, struct machine *m, uint32_t pc, uint32_t word)
{
	struct profiler *p = ctx;
	const struct cpu_state *c = p->cpu;
	uint64_t now = c->cycle;
	struct centry *e;
	int ri, node;

	(void)m;
	charge(p, now);
	p->prev_cycle = now;
	if (UNLIKELY(p->has_from | p->has_to))
		from_to(p, pc);
	if (UNLIKELY(p->after_rfe))
		rfe_return(p, c);
	e = entry_for(p, pc, ctx_of(c, pc));
	ri = e ? e->rec : -1;
	if (UNLIKELY(p->rare))
		rare_insn(p, ri);
	if (UNLIKELY(ri < 0 || !p->cur_stack)) {
		p->prev = -1;
		p->prev_e = NULL;
		return false;
	}
	if (UNLIKELY(pc == p->top_ret))
		returned(p, pc);
	node = e->leaf_parent == p->top_node ? e->leaf_node : leaf_node(p, e);
	if (UNLIKELY(node != p->seg_node)) {
		flush(p);
		if (node >= 0 && p->nodes[node].leaf && p->nodes[node].parent == p->seg_node)
			p->nodes[node].entries++;         /* the frame's code went there */
		p->seg_node = node;
	}
	if (UNLIKELY(is_call(word))) {
		p->call_state = 1;
		p->call_ret = pc + 8;
		p->call_site = pc;
		p->rare = true;
	}
	p->prev = ri;
	p->prev_e = e;
	return false;
}

/* ---- reports ------------------------------------------------------------ */

static int leaf_caller(const struct profiler *p, const struct node *n);

/*
 * Inclusive cycles, defined as callgrind_annotate --inclusive=yes
 * computes them from the callgrind output, so that the two views agree:
 * a function that was entered (by a call, an exception, or as the code
 * a frame branched into: a leaf) has the sum of what those entries
 * cost; one never entered (the entry point, an environment's first
 * code) has its own cycles plus what it called.  Recursion is counted
 * once: only a function's outermost frame gives its arc a cost.
 */
static void roll_up(struct profiler *p)
{
	bool *entered = calloc((size_t)(p->nfns ? p->nfns : 1), sizeof *entered);
	uint64_t *in = calloc((size_t)(p->nfns ? p->nfns : 1), sizeof *in);
	uint64_t *out = calloc((size_t)(p->nfns ? p->nfns : 1), sizeof *out);

	for (int i = 0; i < p->nfns; i++)
		p->fns[i].self = p->fns[i].insns = p->fns[i].imiss = p->fns[i].dmiss = 0;
	for (int i = 0; i < p->nrecs; i++) {
		struct fn *f = &p->fns[p->recs[i].fn];
		f->self += p->recs[i].cycles;
		f->insns += p->recs[i].insns;
		f->imiss += p->recs[i].imiss;
		f->dmiss += p->recs[i].dmiss;
	}
	if (!entered || !in || !out) {
		p->oom = true;
		goto done;
	}
	for (int a = 0; a < p->narcs; a++) {
		entered[p->arcs[a].callee] = true;
		in[p->arcs[a].callee] += p->arcs[a].cycles;
		out[p->arcs[a].caller] += p->arcs[a].cycles;
	}
	for (int n = 0; n < p->nnodes; n++) {
		int caller = leaf_caller(p, &p->nodes[n]), fn = p->nodes[n].fn;
		if (caller < 0 || caller == fn)
			continue;
		entered[fn] = true;
		in[fn] += p->nodes[n].self;
		out[caller] += p->nodes[n].self;
	}
	for (int i = 0; i < p->nfns; i++)
		p->fns[i].incl = entered[i] ? in[i] : p->fns[i].self + out[i];
done:
	free(entered);
	free(in);
	free(out);
}

struct rank { uint64_t self; int fn; };

static int by_self_desc(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	if (x->self != y->self)
		return x->self < y->self ? 1 : -1;
	return x->fn - y->fn;
}

static void report_text(struct profiler *p)
{
	struct rank *ix = malloc((size_t)(p->nfns ? p->nfns : 1) * sizeof *ix);
	uint32_t hz = machine_config(p->m)->clock_hz;

	if (!ix) {
		p->oom = true;
		return;
	}
	for (int i = 0; i < p->nfns; i++)
		ix[i] = (struct rank){ p->fns[i].self, i };
	qsort(ix, (size_t)p->nfns, sizeof *ix, by_self_desc);
	uint64_t total = p->total - p->base, insns = p->total_insns - p->base_insns;

	fprintf(p->f, "exosim profile: %" PRIu64 " cycles (%.3f us at %u Hz), %" PRIu64
	        " instructions, CPI %.4f\n\n", total, total * 1e6 / hz, hz, insns,
	        insns ? (double)total / insns : 0.0);
	fprintf(p->f, "%14s %6s %14s %6s %12s %8s %8s %8s %8s  %s\n", "self cycles", "self%",
	        "incl cycles", "incl%", "insns", "calls", "imiss", "dmiss", "tlbmiss",
	        "function");
	for (int k = 0; k < p->nfns && k < p->cfg.top; k++) {
		const struct fn *f = &p->fns[ix[k].fn];
		if (!f->self && !f->incl)
			break;
		fprintf(p->f, "%14" PRIu64 " %6.2f %14" PRIu64 " %6.2f %12" PRIu64 " %8" PRIu64
		        " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "  %s\n", f->self,
		        total ? 100.0 * f->self / total : 0, f->incl,
		        total ? 100.0 * f->incl / total : 0, f->insns, f->calls,
		        f->imiss, f->dmiss, f->tlb, f->name);
	}
	free(ix);
}

static const char *image_of(const struct profiler *p, const struct fn *f)
{
	const char *path = f->sym ? machine_image_path(p->m, f->sym->image) : NULL;
	return path ? path : "???";
}

/* The caller's function of a leaf node: the frame it ran under, or -1. */
static int leaf_caller(const struct profiler *p, const struct node *n)
{
	if (!n->leaf || n->parent < 0 || (!n->self && !n->insns))
		return -1;
	return p->nodes[n->parent].fn;
}

/*
 * The file and line of addr, or ??? and 0 with no line information.
 * Files under the working directory are named relative to it, as sim
 * was given its images: callgrind_annotate strips its own directory
 * from fl= names but not from cfi= ones, and a function must have one
 * name in both.
 */
static const char *cg_line(struct profiler *p, uint32_t addr, int *line)
{
	static char cwd[4096];
	const char *file;
	size_t n;

	if (machine_srcline(p->m, addr, &file, line)) {
		*line = 0;
		return "???";
	}
	if (!cwd[0] && !getcwd(cwd, sizeof cwd - 1))
		strcpy(cwd, "/nonexistent");
	n = strlen(cwd);
	if (strncmp(file, cwd, n) == 0 && file[n] == '/')
		file += n + 1;
	return file;
}

/*
 * The position "ADDR LINE" of an instruction of a function whose file
 * is `file`.  An instruction inlined from another file (a header) gets
 * line 0: a "fi=" there would make callgrind_annotate count it as
 * another function ("header.h:main"), and the function's total would no
 * longer be the text report's.
 */
static void cg_position(struct profiler *p, uint32_t addr, const char *file)
{
	int line;
	const char *f = cg_line(p, addr, &line);

	fprintf(p->f, "0x%08x %d", addr, strcmp(f, file) == 0 ? line : 0);
}

/* Does function i have anything to say: costs, calls or leaf time? */
static bool cg_has_lines(const struct profiler *p, int i)
{
	for (int j = 0; j < p->nrecs; j++)
		if (p->recs[j].fn == i && (p->recs[j].cycles || p->recs[j].insns || p->recs[j].tlb))
			return true;
	for (int a = 0; a < p->narcs; a++)
		if (p->arcs[a].caller == i)
			return true;
	for (int n = 0; n < p->nnodes; n++)
		if (leaf_caller(p, &p->nodes[n]) == i)
			return true;
	return false;
}

/* One calls= block: the callee g, its position and the call's cost. */
static void cg_call(struct profiler *p, const struct fn *g, uint64_t calls, uint32_t site,
                    uint64_t cycles, uint64_t insns, const char *file)
{
	uint32_t target = g->sym ? g->sym->addr : g->base;
	int tline;
	const char *tfile = cg_line(p, target, &tline);

	fprintf(p->f, "cob=%s\ncfi=%s\ncfn=%s\ncalls=%" PRIu64 " 0x%08x %d\n", image_of(p, g),
	        tfile, g->name, calls, target, tline);
	cg_position(p, site, file);
	fprintf(p->f, " %" PRIu64 " %" PRIu64 "\n", cycles, insns);
}

/*
 * callgrind's format (valgrind's docs/callgrind-format): per function
 * its instructions' costs at "address line" positions (file and line
 * from the images' DWARF, so KCachegrind annotates the source), its
 * calls with their inclusive cost, and, as calls from the frame's
 * function, the time its frames spent in other functions' code reached
 * without a call (leaf nodes; positioned at the caller's entry, since
 * the branch's address is not kept).  callgrind_annotate's inclusive
 * figure of a function (self plus its calls) is then the text report's.
 */
static void report_callgrind(struct profiler *p)
{
	uint64_t tlb = 0, im = 0, dm = 0;

	for (int i = 0; i < p->nrecs; i++) {
		tlb += p->recs[i].tlb;
		im += p->recs[i].imiss;
		dm += p->recs[i].dmiss;
	}
	fprintf(p->f, "# callgrind format\nversion: 1\ncreator: exosim\ncmd:");
	for (int i = 0; machine_image_path(p->m, i); i++)
		fprintf(p->f, " %s", machine_image_path(p->m, i));
	fprintf(p->f, "\npositions: instr line\n"
	        "events: Cycles Instructions TLBMisses IMisses DMisses\n"
	        "summary: %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
	        p->total - p->base, p->total_insns - p->base_insns, tlb, im, dm);
	for (int i = 0; i < p->nfns; i++) {
		const struct fn *f = &p->fns[i];
		const char *cur;
		int line;

		if (!cg_has_lines(p, i))
			continue;
		/* The function's file: where its entry is. */
		cur = cg_line(p, f->sym ? f->sym->addr : f->base, &line);
		fprintf(p->f, "\nob=%s\nfl=%s\nfn=%s\n", image_of(p, f), cur, f->name);
		for (int j = 0; j < p->nrecs; j++) {
			const struct prec *r = &p->recs[j];
			if (r->fn != i || (!r->cycles && !r->insns && !r->tlb))
				continue;
			cg_position(p, (uint32_t)r->key, cur);
			fprintf(p->f, " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
			        r->cycles, r->insns, r->tlb, r->imiss, r->dmiss);
		}
		for (int a = 0; a < p->narcs; a++) {
			const struct arc *c = &p->arcs[a];
			if (c->caller == i)
				cg_call(p, &p->fns[c->callee], c->calls, c->site, c->cycles, c->insns,
				        cur);
		}
		for (int n = 0; n < p->nnodes; n++) {
			const struct node *nd = &p->nodes[n];
			if (leaf_caller(p, nd) == i && nd->fn != i)
				cg_call(p, &p->fns[nd->fn], nd->entries ? nd->entries : 1,
				        f->sym ? f->sym->addr : f->base, nd->self, nd->insns, cur);
		}
	}
}

static void folded_path(struct profiler *p, int n)
{
	if (n < 0 || p->nodes[n].fn < 0)
		return;
	folded_path(p, p->nodes[n].parent);
	if (p->nodes[n].parent >= 0 && p->nodes[p->nodes[n].parent].fn >= 0)
		fputc(';', p->f);
	for (const char *s = p->fns[p->nodes[n].fn].name; *s; s++)
		fputc(*s == ';' ? ':' : *s, p->f);
}

static void report_folded(struct profiler *p)
{
	for (int i = 0; i < p->nnodes; i++) {
		if (!p->nodes[i].self || p->nodes[i].fn < 0)
			continue;
		folded_path(p, i);
		fprintf(p->f, " %" PRIu64 "\n", p->nodes[i].self);
	}
}

static void on_finish(void *ctx, struct machine *m)
{
	struct profiler *p = ctx;

	/* Charge the last instruction up to now and close every frame. */
	charge(p, machine_cpu(m)->cycle);
	flush(p);
	spill_all(p);
	p->prev = -1;
	p->prev_e = NULL;
	for (int i = 0; i < NSTACKS; i++)
		while (p->stacks[i] && p->stacks[i]->n)
			pop(p, p->stacks[i]);
	roll_up(p);
	if (!p->f)
		return;
	if (p->cfg.format == PROF_TEXT)
		report_text(p);
	else if (p->cfg.format == PROF_CALLGRIND)
		report_callgrind(p);
	else
		report_folded(p);
	if (p->oom)
		fprintf(stderr, "sim: --profile: out of host memory; the profile is partial\n");
	if (ferror(p->f))
		p->werr = EIO;
	if (fclose(p->f) != 0 && !p->werr)
		p->werr = errno ? errno : EIO;
	p->f = NULL;
	if (p->werr)
		fprintf(stderr, "sim: --profile %s: write failed: %s\n", p->cfg.path,
		        strerror(p->werr));
}

/* ---- attach ----------------------------------------------------------------- */

static enum profile_format format_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(path);

	base = base ? base + 1 : path;
	if (strncmp(base, "callgrind.out", 13) == 0 || (n >= 10 && !strcmp(path + n - 10, ".callgrind")))
		return PROF_CALLGRIND;
	if (n >= 7 && strcmp(path + n - 7, ".folded") == 0)
		return PROF_FOLDED;
	return PROF_TEXT;
}

struct profiler *profile_attach(struct machine *m, const struct profile_config *pc,
                                char *err, size_t n)
{
	struct profiler *p = calloc(1, sizeof *p);
	struct sim_observer o = { 0 };

	if (!p) {
		snprintf(err, n, "out of memory");
		return NULL;
	}
	p->m = m;
	p->cfg = *pc;
	p->prev = -1;
	p->cpu = machine_cpu(m);
	p->prev_insns = p->cpu->insns;
	p->stats = machine_stats(m);
	p->cur = CTX_KSEG;
	p->on = !pc->from;
	p->seg_node = -1;
	for (int i = 0; i < CACHE_SIZE; i++) {
		p->cache[i].key = UINT64_MAX;   /* no context is 0xffffffff */
		p->cache[i].rec = -1;
	}
	if (pc->path && !pc->format_set)
		p->cfg.format = format_from_path(pc->path);
	if (pc->from && machine_sym_find(m, pc->from, &p->from_addr)) {
		snprintf(err, n, "--profile-from %s: no such symbol", pc->from);
		goto fail;
	}
	if (pc->to && machine_sym_find(m, pc->to, &p->to_addr)) {
		snprintf(err, n, "--profile-to %s: no such symbol", pc->to);
		goto fail;
	}
	p->has_from = pc->from != NULL;
	p->has_to = pc->to != NULL;
	if (rehash(p) || !stack_get(p, p->cur)) {
		snprintf(err, n, "out of memory");
		goto fail;
	}
	sync_top(p);
	p->f = fopen(pc->path, "w");
	if (!p->f) {
		snprintf(err, n, "--profile %s: %s", pc->path, strerror(errno));
		goto fail;
	}
	o.ctx = p;
	o.on_event = on_event;
	o.on_insn = on_insn;
	o.on_finish = on_finish;
	if (machine_add_observer(m, &o)) {
		snprintf(err, n, "too many observers");
		goto fail;
	}
	return p;
fail:
	profile_detach(m, p);
	return NULL;
}

void profile_detach(struct machine *m, struct profiler *p)
{
	if (!p)
		return;
	machine_remove_observer(m, p);
	if (p->f)
		fclose(p->f);
	for (int i = 0; i < p->nfns; i++)
		free(p->fns[i].name);
	for (int i = 0; i < NSTACKS; i++)
		free(p->stacks[i]);
	free(p->fns);
	free(p->recs);
	free(p->hash);
	free(p->nodes);
	free(p->arcs);
	free(p);
}

int profile_error(const struct profiler *p)
{
	return p ? p->werr : 0;
}
