/*
 * dpf_gen.c: R3000 code for the whole DPF trie (dpf.h), generated in
 * one pass over it, laid out contiguously:
 *   - constants are immediates (the filter's constants, byte-swapped to
 *     what a little-endian load reads);
 *   - a chain of single-constant atoms on adjacent bytes that fit one
 *     aligned halfword or word is one load and one compare (coalescing);
 *   - the alignment of each header's base is tracked (modulo 4) through
 *     indirect shifts, and unaligned loads are built from narrower ones;
 *   - a bounds check is emitted only where the bytes that every filter
 *     through a node will load exceed what is already checked: one
 *     check per header on a filter's path (at its start, after a shift);
 *   - a field compared with 2 or 3 constants dispatches by compares, with
 *     more by a hash table whose function ((v ^ v >> s) & (size - 1),
 *     s chosen per table for the fewest collisions) is in the code; a
 *     bucket holding one constant is one compare, only colliding
 *     buckets compare a chain;
 *   - branch delay slots take the next instruction when it is safe on
 *     both paths, load delay slots get a nop only when needed.
 * Freestanding: compiled into the kernel as it is.
 *
 * Registers: a0 msg, a1 len (signed); each indirect shift's base and
 * remaining length in a pair (a2,a3) (t3,t4) (t5,t6) (t7,t8) (t9,v1);
 * temporaries t0 (the loaded value), t1 (a constant), t2; v0 the result.
 * Any branch target starts afresh: it reads no temporary before writing
 * it, which is what lets a temporary's write fill a delay slot.
 */
#include "dpf.h"

enum { ZERO = 0, V0 = 2, V1 = 3, A0 = 4, A1 = 5, A2 = 6, A3 = 7, T0 = 8, T1 = 9, T2 = 10,
       T3 = 11, T4 = 12, T5 = 13, T6 = 14, T7 = 15, T8 = 24, T9 = 25, RA = 31 };

static const uint8_t base_reg[DPF_MAX_SHIFTS + 1] = { A0, A2, T3, T5, T7, T9 };
static const uint8_t rem_reg[DPF_MAX_SHIFTS + 1] = { A1, A3, T4, T6, T8, V1 };

#define TEMPS ((1u << T0) | (1u << T1) | (1u << T2))
#define MAX_WORDS 65534u        /* label chains keep word indices in 16 bits */

/* A forward label: its position once placed, else the chain of branches
 * waiting for it (1 + word index; each branch's offset field holds the
 * next link). */
struct label {
	int32_t pos;
	uint32_t chain;
};

struct gen {
	const struct dpf *d;
	struct dpf_code *c;
	uint32_t *w, n, cap;
	int err;
	int slot;            /* a branch's delay slot is open */
	int slot_noload;     /* ... and it may not take a load */
	int last_load;       /* register the previous instruction loads, -1 none, -2 unknown */
};

/* One header's base: its registers and its alignment (base = res mod mod). */
struct seg {
	int depth;
	uint32_t mod, res;
};

enum { F_LOAD = 1, F_BRANCH = 2 };

static uint32_t i_type(unsigned op, unsigned rs, unsigned rt, uint32_t imm)
{
	return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff);
}

static uint32_t r_type(unsigned rs, unsigned rt, unsigned rd, unsigned sa, unsigned fn)
{
	return rs << 21 | rt << 16 | rd << 11 | sa << 6 | fn;
}

static void put(struct gen *g, uint32_t word)
{
	if (g->n >= g->cap) {
		g->err = DPF_E_FULL;
		return;
	}
	g->w[g->n++] = word;
}

/* Close an open delay slot with a nop. */
static void close_slot(struct gen *g)
{
	if (g->slot) {
		put(g, 0);
		g->slot = 0;
		g->last_load = -1;
	}
}

/*
 * Emit one instruction that reads the registers in `reads` and writes
 * `writes` (0 for none).  It fills an open delay slot if it writes only
 * temporaries and is no branch (and no load after a bounds check); a
 * nop goes first when it reads what the previous instruction loads.
 */
static void emit(struct gen *g, uint32_t word, uint32_t reads, int writes, int flags)
{
	if (g->slot) {
		int ok = !(flags & F_BRANCH) && (writes == 0 || (TEMPS >> writes & 1)) &&
		         !((flags & F_LOAD) && g->slot_noload);
		if (ok) {
			put(g, word);
			g->slot = 0;
			g->c->filled_slots++;
			g->last_load = (flags & F_LOAD) ? writes : -1;
			return;
		}
		close_slot(g);
	}
	if ((g->last_load >= 0 && (reads >> g->last_load & 1)) ||
	    (g->last_load == -2 && (reads & TEMPS)))
		put(g, 0);
	put(g, word);
	g->last_load = (flags & F_LOAD) ? writes : -1;
}

static void place(struct gen *g, struct label *l)
{
	close_slot(g);
	l->pos = (int32_t)g->n;
	while (l->chain) {
		uint32_t i = l->chain - 1;
		l->chain = g->w[i] & 0xffff;
		g->w[i] = (g->w[i] & 0xffff0000u) | ((g->n - (i + 1)) & 0xffff);
	}
	g->last_load = -2;
}

/* A conditional branch (beq/bne) to l; its delay slot stays open. */
static void branch(struct gen *g, unsigned op, unsigned rs, unsigned rt, struct label *l, int bounds)
{
	emit(g, i_type(op, rs, rt, 0), 1u << rs | 1u << rt, 0, F_BRANCH);
	if (g->err)
		return;
	if (l->pos >= 0) {
		g->w[g->n - 1] |= (uint32_t)(l->pos - (int32_t)g->n) & 0xffff;
	} else {
		g->w[g->n - 1] |= l->chain;
		l->chain = g->n;
	}
	g->slot = 1;
	g->slot_noload = bounds;
}

/* Return r (jr ra with v0 = r set in its delay slot). */
static void ret(struct gen *g, unsigned r)
{
	emit(g, r_type(RA, 0, 0, 0, 0x08), 1u << RA, 0, F_BRANCH);
	put(g, i_type(0x0d, ZERO, V0, r));
	g->c->filled_slots++;
	g->last_load = -1;
}

/* reg = constant v. */
static void li(struct gen *g, unsigned reg, uint32_t v)
{
	if (v <= 0xffff) {
		emit(g, i_type(0x0d, ZERO, reg, v), 0, reg, 0);
	} else {
		emit(g, i_type(0x0f, 0, reg, v >> 16), 0, reg, 0);
		if (v & 0xffff)
			emit(g, i_type(0x0d, reg, reg, v), 1u << reg, reg, 0);
	}
}

static void load(struct gen *g, unsigned op, unsigned rt, unsigned base, uint32_t off)
{
	emit(g, i_type(op, base, rt, off), 1u << base, rt, F_LOAD);
}

static void alu(struct gen *g, unsigned fn, unsigned rd, unsigned rs, unsigned rt)
{
	emit(g, r_type(rs, rt, rd, 0, fn), 1u << rs | 1u << rt, rd, 0);
}

static void shift_imm(struct gen *g, unsigned fn, unsigned rd, unsigned rt, unsigned sa)
{
	emit(g, r_type(0, rt, rd, sa, fn), 1u << rt, rd, 0);
}

enum { LBU = 0x24, LHU = 0x25, LW = 0x23, SLL = 0, SRL = 2, ADDU = 0x21, SUBU = 0x23,
       AND = 0x24, OR = 0x25, XOR = 0x26, BEQ = 4, BNE = 5 };

/*
 * Load `width` bytes at off from the header's base into t0 as a
 * little-endian load would read them, with the fewest aligned loads.
 */
static void load_raw(struct gen *g, const struct seg *s, uint32_t off, unsigned width)
{
	unsigned b = base_reg[s->depth];
	uint32_t a = (s->res + off) % s->mod;
	int aligned = s->mod >= width ? (s->res + off) % width == 0 : 0;

	if (width == 1) {
		load(g, LBU, T0, b, off);
	} else if (width == 2 && aligned) {
		load(g, LHU, T0, b, off);
	} else if (width == 4 && aligned) {
		load(g, LW, T0, b, off);
	} else if (width == 4 && s->mod >= 2 && a % 2 == 0) {
		load(g, LHU, T1, b, off + 2);
		load(g, LHU, T0, b, off);
		shift_imm(g, SLL, T1, T1, 16);
		alu(g, OR, T0, T0, T1);
	} else {
		load(g, LBU, T0, b, off);
		for (unsigned i = 1; i < width; i++) {
			load(g, LBU, T1, b, off + i);
			shift_imm(g, SLL, T1, T1, 8 * i);
			alu(g, OR, T0, T0, T1);
		}
	}
}

/* ---- What a node needs -------------------------------------------------- */

static uint32_t need_level(const struct dpf *d, int n);

/* The bytes of its header every filter through node n loads. */
static uint32_t need_node(const struct dpf *d, int n)
{
	const struct dpf_node *p = &d->node[n];
	uint32_t own, most = 0;

	if (!p->x.op)
		return 0;
	own = p->x.off + p->x.size / 8u;
	if (p->x.op == DPF_SHIFT)
		return own;
	for (int e = p->edges; e >= 0; e = d->edge[e].next) {
		uint32_t k = need_level(d, d->edge[e].child);
		if (e == p->edges || k < most)
			most = k;
	}
	return own > most ? own : most;
}

/* The least any alternative of a level needs. */
static uint32_t need_level(const struct dpf *d, int n)
{
	uint32_t least = 0;

	for (int first = 1; n >= 0; n = d->node[n].next, first = 0) {
		uint32_t k = need_node(d, n);
		if (first || k < least)
			least = k;
	}
	return least;
}

/* ---- Comparisons ----------------------------------------------------------- */

/* A coalesced comparison: `width` bytes from off, raw (little-endian)
 * mask and value.  If its last node has several constants (k > 1), val
 * holds the other nodes' bytes and each constant of the last node is
 * dispatched on (its bytes ORed in). */
struct group {
	uint32_t off, width, mask, val;
	int last;            /* the node whose edges the group continues from */
	int k;               /* constants of the last node */
};

/* Put a's bytes (big-endian in the atom) into g's raw mask and value. */
static void group_add(struct group *gr, const struct dpf_atom *a, uint32_t val)
{
	unsigned nb = a->size / 8u;

	for (unsigned i = 0; i < nb; i++) {
		unsigned sh = 8 * (nb - 1 - i), pos = 8 * (a->off + i - gr->off);
		gr->mask |= (a->mask >> sh & 0xff) << pos;
		gr->val |= (val >> sh & 0xff) << pos;
	}
}

static int only_node(const struct dpf *d, int level)
{
	return level >= 0 && d->node[level].next < 0 ? level : -1;
}

static int count_edges(const struct dpf *d, int n)
{
	int k = 0;
	for (int e = d->node[n].edges; e >= 0; e = d->edge[e].next)
		k++;
	return k;
}

/* Add node n's field to the group: its constant if it has one. */
static void group_take(const struct dpf *d, struct group *gr, int n)
{
	gr->k = count_edges(d, n);
	group_add(gr, &d->node[n].x, gr->k == 1 ? d->edge[d->node[n].edges].val : 0);
	gr->last = n;
}

/*
 * The group starting at node n: while its last node has one constant,
 * it takes the single comparison below if the bytes stay adjacent and
 * fit one aligned halfword or word (coalescing); a node of several
 * constants ends it and is dispatched on with the others' bytes.
 */
static void group_build(const struct dpf *d, const struct seg *s, int n, struct group *gr)
{
	const struct dpf_atom *a = &d->node[n].x;

	gr->off = a->off;
	gr->width = a->size / 8u;
	gr->mask = gr->val = 0;
	group_take(d, gr, n);
	while (gr->k == 1) {
		int m = only_node(d, d->edge[d->node[gr->last].edges].child);
		const struct dpf_atom *b;
		uint32_t lo, hi;
		if (m < 0 || d->node[m].x.op != DPF_CMP || !d->node[m].x.mask)
			return;
		b = &d->node[m].x;
		if (b->off == gr->off + gr->width)
			lo = gr->off, hi = b->off + b->size / 8u;
		else if (b->off + b->size / 8u == gr->off)
			lo = b->off, hi = gr->off + gr->width;
		else
			return;
		if ((hi - lo != 2 && hi - lo != 4) || s->mod < hi - lo || (s->res + lo) % (hi - lo))
			return;
		gr->mask <<= 8 * (gr->off - lo);
		gr->val <<= 8 * (gr->off - lo);
		gr->off = lo;
		gr->width = hi - lo;
		group_take(d, gr, m);
	}
}

/* The raw value a width-byte little-endian load reads for a field whose
 * atom is a and constant v. */
static uint32_t raw_of(const struct dpf_atom *a, uint32_t v)
{
	struct group gr = { a->off, a->size / 8u, 0, 0, 0, 0 };
	group_add(&gr, a, v);
	return gr.val;
}

/* The group's raw value for constant e of its last node. */
static uint32_t edge_raw(const struct dpf *d, const struct group *gr, int e)
{
	const struct dpf_atom *a = &d->node[gr->last].x;
	return gr->val | raw_of(a, d->edge[e].val) << 8 * (a->off - gr->off);
}

/* Load the group's bytes into t0 and mask them; constant `first` into
 * t1 (between the load and its use, so it fills the load delay), or the
 * lui of a hash table's address (patched when known) into t2. */
static void load_masked(struct gen *g, const struct seg *s, const struct group *gr,
                        int have_first, uint32_t first, uint32_t *lui)
{
	uint32_t full = gr->width == 4 ? 0xffffffffu : (1u << 8 * gr->width) - 1;

	load_raw(g, s, gr->off, gr->width);
	if (have_first && first)
		li(g, T1, first);
	if (lui) {
		emit(g, i_type(0x0f, 0, T2, 0), 0, T2, 0);
		*lui = g->n - 1;
	}
	if (gr->mask != full) {
		if (gr->mask <= 0xffff) {
			emit(g, i_type(0x0c, T0, T0, gr->mask), 1u << T0, T0, 0);
		} else {
			unsigned r = lui ? T1 : T2;     /* t2 holds the table's address */
			li(g, r, gr->mask);
			alu(g, AND, T0, T0, r);
		}
	}
}

static void gen_level(struct gen *g, int n, struct seg s, uint32_t checked, struct label *fail);

/* Branch to fail unless t0 == v (t1 already holds v when nonzero). */
static void cmp_fail(struct gen *g, uint32_t v, struct label *fail)
{
	branch(g, BNE, T0, v ? T1 : ZERO, fail, 0);
}

#ifndef DPF_HASH_MAX
#define DPF_HASH_MAX 1024       /* constants per hash-dispatched field */
#endif

/* Instructions that turn t0 into t1 = hash << scale (dpf_hash). */
static unsigned hash_cost(unsigned h, unsigned scale)
{
	if (h >> 16)
		return ((h & 31) != 0) + 4;
	return (h & 31) == scale ? 1 : 2;
}

/* Collisions of hash h over v[0..k) in a table of size (cnt: scratch). */
static unsigned collisions(const uint32_t *v, int k, unsigned h, uint32_t size, uint8_t *cnt)
{
	unsigned coll = 0;

	for (uint32_t b = 0; b < size; b++)
		cnt[b] = 0;
	for (int i = 0; i < k; i++) {
		uint32_t b = dpf_hash(v[i], h, size);
		coll += cnt[b];
		cnt[b] = 1;
	}
	return coll;
}

/* Choose the hash for raw values v[0..k) in a table of `size`: the
 * fewest values landing in an occupied bucket, then the cheapest; the
 * two-shift family only if no single shift is collision-free.  The
 * collisions left in *coll. */
static unsigned pick_hash(const uint32_t *v, int k, uint32_t size, unsigned width, unsigned scale,
                          uint8_t *cnt, unsigned *coll)
{
	unsigned best = 0, best_coll = ~0u, bits = 8 * width;

	for (unsigned s = 0; s < bits && best_coll; s++) {
		unsigned c = collisions(v, k, s, size, cnt);
		if (c < best_coll || (c == best_coll && hash_cost(s, scale) < hash_cost(best, scale)))
			best = s, best_coll = c;
	}
	for (unsigned s = 0; s < bits && best_coll; s++)
		for (unsigned t = s + 1; t < bits && best_coll; t++) {
			unsigned h = 1u << 16 | t << 8 | s, c = collisions(v, k, h, size, cnt);
			if (c < best_coll)
				best = h, best_coll = c;
		}
	*coll = best_coll;
	return best;
}

/* t1 = dpf_hash(t0) << scale (v0 a scratch: it is set on every return),
 * then t2 += t1 (t2 holds the table's upper address from the lui). */
static void hash_index(struct gen *g, unsigned h, uint32_t size, unsigned scale)
{
	unsigned s = h & 31, t = h >> 8 & 31;
	uint32_t ms = (size - 1) << scale;

	if (h >> 16) {
		if (s)
			shift_imm(g, SRL, T1, T0, s);
		shift_imm(g, SRL, V0, T0, t);
		alu(g, XOR, T1, s ? T1 : T0, V0);
		emit(g, i_type(0x0c, T1, T1, size - 1), 1u << T1, T1, 0);
		shift_imm(g, SLL, T1, T1, scale);
	} else if (s == scale) {
		emit(g, i_type(0x0c, T0, T1, ms), 1u << T0, T1, 0);
	} else {
		shift_imm(g, s > scale ? SRL : SLL, T1, T0, s > scale ? s - scale : scale - s);
		emit(g, i_type(0x0c, T1, T1, ms), 1u << T1, T1, 0);
	}
	alu(g, ADDU, T2, T2, T1);
}

/* Reserve `words` of table after the code; its address into the lui
 * and the loads at lw[0..nlw) (offset adds already in their fields). */
static uint32_t table_here(struct gen *g, uint32_t lui, const uint32_t *lw, int nlw, uint32_t words)
{
	uint32_t at = g->n, tab = g->c->addr + 4 * g->n;

	if (g->err)
		return at;
	g->w[lui] |= ((tab + 0x8000) >> 16) & 0xffff;
	for (int i = 0; i < nlw; i++)
		g->w[lw[i]] = (g->w[lw[i]] & 0xffff0000u) | ((tab + (g->w[lw[i]] & 0xffff)) & 0xffff);
	for (uint32_t b = 0; b < words; b++)
		put(g, 0);
	return at;
}

/* Whether every constant of node n leads straight to an accept. */
static int all_accept(const struct dpf *d, int n)
{
	for (int e = d->node[n].edges; e >= 0; e = d->edge[e].next) {
		int c = only_node(d, d->edge[e].child);
		if (c < 0 || d->node[c].x.op)
			return 0;
	}
	return 1;
}

/*
 * Dispatch on constants that all end in an accept, by a table of
 * (value, filter id) pairs, collision-free: t3 = value, v0 = id, return
 * if t3 == t0.  An empty bucket holds a value that hashes elsewhere, so
 * it never matches.  0 if no collision-free table was found (up to 4k).
 */
static int gen_leaf_table(struct gen *g, const struct group *gr, const uint32_t *raw,
                          const int16_t *edge, int k, struct label *fail, uint32_t lui, uint8_t *cnt)
{
	const struct dpf *d = g->d;
	uint32_t size = 8, lw[2], t;
	unsigned sh = 0, coll = 1;

	while (size < 2u * (uint32_t)k)
		size <<= 1;
	for (; size <= 4u * DPF_HASH_MAX && size <= 4u * (uint32_t)k + 8 && coll; size <<= 1)
		sh = pick_hash(raw, k, size, gr->width, 3, cnt, &coll);
	if (coll)
		return 0;
	size >>= 1;
	hash_index(g, sh, size, 3);
	lw[0] = g->n;
	load(g, LW, T1, T2, 0);                         /* the value */
	lw[1] = g->n;
	load(g, LW, V0, T2, 4);                         /* the id */
	branch(g, BNE, T0, T1, fail, 0);
	emit(g, r_type(RA, 0, 0, 0, 0x08), 1u << RA, 0, F_BRANCH);
	put(g, 0);
	g->last_load = -1;
	t = table_here(g, lui, lw, 2, 2 * size);
	if (g->err)
		return 1;
	for (uint32_t b = 0; b < size; b++)
		g->w[t + 2 * b] = raw[0];               /* hashes to another bucket */
	for (int i = 0; i < k; i++) {
		uint32_t b = dpf_hash(raw[i], sh, size);
		g->w[t + 2 * b] = raw[i];
		g->w[t + 2 * b + 1] = d->node[d->edge[edge[i]].child].fid;
	}
	g->c->hash_tables++;
	return 1;
}

/* Dispatch t0 over k > 3 constants by a hash table: empty buckets go
 * to fail; a bucket is a compare (a chain of them only where constants
 * collide) and the level below its constant.  Where every constant ends
 * in an accept, a table of ids instead (gen_leaf_table). */
static void gen_hash(struct gen *g, const struct group *gr, struct seg s, uint32_t checked,
                     struct label *fail, int k, uint32_t lui)
{
	const struct dpf *d = g->d;
	uint32_t raw[DPF_HASH_MAX], size = 8, t0, lw;
	int16_t edge[DPF_HASH_MAX];
	uint16_t order[DPF_HASH_MAX], start[2 * DPF_HASH_MAX + 1];
	uint8_t cnt[4 * DPF_HASH_MAX];
	unsigned sh, coll;
	int i = 0;
	struct label fl = { -1, 0 };

	if (k > DPF_HASH_MAX) {
		g->err = DPF_E_FULL;
		return;
	}
	for (int e = d->node[gr->last].edges; e >= 0; e = d->edge[e].next, i++) {
		raw[i] = edge_raw(d, gr, e);
		edge[i] = (int16_t)e;
	}
	if (all_accept(d, gr->last) && gen_leaf_table(g, gr, raw, edge, k, fail, lui, cnt))
		return;
	while (size < 2u * (uint32_t)k)
		size <<= 1;
	sh = pick_hash(raw, k, size, gr->width, 2, cnt, &coll);
	g->c->hash_tables++;
	/* the constants in bucket order (a counting sort) */
	for (uint32_t b = 0; b <= size; b++)
		start[b] = 0;
	for (i = 0; i < k; i++)
		start[dpf_hash(raw[i], sh, size) + 1]++;
	for (uint32_t b = 0; b < size; b++)
		start[b + 1] += start[b];
	for (i = 0; i < k; i++)
		order[start[dpf_hash(raw[i], sh, size)]++] = (uint16_t)i;
	for (uint32_t b = size; b > 0; b--)
		start[b] = start[b - 1];
	start[0] = 0;
	/* lw t2, jr t2, then the table of code addresses */
	hash_index(g, sh, size, 2);
	lw = g->n;
	load(g, LW, T2, T2, 0);
	emit(g, r_type(T2, 0, 0, 0, 0x08), 1u << T2, 0, F_BRANCH);
	put(g, 0);
	g->last_load = -1;
	t0 = table_here(g, lui, &lw, 1, size);
	if (g->err)
		return;
	place(g, &fl);
	branch(g, BEQ, ZERO, ZERO, fail, 0);
	close_slot(g);
	for (uint32_t b = 0; b < size && !g->err; b++) {
		g->w[t0 + b] = g->c->addr + 4 * (uint32_t)(start[b] == start[b + 1] ? fl.pos : (int32_t)g->n);
		for (int j = start[b]; j < start[b + 1] && !g->err; j++) {
			struct label next = { -1, 0 };
			int more = j + 1 < start[b + 1];
			uint32_t v = raw[order[j]];
			if (v)
				li(g, T1, v);
			cmp_fail(g, v, more ? &next : fail);
			gen_level(g, d->edge[edge[order[j]]].child, s, checked, fail);
			if (more)
				place(g, &next);
		}
	}
}

/* Dispatch t0 (loaded, masked; t1 = the first constant) over the
 * group's constants: compares for up to 3, a hash table beyond. */
static void gen_dispatch(struct gen *g, const struct group *gr, struct seg s, uint32_t checked,
                         struct label *fail, uint32_t lui)
{
	const struct dpf *d = g->d;
	struct label lab[3] = { { -1, 0 }, { -1, 0 }, { -1, 0 } };
	int16_t es[3];
	int k = 0;

	if (gr->k > 3) {
		gen_hash(g, gr, s, checked, fail, gr->k, lui);
		return;
	}
	for (int e = d->node[gr->last].edges; e >= 0; e = d->edge[e].next)
		es[k++] = (int16_t)e;
	g->c->direct_dispatch += k > 1;
	for (int i = 0; i < k; i++) {
		uint32_t v = edge_raw(d, gr, es[i]);
		if (i)
			li(g, T1, v);
		if (i < k - 1)
			branch(g, BEQ, T0, v ? T1 : ZERO, &lab[i], 0);
		else
			cmp_fail(g, v, fail);
	}
	gen_level(g, d->edge[es[k - 1]].child, s, checked, fail);
	for (int i = 0; i < k - 1; i++) {
		place(g, &lab[i]);
		gen_level(g, d->edge[es[i]].child, s, checked, fail);
	}
}

/* An indirect shift: the next header's base and remaining length. */
static void gen_shift(struct gen *g, int n, struct seg s, struct label *fail)
{
	const struct dpf_atom *a = &g->d->node[n].x;
	unsigned b = base_reg[s.depth], r = rem_reg[s.depth];
	struct seg t = { s.depth + 1, s.mod, 0 };
	uint32_t m = a->mask, tz = a->lsh;

	load(g, LBU, T0, b, a->off);
	if (a->size == 16) {
		load(g, LBU, T1, b, a->off + 1u);
		shift_imm(g, SLL, T0, T0, 8);
		alu(g, OR, T0, T0, T1);
	}
	if (m != (a->size == 16 ? 0xffffu : 0xffu))
		emit(g, i_type(0x0c, T0, T0, m), 1u << T0, T0, 0);
	if (a->lsh)
		shift_imm(g, SLL, T0, T0, a->lsh);
	if (a->add)
		emit(g, i_type(0x09, T0, T0, a->add), 1u << T0, T0, 0);
	alu(g, ADDU, base_reg[t.depth], b, T0);
	alu(g, SUBU, rem_reg[t.depth], r, T0);
	/* alignment: the shift is add + a multiple of 2^(lsh + zeros of mask) */
	while (m && !(m & 1) && tz < 2)
		m >>= 1, tz++;
	if ((1u << (tz < 2 ? tz : 2)) < t.mod)
		t.mod = 1u << (tz < 2 ? tz : 2);
	t.res = (s.res + a->add) % t.mod;
	gen_level(g, g->d->edge[g->d->node[n].edges].child, t, 0, fail);
}

/* One node: its bounds check if it needs one, then its test. */
static void gen_node(struct gen *g, int n, struct seg s, uint32_t checked, struct label *fail)
{
	const struct dpf *d = g->d;
	const struct dpf_node *p = &d->node[n];
	uint32_t need;

	if (!p->x.op) {
		ret(g, p->fid);
		return;
	}
	need = need_node(d, n);
	if (need > checked) {
		emit(g, i_type(0x0a, rem_reg[s.depth], T2, need), 1u << rem_reg[s.depth], T2, 0);
		branch(g, BNE, T2, ZERO, fail, 1);
		g->c->bounds_checks++;
		checked = need;
	}
	if (p->x.op == DPF_SHIFT) {
		gen_shift(g, n, s, fail);
	} else if (!p->x.mask) {
		gen_level(g, d->edge[p->edges].child, s, checked, fail);   /* bounds only */
	} else {
		struct group gr;
		uint32_t lui = 0;
		group_build(d, &s, n, &gr);
		for (int m = n; m != gr.last; m = d->edge[d->node[m].edges].child)
			g->c->coalesced++;
		load_masked(g, &s, &gr, gr.k <= 3, gr.k == 1 ? gr.val : edge_raw(d, &gr, d->node[gr.last].edges),
		            gr.k > 3 ? &lui : 0);
		gen_dispatch(g, &gr, s, checked, fail, lui);
	}
}

/* A level's alternatives in order, each failing to the next. */
static void gen_level(struct gen *g, int n, struct seg s, uint32_t checked, struct label *fail)
{
	while (n >= 0 && !g->err) {
		int nx = g->d->node[n].next;
		if (nx < 0) {
			gen_node(g, n, s, checked, fail);
		} else {
			struct label next = { -1, 0 };
			gen_node(g, n, s, checked, &next);
			place(g, &next);
		}
		n = nx;
	}
}

int dpf_gen(const struct dpf *d, struct dpf_code *c)
{
	struct gen g = { d, c, c->words, 0, c->cap < MAX_WORDS ? c->cap : MAX_WORDS, 0, 0, 0, -1 };
	struct seg s = { 0, 4, c->msg_align & 3 };
	struct label none = { -1, 0 };

	c->n = c->ncode = 0;
	c->bounds_checks = c->coalesced = c->hash_tables = c->direct_dispatch = c->filled_slots = 0;
	gen_level(&g, d->root, s, c->min_len < DPF_MAX_OFF ? c->min_len : DPF_MAX_OFF, &none);
	place(&g, &none);
	ret(&g, 0);
	if (g.err)
		return g.err;
	c->n = c->ncode = g.n;
	return 0;
}
