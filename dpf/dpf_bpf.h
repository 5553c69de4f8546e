/*
 * dpf_bpf.h: host only.  Filters in tcpdump's syntax, compiled by
 * libpcap's own compiler (pcap_compile) and translated from the BPF it
 * produces into DPF filters.
 *
 * The translation walks the BPF program's paths symbolically.  It
 * accepts programs that test fields (absolute loads, loads behind the
 * IP header length `ldx 4*([k]&0xf)`, masks with `and #k`) against
 * constants with `jeq` (and `jset` where it means a field equals a
 * constant or is zero), combined by conjunction and disjunction; the
 * result is a disjunction of conjunctions, one DPF filter each.  A test
 * whose false branch leads to acceptance by another way is a
 * disjunction only if what that way accepts is accepted anyway when the
 * test holds; otherwise it is a negation ("not", "!=") and refused.
 * Where BPF would reject a message on a load past its end before taking
 * another way, that way's filter checks those bytes too (a bounds-only
 * atom), so DPF accepts exactly what the BPF program accepts.
 * Everything else (ordering comparisons, arithmetic, the packet length,
 * scratch memory, computed returns) is refused with a message naming
 * the construct and the BPF instruction.
 */
#ifndef DPF_BPF_H
#define DPF_BPF_H

#include <stddef.h>
#include <pcap/pcap.h>

#include "dpf.h"

#define DPF_BPF_MAX_CONJ 64     /* conjunctions one filter may expand to */

struct dpf_conj {
	int n;
	struct dpf_atom a[DPF_MAX_ATOMS];
};

/* Translate a BPF program; the number of conjunctions written to out
 * (0: the program accepts nothing), or -1 with a message in err. */
int dpf_from_bpf(const struct bpf_insn *prog, unsigned len, struct dpf_conj *out, int max,
                 char *err, size_t errlen);

/* Compile `expr` for Ethernet with pcap_compile and translate it;
 * -1 with pcap's or the translation's message in err.  If bpf is not
 * NULL it receives the program (free with pcap_freecode). */
int dpf_from_tcpdump(const char *expr, struct dpf_conj *out, int max, struct bpf_program *bpf,
                     char *err, size_t errlen);

#endif /* DPF_BPF_H */
