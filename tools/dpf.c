/*
 * dpf.c: build/dpf, DPF from the command line (docs/DPF.md).
 *
 *   dpf [options] FILTER...             each filter (tcpdump syntax) compiled by
 *                                       pcap_compile, translated to DPF atoms and
 *                                       merged; prints the filters' atoms, the trie
 *                                       and the generated R3000 code, disassembled
 *   dpf [options] --pcap FILE FILTER... classify every frame of an Ethernet capture
 *                                       by running the generated code on the
 *                                       simulator core: "N ID" per frame (frames
 *                                       from 1, filters from 1 as given, 0: none)
 * Options:
 *   --check        with --pcap: also run the interpreter and libpcap's BPF
 *                  (pcap_offline_filter) on each frame; exit 1 on a disagreement
 *   --machine P    machine profile for the cycle counts (default dec5000)
 *   --cycles       with --pcap: print the cycles of each classification too
 *   --align N      the message address modulo 4 the code assumes (0 or 2)
 *   --bpf          print each filter's BPF program (as libpcap lists it) too
 * Exit status: 0; 1 bad usage, file or disagreement; 2 a filter that cannot
 * be a DPF filter (the message names the construct).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exosim.h"
#include "dpf.h"
#include "dpf_bpf.h"
#include "dpf_sim.h"

#define MAX_USER 256

static int show_bpf;

static struct dpf d;
static uint32_t words[65534];
static int owner[DPF_MAX_FILTERS + 1];      /* DPF id -> user filter (1..) */
static struct bpf_program bpf[MAX_USER];

static void usage(void)
{
	fprintf(stderr, "usage: dpf [--machine P] [--align N] [--bpf] [--pcap FILE [--check] [--cycles]] FILTER...\n");
	exit(1);
}

static void print_atom(const struct dpf_atom *a)
{
	if (a->op == DPF_CMP)
		printf("(%u:%u & 0x%x) == 0x%x", a->off, a->size, a->mask, a->val);
	else if (a->size)
		printf("SHIFT(%u + ((%u:%u & 0x%x) << %u))", a->add, a->off, a->size, a->mask, a->lsh);
	else
		printf("SHIFT(%u)", a->add);
}

/* The trie, one node a line, indented by level. */
static void print_level(int n, int depth)
{
	for (; n >= 0; n = d.node[n].next) {
		const struct dpf_node *p = &d.node[n];
		if (!p->x.op) {
			printf("%*saccept filter %d (dpf id %u)\n", 2 * depth, "", owner[p->fid], p->fid);
			continue;
		}
		for (int e = p->edges; e >= 0; e = d.edge[e].next) {
			struct dpf_atom a = p->x;
			a.val = d.edge[e].val;
			printf("%*s", 2 * depth, "");
			print_atom(&a);
			printf("  [refs %u]\n", d.edge[e].refs);
			print_level(d.edge[e].child, depth + 1);
		}
	}
}

/* Names for the generated code's addresses: the return sequences by
 * what they return, the rest as offsets into demux. */
static const char *sym(void *arg, uint32_t addr, char *buf, size_t n)
{
	const struct dpf_code *c = arg;
	uint32_t i = (addr - c->addr) / 4;

	if (addr < c->addr || addr >= c->addr + 4 * c->n || addr & 3)
		return NULL;
	if (i + 1 < c->ncode && c->words[i] == 0x03e00008u && (c->words[i + 1] >> 16) == 0x3402u) {
		unsigned id = c->words[i + 1] & 0xffff;
		if (id)
			snprintf(buf, n, "accept_%d", owner[id]);
		else
			snprintf(buf, n, "reject");
	} else {
		snprintf(buf, n, "demux+0x%x", addr - c->addr);
	}
	return buf;
}

static void print_code(const struct dpf_code *c)
{
	struct disasm_syms s = { sym, (void *)c, 0, 0 };
	char buf[128], name[64];

	printf("generated code: %u words (instructions and dispatch tables) at 0x%08x; %u bounds checks, "
	       "%u atoms coalesced, %u hash tables, %u direct dispatches, %u delay slots filled\n",
	       c->n, c->addr, c->bounds_checks,
	       c->coalesced, c->hash_tables, c->direct_dispatch, c->filled_slots);
	for (uint32_t i = 0; i < c->n; i++) {
		uint32_t pc = c->addr + 4 * i;
		const char *nm = sym((void *)c, pc, name, sizeof name);
		if (i == 0 || (nm && strncmp(nm, "demux", 5)))
			printf("%s:\n", i == 0 ? "demux" : nm);
		printf("  %08x  %08x  %s\n", pc, c->words[i], mips_disasm_sym(c->words[i], pc, &s, buf, sizeof buf));
	}
}

/* Compile the user's filters into the trie; exits 2 on a refusal. */
static int compile(char **expr, int nexpr)
{
	static struct dpf_conj conj[DPF_BPF_MAX_CONJ];
	char err[512];
	int total = 0;

	dpf_init(&d);
	for (int u = 0; u < nexpr; u++) {
		int n = dpf_from_tcpdump(expr[u], conj, DPF_BPF_MAX_CONJ, &bpf[u], err, sizeof err);
		if (show_bpf && bpf[u].bf_insns)
			for (unsigned k = 0; k < bpf[u].bf_len; k++)
				printf("bpf %d: %s\n", u + 1, bpf_image(&bpf[u].bf_insns[k], (int)k));
		if (n < 0) {
			fprintf(stderr, "dpf: filter %d '%s': %s\n", u + 1, expr[u], err);
			exit(2);
		}
		for (int i = 0; i < n; i++) {
			int id = dpf_insert(&d, conj[i].a, conj[i].n, 0);
			/* a conjunction equal to an earlier one (that one accepts for it)
			 * or never true adds nothing */
			if (id == DPF_E_DUP || id == DPF_E_CONTRA)
				continue;
			if (id < 0) {
				fprintf(stderr, "dpf: filter %d '%s': %s\n", u + 1, expr[u], dpf_strerror(id));
				exit(2);
			}
			owner[id] = u + 1;
			total++;
		}
	}
	return total;
}

static void print_filters(char **expr, int nexpr)
{
	for (int u = 1; u <= nexpr; u++) {
		printf("filter %d: %s\n", u, expr[u - 1]);
		for (int id = 1; id <= DPF_MAX_FILTERS; id++) {
			if (!d.f[id].used || owner[id] != u)
				continue;
			printf("  dpf id %d:", id);
			for (int i = 0; i < d.f[id].n; i++) {
				printf(i ? " && " : " ");
				print_atom(&d.f[id].a[i]);
			}
			printf("\n");
		}
	}
}

/* Classify each frame of `file`; with check, hold the code to the
 * interpreter and to libpcap.  The number of disagreements. */
static int classify(const char *file, const char *profile, int nexpr, int check, int cycles,
                    const struct dpf_code *c)
{
	char err[PCAP_ERRBUF_SIZE + 256];
	struct dpf_sim *s = dpf_sim_new(profile, err, sizeof err);
	pcap_t *p = pcap_open_offline(file, err);
	struct pcap_pkthdr *h;
	const u_char *data;
	int r, bad = 0;
	long frame = 0;

	if (!p || !s || dpf_sim_load(s, c, err, sizeof err)) {
		fprintf(stderr, "dpf: %s: %s\n", file, err);
		exit(1);
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		fprintf(stderr, "dpf: %s: not an Ethernet capture\n", file);
		exit(1);
	}
	while ((r = pcap_next_ex(p, &h, &data)) == 1) {
		int got, user;
		uint64_t cyc;
		frame++;
		if (dpf_sim_run(s, data, h->caplen, check, &got, &cyc, err, sizeof err)) {
			fprintf(stderr, "dpf: frame %ld: %s\n", frame, err);
			exit(1);
		}
		user = got > 0 && got <= DPF_MAX_FILTERS ? owner[got] : 0;
		if (cycles)
			printf("%ld %d %llu\n", frame, user, (unsigned long long)cyc);
		else
			printf("%ld %d\n", frame, user);
		if (check) {
			int interp = dpf_demux_interp(&d, data, h->caplen), any = 0, mine = 0;
			for (int u = 0; u < nexpr; u++) {
				int acc = pcap_offline_filter(&bpf[u], h, data) != 0;
				any |= acc;
				mine |= acc && user == u + 1;
			}
			if (interp != got || (user ? !mine : any)) {
				fprintf(stderr, "dpf: frame %ld (%u bytes): generated code %d, interpreter %d, "
				        "libpcap %s\n", frame, h->caplen, got, interp,
				        any ? (mine ? "agrees" : "accepts it for other filters") : "accepts it for none");
				bad++;
			}
		}
	}
	if (r == PCAP_ERROR) {
		fprintf(stderr, "dpf: %s: %s\n", file, pcap_geterr(p));
		exit(1);
	}
	pcap_close(p);
	dpf_sim_free(s);
	if (check)
		fprintf(stderr, "dpf: %ld frames, generated code, interpreter and libpcap %s\n", frame,
		        bad ? "DISAGREE" : "agree");
	return bad;
}

int main(int argc, char **argv)
{
	const char *pcap = NULL, *profile = "dec5000";
	int check = 0, cycles = 0, i;
	struct dpf_code c = { .words = words, .cap = sizeof words / 4, .addr = DPF_SIM_CODE };

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--pcap") && i + 1 < argc)
			pcap = argv[++i];
		else if (!strcmp(argv[i], "--machine") && i + 1 < argc)
			profile = argv[++i];
		else if (!strcmp(argv[i], "--align") && i + 1 < argc)
			c.msg_align = (uint32_t)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--bpf"))
			show_bpf = 1;
		else if (!strcmp(argv[i], "--cycles"))
			cycles = 1;
		else
			usage();
	}
	if (i >= argc || argc - i > MAX_USER || (c.msg_align != 0 && c.msg_align != 2))
		usage();
	compile(argv + i, argc - i);
	if (dpf_gen(&d, &c)) {
		fprintf(stderr, "dpf: the generated code does not fit in %u words\n", c.cap);
		return 1;
	}
	if (!pcap) {
		print_filters(argv + i, argc - i);
		printf("trie:\n");
		print_level(d.root, 1);
		print_code(&c);
		return 0;
	}
	return classify(pcap, profile, argc - i, check, cycles, &c) ? 1 : 0;
}
