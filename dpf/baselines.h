/*
 * baselines.h: the interpreted packet filters DPF is compared with in
 * the DPF paper (Table 3, Figure 3), reimplemented here in their style
 * for measurement on the same simulated machine.  These are not their
 * authors' code (which we do not have): they follow the published
 * designs as the DPF paper describes them (docs/DPF.md says what each
 * keeps and what it leaves out), and the paper's own figures for MPF and
 * PATHFINDER are quoted beside ours.  Freestanding, like the engine.
 *
 * MPF-like (Yuhara et al., USENIX 1994): a BPF-style accumulator
 * machine, interpreted one instruction at a time with a bounds check on
 * every load; filters that differ only in their connection's constants
 * share one program whose last instruction (MATCH) looks the loaded key
 * up in the class's table, trying first the entry that matched last
 * (the cache that makes the "expected" case).
 *
 * PATHFINDER-like (Bailey et al., OSDI 1994): patterns of cells (offset,
 * length, mask, value) compared by one generic routine, patterns linked
 * into layers (one per protocol header) whose header length is fixed or
 * read from the packet; at each layer the alternatives are scanned, the
 * one that matched last first (its cache).
 */
#ifndef DPF_BASELINES_H
#define DPF_BASELINES_H

#include <stdint.h>

/* ---- MPF-like ------------------------------------------------------ */

enum { MPF_LDB = 1, MPF_LDH, MPF_LDW, MPF_LDXMSH, MPF_LDH_IND, MPF_LDW_IND, MPF_ANDK,
       MPF_JEQ, MPF_RET, MPF_MATCH };

struct mpf_insn {
	uint8_t op, jt, jf, pad;    /* JEQ: skip jt / jf instructions */
	uint32_t k;
};

#define MPF_MAX_KEYS 1024
struct mpf_class {
	const struct mpf_insn *prog;
	unsigned n;                 /* instructions */
	unsigned nkeys;
	uint32_t key[MPF_MAX_KEYS];
	uint16_t id[MPF_MAX_KEYS];
	unsigned last;              /* the entry that matched last */
};

/* The id of the filter of class c accepting msg, 0 if none. */
int mpf_demux(struct mpf_class *c, const uint8_t *msg, unsigned len);

/* ---- PATHFINDER-like ---------------------------------------------------- */

struct pf_cell {
	uint16_t off;
	uint8_t len;                /* bytes, 1..4 */
	uint8_t pad;
	uint32_t mask, val;
};

#define PF_MAX_CELLS 4
struct pf_pattern {
	uint8_t ncells;
	uint8_t hlen_shift;         /* header length: hlen_add + ((msg[hlen_off] & hlen_mask) << hlen_shift) */
	uint8_t hlen_mask;          /* 0: fixed length hlen_add */
	uint8_t pad;
	uint16_t hlen_off, hlen_add;
	int16_t next;               /* next alternative of this layer, -1 none */
	int16_t child;              /* first pattern of the next layer, -1 none */
	uint16_t fid;               /* accept when matched (and no child matches) */
	int16_t cached;             /* of the child layer: the pattern that matched last */
	struct pf_cell cell[PF_MAX_CELLS];
};

#define PF_MAX_LAYERS 16
struct pf_set {
	struct pf_pattern *pat;
	int16_t root;
	int16_t cached;             /* of the first layer */
};

int pf_demux(struct pf_set *s, const uint8_t *msg, unsigned len);

#endif /* DPF_BASELINES_H */
