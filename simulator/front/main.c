/*
 * front/main.c: the `sim` program.
 *
 *   sim [options] kernel.elf [module ...] [-- boot arguments]
 *
 * Loads the kernel and the boot modules, boots, runs, and exits with
 * the guest's halt status or one of the SIM_EXIT_* codes (exosim.h),
 * always with a message on stderr for the latter.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../exosim.h"

struct options {
	struct sim_config cfg;
	uint64_t max_cycles;
	bool stats;
	bool check_hazards;
	const char *kernel;
	const char **modules;
	int nmodules;
	char *cmdline;
};

static struct machine *running;

static void on_signal(int sig)
{
	(void)sig;
	if (running)
		machine_request_stop(running, STOP_USER);
}

static void usage(FILE *f)
{
	fputs(
"usage: sim [options] kernel.elf [module ...] [-- boot arguments]\n"
"\n"
"Run a MIPS R3000 machine (GXemul testmips devices) from a kernel ELF.\n"
"Modules are placed in RAM after the kernel and listed in the boot-\n"
"information block; words after -- form its command line.\n"
"\n"
"options:\n"
"  --mem SIZE          guest RAM, e.g. 32M (1M..512M; default 32M)\n"
"  --max-cycles N      stop after N cycles (exit status 200)\n"
"  --stats             print instruction, cycle and exception counts\n"
"  --check-hazards     report code that relies on R3000 pipeline hazards\n"
"  --wedge-limit N     identical exceptions in a row that count as wedged\n"
"                      (default 10000)\n"
"  --no-console        do not copy guest console output to stdout\n"
"  -h, --help          this text\n"
"  --version           the version\n"
"\n"
"exit status: the guest's halt status (0..199); 200 cycle limit reached;\n"
"201 guest wedged; 202 bad input; 203 internal error; 204 interrupted.\n",
	      f);
}

static int bad_input(const char *fmt, const char *arg)
{
	fprintf(stderr, "sim: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nsim: try 'sim --help'\n");
	return SIM_EXIT_BAD_INPUT;
}

/* "32M", "65536", "1G": bytes, or -1 when malformed. */
static long long parse_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end == 'i' || *end == 'B')
		end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
	if (*end || v > (1ull << 40))
		return -1;
	return (long long)v;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return (errno || end == s || *end || *s == '-') ? -1 : 0;
}

/* Join argv[i..] with spaces. */
static char *join(int argc, char **argv, int i)
{
	size_t n = 1;
	char *s;

	for (int j = i; j < argc; j++)
		n += strlen(argv[j]) + 1;
	s = calloc(1, n);
	if (!s)
		return NULL;
	for (int j = i; j < argc; j++) {
		if (j > i)
			strcat(s, " ");
		strcat(s, argv[j]);
	}
	return s;
}

enum { O_MEM = 256, O_MAXCYC, O_STATS, O_HAZ, O_WEDGE, O_NOCON, O_VERSION };

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "mem", required_argument, 0, O_MEM },
		{ "max-cycles", required_argument, 0, O_MAXCYC },
		{ "stats", no_argument, 0, O_STATS },
		{ "check-hazards", no_argument, 0, O_HAZ },
		{ "wedge-limit", required_argument, 0, O_WEDGE },
		{ "no-console", no_argument, 0, O_NOCON },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, O_VERSION },
		{ 0, 0, 0, 0 },
	};
	int c, npos, dashdash = argc;
	long long size;

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			dashdash = i;
			break;
		}
	opterr = 0;
	while ((c = getopt_long(dashdash, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case O_MEM:
			size = parse_size(optarg);
			if (size < 0)
				return bad_input("--mem: '%s' is not a size (e.g. 32M)", optarg);
			if (size < (1 << 20) || size > (512ll << 20) || (size & 0xfff))
				return bad_input("--mem %s: RAM must be 1M..512M, in 4K units", optarg);
			o->cfg.mem_size = (uint32_t)size;
			break;
		case O_MAXCYC:
			if (parse_u64(optarg, &o->max_cycles) || o->max_cycles == 0)
				return bad_input("--max-cycles: '%s' is not a positive count", optarg);
			break;
		case O_STATS: o->stats = true; break;
		case O_HAZ: o->check_hazards = true; break;
		case O_WEDGE:
			if (parse_u64(optarg, &o->cfg.wedge_limit) || o->cfg.wedge_limit == 0)
				return bad_input("--wedge-limit: '%s' is not a positive count", optarg);
			break;
		case O_NOCON: o->cfg.console_echo = false; break;
		case 'h': usage(stdout); exit(0);
		case O_VERSION: puts("exosim sim " EXOSIM_VERSION); exit(0);
		case '?':
		default:
			if (optopt)
				return bad_input("unknown or incomplete option '-%c'",
				                 (char[]){ (char)optopt, 0 });
			return bad_input("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	npos = dashdash - optind;
	if (npos < 1)
		return bad_input("%s", "no kernel ELF given");
	o->kernel = argv[optind];
	o->modules = (const char **)&argv[optind + 1];
	o->nmodules = npos - 1;
	o->cmdline = join(argc, argv, dashdash + 1);
	return 0;
}

static void print_stats(struct machine *m, double host_s)
{
	const struct cpu_state *c = machine_cpu(m);
	const struct sim_stats *s = machine_stats(m);
	double mhz = machine_config(m)->clock_hz / 1e6;

	fprintf(stderr, "--- sim statistics ---\n");
	fprintf(stderr, "instructions      %" PRIu64 "\n", c->insns);
	fprintf(stderr, "cycles            %" PRIu64 "  (%.3f ms at %.3f MHz)\n", c->cycle,
	        c->cycle / mhz / 1000.0, mhz);
	fprintf(stderr, "CPI               %.4f\n", c->insns ? (double)c->cycle / c->insns : 0.0);
	fprintf(stderr, "mul/div stalls    %" PRIu64 " cycles\n", s->muldiv_stall_cycles);
	fprintf(stderr, "idle skipped      %" PRIu64 " cycles\n", s->idle_skipped_cycles);
	fprintf(stderr, "TLB writes        %" PRIu64 "\n", s->tlb_writes);
	fprintf(stderr, "UTLB misses       %" PRIu64 "\n", s->utlb_misses);
	fprintf(stderr, "TLB misses        %" PRIu64 "  (TLBL+TLBS, both vectors)\n",
	        s->exceptions[EXC_TLBL] + s->exceptions[EXC_TLBS]);
	for (unsigned i = 0; i < EXC_NCODES; i++)
		if (s->exceptions[i])
			fprintf(stderr, "exceptions %-6s %" PRIu64 "\n", exc_name(i), s->exceptions[i]);
	for (unsigned i = 0; i < 8; i++)
		if (s->interrupts[i])
			fprintf(stderr, "interrupts IP%u    %" PRIu64 "\n", i, s->interrupts[i]);
	if (host_s > 0)
		fprintf(stderr, "host              %.3f s, %.2f M instructions/s\n", host_s,
		        c->insns / host_s / 1e6);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Turn the stop reason into the exit status, with its message. */
static int exit_status(struct machine *m, enum sim_stop why, uint64_t max_cycles)
{
	const struct cpu_state *c = machine_cpu(m);
	int st;

	switch (why) {
	case STOP_HALT:
		st = machine_halt_status(m);
		if (st > SIM_EXIT_GUEST_MAX) {
			fprintf(stderr, "sim: guest halted with status %d, reported as %d\n",
			        st, SIM_EXIT_GUEST_MAX);
			st = SIM_EXIT_GUEST_MAX;
		}
		return st;
	case STOP_CYCLE_LIMIT:
		fprintf(stderr, "sim: cycle limit of %" PRIu64 " reached at pc 0x%08x\n",
		        max_cycles, c->pc);
		return SIM_EXIT_CYCLE_LIMIT;
	case STOP_WEDGED:
		fprintf(stderr, "sim: guest wedged: %s\n", machine_stop_message(m));
		return SIM_EXIT_WEDGED;
	case STOP_USER:
		fprintf(stderr, "sim: interrupted at cycle %" PRIu64 ", pc 0x%08x\n",
		        c->cycle, c->pc);
		return SIM_EXIT_INTERRUPTED;
	default:
		fprintf(stderr, "sim: internal error: %s\n", machine_stop_message(m));
		return SIM_EXIT_INTERNAL;
	}
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct machine *m;
	struct hazard_checker *hz = NULL;
	char err[512];
	enum sim_stop why;
	double t0;
	int st;

	sim_config_default(&o.cfg);
	o.max_cycles = UINT64_MAX;
	st = parse_args(argc, argv, &o);
	if (st)
		return st;
	m = machine_new(&o.cfg, err, sizeof err);
	if (!m) {
		fprintf(stderr, "sim: %s\n", err);
		return SIM_EXIT_BAD_INPUT;
	}
	if (machine_load_kernel(m, o.kernel, err, sizeof err))
		goto bad;
	for (int i = 0; i < o.nmodules; i++)
		if (machine_add_module(m, o.modules[i], err, sizeof err))
			goto bad;
	if (machine_boot(m, o.cmdline, err, sizeof err))
		goto bad;
	if (o.check_hazards)
		hz = hazards_attach(m, stderr);

	running = m;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	t0 = now_s();
	why = machine_run(m, o.max_cycles);
	running = NULL;
	machine_finish(m);
	if (o.stats)
		print_stats(m, now_s() - t0);
	if (hz && hazards_count(hz))
		fprintf(stderr, "sim: %u hazard site(s) found\n", hazards_count(hz));
	st = exit_status(m, why, o.max_cycles);
	hazards_detach(m, hz);
	machine_free(m);
	free(o.cmdline);
	return st;
bad:
	fprintf(stderr, "sim: %s\n", err);
	machine_free(m);
	free(o.cmdline);
	return SIM_EXIT_BAD_INPUT;
}
