/*
 * fuzz_dpf.c: libFuzzer target for DPF's translation of filters and its
 * engine.  An input's first byte picks the form of the rest: even, a
 * filter in tcpdump syntax (compiled by pcap_compile); odd, raw BPF
 * instructions (8 bytes each).  A program that translates is inserted
 * (each conjunction a DPF filter), compiled to code, and checked on 16
 * frames derived from the input (TCP/UDP/IPv4/IPv6-shaped, some cut
 * short): the interpreter accepts exactly when libpcap's bpf_filter
 * does (for programs bpf_validate accepts), and the generated code, run
 * on the simulator core with every load watched, returns what the
 * interpreter returns.  A disagreement aborts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dpf.h"
#include "dpf_bpf.h"
#include "dpf_sim.h"

static struct dpf d;
static uint32_t code[16384];
static struct dpf_conj conj[DPF_BPF_MAX_CONJ];

static uint32_t rng;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* A frame shaped like the filters' targets, from the generator. */
static uint32_t frame(uint8_t *f)
{
	static const uint16_t types[] = { 0x800, 0x800, 0x86dd, 0x806, 0x8100 };
	uint32_t len = 20 + rnd() % 100;

	for (int i = 0; i < 128; i++)
		f[i] = (uint8_t)(rnd() % 3 ? rnd() % 4 : rnd());
	uint16_t t = types[rnd() % 5];
	f[12] = (uint8_t)(t >> 8), f[13] = (uint8_t)t;
	f[14] = (uint8_t)(0x40 | (rnd() % 4 ? 5 : rnd() % 16));
	f[23] = rnd() % 2 ? 6 : 17;
	f[20] = f[21] = 0;
	return rnd() % 5 ? len : rnd() % 40;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dpf_sim *sim;
	char err[512], expr[512];
	struct bpf_program prog = { 0, NULL };
	int n, valid;

	if (size < 1 || size > 4096)
		return 0;
	if (!sim && !(sim = dpf_sim_new("ideal", err, sizeof err)))
		abort();
	rng = 2166136261u;
	for (size_t i = 0; i < size; i++)
		rng = (rng ^ data[i]) * 16777619u;
	rng |= 1;
	if (!(data[0] & 1)) {
		size_t k = size - 1 < sizeof expr - 1 ? size - 1 : sizeof expr - 1;
		memcpy(expr, data + 1, k);
		expr[k] = 0;
		n = dpf_from_tcpdump(expr, conj, DPF_BPF_MAX_CONJ, &prog, err, sizeof err);
		if (!prog.bf_insns)
			return 0;
	} else {
		prog.bf_len = (unsigned)((size - 1) / sizeof(struct bpf_insn));
		if (!prog.bf_len)
			return 0;
		prog.bf_insns = malloc(prog.bf_len * sizeof(struct bpf_insn));
		memcpy(prog.bf_insns, data + 1, prog.bf_len * sizeof(struct bpf_insn));
		n = dpf_from_bpf(prog.bf_insns, prog.bf_len, conj, DPF_BPF_MAX_CONJ, err, sizeof err);
	}
	valid = bpf_validate(prog.bf_insns, (int)prog.bf_len);
	if (n >= 0) {
		struct dpf_code c = { .words = code, .cap = sizeof code / 4, .addr = DPF_SIM_CODE };
		dpf_init(&d);
		for (int i = 0; i < n; i++) {
			int r = dpf_insert(&d, conj[i].a, conj[i].n, 0);
			if (r < 0 && r != DPF_E_DUP && r != DPF_E_CONTRA)
				goto out;               /* refused (e.g. an offset too far): fine */
		}
		if (dpf_gen(&d, &c) || dpf_sim_load(sim, &c, err, sizeof err))
			goto out;
		for (int k = 0; k < 16; k++) {
			uint8_t f[128];
			uint32_t len = frame(f);
			int want = dpf_demux_interp(&d, f, len), got;
			uint64_t cyc;
			if (valid && (want != 0) != (bpf_filter(prog.bf_insns, f, len, len) != 0)) {
				fprintf(stderr, "fuzz_dpf: frame %d (%u bytes): DPF %s, BPF %s\n", k, len,
				        want ? "accepts" : "rejects", want ? "rejects" : "accepts");
				abort();
			}
			if (dpf_sim_run(sim, f, len, 1, &got, &cyc, err, sizeof err) || got != want) {
				fprintf(stderr, "fuzz_dpf: frame %d: generated code %d, interpreter %d: %s\n",
				        k, got, want, err);
				abort();
			}
		}
	}
out:
	if (data[0] & 1)
		free(prog.bf_insns);
	else
		pcap_freecode(&prog);
	return 0;
}
