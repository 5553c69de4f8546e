/*
 * baselines.c: MPF-like and PATHFINDER-like interpreters (baselines.h).
 */
#include "baselines.h"

/* The big-endian value of n bytes at p (the generic load both use). */
static uint32_t get(const uint8_t *p, unsigned n)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* MATCH: the cached entry first, then the table in order. */
static int mpf_match(struct mpf_class *c, uint32_t a)
{
	if (c->nkeys && c->key[c->last] == a)
		return c->id[c->last];
	for (unsigned i = 0; i < c->nkeys; i++)
		if (c->key[i] == a) {
			c->last = i;
			return c->id[i];
		}
	return 0;
}

int mpf_demux(struct mpf_class *c, const uint8_t *msg, unsigned len)
{
	uint32_t a = 0, x = 0, off, sz;
	unsigned pc = 0;

	while (pc < c->n) {
		const struct mpf_insn *i = &c->prog[pc++];
		switch (i->op) {
		case MPF_LDB: case MPF_LDH: case MPF_LDW:
		case MPF_LDH_IND: case MPF_LDW_IND:
			sz = i->op == MPF_LDB ? 1 : (i->op == MPF_LDW || i->op == MPF_LDW_IND) ? 4 : 2;
			off = i->k + (i->op >= MPF_LDH_IND ? x : 0);
			if (off + sz > len)
				return 0;
			a = get(msg + off, sz);
			break;
		case MPF_LDXMSH:
			if (i->k >= len)
				return 0;
			x = (msg[i->k] & 0xfu) << 2;
			break;
		case MPF_ANDK:
			a &= i->k;
			break;
		case MPF_JEQ:
			pc += a == i->k ? i->jt : i->jf;
			break;
		case MPF_RET:
			return (int)i->k;
		case MPF_MATCH:
			return mpf_match(c, a);
		default:
			return 0;
		}
	}
	return 0;
}

/* Whether pattern p's cells all hold at base (length left: rem). */
static int pf_cells(const struct pf_pattern *p, const uint8_t *base, unsigned rem)
{
	for (unsigned i = 0; i < p->ncells; i++) {
		const struct pf_cell *c = &p->cell[i];
		if (c->off + c->len > rem || (get(base + c->off, c->len) & c->mask) != c->val)
			return 0;
	}
	return 1;
}

int pf_demux(struct pf_set *s, const uint8_t *msg, unsigned len)
{
	int layer = 0, first = s->root, fid = 0;
	int16_t *cache = &s->cached;
	unsigned off = 0;

	while (first >= 0 && layer < PF_MAX_LAYERS) {
		int c = *cache, hit = -1;
		if (c >= 0 && pf_cells(&s->pat[c], msg + off, len - off))
			hit = c;
		for (int p = first; hit < 0 && p >= 0; p = s->pat[p].next)
			if (p != c && pf_cells(&s->pat[p], msg + off, len - off))
				hit = p;
		if (hit < 0)
			return fid;
		struct pf_pattern *p = &s->pat[hit];
		*cache = (int16_t)hit;
		cache = &p->cached;
		fid = p->fid ? p->fid : fid;
		if (p->hlen_mask) {
			if (p->hlen_off >= len - off)
				return 0;
			off += p->hlen_add + ((msg[off + p->hlen_off] & p->hlen_mask) << p->hlen_shift);
		} else {
			off += p->hlen_add;
		}
		if (off > len)
			return fid;
		first = p->child;
		layer++;
	}
	return fid;
}
