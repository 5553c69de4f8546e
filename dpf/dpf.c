/*
 * dpf.c: the DPF engine: filters checked and canonicalized, the trie
 * of all filters (insert, delete) and the reference interpreter.
 * Freestanding: it compiles unchanged into the kernel (dpf.h).
 */
#include "dpf.h"

const char *dpf_strerror(int e)
{
	switch (e) {
	case DPF_E_SIZE: return "a load size other than 8, 16 or 32 bits (indirect shift: 8 or 16)";
	case DPF_E_VAL: return "a constant with bits outside its mask or load size";
	case DPF_E_OFF: return "an offset beyond the largest supported (4096 bytes from a header)";
	case DPF_E_OP: return "an atom that is neither a comparison nor a shift";
	case DPF_E_LEN: return "no atoms, or more atoms than a filter may hold";
	case DPF_E_SHIFTS: return "too many indirect shifts, or an indirect shift's left shift above 8";
	case DPF_E_CONTRA: return "two atoms compare one field with different constants (never true)";
	case DPF_E_FULL: return "no filter id or trie node left";
	case DPF_E_NOFILTER: return "no such filter";
	case DPF_E_DUP: return "the same filter is already present";
	}
	return "unknown error";
}

static uint32_t size_mask(unsigned bits)
{
	return bits == 32 ? 0xffffffffu : (1u << bits) - 1;
}

/* Order of atoms inside one header: by offset, size, mask, constant. */
static int atom_cmp(const struct dpf_atom *a, const struct dpf_atom *b)
{
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	if (a->mask != b->mask)
		return a->mask < b->mask ? -1 : 1;
	if (a->val != b->val)
		return a->val < b->val ? -1 : 1;
	return 0;
}

/* Whether a bounds-only atom is implied by another load of its header. */
static int bounds_implied(const struct dpf_atom *a, int n, int i, const struct dpf_atom *shift)
{
	unsigned end = a[i].off + a[i].size / 8u;

	for (int j = 0; j < n; j++)
		if (j != i && a[j].off + a[j].size / 8u >= end && (a[j].mask || j > i))
			return 1;
	return shift && shift->off + shift->size / 8u >= end;
}

/*
 * Sort one header's comparisons (insertion sort: at most DPF_MAX_ATOMS),
 * drop duplicates and implied bounds-only atoms; refuse contradictions.
 * `shift` is the indirect shift that closes the header, or NULL.  The
 * number of atoms kept.
 */
static int canon_segment(struct dpf_atom *a, int n, const struct dpf_atom *shift)
{
	int i, j, k = 0;

	for (i = 1; i < n; i++) {
		struct dpf_atom t = a[i];
		for (j = i; j > 0 && atom_cmp(&a[j - 1], &t) > 0; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
	for (i = 0; i < n; i++) {
		if (k && a[k - 1].off == a[i].off && a[k - 1].size == a[i].size &&
		    a[k - 1].mask == a[i].mask) {
			if (a[k - 1].val != a[i].val)
				return DPF_E_CONTRA;
			continue;
		}
		a[k++] = a[i];
	}
	for (i = j = 0; i < k; i++)
		if (a[i].mask || !bounds_implied(a, k, i, shift))
			a[j++] = a[i];
	return j;
}

/* Check one comparison and fold the pending constant shift into it. */
static int canon_cmp(const struct dpf_atom *in, uint32_t cadd, struct dpf_atom *o)
{
	if (in->size != 8 && in->size != 16 && in->size != 32)
		return DPF_E_SIZE;
	*o = *in;
	o->lsh = o->pad = 0;
	o->add = 0;
	o->mask &= size_mask(in->size);
	if (in->val & ~o->mask)
		return DPF_E_VAL;
	if (cadd + in->off + in->size / 8u > DPF_MAX_OFF)
		return DPF_E_OFF;
	o->off = (uint16_t)(cadd + in->off);
	return 0;
}

/* Check one indirect shift and fold the pending constant shift into it. */
static int canon_shift(const struct dpf_atom *in, uint32_t cadd, struct dpf_atom *o)
{
	if (in->size != 8 && in->size != 16)
		return DPF_E_SIZE;
	if (in->lsh > DPF_MAX_LSH)
		return DPF_E_SHIFTS;
	if (cadd + in->off + in->size / 8u > DPF_MAX_OFF || cadd + in->add > DPF_MAX_OFF)
		return DPF_E_OFF;
	*o = *in;
	o->pad = 0;
	o->val = 0;
	o->mask &= size_mask(in->size);
	o->off = (uint16_t)(cadd + in->off);
	o->add = (uint16_t)(cadd + in->add);
	return 0;
}

int dpf_canon(const struct dpf_atom *in, int n, struct dpf_atom *out)
{
	uint32_t cadd = 0;
	int k = 0, seg = 0, shifts = 0, r;

	if (n <= 0 || n > DPF_MAX_ATOMS)
		return DPF_E_LEN;
	for (int i = 0; i < n; i++) {
		if (in[i].op == DPF_CMP) {
			if ((r = canon_cmp(&in[i], cadd, &out[k++])) < 0)
				return r;
		} else if (in[i].op != DPF_SHIFT) {
			return DPF_E_OP;
		} else if (in[i].size == 0 || (in[i].mask & size_mask(in[i].size)) == 0) {
			/* a constant shift: folded into the offsets after it */
			if (in[i].size != 0 && in[i].size != 8 && in[i].size != 16)
				return DPF_E_SIZE;
			if ((cadd += in[i].add) > DPF_MAX_OFF)
				return DPF_E_OFF;
		} else {
			struct dpf_atom s;
			if (++shifts > DPF_MAX_SHIFTS)
				return DPF_E_SHIFTS;
			if ((r = canon_shift(&in[i], cadd, &s)) < 0)
				return r;
			if ((r = canon_segment(out + seg, k - seg, &s)) < 0)
				return r;
			k = seg + r;
			out[k++] = s;
			seg = k;
			cadd = 0;
		}
	}
	if ((r = canon_segment(out + seg, k - seg, 0)) < 0)
		return r;
	return seg + r;
}

/* ---- The trie ----------------------------------------------------------- */

void dpf_init(struct dpf *d)
{
	int i;

	for (i = 0; i < DPF_MAX_NODES; i++) {
		d->node[i].next = (int16_t)(i + 1 < DPF_MAX_NODES ? i + 1 : -1);
		d->edge[i].next = (int16_t)(i + 1 < DPF_MAX_NODES ? i + 1 : -1);
	}
	for (i = 0; i <= DPF_MAX_FILTERS; i++)
		d->f[i].used = 0;
	d->root = -1;
	d->free_node = d->free_edge = 0;
	d->serial = 0;
	d->generation = 0;
}

static int same_expr(const struct dpf_atom *a, const struct dpf_atom *b)
{
	return a->op == b->op && a->size == b->size && a->lsh == b->lsh &&
	       a->off == b->off && a->add == b->add && a->mask == b->mask;
}

/* The node of level `first` whose expression is x's, or -1. */
static int find_node(const struct dpf *d, int first, const struct dpf_atom *x)
{
	for (int n = first; n >= 0; n = d->node[n].next)
		if (d->node[n].x.op && same_expr(&d->node[n].x, x))
			return n;
	return -1;
}

/* The edge of node n for constant v, or -1. */
static int find_edge(const struct dpf *d, int n, uint32_t v)
{
	for (int e = d->node[n].edges; e >= 0; e = d->edge[e].next)
		if (d->edge[e].val == v)
			return e;
	return -1;
}

/* The accept node of a level, or -1. */
static int find_accept(const struct dpf *d, int first)
{
	for (int n = first; n >= 0; n = d->node[n].next)
		if (!d->node[n].x.op)
			return n;
	return -1;
}

/* Whether the free lists hold nn nodes and ne edges. */
static int have_free(const struct dpf *d, int nn, int ne)
{
	int i, k;

	for (i = d->free_node, k = 0; i >= 0 && k < nn; i = d->node[i].next)
		k++;
	if (k < nn)
		return 0;
	for (i = d->free_edge, k = 0; i >= 0 && k < ne; i = d->edge[i].next)
		k++;
	return k >= ne;
}

/* Whether a goes before b at one level: accepts last, then more
 * references first, then older first. */
static int before(const struct dpf_node *a, const struct dpf_node *b)
{
	if (!a->x.op != !b->x.op)
		return a->x.op != 0;
	if (a->refs != b->refs)
		return a->refs > b->refs;
	return a->serial < b->serial;
}

/* Move node n (whose count changed) to its place in the level whose
 * head is *head: one pass, as the rest of the level is in order. */
static void place_node(struct dpf *d, int16_t *head, int16_t n)
{
	int16_t *p = head;

	while (*p != n)
		p = &d->node[*p].next;
	*p = d->node[n].next;
	for (p = head; *p >= 0 && before(&d->node[*p], &d->node[n]); p = &d->node[*p].next)
		;
	d->node[n].next = *p;
	*p = n;
}

/* Move edge e of node n to its place: more references first. */
static void place_edge(struct dpf *d, int n, int16_t e)
{
	int16_t *p = &d->node[n].edges;

	while (*p != e)
		p = &d->edge[*p].next;
	*p = d->edge[e].next;
	for (p = &d->node[n].edges; *p >= 0 && d->edge[*p].refs >= d->edge[e].refs; p = &d->edge[*p].next)
		;
	d->edge[e].next = *p;
	*p = e;
}

static int16_t new_node(struct dpf *d, const struct dpf_atom *x, int fid)
{
	int16_t n = d->free_node;
	struct dpf_node *p = &d->node[n];

	d->free_node = p->next;
	p->x = *x;
	p->x.val = 0;
	p->refs = 0;
	p->next = -1;
	p->edges = -1;
	p->fid = (uint16_t)fid;
	p->serial = d->serial++;
	return n;
}

static int16_t new_edge(struct dpf *d, int n, uint32_t v)
{
	int16_t e = d->free_edge;

	d->free_edge = d->edge[e].next;
	d->edge[e].val = v;
	d->edge[e].refs = 0;
	d->edge[e].child = -1;
	d->edge[e].next = d->node[n].edges;
	d->node[n].edges = e;
	return e;
}

/* Count the nodes and edges inserting a would add; DPF_E_DUP if an
 * equal filter is present. */
static int count_new(const struct dpf *d, const struct dpf_atom *a, int n, int *nn, int *ne)
{
	int lvl = d->root, i;

	*nn = *ne = 0;
	for (i = 0; i < n; i++) {
		int nd = find_node(d, lvl, &a[i]), e;
		if (nd < 0)
			break;
		if ((e = find_edge(d, nd, a[i].op == DPF_CMP ? a[i].val : 0)) < 0) {
			(*ne)++;
			i++;
			break;
		}
		lvl = d->edge[e].child;
	}
	if (i == n && find_accept(d, lvl) >= 0)
		return DPF_E_DUP;
	*nn += n - i + 1;
	*ne += n - i;
	return 0;
}

/* Merge canonical atoms a[0..n) into the trie as filter fid. */
static void trie_add(struct dpf *d, const struct dpf_atom *a, int n, int fid)
{
	int16_t *lvl = &d->root;

	for (int i = 0; i < n; i++) {
		int nd = find_node(d, *lvl, &a[i]), e;
		uint32_t v = a[i].op == DPF_CMP ? a[i].val : 0;
		if (nd < 0) {
			nd = new_node(d, &a[i], 0);
			d->node[nd].next = *lvl;
			*lvl = (int16_t)nd;
		}
		if ((e = find_edge(d, nd, v)) < 0)
			e = new_edge(d, nd, v);
		d->node[nd].refs++;
		d->edge[e].refs++;
		place_edge(d, nd, (int16_t)e);
		place_node(d, lvl, (int16_t)nd);
		lvl = &d->edge[e].child;
	}
	{
		struct dpf_atom none = { 0 };
		int16_t acc = new_node(d, &none, fid);
		d->node[acc].refs = 1;
		d->node[acc].next = *lvl;
		*lvl = acc;
		place_node(d, lvl, acc);
	}
}

int dpf_insert(struct dpf *d, const struct dpf_atom *in, int n, uint16_t owner)
{
	struct dpf_filter *f;
	int fid, k, nn, ne, r;

	for (fid = 1; fid <= DPF_MAX_FILTERS && d->f[fid].used; fid++)
		;
	if (fid > DPF_MAX_FILTERS)
		return DPF_E_FULL;
	f = &d->f[fid];
	if ((k = dpf_canon(in, n, f->a)) < 0)
		return k;
	if ((r = count_new(d, f->a, k, &nn, &ne)) < 0)
		return r;
	if (!have_free(d, nn, ne))
		return DPF_E_FULL;
	f->used = 1;
	f->n = (uint8_t)k;
	f->owner = owner;
	trie_add(d, f->a, k, fid);
	d->generation++;
	return fid;
}

/* Unlink node x from the level whose head is *head, and free it. */
static void free_node(struct dpf *d, int16_t *head, int16_t x)
{
	while (*head != x)
		head = &d->node[*head].next;
	*head = d->node[x].next;
	d->node[x].next = d->free_node;
	d->free_node = x;
}

/* Unlink edge e from node n, and free it. */
static void free_edge(struct dpf *d, int n, int16_t e)
{
	int16_t *p = &d->node[n].edges;

	while (*p != e)
		p = &d->edge[*p].next;
	*p = d->edge[e].next;
	d->edge[e].next = d->free_edge;
	d->free_edge = e;
}

int dpf_delete(struct dpf *d, int fid)
{
	int16_t *lvls[DPF_MAX_ATOMS + 1];
	int16_t nodes[DPF_MAX_ATOMS], edges[DPF_MAX_ATOMS];
	int16_t *lvl = &d->root, acc;
	struct dpf_filter *f;
	int i;

	if (fid < 1 || fid > DPF_MAX_FILTERS || !d->f[fid].used)
		return DPF_E_NOFILTER;
	f = &d->f[fid];
	for (i = 0; i < f->n; i++) {
		lvls[i] = lvl;
		nodes[i] = (int16_t)find_node(d, *lvl, &f->a[i]);
		edges[i] = (int16_t)find_edge(d, nodes[i], f->a[i].op == DPF_CMP ? f->a[i].val : 0);
		lvl = &d->edge[edges[i]].child;
	}
	acc = (int16_t)find_accept(d, *lvl);
	free_node(d, lvl, acc);
	for (i = f->n - 1; i >= 0; i--) {
		int16_t nd = nodes[i], e = edges[i];
		if (--d->edge[e].refs == 0)
			free_edge(d, nd, e);
		if (--d->node[nd].refs == 0) {
			free_node(d, lvls[i], nd);
		} else {
			if (d->edge[e].refs)
				place_edge(d, nd, e);
			place_node(d, lvls[i], nd);
		}
	}
	f->used = 0;
	d->generation++;
	return 0;
}

/* ---- The interpreter ------------------------------------------------------ */

/* The big-endian value of `bits` bits at p. */
static uint32_t load_be(const uint8_t *p, unsigned bits)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < bits / 8; i++)
		v = v << 8 | p[i];
	return v;
}

static int interp_level(const struct dpf *d, int n, const uint8_t *base, int32_t rem);

/* One node: its load (if in bounds), its edge, the level below. */
static int interp_node(const struct dpf *d, int n, const uint8_t *base, int32_t rem)
{
	const struct dpf_node *p = &d->node[n];
	uint32_t v;
	int e;

	if (!p->x.op)
		return p->fid;
	if (rem < (int32_t)(p->x.off + p->x.size / 8))
		return 0;
	v = load_be(base + p->x.off, p->x.size) & p->x.mask;
	if (p->x.op == DPF_SHIFT) {
		uint32_t amt = p->x.add + (v << p->x.lsh);
		return interp_level(d, d->edge[p->edges].child, base + amt, rem - (int32_t)amt);
	}
	if ((e = find_edge(d, n, v)) < 0)
		return 0;
	return interp_level(d, d->edge[e].child, base, rem);
}

/* The alternatives of a level in order: the first that accepts. */
static int interp_level(const struct dpf *d, int n, const uint8_t *base, int32_t rem)
{
	for (; n >= 0; n = d->node[n].next) {
		int r = interp_node(d, n, base, rem);
		if (r)
			return r;
	}
	return 0;
}

int dpf_demux_interp(const struct dpf *d, const uint8_t *msg, uint32_t len)
{
	return interp_level(d, d->root, msg, (int32_t)len);
}

/* ---- Overlap (the kernel's rule against stealing) ------------------------- */

/* Whether two comparisons of one header contradict on a shared byte. */
static int atoms_conflict(const struct dpf_atom *a, const struct dpf_atom *b)
{
	unsigned ab = a->size / 8, bb = b->size / 8;

	for (unsigned i = 0; i < ab; i++) {
		unsigned off = a->off + i;
		if (off < b->off || off >= b->off + bb)
			continue;
		unsigned sa = 8 * (ab - 1 - i), sb = 8 * (bb - 1 - (off - b->off));
		uint32_t ma = a->mask >> sa & 0xff, mb = b->mask >> sb & 0xff;
		uint32_t va = a->val >> sa & 0xff, vb = b->val >> sb & 0xff;
		if ((va ^ vb) & ma & mb)
			return 1;
	}
	return 0;
}

int dpf_overlap(const struct dpf_atom *a, int na, const struct dpf_atom *b, int nb)
{
	int i = 0, j = 0;

	for (;;) {
		int ie = i, je = j;
		while (ie < na && a[ie].op == DPF_CMP)
			ie++;
		while (je < nb && b[je].op == DPF_CMP)
			je++;
		for (int x = i; x < ie; x++)
			for (int y = j; y < je; y++)
				if (atoms_conflict(&a[x], &b[y]))
					return 0;
		/* the next headers are comparable only behind the same shift */
		if (ie >= na || je >= nb || !same_expr(&a[ie], &b[je]))
			return 1;
		i = ie + 1;
		j = je + 1;
	}
}
