/*
 * dpftest.c: DPF's engine held to itself and to the atoms' meaning.
 * Each round inserts random filters (protocol-shaped, so that they
 * merge, share prefixes and make dispatches of every kind, plus random
 * ones), deletes some, generates the code and runs it on the simulator
 * core with every load watched, against random and crafted messages
 * (short, truncated, IP options, VLAN tags, bad lengths), with and
 * without a minimum message length promised to the generator.  For every
 * message:
 *   - the generated code and the interpreter return the same id;
 *   - the id is 0 exactly when no filter accepts by the atoms'
 *     definition (evaluated directly on each filter as inserted), and
 *     otherwise names a filter that accepts;
 *   - the code never reads outside the message.
 * Also: malformed filters are refused with their error, deleting
 * restores the empty trie, and table exhaustion is refused cleanly.
 * Usage: dpftest [rounds [seed]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dpf.h"
#include "dpf_sim.h"

static uint32_t rng = 1;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}
static uint32_t pick(const uint32_t *v, int n) { return v[rnd() % n]; }

static struct dpf d;
static uint32_t code[65536];

struct tf { int n; struct dpf_atom a[DPF_MAX_ATOMS]; int id; };
static struct tf tf[DPF_MAX_FILTERS + 1];

static uint32_t be(const uint8_t *p, int bytes)
{
	uint32_t v = 0;
	for (int i = 0; i < bytes; i++)
		v = v << 8 | p[i];
	return v;
}

/* The atoms' meaning, evaluated in order as written. */
static int accepts(const struct tf *f, const uint8_t *m, uint32_t len)
{
	int64_t base = 0;
	for (int i = 0; i < f->n; i++) {
		const struct dpf_atom *a = &f->a[i];
		if (a->op == DPF_SHIFT && (a->size == 0 || !(a->mask & ((1u << a->size) - 1)))) {
			base += a->add;
			continue;
		}
		if (base + a->off + a->size / 8 > (int64_t)len)
			return 0;
		uint32_t v = be(m + base + a->off, a->size / 8);
		if (a->op == DPF_SHIFT)
			base += a->add + ((v & a->mask) << a->lsh);
		else if ((v & a->mask) != a->val)
			return 0;
	}
	return 1;
}

static struct dpf_atom cmp(unsigned off, unsigned size, uint32_t mask, uint32_t val)
{
	struct dpf_atom a = { DPF_CMP, (uint8_t)size, 0, 0, (uint16_t)off, 0, mask, val & mask };
	return a;
}
static struct dpf_atom shift_const(unsigned add)
{
	struct dpf_atom a = { DPF_SHIFT, 0, 0, 0, 0, (uint16_t)add, 0, 0 };
	return a;
}
static struct dpf_atom shift_ihl(void)
{
	struct dpf_atom a = { DPF_SHIFT, 8, 2, 0, 0, 0, 0xf, 0 };
	return a;
}

static const uint32_t ports[] = { 53, 80, 1234, 4321, 7, 9, 21, 22, 23, 25, 8080, 443 };
static const uint32_t ips[] = { 0xc00c4501, 0x0a000001, 0x0a000002, 0xc0a80101 };

/* A protocol-shaped filter: Ethernet (maybe VLAN), IP, TCP/UDP ports. */
static void proto_filter(struct tf *f)
{
	int vlan = rnd() % 4 == 0, n = 0;
	if (vlan) {
		f->a[n++] = cmp(12, 16, 0xffff, 0x8100);
		f->a[n++] = shift_const(4);
	}
	f->a[n++] = cmp(12, 16, 0xffff, rnd() % 8 ? 0x800 : 0x806);
	f->a[n++] = shift_const(14);
	if (rnd() % 2)
		f->a[n++] = cmp(9, 8, 0xff, rnd() % 3 ? 6 : 17);
	if (rnd() % 3 == 0)
		f->a[n++] = cmp(12, 32, 0xffffffff, pick(ips, 4));
	if (rnd() % 4 == 0)
		f->a[n++] = cmp(16, 32, 0xffffffff, pick(ips, 4));
	if (rnd() % 3 == 0)
		f->a[n++] = cmp(6, 16, 0x1fff, 0);
	if (rnd() % 4) {
		f->a[n++] = rnd() % 4 ? shift_ihl() : shift_const(20);
		if (rnd() % 2)
			f->a[n++] = cmp(0, 16, 0xffff, pick(ports, 12));
		if (rnd() % 4)
			f->a[n++] = cmp(2, 16, 0xffff, pick(ports, rnd() % 2 ? 12 : 3));
		if (rnd() % 5 == 0)
			f->a[n++] = cmp(4, 8, 0, 0);       /* bounds only */
	}
	f->n = n;
}

/* A random filter of random atoms. */
static void random_filter(struct tf *f)
{
	int n = 1 + rnd() % 6;
	static const unsigned sizes[] = { 8, 16, 32 };
	for (int i = 0; i < n; i++) {
		unsigned r = rnd() % 10, size = sizes[rnd() % 3];
		uint32_t mask = rnd() % 3 ? 0xffffffff : rnd(), val = rnd() % 2 ? rnd() % 4 : rnd();
		if (size < 32)
			mask &= (1u << size) - 1;
		if (r == 0)
			f->a[i] = shift_const(rnd() % 20);
		else if (r == 1) {
			struct dpf_atom s = { DPF_SHIFT, (uint8_t)(rnd() % 2 ? 8 : 16), (uint8_t)(rnd() % 4), 0,
			                      (uint16_t)(rnd() % 24), (uint16_t)(rnd() % 8), rnd() & 0x1f, 0 };
			f->a[i] = s;
		} else
			f->a[i] = cmp(rnd() % 40, size, mask, val);
	}
	f->n = n;
}

/* A message shaped like the filters' packets, then damaged. */
static uint32_t make_msg(uint8_t *m)
{
	uint32_t len = 14 + 20 + 8 + rnd() % 40, off = 0;
	for (uint32_t i = 0; i < 128; i++)
		m[i] = (uint8_t)(rnd() % 4 ? rnd() % 4 : rnd());
	if (rnd() % 4 == 0) {
		m[12] = 0x81, m[13] = 0;
		off = 4;
		len += 4;
	}
	m[off + 12] = 8, m[off + 13] = rnd() % 8 ? 0 : 6;
	uint8_t *ip = m + off + 14;
	unsigned ihl = rnd() % 4 ? 5 : 5 + rnd() % 11;
	ip[0] = (uint8_t)(0x40 | (rnd() % 8 ? ihl : rnd() % 16));
	ip[9] = rnd() % 3 ? 6 : 17;
	if (rnd() % 2) { uint32_t a = pick(ips, 4); ip[12] = a >> 24; ip[13] = a >> 16; ip[14] = a >> 8; ip[15] = (uint8_t)a; }
	if (rnd() % 2) { uint32_t a = pick(ips, 4); ip[16] = a >> 24; ip[17] = a >> 16; ip[18] = a >> 8; ip[19] = (uint8_t)a; }
	if (rnd() % 2) ip[6] = ip[7] = 0;
	uint8_t *tp = ip + 4 * (ip[0] & 15);
	if (tp + 4 < m + 128) {
		uint32_t p = pick(ports, 12), q = pick(ports, 12);
		tp[0] = p >> 8, tp[1] = (uint8_t)p, tp[2] = q >> 8, tp[3] = (uint8_t)q;
	}
	switch (rnd() % 6) {
	case 0: len = rnd() % len; break;            /* truncated, maybe empty */
	case 1: len = rnd() % 20; break;             /* short */
	default: break;
	}
	return len < 128 ? len : 128;
}

static int fails;
static void check(int ok, const char *what, int round)
{
	if (!ok) {
		fprintf(stderr, "dpftest: round %d: %s\n", round, what);
		if (++fails > 10)
			exit(1);
	}
}

/* Malformed filters get their errors; exhaustion is refused cleanly. */
static void refusals(void)
{
	struct dpf_atom a[DPF_MAX_ATOMS + 1];
	dpf_init(&d);
	a[0] = cmp(0, 12, 0xfff, 1);
	check(dpf_insert(&d, a, 1, 0) == DPF_E_SIZE, "size 12 refused", 0);
	a[0] = cmp(0, 8, 0xff, 0); a[0].val = 0x100;
	check(dpf_insert(&d, a, 1, 0) == DPF_E_VAL, "value beyond size refused", 0);
	a[0] = cmp(5000, 8, 0xff, 1);
	check(dpf_insert(&d, a, 1, 0) == DPF_E_OFF, "offset 5000 refused", 0);
	a[0] = shift_const(4000); a[1] = cmp(200, 8, 0xff, 1);
	check(dpf_insert(&d, a, 2, 0) == DPF_E_OFF, "folded offset past the limit refused", 0);
	a[0] = cmp(0, 8, 0xff, 1); a[1] = cmp(0, 8, 0xff, 2);
	check(dpf_insert(&d, a, 2, 0) == DPF_E_CONTRA, "contradiction refused", 0);
	a[0].op = 9;
	check(dpf_insert(&d, a, 1, 0) == DPF_E_OP, "unknown op refused", 0);
	check(dpf_insert(&d, a, 0, 0) == DPF_E_LEN, "empty filter refused", 0);
	for (int i = 0; i <= DPF_MAX_ATOMS; i++)
		a[i] = cmp(i, 8, 0xff, 1);
	check(dpf_insert(&d, a, DPF_MAX_ATOMS + 1, 0) == DPF_E_LEN, "too many atoms refused", 0);
	for (int i = 0; i <= DPF_MAX_SHIFTS; i++)
		a[i] = shift_ihl();
	check(dpf_insert(&d, a, DPF_MAX_SHIFTS + 1, 0) == DPF_E_SHIFTS, "too many shifts refused", 0);
	a[0] = shift_ihl(); a[0].lsh = 9;
	check(dpf_insert(&d, a, 1, 0) == DPF_E_SHIFTS, "left shift 9 refused", 0);
	a[0] = cmp(3, 8, 0xff, 7);
	int id = dpf_insert(&d, a, 1, 0);
	check(id == 1, "first id is 1", 0);
	check(dpf_insert(&d, a, 1, 0) == DPF_E_DUP, "duplicate refused", 0);
	check(dpf_delete(&d, id) == 0 && d.root == -1, "delete empties the trie", 0);
	check(dpf_delete(&d, id) == DPF_E_NOFILTER, "second delete refused", 0);
	check(dpf_delete(&d, 0) == DPF_E_NOFILTER && dpf_delete(&d, 99999) == DPF_E_NOFILTER,
	      "bad ids refused", 0);
	/* exhaustion: ids run out before nodes (each filter: 2 nodes) */
	int n = 0, r;
	while ((r = dpf_insert(&d, (a[0] = cmp(0, 32, 0xffffffff, (uint32_t)n), a), 1, 0)) > 0)
		n++;
	check(r == DPF_E_FULL && n == (DPF_MAX_FILTERS < DPF_MAX_NODES / 2 ? DPF_MAX_FILTERS : DPF_MAX_NODES / 2),
	      "exhaustion refused at the limit", 0);
	for (int i = 1; i <= DPF_MAX_FILTERS; i++)
		dpf_delete(&d, i);
	check(d.root == -1, "all deleted", 0);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 200;
	uint8_t m[128];
	char err[256];
	struct dpf_sim *s = dpf_sim_new("ideal", err, sizeof err);
	long runs = 0, accepted = 0, hashes = 0, direct = 0, coalesced = 0, checks = 0, slots = 0;

	rng = argc > 2 ? (uint32_t)strtoul(argv[2], 0, 0) | 1 : 12345;
	if (!s) {
		fprintf(stderr, "dpftest: %s\n", err);
		return 1;
	}
	refusals();
	for (int round = 0; round < rounds; round++) {
		int nf = 1 + rnd() % (round % 10 == 9 ? 300 : 30);
		dpf_init(&d);
		memset(tf, 0, sizeof tf);
		for (int i = 0; i < nf; i++) {
			struct tf f;
			if (rnd() % 5) proto_filter(&f); else random_filter(&f);
			int id = dpf_insert(&d, f.a, f.n, 0);
			if (id > 0)
				tf[id] = f, tf[id].id = id;
			else
				check(id == DPF_E_DUP || id == DPF_E_CONTRA || id == DPF_E_VAL, dpf_strerror(id), round);
		}
		for (int i = 1; i <= DPF_MAX_FILTERS; i++)
			if (tf[i].id && rnd() % 4 == 0) {
				check(dpf_delete(&d, i) == 0, "delete", round);
				tf[i].id = 0;
			}
		struct dpf_code c = { .words = code, .cap = sizeof code / 4, .addr = DPF_SIM_CODE,
		                      .msg_align = rnd() % 2 ? 2 : 0, .min_len = rnd() % 3 ? 0 : 60 };
		int r = dpf_gen(&d, &c);
		check(r == 0, "dpf_gen", round);
		hashes += c.hash_tables, direct += c.direct_dispatch, coalesced += c.coalesced;
		checks += c.bounds_checks, slots += c.filled_slots;
		if (r || dpf_sim_load(s, &c, err, sizeof err)) {
			check(0, err, round);
			continue;
		}
		for (int k = 0; k < 200; k++) {
			uint32_t len = make_msg(m);
			if (len < c.min_len)        /* the caller's promise: none shorter */
				len = c.min_len + rnd() % (128 - c.min_len);
			int gen, want = dpf_demux_interp(&d, m, len), any = 0;
			uint64_t cyc;
			if (dpf_sim_run(s, m, len, 1, &gen, &cyc, err, sizeof err)) {
				check(0, err, round);
				continue;
			}
			runs++;
			if (gen != want) {
				snprintf(err, sizeof err, "generated %d, interpreter %d (len %u)", gen, want, len);
				check(0, err, round);
			}
			for (int i = 1; i <= DPF_MAX_FILTERS && !any; i++)
				any = tf[i].id && accepts(&tf[i], m, len);
			check(any == (want != 0), "some filter accepts iff the trie does", round);
			check(!want || (tf[want].id && accepts(&tf[want], m, len)), "the id names an accepting filter", round);
			accepted += want != 0;
		}
	}
	printf("dpftest: %d rounds, %ld messages (%ld accepted): generated code, interpreter and "
	       "the atoms agree%s\n", rounds, runs, accepted, fails ? " -- NOT" : "");
	printf("dpftest: the code had %ld hash tables, %ld direct dispatches, %ld coalesced atoms, "
	       "%ld bounds checks, %ld filled delay slots\n", hashes, direct, coalesced, checks, slots);
	dpf_sim_free(s);
	return fails != 0;
}
