/*
 * dpf.h: dynamic packet filters (Engler and Kaashoek, SIGCOMM 1996),
 * the engine.  The same C compiles for the host (tools, tests,
 * benchmarks) and for the kernel: it is freestanding, allocates nothing
 * (all state lives in one struct dpf the caller provides) and calls no
 * library function.
 *
 * A filter is a conjunction of atoms, checked against a message (a
 * packet) of `len` bytes:
 *   DPF_CMP    (off:size & mask) == val   a load of size bits (8, 16
 *              or 32) at byte `off` from the current base, read in
 *              network (big-endian) byte order.  mask 0 (val 0) is a
 *              bounds-only atom: true iff the bytes are in the message.
 *   DPF_SHIFT  base += add + ((off:size & mask) << lsh), size 8 or 16;
 *              size 0 is a constant shift (base += add).
 * Every load must lie inside the message, or the filter rejects.  The
 * paper compares little-endian loads with byte-swapped constants
 * (12:16 == 0x8 for IP); we write constants as the wire reads
 * (12:16 == 0x800) and swap when generating code.
 *
 * dpf_insert canonicalizes a filter (constant shifts folded into the
 * offsets after them, atoms of each header sorted, duplicates merged)
 * and merges it into a trie along its longest common prefix; atoms
 * that load the same field merge into one node with one edge per
 * constant (a disjunction), dispatched at run time by direct compares
 * (up to 3 constants) or by a hash table.  Alternatives at one trie
 * level are tried in decreasing reference count; a filter ending at a
 * level (an accept) is tried after the longer filters that go on from
 * there.  So when several filters accept a message, the trie order
 * decides (docs/DPF.md): a filter that extends another wins over it.
 *
 * dpf_demux_interp walks the trie; dpf_gen (dpf_gen.c) compiles the
 * whole trie to R3000 code that returns the same ids.
 */
#ifndef DPF_H
#define DPF_H

#include <stdint.h>

/* Sizes (override before including, the same in every file). */
#ifndef DPF_MAX_FILTERS
#define DPF_MAX_FILTERS 1024    /* filter ids 1..DPF_MAX_FILTERS */
#endif
#ifndef DPF_MAX_ATOMS
#define DPF_MAX_ATOMS   32      /* atoms in one filter, shifts included */
#endif
#ifndef DPF_MAX_NODES
#define DPF_MAX_NODES   8192    /* trie nodes and edges, each */
#endif
#define DPF_MAX_SHIFTS  5       /* indirect shifts in one filter */
#define DPF_MAX_OFF     4096    /* largest byte offset after folding */
#define DPF_MAX_LSH     8       /* largest left shift of an indirect load */

enum { DPF_CMP = 1, DPF_SHIFT = 2 };

struct dpf_atom {
	uint8_t op;         /* DPF_CMP or DPF_SHIFT */
	uint8_t size;       /* bits: 8, 16, 32 (DPF_SHIFT: 0, 8 or 16) */
	uint8_t lsh;        /* DPF_SHIFT: left shift of the masked load */
	uint8_t pad;
	uint16_t off;       /* byte offset from the current base */
	uint16_t add;       /* DPF_SHIFT: constant added to the base */
	uint32_t mask;
	uint32_t val;       /* DPF_CMP: the constant */
};

/* Errors (negative returns of dpf_insert and dpf_delete). */
enum {
	DPF_E_SIZE = -1,      /* a size other than 8/16/32 (shift: 0/8/16) */
	DPF_E_VAL = -2,       /* val has bits outside mask or size */
	DPF_E_OFF = -3,       /* an offset past DPF_MAX_OFF after folding */
	DPF_E_OP = -4,        /* unknown op */
	DPF_E_LEN = -5,       /* no atoms, or more than DPF_MAX_ATOMS */
	DPF_E_SHIFTS = -6,    /* more than DPF_MAX_SHIFTS indirect shifts, or lsh too big */
	DPF_E_CONTRA = -7,    /* two atoms on one field with different constants */
	DPF_E_FULL = -8,      /* no filter id or trie node left */
	DPF_E_NOFILTER = -9,  /* dpf_delete: no such filter */
	DPF_E_DUP = -10,      /* the same filter (after canonicalization) is present */
};
const char *dpf_strerror(int e);

/* A trie node: an expression (the atom without its constant) and, for a
 * DPF_CMP, one edge per constant; a DPF_SHIFT has one edge; an accept
 * (op 0) names a filter. */
struct dpf_node {
	struct dpf_atom x;  /* val unused */
	uint16_t refs;      /* filters through this node */
	int16_t next;       /* next alternative at this level, -1 at the end */
	int16_t edges;      /* first edge, -1 if none (accept) */
	uint16_t fid;       /* accept: the filter */
	uint32_t serial;    /* creation order, the tie-break of the order */
};
struct dpf_edge {
	uint32_t val;
	uint16_t refs;
	int16_t next;       /* next edge of the same node */
	int16_t child;      /* first node of the next level, -1 if none */
	int16_t pad;
};

struct dpf_filter {
	uint8_t used, n;
	uint16_t owner;     /* the kernel's binding (an environment); 0 on the host */
	struct dpf_atom a[DPF_MAX_ATOMS];   /* canonical form */
};

struct dpf {
	int16_t root;                   /* first node of the top level */
	int16_t free_node, free_edge;   /* free lists through next */
	uint32_t serial;
	uint32_t generation;            /* bumped by each change */
	struct dpf_node node[DPF_MAX_NODES];
	struct dpf_edge edge[DPF_MAX_NODES];
	struct dpf_filter f[DPF_MAX_FILTERS + 1];   /* f[0] unused */
};

void dpf_init(struct dpf *d);

/* Canonicalize n atoms into out (at most DPF_MAX_ATOMS); the number of
 * canonical atoms, or an error. */
int dpf_canon(const struct dpf_atom *in, int n, struct dpf_atom *out);

/* Insert a filter owned by `owner`; its id (1..DPF_MAX_FILTERS) or an error. */
int dpf_insert(struct dpf *d, const struct dpf_atom *a, int n, uint16_t owner);
/* Delete filter fid; 0 or DPF_E_NOFILTER. */
int dpf_delete(struct dpf *d, int fid);

/* The id of the filter accepting msg[0..len), 0 if none: the trie
 * walked by the reference interpreter.  len is taken as a signed
 * 32-bit count (as the generated code does): above 2^31 nothing matches. */
int dpf_demux_interp(const struct dpf *d, const uint8_t *msg, uint32_t len);

/* Whether canonical filters a and b could both accept one message:
 * true unless some field both compare differs in a constant (under
 * both masks) before their first indirect shift differs. */
int dpf_overlap(const struct dpf_atom *a, int na, const struct dpf_atom *b, int nb);

/* The hash of a dispatch table, chosen per table: h = s | t << 8 |
 * family << 16 gives (v >> s) & (size - 1) (family 0) or
 * ((v >> s) ^ (v >> t)) & (size - 1) (family 1). */
static inline uint32_t dpf_hash(uint32_t v, unsigned h, uint32_t size)
{
	uint32_t x = v >> (h & 31);
	if (h >> 16)
		x ^= v >> (h >> 8 & 31);
	return x & (size - 1);
}

/* ---- Code generation (dpf_gen.c) -------------------------------------- */

/* Generated code: int demux(const void *msg a0, int len a1), a leaf that
 * uses only a0-a3, v0, v1 and t0-t9.  msg must be aligned to 4 bytes
 * plus `msg_align` (0 or 2; 2 puts an Ethernet frame's IP header on a
 * word).  The code and its dispatch tables are laid out from words[0];
 * `addr` is where they will run (the tables hold code addresses). */
struct dpf_code {
	uint32_t *words;
	uint32_t cap;           /* words available */
	uint32_t n;             /* words written: code, then tables */
	uint32_t ncode;         /* of which code */
	uint32_t addr;
	uint32_t msg_align;
	uint32_t min_len;       /* the caller never passes a shorter message
	                         * (e.g. 60 for Ethernet): checks up to it vanish */
	/* what the generator did, for tools and tests */
	uint32_t bounds_checks, coalesced, hash_tables, direct_dispatch, filled_slots;
};

/* Compile the whole trie; 0, or DPF_E_FULL if cap is too small. */
int dpf_gen(const struct dpf *d, struct dpf_code *c);

#endif /* DPF_H */
