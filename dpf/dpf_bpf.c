/*
 * dpf_bpf.c: BPF (from pcap_compile) to DPF filters (dpf_bpf.h).
 *
 * dnf(pc, A, X) is what the program accepts from instruction pc on, as
 * a disjunction of conjunctions of literals (a field compared with a
 * constant, or a bounds-only literal), A and X held symbolically.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dpf_bpf.h"

#define MAXC    DPF_BPF_MAX_CONJ
#define MAXLIT  (DPF_MAX_ATOMS - 2)
#define MAXWORK 200000          /* instructions visited, all paths */

/* A literal: (P[base + off]:size & mask) == val, base = 0 (xo < 0) or
 * xo + 4 * (P[xo] & 0xf). */
struct lit {
	int32_t xo;
	uint32_t off, size, mask, val;
};
struct conj {
	int n;
	struct lit l[MAXLIT];
};
struct dnf {
	int n;
	struct conj c[MAXC];
};

enum { V_NONE, V_CONST, V_LOAD, V_MSH };
struct sym {
	int kind;
	uint32_t k;             /* V_CONST: the value; V_MSH: the offset */
	struct lit f;           /* V_LOAD: the field (val unused) */
};

struct tr {
	const struct bpf_insn *p;
	unsigned len;
	long work;
	char *err;
	size_t errlen;
	int failed;
};

static struct dnf *fail(struct tr *t, unsigned pc, const char *what)
{
	if (!t->failed)
		snprintf(t->err, t->errlen, "%s (BPF instruction %u) cannot be a DPF filter", what, pc);
	t->failed = 1;
	return NULL;
}

static struct dnf *new_dnf(struct tr *t)
{
	struct dnf *d = calloc(1, sizeof *d);
	if (!d && !t->failed) {
		snprintf(t->err, t->errlen, "out of memory");
		t->failed = 1;
	}
	return d;
}

static int lit_eq(const struct lit *a, const struct lit *b)
{
	return a->xo == b->xo && a->off == b->off && a->size == b->size && a->mask == b->mask &&
	       a->val == b->val;
}

/* Whether literal m implies l: equal, or l is bounds-only and m loads
 * as far (a message long enough for m is long enough for l). */
static int lit_implies(const struct lit *m, const struct lit *l)
{
	if (lit_eq(m, l))
		return 1;
	return !l->mask && m->xo == l->xo && m->off + m->size / 8 >= l->off + l->size / 8;
}

/* Whether every literal of a is implied by one of b (a is weaker). */
static int conj_within(const struct conj *a, const struct conj *b)
{
	for (int i = 0; i < a->n; i++) {
		int found = 0;
		for (int j = 0; j < b->n && !found; j++)
			found = lit_implies(&b->l[j], &a->l[i]);
		if (!found)
			return 0;
	}
	return 1;
}

/* Add conjunction c to d unless one there already implies... is weaker. */
static int add_conj(struct tr *t, unsigned pc, struct dnf *d, const struct conj *c)
{
	for (int i = 0; i < d->n; i++)
		if (conj_within(&d->c[i], c))
			return 0;               /* absorbed */
	for (int i = 0; i < d->n; )
		if (conj_within(c, &d->c[i]))
			d->c[i] = d->c[--d->n];
		else
			i++;
	if (d->n >= MAXC) {
		fail(t, pc, "a filter of more alternatives than supported");
		return -1;
	}
	d->c[d->n++] = *c;
	return 0;
}

/* c with literal l added (nothing if present); -1 if too long. */
static int conj_and(struct conj *c, const struct lit *l)
{
	for (int i = 0; i < c->n; i++)
		if (lit_eq(&c->l[i], l))
			return 0;
	if (c->n >= MAXLIT)
		return -1;
	c->l[c->n++] = *l;
	return 0;
}

/* out gets (l and each of in); false when l can never hold. */
static int and_into(struct tr *t, unsigned pc, struct dnf *out, const struct lit *l,
                    const struct dnf *in)
{
	if (l->val & ~l->mask)
		return 0;
	for (int i = 0; i < in->n; i++) {
		struct conj c = in->c[i];
		if (conj_and(&c, l)) {
			fail(t, pc, "a filter of more atoms than supported");
			return -1;
		}
		if (add_conj(t, pc, out, &c))
			return -1;
	}
	return 0;
}

static struct dnf *dnf(struct tr *t, unsigned pc, struct sym a, struct sym x);

/* Whether conjunction c compares l's field with another constant (so
 * c implies that l fails). */
static int conj_excludes(const struct conj *c, const struct lit *l)
{
	for (int i = 0; i < c->n; i++) {
		const struct lit *m = &c->l[i];
		if (m->xo == l->xo && m->off == l->off && m->size == l->size &&
		    ((m->val ^ l->val) & m->mask & l->mask))
			return 1;
	}
	return 0;
}

/* (l and T) or (bytes of l in bounds and F): right when each way of F
 * either is accepted by T too where l holds, or excludes l. */
static struct dnf *branch2(struct tr *t, unsigned pc, const struct lit *l, struct dnf *tt, struct dnf *ff)
{
	struct dnf *r = new_dnf(t);
	struct lit inb = *l;

	inb.mask = inb.val = 0;
	for (int i = 0; r && i < ff->n; i++) {
		int weaker = conj_excludes(&ff->c[i], l);
		struct conj f = ff->c[i];
		if (conj_and(&f, &inb))
			weaker = 0;
		for (int j = 0; j < tt->n && !weaker; j++)
			weaker = conj_within(&tt->c[j], &f);
		if (!weaker) {
			free(r);
			return fail(t, pc, "a negated comparison ('not', '!=' or a test whose failure "
			            "accepts)");
		}
	}
	if (r && (and_into(t, pc, r, l, tt) || and_into(t, pc, r, &inb, ff))) {
		free(r);
		return NULL;
	}
	return r;
}

/* A conditional jump on literal l: both ways, then combined. */
static struct dnf *cond(struct tr *t, unsigned pc, const struct lit *l, struct sym a, struct sym x)
{
	const struct bpf_insn *i = &t->p[pc];
	struct dnf *tt, *ff, *r;

	if (i->jt == i->jf)
		return dnf(t, pc + 1 + i->jt, a, x);
	if (!(tt = dnf(t, pc + 1 + i->jt, a, x)))
		return NULL;
	if (!(ff = dnf(t, pc + 1 + i->jf, a, x))) {
		free(tt);
		return NULL;
	}
	r = branch2(t, pc, l, tt, ff);
	free(tt);
	free(ff);
	return r;
}

/* The field A loads, or a message. */
static int field(struct tr *t, unsigned pc, struct sym a, struct lit *l)
{
	if (a.kind != V_LOAD) {
		fail(t, pc, a.kind == V_CONST ? "a comparison of a constant" : "a comparison of no field");
		return -1;
	}
	*l = a.f;
	return 0;
}

static struct dnf *jump(struct tr *t, unsigned pc, struct sym a, struct sym x)
{
	const struct bpf_insn *i = &t->p[pc];
	struct lit l;

	if (BPF_OP(i->code) == BPF_JA)          /* k is 32 bits: no wrap back */
		return i->k < t->len - pc - 1 ? dnf(t, pc + 1 + i->k, a, x) :
		       fail(t, pc, "a jump past the end of the program");
	if (BPF_SRC(i->code) != BPF_K)
		return fail(t, pc, "a comparison with the X register");
	if (BPF_OP(i->code) == BPF_JEQ) {
		if (field(t, pc, a, &l))
			return NULL;
		l.val = i->k;
		return cond(t, pc, &l, a, x);
	}
	if (BPF_OP(i->code) == BPF_JSET) {
		struct dnf *tt, *ff, *r;
		if (field(t, pc, a, &l))
			return NULL;
		l.mask &= i->k;
		if (l.mask && !(l.mask & (l.mask - 1))) {       /* one bit: == bit */
			l.val = l.mask;
			return cond(t, pc, &l, a, x);
		}
		if (!(tt = dnf(t, pc + 1 + i->jt, a, x)))
			return NULL;
		if (tt->n) {
			free(tt);
			return fail(t, pc, "a test that any of several bits is set (jset)");
		}
		free(tt);
		if (!(ff = dnf(t, pc + 1 + i->jf, a, x)) || !(r = new_dnf(t))) {
			free(ff);
			return NULL;
		}
		l.val = 0;                                      /* (A & k) == 0 */
		if (and_into(t, pc, r, &l, ff)) {
			free(r);
			r = NULL;
		}
		free(ff);
		return r;
	}
	return fail(t, pc, "an ordering comparison ('>', '<', '>=', '<=')");
}

static struct dnf *load(struct tr *t, unsigned pc, struct sym a, struct sym x)
{
	const struct bpf_insn *i = &t->p[pc];
	static const uint32_t bits[4] = { 32, 16, 8, 0 };

	if (BPF_MODE(i->code) == BPF_IMM) {
		a.kind = V_CONST;
		a.k = i->k;
		return dnf(t, pc + 1, a, x);
	}
	if (BPF_MODE(i->code) == BPF_LEN)
		return fail(t, pc, "a test of the packet length ('len', 'greater', 'less')");
	if (BPF_MODE(i->code) == BPF_MEM)
		return fail(t, pc, "a use of BPF scratch memory");
	if (BPF_SIZE(i->code) == 0x18)
		return fail(t, pc, "an unknown load size");
	a.kind = V_LOAD;
	a.f.size = bits[BPF_SIZE(i->code) >> 3];
	a.f.mask = a.f.size == 32 ? 0xffffffffu : (1u << a.f.size) - 1;
	a.f.val = 0;
	a.f.off = i->k;
	a.f.xo = -1;
	if (BPF_MODE(i->code) == BPF_IND) {
		if (x.kind == V_CONST)
			a.f.off += x.k;
		else if (x.kind == V_MSH)
			a.f.xo = (int32_t)x.k;
		else
			return fail(t, pc, "a load indexed by a computed value");
	} else if (BPF_MODE(i->code) != BPF_ABS) {
		return fail(t, pc, "an unknown load mode");
	}
	if (a.f.off > DPF_MAX_OFF)
		return fail(t, pc, "a load beyond the offsets DPF supports");
	return dnf(t, pc + 1, a, x);
}

static struct dnf *loadx(struct tr *t, unsigned pc, struct sym a, struct sym x)
{
	const struct bpf_insn *i = &t->p[pc];

	if (BPF_MODE(i->code) == BPF_IMM) {
		x.kind = V_CONST;
		x.k = i->k;
		return dnf(t, pc + 1, a, x);
	}
	if (BPF_MODE(i->code) == BPF_MSH && BPF_SIZE(i->code) == BPF_B) {
		/* X = 4 * (P[k] & 0xf): BPF rejects if P[k] is past the end */
		struct lit inb = { -1, i->k, 8, 0, 0 };
		struct dnf *rest, *r;
		if (i->k > DPF_MAX_OFF)
			return fail(t, pc, "a header length beyond the offsets DPF supports");
		x.kind = V_MSH;
		x.k = i->k;
		if (!(rest = dnf(t, pc + 1, a, x)) || !(r = new_dnf(t))) {
			free(rest);
			return NULL;
		}
		if (and_into(t, pc, r, &inb, rest)) {
			free(r);
			r = NULL;
		}
		free(rest);
		return r;
	}
	if (BPF_MODE(i->code) == BPF_LEN)
		return fail(t, pc, "a test of the packet length ('len', 'greater', 'less')");
	return fail(t, pc, "a use of BPF scratch memory");
}

/* Whether code is an instruction libpcap's bpf_filter runs (it aborts
 * on others, whatever bits bpf_validate leaves unchecked). */
static int known_code(unsigned code)
{
	unsigned op = code & 0xf0, src = code & 0x08;

	switch (code & 0x07) {
	case BPF_LD:
		return code == 0x00 || code == 0x20 || code == 0x28 || code == 0x30 || code == 0x40 ||
		       code == 0x48 || code == 0x50 || code == 0x60 || code == 0x80;
	case BPF_LDX:
		return code == 0x01 || code == 0x61 || code == 0x81 || code == 0xb1;
	case BPF_ST: case BPF_STX:
		return code < 0x08;
	case BPF_ALU:
		return code < 0x100 && op <= 0xa0 && (op != 0x80 || !src);
	case BPF_JMP:
		return code == 0x05 || (code < 0x100 && op >= 0x10 && op <= 0x40);
	case BPF_RET:
		return code == 0x06 || code == 0x0e || code == 0x16;
	default:
		return code == 0x07 || code == 0x87;
	}
}

static struct dnf *dnf(struct tr *t, unsigned pc, struct sym a, struct sym x)
{
	const struct bpf_insn *i;

	if (t->failed)
		return NULL;
	if (pc >= t->len)
		return fail(t, pc, "a jump past the end of the program");
	if (++t->work > MAXWORK)
		return fail(t, pc, "a program with too many paths");
	i = &t->p[pc];
	if (!known_code(i->code))
		return fail(t, pc, "an instruction libpcap does not know");
	switch (BPF_CLASS(i->code)) {
	case BPF_RET: {
		struct dnf *r;
		if (BPF_RVAL(i->code) != BPF_K)
			return fail(t, pc, "a return of a computed value");
		if ((r = new_dnf(t)) && i->k)
			r->n = 1;                               /* true: one empty conjunction */
		return r;
	}
	case BPF_LD:
		return load(t, pc, a, x);
	case BPF_LDX:
		return loadx(t, pc, a, x);
	case BPF_ALU:
		if (BPF_OP(i->code) == BPF_AND && BPF_SRC(i->code) == BPF_K && a.kind == V_LOAD) {
			a.f.mask &= i->k;
			return dnf(t, pc + 1, a, x);
		}
		return fail(t, pc, "arithmetic on a packet field (other than '& constant')");
	case BPF_JMP:
		return jump(t, pc, a, x);
	case BPF_MISC:
		if (BPF_MISCOP(i->code) == BPF_TAX && a.kind == V_CONST) {
			x = a;
			return dnf(t, pc + 1, a, x);
		}
		if (BPF_MISCOP(i->code) == BPF_TXA && x.kind == V_CONST) {
			a = x;
			return dnf(t, pc + 1, a, x);
		}
		return fail(t, pc, "a move between the A and X registers of a field");
	default:
		return fail(t, pc, "a use of BPF scratch memory");
	}
}

/* One conjunction as DPF atoms: absolute fields first, then the shift
 * past the IP header and the fields behind it. */
static int to_atoms(const struct conj *c, struct dpf_conj *o, char *err, size_t errlen)
{
	int32_t xo = -1;
	int n = 0;

	for (int i = 0; i < c->n; i++) {
		if (c->l[i].xo < 0) {
			struct dpf_atom a = { DPF_CMP, (uint8_t)c->l[i].size, 0, 0, (uint16_t)c->l[i].off, 0,
			                      c->l[i].mask, c->l[i].val };
			o->a[n++] = a;
		} else if (xo >= 0 && xo != c->l[i].xo) {
			snprintf(err, errlen, "loads behind two different header lengths cannot be a DPF filter");
			return -1;
		} else {
			xo = c->l[i].xo;
		}
	}
	if (xo >= 0) {
		struct dpf_atom s = { DPF_SHIFT, 8, 2, 0, (uint16_t)xo, (uint16_t)xo, 0xf, 0 };
		o->a[n++] = s;
		for (int i = 0; i < c->n; i++) {
			if (c->l[i].xo < 0)
				continue;
			if (c->l[i].off < (uint32_t)xo) {
				snprintf(err, errlen, "a load before the header it is relative to cannot be a DPF filter");
				return -1;
			}
			struct dpf_atom a = { DPF_CMP, (uint8_t)c->l[i].size, 0, 0,
			                      (uint16_t)(c->l[i].off - (uint32_t)xo), 0, c->l[i].mask, c->l[i].val };
			o->a[n++] = a;
		}
	}
	if (n == 0) {                   /* accepts everything: a bounds-only atom of no bytes is not
	                                 * expressible, so a constant shift stands for "true" */
		struct dpf_atom s = { DPF_SHIFT, 0, 0, 0, 0, 0, 0, 0 };
		o->a[n++] = s;
	}
	o->n = n;
	return 0;
}

int dpf_from_bpf(const struct bpf_insn *prog, unsigned len, struct dpf_conj *out, int max,
                 char *err, size_t errlen)
{
	struct tr t = { prog, len, 0, err, errlen, 0 };
	struct sym none = { V_NONE, 0, { -1, 0, 0, 0, 0 } };
	struct dnf *d;
	int n = 0;

	if (!len) {
		snprintf(err, errlen, "an empty BPF program");
		return -1;
	}
	if (!(d = dnf(&t, 0, none, none)))
		return -1;
	if (d->n > max) {
		snprintf(err, errlen, "a filter of %d alternatives (at most %d)", d->n, max);
		free(d);
		return -1;
	}
	for (int i = 0; i < d->n; i++)
		if (to_atoms(&d->c[i], &out[n++], err, errlen)) {
			free(d);
			return -1;
		}
	free(d);
	return n;
}

int dpf_from_tcpdump(const char *expr, struct dpf_conj *out, int max, struct bpf_program *bpf,
                     char *err, size_t errlen)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 65535);
	struct bpf_program prog;
	int n;

	if (!p) {
		snprintf(err, errlen, "pcap_open_dead failed");
		return -1;
	}
	if (pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN)) {
		snprintf(err, errlen, "%s", pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	pcap_close(p);
	n = dpf_from_bpf(prog.bf_insns, prog.bf_len, out, max, err, errlen);
	if (bpf)
		*bpf = prog;
	else
		pcap_freecode(&prog);
	return n;
}
