/*
 * front/main.c: the `sim` program.
 *
 *   sim [options] kernel.elf [module ...] [-- boot arguments]
 *
 * Loads the kernel and the boot modules, boots, runs, and exits with
 * the guest's halt status or one of the SIM_EXIT_* codes (exosim.h),
 * always with a message on stderr for the latter.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "../exosim.h"
#include "../profile.h"
#include "../trace.h"
#include "display.h"
#include "gdbstub.h"
#include "tui.h"

struct options {
	struct sim_config cfg;
	uint64_t max_cycles;
	bool stats;
	bool check_hazards;
	const char *kernel;
	const char **modules;
	int nmodules;
	char *cmdline;
	const char *machine;     /* --machine, default dec5000 */
	const char *mparams[32]; /* --machine-param, applied after it */
	int nmparams;
	bool debug;          /* --debug: the TUI debugger */
	int debug_input;     /* --debug: the guest console input pipe's write end */
	int gdb_port;        /* --gdb PORT: the gdb stub, 0 if none */
	struct trace_config trace;     /* --trace and friends */
	bool tracing;
	struct profile_config prof;    /* --profile and friends */
	struct display_config view;    /* --screenshot, --display */
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
"  --mem SIZE          guest RAM, e.g. 32M (1M..256M; default 32M)\n"
"  --max-cycles N      stop after N cycles (exit status 200)\n"
"  --stats             print instruction, cycle and exception counts\n"
"  --check-hazards     report code that relies on R3000 pipeline hazards\n"
"  --wedge-limit N     identical exceptions in a row that count as wedged\n"
"                      (default 10000)\n"
"  --no-console        do not copy guest console output to stdout\n"
"  --seed N            64-bit boot seed passed to the guest (boot block), from\n"
"                      which the exokernel derives its capability key; decimal\n"
"                      or 0x-hex (default 0x45584f53494d3935)\n"
"  --machine NAME      dec5000 (default), dec3100, dec2100 or ideal (no\n"
"                      memory model); 'help' lists them and their values\n"
"  --machine-param NAME=VALUE  override one timing parameter\n"
"  --check-icache      report instructions run from a stale I-cache line\n"
"  --disk [N:]FILE     an image for the testmips disk, id N (0..7) or the\n"
"                      lowest free id; repeatable; writes go to FILE\n"
"  --disk-snapshot     keep the disks' writes in memory; the files stay as they are\n"
"  --net SPEC          the Ethernet's connections, repeatable (docs/NET.md):\n"
"                      none (the default: frames sent are counted and dropped),\n"
"                      pcap-out=FILE, pcap-in=FILE (replayed at its times),\n"
"                      link=SOCKET (a segment served by simnet), tap=IFNAME\n"
"  --net-speed BITS    the wire's bits/s, e.g. 10M (default), 100M\n"
"  --net-latency T     one-way latency after the last bit, e.g. 5us (default 0)\n"
"  --net-mac MAC       the NIC's address (default 10:20:30:00:00:10, as GXemul)\n"
"  --interlock-loads   NOT the R3000: a load's (and MFC0's) result is ready for the\n"
"                      next instruction, as on MIPS II+, gxemul, QEMU; the load-delay\n"
"                      hazards the run relied on are listed at exit\n"
"  --debug             run under the TUI debugger (needs a terminal)\n"
"  --gdb PORT          wait for gdb on 127.0.0.1:PORT (docs/DEBUGGING.md)\n"
"  --trace FILE        record events and latency spans (docs/TRACING.md)\n"
"  --trace-format F    csv, json (Perfetto/Chrome) or summary; default\n"
"                      from FILE: .json, .txt (summary), else csv\n"
"  --trace-filter F    kinds=K,K... | addr=LO-HI | asid=N | cycles=FROM-TO\n"
"  --trace-ring N      keep only the last N events\n"
"  --trace-summary     print the span table to stderr at the end\n"
"  --probe NAME=WHERE  an event when the PC reaches SYMBOL[+OFF] or 0xADDR\n"
"  --span NAME=FROM,TO a span between markers (ids) or probes (names)\n"
"  --profile FILE      exact cycle profile by instruction and function\n"
"  --profile-format F  text, callgrind or folded; default from FILE\n"
"  --profile-top N     functions in the text report (default 20)\n"
"  --profile-from SYM  start charging when the PC reaches SYM\n"
"  --profile-to SYM    stop charging when the PC reaches SYM\n"
"  --screenshot FILE@CYCLE  write the framebuffer as a PNG at that cycle of\n"
"                      virtual time, or FILE@end when the run stops; repeatable\n"
"  --display           show the framebuffer in a window (SDL2); keys typed there\n"
"                      are console input; closing it stops the machine (204)\n"
"  --display-scale N   the window's initial scale, 1..4 (default 1)\n"
"  --display-hold      keep the window open after the machine stops, until closed\n"
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

/* --seed: a 64-bit number, decimal or 0x-hex (no sign, no octal, so
 * that "010" is ten); 0, or -1 when malformed or out of range. */
static int parse_seed(const char *s, uint64_t *out)
{
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = hex ? s + 2 : s;
	char *end;

	if (!(hex ? isxdigit((unsigned char)*digits) : isdigit((unsigned char)*digits)))
		return -1;
	errno = 0;
	*out = strtoull(digits, &end, hex ? 16 : 10);
	return (errno || *end) ? -1 : 0;
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

/* The profile (dec5000 unless --machine said otherwise), then each
 * --machine-param in order, whatever their order on the command line. */
static int apply_machine(struct options *o)
{
	char err[256];

	if (sim_machine_profile(&o->cfg, o->machine ? o->machine : "dec5000", err, sizeof err))
		return bad_input("--machine: %s", err);
	for (int i = 0; i < o->nmparams; i++)
		if (sim_machine_param(&o->cfg, o->mparams[i], err, sizeof err))
			return bad_input("--machine-param: %s", err);
	return 0;
}

enum { O_MEM = 256, O_MAXCYC, O_STATS, O_HAZ, O_WEDGE, O_NOCON, O_VERSION, O_DEBUG, O_GDB,
       O_MACHINE, O_MPARAM, O_CHKI, O_TRACE, O_TFMT, O_TFILT, O_TRING, O_TSUM, O_PROBE,
       O_SPAN, O_PROF, O_PFMT, O_PTOP, O_PFROM, O_PTO, O_SEED, O_DISK, O_DISKSNAP,
       O_INTERLOCK, O_NET, O_NETSPEED, O_NETLAT, O_NETMAC, O_SHOT, O_DISPLAY, O_DSCALE,
       O_DHOLD };

/* The --trace and --profile options; 0, or the bad-input status. */
static int trace_option(struct options *o, int c, const char *arg)
{
	char err[256];
	uint64_t v;
	int r = 0;

	switch (c) {
	case O_TRACE: o->trace.path = arg; break;
	case O_TFMT: r = trace_set_format(&o->trace, arg, err, sizeof err); break;
	case O_TFILT: r = trace_add_filter(&o->trace, arg, err, sizeof err); break;
	case O_TRING:
		if (parse_u64(arg, &v) || v == 0)
			return bad_input("--trace-ring: '%s' is not a positive count", arg);
		o->trace.ring = v;
		break;
	case O_TSUM: o->trace.summary = true; break;
	case O_PROBE: r = trace_add_probe(&o->trace, arg, err, sizeof err); break;
	case O_SPAN: r = trace_add_span(&o->trace, arg, err, sizeof err); break;
	case O_PROF: o->prof.path = arg; break;
	case O_PFMT: r = profile_set_format(&o->prof, arg, err, sizeof err); break;
	case O_PTOP:
		if (parse_u64(arg, &v) || v == 0 || v > 100000)
			return bad_input("--profile-top: '%s' is not a count (1..100000)", arg);
		o->prof.top = (int)v;
		break;
	case O_PFROM: o->prof.from = arg; break;
	case O_PTO: o->prof.to = arg; break;
	}
	if (r)
		return bad_input("%s", err);
	if (c != O_PROF && c != O_PFMT && c != O_PTOP && c != O_PFROM && c != O_PTO)
		o->tracing = true;
	return 0;
}

/* --disk [N:]FILE: the image of disk N, or of the lowest free id (as
 * gxemul's -d); 0, or the bad-input status. */
static int disk_option(struct sim_config *cfg, const char *arg)
{
	const int n = (int)(sizeof cfg->disk_path / sizeof cfg->disk_path[0]);
	int id = 0;

	if (arg[0] >= '0' && arg[0] < '0' + n && arg[1] == ':') {
		id = arg[0] - '0';
		arg += 2;
		if (cfg->disk_path[id])
			return bad_input("--disk: disk id %s is given twice", (char[]){ (char)('0' + id), 0 });
	} else {
		while (id < n && cfg->disk_path[id])
			id++;
		if (id == n)
			return bad_input("--disk %s: all 8 disk ids are taken", arg);
	}
	if (!*arg)
		return bad_input("%s", "--disk: no image file named");
	cfg->disk_path[id] = arg;
	return 0;
}

/* --net SPEC; 0, or the bad-input status. */
static int net_option(struct sim_config *cfg, const char *arg)
{
	static const struct { const char *key; size_t off; } kinds[] = {
		{ "pcap-out=", offsetof(struct sim_config, net_pcap_out) },
		{ "pcap-in=", offsetof(struct sim_config, net_pcap_in) },
		{ "link=", offsetof(struct sim_config, net_link) },
		{ "tap=", offsetof(struct sim_config, net_tap) },
	};

	if (strcmp(arg, "none") == 0)
		return 0;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t k = strlen(kinds[i].key);
		const char **slot = (const char **)((char *)cfg + kinds[i].off);
		if (strncmp(arg, kinds[i].key, k))
			continue;
		if (!arg[k])
			return bad_input("--net %s: no file, socket or interface named", arg);
		if (*slot)
			return bad_input("--net %s: given twice", kinds[i].key);
		*slot = arg + k;
		return 0;
	}
	return bad_input("--net: '%s' is not none, pcap-out=FILE, pcap-in=FILE, "
	                 "link=SOCKET or tap=IFNAME", arg);
}

/* "10M", "100000000", "1G": bits/s; "5us", "200ns", "1ms", "0": ns.
 * 0, or -1 when malformed. */
static int parse_scaled(const char *s, const char *const *units, const uint64_t *scale,
                        uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	for (int i = 0; units[i]; i++)
		if (strcmp(end, units[i]) == 0) {
			if (scale[i] && v > UINT64_MAX / scale[i])
				return -1;
			*out = v * scale[i];
			return 0;
		}
	return -1;
}

static int net_number_option(struct sim_config *cfg, int c, const char *arg)
{
	static const char *const speed_units[] = { "", "k", "K", "M", "G", NULL };
	static const uint64_t speed_scale[] = { 1, 1000, 1000, 1000000, 1000000000 };
	static const char *const time_units[] = { "ns", "us", "ms", "s", NULL };
	static const uint64_t time_scale[] = { 1, 1000, 1000000, 1000000000 };
	uint64_t v;

	if (c == O_NETSPEED) {
		if (parse_scaled(arg, speed_units, speed_scale, &v) || v == 0 ||
		    v > 100000000000ull)
			return bad_input("--net-speed: '%s' is not a speed of 1 .. 100G bits/s "
			                 "(e.g. 10M)", arg);
		cfg->net_speed = v;
	} else if (c == O_NETLAT) {
		v = 0;
		if ((strcmp(arg, "0") && parse_scaled(arg, time_units, time_scale, &v)) ||
		    v > 1000000000000ull)
			return bad_input("--net-latency: '%s' is not a time with its unit, "
			                 "ns, us, ms or s, up to 1000 s (e.g. 5us)", arg);
		cfg->net_latency_ns = v;
	} else if (sim_parse_mac(arg, cfg->net_mac) || (cfg->net_mac[0] & 1)) {
		return bad_input("--net-mac: '%s' is not a unicast MAC address "
		                 "(aa:bb:cc:dd:ee:ff, bit 0 of the first byte clear)", arg);
	}
	return 0;
}

/* --screenshot, --display and friends; 0, or the bad-input status.
 * The window's keys reach the guest by a pipe, as the TUI's do. */
static int display_option(struct options *o, int c, char *arg)
{
	char err[256];
	uint64_t v;
	int p[2];

	switch (c) {
	case O_SHOT:
		if (display_add_shot(&o->view, arg, err, sizeof err))
			return bad_input("%s", err);
		break;
	case O_DISPLAY:
		if (o->view.window)
			break;
		if (pipe(p))
			return bad_input("--display: %s", strerror(errno));
		fcntl(p[1], F_SETFL, O_NONBLOCK);
		o->view.window = true;
		o->view.key_fd = p[1];
		o->cfg.console_in_fd = p[0];
		break;
	case O_DSCALE:
		if (parse_u64(arg, &v) || v < 1 || v > 4)
			return bad_input("--display-scale: '%s' is not 1..4", arg);
		o->view.scale = (int)v;
		break;
	case O_DHOLD: o->view.hold = true; break;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "mem", required_argument, 0, O_MEM },
		{ "max-cycles", required_argument, 0, O_MAXCYC },
		{ "stats", no_argument, 0, O_STATS },
		{ "check-hazards", no_argument, 0, O_HAZ },
		{ "wedge-limit", required_argument, 0, O_WEDGE },
		{ "no-console", no_argument, 0, O_NOCON },
		{ "seed", required_argument, 0, O_SEED },
		{ "machine", required_argument, 0, O_MACHINE },
		{ "machine-param", required_argument, 0, O_MPARAM },
		{ "check-icache", no_argument, 0, O_CHKI },
		{ "disk", required_argument, 0, O_DISK },
		{ "disk-snapshot", no_argument, 0, O_DISKSNAP },
		{ "interlock-loads", no_argument, 0, O_INTERLOCK },
		{ "net", required_argument, 0, O_NET },
		{ "net-speed", required_argument, 0, O_NETSPEED },
		{ "net-latency", required_argument, 0, O_NETLAT },
		{ "net-mac", required_argument, 0, O_NETMAC },
		{ "debug", no_argument, 0, O_DEBUG },
		{ "gdb", required_argument, 0, O_GDB },
		{ "trace", required_argument, 0, O_TRACE },
		{ "trace-format", required_argument, 0, O_TFMT },
		{ "trace-filter", required_argument, 0, O_TFILT },
		{ "trace-ring", required_argument, 0, O_TRING },
		{ "trace-summary", no_argument, 0, O_TSUM },
		{ "probe", required_argument, 0, O_PROBE },
		{ "span", required_argument, 0, O_SPAN },
		{ "profile", required_argument, 0, O_PROF },
		{ "profile-format", required_argument, 0, O_PFMT },
		{ "profile-top", required_argument, 0, O_PTOP },
		{ "profile-from", required_argument, 0, O_PFROM },
		{ "profile-to", required_argument, 0, O_PTO },
		{ "screenshot", required_argument, 0, O_SHOT },
		{ "display", no_argument, 0, O_DISPLAY },
		{ "display-scale", required_argument, 0, O_DSCALE },
		{ "display-hold", no_argument, 0, O_DHOLD },
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
			/* RAM lies below the devices at physical 0x10000000. */
			if (size < (1 << 20) || size > (256ll << 20) || (size & 0xfff))
				return bad_input("--mem %s: RAM must be 1M..256M, in 4K units "
				                 "(the devices start at physical 0x10000000)", optarg);
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
		case O_SEED:
			if (parse_seed(optarg, &o->cfg.boot_seed))
				return bad_input("--seed: '%s' is not a 64-bit number "
				                 "(decimal, or hex with 0x)", optarg);
			break;
		case O_MACHINE:
			if (strcmp(optarg, "help") == 0) {
				sim_machine_list(stdout);
				exit(0);
			}
			o->machine = optarg;
			break;
		case O_MPARAM:
			if (o->nmparams == (int)(sizeof o->mparams / sizeof o->mparams[0]))
				return bad_input("%s", "too many --machine-param options");
			o->mparams[o->nmparams++] = optarg;
			break;
		case O_CHKI: o->cfg.check_icache = true; break;
		case O_DISK:
			if (disk_option(&o->cfg, optarg))
				return SIM_EXIT_BAD_INPUT;
			break;
		case O_DISKSNAP: o->cfg.disk_snapshot = true; break;
		case O_INTERLOCK: o->cfg.interlock_loads = true; break;
		case O_NET:
			if (net_option(&o->cfg, optarg))
				return SIM_EXIT_BAD_INPUT;
			break;
		case O_NETSPEED: case O_NETLAT: case O_NETMAC:
			if (net_number_option(&o->cfg, c, optarg))
				return SIM_EXIT_BAD_INPUT;
			break;
		case O_DEBUG: {
			/* The TUI owns the terminal: it shows console output
			 * itself and feeds typed input to the guest by a pipe. */
			int p[2];
			o->debug = true;
			o->cfg.console_echo = false;
			o->cfg.console_in_fd = -1;
			o->debug_input = -1;
			if (pipe(p) == 0) {
				o->cfg.console_in_fd = p[0];
				o->debug_input = p[1];
			}
			break;
		}
		case O_GDB: {
			uint64_t port;
			if (parse_u64(optarg, &port) || port == 0 || port > 65535)
				return bad_input("--gdb: '%s' is not a TCP port", optarg);
			o->gdb_port = (int)port;
			break;
		}
		case O_TRACE: case O_TFMT: case O_TFILT: case O_TRING: case O_TSUM:
		case O_PROBE: case O_SPAN: case O_PROF: case O_PFMT: case O_PTOP:
		case O_PFROM: case O_PTO:
			if (trace_option(o, c, optarg))
				return SIM_EXIT_BAD_INPUT;
			break;
		case O_SHOT: case O_DISPLAY: case O_DSCALE: case O_DHOLD:
			if (display_option(o, c, optarg))
				return SIM_EXIT_BAD_INPUT;
			break;
		case 'h': usage(stdout); exit(0);
		case O_VERSION: puts("exosim sim " EXOSIM_VERSION); exit(0);
		case '?':
		default:
			if (optopt > 0 && optopt < 128 && isprint(optopt))
				return bad_input("unknown or incomplete option '-%s'",
				                 (char[]){ (char)optopt, 0 });
			return bad_input("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (apply_machine(o))
		return SIM_EXIT_BAD_INPUT;
	if ((o->view.window || o->view.nshots) && (o->debug || o->gdb_port))
		return bad_input("%s", "--display and --screenshot do not go with --debug or --gdb");
	if (!o->view.window && (o->view.scale || o->view.hold))
		return bad_input("%s", "--display-scale and --display-hold need --display");
	if (!o->view.scale)
		o->view.scale = 1;
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
	fprintf(stderr, "machine           %s\n", machine_config(m)->timing.name);
	if (machine_config(m)->timing.enabled) {
		fprintf(stderr, "I-cache misses    %" PRIu64 "\n", s->icache_misses);
		fprintf(stderr, "D-cache misses    %" PRIu64 "\n", s->dcache_misses);
		fprintf(stderr, "miss stalls       %" PRIu64 " cycles\n", s->miss_stall_cycles);
		fprintf(stderr, "uncached accesses %" PRIu64 "  (%" PRIu64 " cycles of reads)\n",
		        s->uncached_accesses, s->uncached_stall_cycles);
		fprintf(stderr, "wbuf stalls       %" PRIu64 " cycles\n", s->wbuf_stall_cycles);
		if (s->icache_stale)
			fprintf(stderr, "stale I-cache     %" PRIu64 " instructions\n",
			        s->icache_stale);
	}
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

/* Detach the observers (each writes its files on machine_finish, which
 * machine_free calls if no one did) and free everything. */
static void teardown(struct machine *m, struct options *o, struct hazard_checker *hz,
                     struct tracer *tr, struct profiler *pr)
{
	hazards_detach(m, hz);
	trace_detach(m, tr);
	profile_detach(m, pr);
	trace_config_free(&o->trace);
	machine_free(m);
	free(o->cmdline);
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct machine *m;
	struct hazard_checker *hz = NULL;
	struct tracer *tr = NULL;
	struct profiler *pr = NULL;
	char err[512];
	enum sim_stop why;
	double t0;
	int st;
	bool closed = false, view_failed = false;

	sim_config_default(&o.cfg);
	trace_config_init(&o.trace);
	profile_config_init(&o.prof);
	o.max_cycles = UINT64_MAX;
	st = parse_args(argc, argv, &o);
	if (st)
		return st;
	/* The bound holds under every front end (--debug, --gdb too). */
	o.cfg.max_cycles = o.max_cycles == UINT64_MAX ? 0 : o.max_cycles;
	m = machine_new(&o.cfg, err, sizeof err);
	if (!m) {
		fprintf(stderr, "sim: %s\n", err);
		trace_config_free(&o.trace);
		free(o.cmdline);
		return SIM_EXIT_BAD_INPUT;
	}
	if (machine_load_kernel(m, o.kernel, err, sizeof err))
		goto bad;
	for (int i = 0; i < o.nmodules; i++)
		if (machine_add_module(m, o.modules[i], err, sizeof err))
			goto bad;
	if (machine_boot(m, o.cmdline, err, sizeof err))
		goto bad;
	if (o.check_hazards || o.cfg.interlock_loads)
		hz = hazards_attach(m, stderr);
	if (o.tracing && !(tr = trace_attach(m, &o.trace, err, sizeof err)))
		goto bad;
	if (o.prof.path && !(pr = profile_attach(m, &o.prof, err, sizeof err)))
		goto bad;
	if (!o.prof.path && (o.prof.from || o.prof.to || o.prof.format_set)) {
		snprintf(err, sizeof err, "--profile-format, --profile-from and --profile-to "
		         "need --profile FILE");
		goto bad;
	}

	if ((o.debug || o.gdb_port) && machine_net_paced(m)) {
		snprintf(err, sizeof err, "--net link and tap run under their own pacing, "
		         "not under --debug or --gdb");
		goto bad;
	}
	if ((o.view.window || o.view.nshots) && machine_net_paced(m)) {
		snprintf(err, sizeof err, "--net link and tap run under their own pacing, "
		         "not with --display or --screenshot (yet)");
		goto bad;
	}
	if (o.debug || o.gdb_port) {
		running = o.gdb_port ? m : NULL;
		signal(SIGINT, on_signal);
		st = o.debug ? tui_run(m, o.debug_input) : gdbstub_run(m, o.gdb_port);
		machine_finish(m);
		teardown(m, &o, hz, tr, pr);
		return st;
	}

	running = m;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	t0 = now_s();
	if (o.view.window || o.view.nshots)
		why = display_run(m, &o.view, o.max_cycles, &closed, &view_failed);
	else
		why = machine_run_net(m, o.max_cycles);
	running = NULL;
	machine_finish(m);
	if (o.stats)
		print_stats(m, now_s() - t0);
	if (hz && hazards_count(hz))
		fprintf(stderr, "sim: %u hazard site(s) found\n", hazards_count(hz));
	if (hz && o.cfg.interlock_loads)
		fprintf(stderr, "sim: --interlock-loads: the run relied on %u load-delay "
		        "hazard site(s)%s; the R3000 gives such an instruction the "
		        "register's old value\n", hazards_load_delay_count(hz),
		        hazards_load_delay_count(hz) ? " (listed above)" : "");
	if (closed)
		fprintf(stderr, "sim: display window closed at cycle %" PRIu64 "\n",
		        machine_cpu(m)->cycle);
	if (o.view.window_failed)
		st = SIM_EXIT_BAD_INPUT;     /* no display to open: said why */
	else
		st = closed ? SIM_EXIT_INTERRUPTED : exit_status(m, why, o.max_cycles);
	if ((trace_error(tr) || profile_error(pr) || view_failed) && st < SIM_EXIT_CYCLE_LIMIT)
		st = SIM_EXIT_INTERNAL;
	teardown(m, &o, hz, tr, pr);
	return st;
bad:
	fprintf(stderr, "sim: %s\n", err);
	teardown(m, &o, hz, tr, pr);
	return SIM_EXIT_BAD_INPUT;
}
