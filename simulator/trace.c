/*
 * trace.c: the latency tracer (trace.h, docs/TRACING.md).
 *
 * Records come from three places: the machine's events (on_event), the
 * instruction hook (on_insn), which only compares the PC with a few
 * watched addresses (probes, the vector of a pending exception, the
 * instruction after an RFE, a faulting instruction to be retried), and
 * the span engine, which turns pairs of records into latency samples.
 * Records go to the file as they happen, or into a ring of the last N
 * that on_finish writes out.
 *
 * The hook is on only while something is watched (update_hook): from an
 * exception to its handler's first instruction, from an RFE to the next
 * one, while a passed-up miss waits for its retry, and always with
 * probes.  The rest of the time the machine runs its fast loop.  The
 * hook, not the events, gives those instructions' cycles because they
 * include the stall of fetching them (an I-cache miss at the vector).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gzout.h"
#include "hist.h"
#include "trace.h"

enum tkind {
	T_EXCEPTION, T_VECTOR, T_RESUME, T_USER, T_RFE, T_MODE, T_TLB_WRITE,
	T_TLB_PROBE, T_IRQ_RAISE, T_IRQ_TAKEN, T_IRQ_LOWER, T_DEVICE, T_MARKER,
	T_PROBE, T_PROFILE, T_DEBUG, T_HALT, T_SPAN, T_NKINDS
};

static const char *const kind_name[T_NKINDS] = {
	"exception", "vector", "resume", "user", "rfe", "mode", "tlbwrite",
	"tlbprobe", "irqraise", "irqtaken", "irqlower", "device", "marker",
	"probe", "profile", "debug", "halt", "span",
};

/* Filter groups accepted by --trace-filter kinds=... */
static const struct { const char *name; uint32_t mask; } kind_groups[] = {
	{ "exception", 1u << T_EXCEPTION }, { "vector", 1u << T_VECTOR },
	{ "resume", 1u << T_RESUME }, { "user", 1u << T_USER },
	{ "rfe", 1u << T_RFE }, { "mode", 1u << T_MODE },
	{ "tlb", (1u << T_TLB_WRITE) | (1u << T_TLB_PROBE) },
	{ "tlbwrite", 1u << T_TLB_WRITE }, { "tlbprobe", 1u << T_TLB_PROBE },
	{ "irq", (1u << T_IRQ_RAISE) | (1u << T_IRQ_TAKEN) | (1u << T_IRQ_LOWER) },
	{ "device", 1u << T_DEVICE }, { "marker", 1u << T_MARKER },
	{ "probe", 1u << T_PROBE }, { "profile", 1u << T_PROFILE },
	{ "debug", 1u << T_DEBUG }, { "halt", 1u << T_HALT },
	{ "span", 1u << T_SPAN },
};

/*
 * Tracks of the Chrome/Perfetto JSON output (its "tid"s): the spans of
 * one exception nest on their environment's track (the ASID when it was
 * taken); what can outlast the exception (a passed-up miss until its
 * retry, an exception until user mode is entered again, an interrupt
 * line's raise to its handler and acknowledgement) has a track of its
 * own, so that no two spans on a track overlap without nesting.
 */
enum {
	TRACK_EVENTS = 1,         /* instant events */
	TRACK_IRQ = 2,            /* + line: 2..9, raise -> acknowledged */
	TRACK_USPAN = 10,         /* + --span index: 10..25 */
	TRACK_IRQH = 30,          /* + line: 30..37, raise -> handler */
	TRACK_EXC = 100,          /* + ASID: the exception spans, nested */
	TRACK_RETRY = 200,        /* + ASID: passed-up miss -> retry */
	TRACK_TOUSER = 300,       /* + ASID: exception -> user mode */
	TRACK_MAX = 364,
};
_Static_assert(TRACK_USPAN + TRACE_MAX_SPANS <= TRACK_IRQH, "user span tracks fit");
#define PENDING_MAX 256       /* exception spans held back to be written nested */

enum exc_span_kind { ES_HANDLER, ES_RESUME, ES_RESUME4, ES_ELSEWHERE, ES_USER, ES_NKINDS };

struct rec {
	uint64_t cycle;
	uint64_t dur;             /* spans */
	uint16_t track;           /* spans: TRACK_* */
	uint8_t kind, user, asid, bd;
	uint32_t pc, code, epc, badvaddr, vector, index, hi, lo, arg;
	const char *name;         /* device, probe or span name; static or owned */
	const char *what;
};

/* A span's samples: an exact histogram, so a run of any length keeps
 * memory in proportion to the distinct latencies, not the samples. */
struct span_stat {
	char *name;
	struct hist *h;
};

/* An exception that has not yet been returned from. */
struct open_exc {
	uint64_t cycle, rfe_cycle;
	uint8_t asid;             /* when it was taken: its spans' track */
	uint32_t code, epc, vector;
	int line;                 /* interrupt line, -1 */
	bool user, utlb, rfe;
};

#define EXC_DEPTH   8
#define MAX_RETRY   8
#define NLINES      8
#define PROBE_SLOTS 64        /* open-addressed set, > 2 * TRACE_MAX_PROBES */
#define SYM_SLOTS   256       /* cache of formatted symbols (sym_of) */

struct sym_slot {
	uint32_t pc;
	bool valid;
	char name[96];
};

struct probe {
	char *name;
	uint32_t addr;
};

struct uspan {
	char *name;
	struct trace_endpoint from, to;
	bool open;
	uint64_t start;
	uint8_t asid;
};

struct tracer {
	/* what on_insn reads on every instruction, first */
	bool want_vector;         /* watch for the top exception's vector */
	bool after_rfe;           /* the next instruction is a resume */
	int nretry;
	int8_t probe_slot[PROBE_SLOTS];   /* first probe at an address, -1 */
	struct machine *m;
	struct trace_config cfg;
	FILE *f;
	int werr;
	uint32_t clock_hz;
	uint64_t nrecs;           /* records written or kept */
	uint64_t counts[T_NKINDS];
	/* ring mode */
	struct rec *ring;
	uint64_t ring_next;
	/* spans */
	struct span_stat *spans;
	int nspans;
	/* exception state */
	struct open_exc exc[EXC_DEPTH];
	int nexc;
	bool have_last_exc;       /* for the next user-mode entry */
	struct open_exc last_exc;
	uint64_t irq_raised[NLINES];   /* cycle + 1, 0 = not raised */
	struct { uint32_t epc; uint64_t cycle; uint8_t asid; } retry[MAX_RETRY];
	/* probes and user spans */
	struct probe probes[TRACE_MAX_PROBES];
	int nprobes;
	bool hook_on;             /* on_insn is switched on */
	struct uspan uspans[TRACE_MAX_SPANS];
	int nuspans;
	struct sym_slot syms[SYM_SLOTS];
	/* JSON: exception spans of the open exceptions, written outer first
	 * when none is open (flush_pending), and the tracks used */
	struct rec pending[PENDING_MAX];
	int npending;
	uint8_t track_used[TRACK_MAX];
	int16_t exc_spans[ES_NKINDS][32][2];   /* span index + 1, 0 = not named yet */
};

/* ---- configuration ------------------------------------------------ */

void trace_config_init(struct trace_config *tc)
{
	memset(tc, 0, sizeof *tc);
	tc->kinds = (1u << T_NKINDS) - 1;
	tc->addr_hi = UINT32_MAX;
	tc->asid = -1;
	tc->cycle_to = UINT64_MAX;
}

void trace_config_free(struct trace_config *tc)
{
	for (int i = 0; i < tc->nprobes; i++) {
		free(tc->probes[i].name);
		free(tc->probes[i].where);
	}
	for (int i = 0; i < tc->nspans; i++) {
		free(tc->spans[i].name);
		free(tc->spans[i].from);
		free(tc->spans[i].to);
	}
	tc->nprobes = tc->nspans = 0;
}

static int fail(char *err, size_t n, const char *fmt, const char *arg)
{
	snprintf(err, n, fmt, arg);
	return -1;
}

int trace_set_format(struct trace_config *tc, const char *s, char *err, size_t n)
{
	if (strcmp(s, "csv") == 0)
		tc->format = TRACE_CSV;
	else if (strcmp(s, "json") == 0)
		tc->format = TRACE_JSON;
	else if (strcmp(s, "summary") == 0)
		tc->format = TRACE_SUMMARY;
	else
		return fail(err, n, "--trace-format: '%s' is not csv, json or summary", s);
	tc->format_set = true;
	return 0;
}

static int parse_u64(const char *s, const char *end, uint64_t *v)
{
	char *e;

	if (s == end || *s == '-')
		return -1;
	errno = 0;
	*v = strtoull(s, &e, 0);
	return (errno || e != end) ? -1 : 0;
}

/* "LO-HI" with either side optional; both inclusive-exclusive as used. */
static int parse_range(const char *s, uint64_t *lo, uint64_t *hi)
{
	const char *dash = strchr(s, '-');

	if (!dash)
		return -1;
	if (dash > s && parse_u64(s, dash, lo))
		return -1;
	if (dash[1] && parse_u64(dash + 1, dash + 1 + strlen(dash + 1), hi))
		return -1;
	return 0;
}

static int parse_kinds(struct trace_config *tc, const char *s, char *err, size_t n)
{
	uint32_t mask = 0;
	char buf[32];

	while (*s) {
		size_t len = strcspn(s, ",");
		size_t i;

		if (len == 0 || len >= sizeof buf)
			return fail(err, n, "--trace-filter: bad kind list near '%s'", s);
		memcpy(buf, s, len);
		buf[len] = 0;
		for (i = 0; i < sizeof kind_groups / sizeof kind_groups[0]; i++)
			if (strcmp(buf, kind_groups[i].name) == 0)
				break;
		if (i == sizeof kind_groups / sizeof kind_groups[0])
			return fail(err, n, "--trace-filter: unknown event kind '%s' (see "
			            "docs/TRACING.md)", buf);
		mask |= kind_groups[i].mask;
		s += len + (s[len] == ',');
	}
	if (!mask)
		return fail(err, n, "--trace-filter: empty kind list%s", "");
	tc->kinds = mask;
	return 0;
}

int trace_add_filter(struct trace_config *tc, const char *s, char *err, size_t n)
{
	uint64_t lo = 0, hi = UINT64_MAX, v;

	if (strncmp(s, "kinds=", 6) == 0)
		return parse_kinds(tc, s + 6, err, n);
	if (strncmp(s, "addr=", 5) == 0) {
		hi = UINT32_MAX;
		if (parse_range(s + 5, &lo, &hi) || lo > hi || hi > UINT32_MAX)
			return fail(err, n, "--trace-filter: '%s': want addr=LO-HI", s);
		tc->addr_lo = (uint32_t)lo;
		tc->addr_hi = (uint32_t)hi;
		return 0;
	}
	if (strncmp(s, "asid=", 5) == 0) {
		if (parse_u64(s + 5, s + strlen(s), &v) || v > 63)
			return fail(err, n, "--trace-filter: '%s': ASID must be 0..63", s);
		tc->asid = (int)v;
		return 0;
	}
	if (strncmp(s, "cycles=", 7) == 0) {
		if (parse_range(s + 7, &lo, &hi) || lo >= hi)
			return fail(err, n, "--trace-filter: '%s': want cycles=FROM-TO", s);
		tc->cycle_from = lo;
		tc->cycle_to = hi;
		return 0;
	}
	return fail(err, n, "--trace-filter: '%s': want kinds=, addr=, asid= or cycles=", s);
}

/* "name=rest": both sides non-empty; returns 0 and copies (which the
 * caller frees), or -1 with nothing allocated. */
static int split_eq(const char *s, char **name, char **rest)
{
	const char *eq = strchr(s, '=');

	*name = *rest = NULL;
	if (!eq || eq == s || !eq[1])
		return -1;
	*name = strndup(s, (size_t)(eq - s));
	*rest = strdup(eq + 1);
	if (*name && *rest)
		return 0;
	free(*name);
	free(*rest);
	*name = *rest = NULL;
	return -1;
}

int trace_add_probe(struct trace_config *tc, const char *s, char *err, size_t n)
{
	int i = tc->nprobes;

	if (i == TRACE_MAX_PROBES)
		return fail(err, n, "--probe %s: too many probes", s);
	if (split_eq(s, &tc->probes[i].name, &tc->probes[i].where))
		return fail(err, n, "--probe '%s': want NAME=SYMBOL[+OFFSET] or NAME=0xADDR", s);
	for (int j = 0; j < i; j++)
		if (strcmp(tc->probes[j].name, tc->probes[i].name) == 0) {
			free(tc->probes[i].name);
			free(tc->probes[i].where);
			tc->probes[i].name = tc->probes[i].where = NULL;
			return fail(err, n, "--probe %s: the name is already used", s);
		}
	tc->nprobes++;
	return 0;
}

int trace_add_span(struct trace_config *tc, const char *s, char *err, size_t n)
{
	int i = tc->nspans;
	char *name, *rest, *comma;

	if (i == TRACE_MAX_SPANS)
		return fail(err, n, "--span %s: too many spans", s);
	if (split_eq(s, &name, &rest) || !(comma = strchr(rest, ',')) ||
	    comma == rest || !comma[1] || strchr(comma + 1, ',')) {
		free(name);
		free(rest);
		return fail(err, n, "--span '%s': want NAME=FROM,TO (markers or probes)", s);
	}
	*comma = 0;
	tc->spans[i].name = name;
	tc->spans[i].from = rest;
	tc->spans[i].to = strdup(comma + 1);
	tc->nspans++;
	return 0;
}

/* ---- records and output -------------------------------------------- */

/*
 * Records are formatted by hand into a line: printf's format parsing
 * would cost more than all the rest of a record, and a kernel's trace has
 * a record every few dozen instructions.  Like snprintf, a line that is
 * full drops the rest.
 */
struct line {
	char *p, *end;            /* next byte; the last usable byte + 1 */
	char *b;
};

static void line_init(struct line *l, char *buf, size_t n)
{
	l->b = l->p = buf;
	l->end = buf + n - 1;     /* room for the NUL of line_str */
}

static const char *line_str(struct line *l)
{
	*l->p = 0;
	return l->b;
}

static void put_ch(struct line *l, char c)
{
	if (l->p < l->end)
		*l->p++ = c;
}

static void put_str(struct line *l, const char *s)
{
	while (*s && l->p < l->end)
		*l->p++ = *s++;
}

static void put_digits(struct line *l, const char *d, int n)
{
	if (l->end - l->p < n)
		n = (int)(l->end - l->p);
	memcpy(l->p, d, (size_t)n);
	l->p += n;
}

static void put_dec(struct line *l, uint64_t v)
{
	char d[20];
	int i = 20;

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put_digits(l, d + i, 20 - i);
}

static void put_int(struct line *l, int32_t v)
{
	if (v < 0)
		put_ch(l, '-');
	put_dec(l, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

/* "0x" and eight hex digits, or (all false) as few as needed. */
static void put_hex(struct line *l, uint32_t v, bool all)
{
	char d[10] = "0x";
	int n = 8;

	while (!all && n > 1 && !(v >> (4 * (n - 1))))
		n--;
	for (int i = 0; i < n; i++)
		d[2 + i] = "0123456789abcdef"[(v >> (4 * (n - 1 - i))) & 15];
	put_digits(l, d, 2 + n);
}

/* Microseconds of `cycle` at the machine's clock, to the nanosecond. */
static void put_us(struct line *l, const struct tracer *t, uint64_t cycle)
{
	unsigned __int128 ns = (unsigned __int128)cycle * 1000000000u / t->clock_hz;
	unsigned frac = (unsigned)(ns % 1000);

	put_dec(l, (uint64_t)(ns / 1000));
	put_ch(l, '.');
	put_ch(l, (char)('0' + frac / 100));
	put_ch(l, (char)('0' + frac / 10 % 10));
	put_ch(l, (char)('0' + frac % 10));
}

static void fmt_us(const struct tracer *t, uint64_t cycle, char *buf, size_t n)
{
	struct line l;

	line_init(&l, buf, n);
	put_us(&l, t, cycle);
	line_str(&l);
}

/* The record's label into buf (n bytes, NUL-terminated). */
static const char *rec_label(const struct rec *r, char *buf, size_t n)
{
	struct line l;

	line_init(&l, buf, n);
	switch (r->kind) {
	case T_EXCEPTION:
	case T_VECTOR:
	case T_RESUME:
		put_str(&l, kind_name[r->kind]);
		put_ch(&l, ' ');
		put_str(&l, exc_name(r->code));
		break;
	case T_IRQ_RAISE: case T_IRQ_TAKEN: case T_IRQ_LOWER:
		put_str(&l, kind_name[r->kind]);
		put_str(&l, " IP");
		put_dec(&l, r->code);
		break;
	case T_DEVICE:
		put_str(&l, r->name);
		put_ch(&l, ' ');
		put_str(&l, r->what);
		break;
	case T_MARKER:
		put_str(&l, "marker ");
		put_dec(&l, r->code);
		break;
	case T_PROBE:
	case T_SPAN:
		put_str(&l, r->name);
		break;
	case T_MODE:
		put_str(&l, r->user ? "to user" : "to kernel");
		break;
	case T_TLB_WRITE:
		put_str(&l, r->code ? "tlbwr" : "tlbwi");
		break;
	default:
		put_str(&l, kind_name[r->kind]);
		break;
	}
	return line_str(&l);
}

/* "symbol+0x10" for pc, from a small cache: the symbols do not change
 * while the machine runs, and a trace names the same few PCs often. */
static const char *sym_of(struct tracer *t, uint32_t pc)
{
	struct sym_slot *e = &t->syms[(pc >> 2) % SYM_SLOTS];

	if (!e->valid || e->pc != pc) {
		machine_sym_format(t->m, pc, e->name, sizeof e->name);
		e->pc = pc;
		e->valid = true;
	}
	return e->name;
}

static void csv_header(struct tracer *t)
{
	fprintf(t->f, "cycle,us,event,label,mode,asid,pc,symbol,code,epc,badvaddr,bd,"
	        "vector,index,hi,lo,arg,dur_cycles\n");
}

static void csv_rec(struct tracer *t, const struct rec *r)
{
	char buf[512], label[96];
	struct line l;

	line_init(&l, buf, sizeof buf);
	put_dec(&l, r->cycle);
	put_ch(&l, ',');
	put_us(&l, t, r->cycle);
	put_ch(&l, ',');
	put_str(&l, kind_name[r->kind]);
	put_ch(&l, ',');
	put_str(&l, rec_label(r, label, sizeof label));
	put_str(&l, r->user ? ",user," : ",kernel,");
	put_dec(&l, r->asid);
	put_ch(&l, ',');
	put_hex(&l, r->pc, true);
	put_ch(&l, ',');
	put_str(&l, sym_of(t, r->pc));
	put_ch(&l, ',');
	put_dec(&l, r->code);
	put_ch(&l, ',');
	put_hex(&l, r->epc, true);
	put_ch(&l, ',');
	put_hex(&l, r->badvaddr, true);
	put_ch(&l, ',');
	put_dec(&l, r->bd);
	put_ch(&l, ',');
	put_hex(&l, r->vector, true);
	put_ch(&l, ',');
	put_int(&l, (int32_t)r->index);
	put_ch(&l, ',');
	put_hex(&l, r->hi, true);
	put_ch(&l, ',');
	put_hex(&l, r->lo, true);
	put_ch(&l, ',');
	put_hex(&l, r->arg, false);
	put_ch(&l, ',');
	put_dec(&l, r->dur);
	put_ch(&l, '\n');
	fwrite(l.b, 1, (size_t)(l.p - l.b), t->f);
}

/* Names in JSON: symbols and our own labels; escape what JSON needs. */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void json_rec(struct tracer *t, const struct rec *r)
{
	char us[32], label[96];
	const char *sym = sym_of(t, r->pc);

	fmt_us(t, r->cycle, us, sizeof us);
	fprintf(t->f, "%s{\"name\":", t->nrecs ? ",\n" : "");
	json_str(t->f, rec_label(r, label, sizeof label));
	fprintf(t->f, ",\"cat\":\"%s\",\"pid\":1,", kind_name[r->kind]);
	if (r->kind == T_SPAN) {
		char dur[32];
		fmt_us(t, r->dur, dur, sizeof dur);
		fprintf(t->f, "\"tid\":%d,\"ph\":\"X\",\"ts\":%s,\"dur\":%s,", (int)r->track,
		        us, dur);
	} else {
		fprintf(t->f, "\"tid\":1,\"ph\":\"i\",\"s\":\"t\",\"ts\":%s,", us);
	}
	fprintf(t->f, "\"args\":{\"cycle\":%" PRIu64 ",\"pc\":\"0x%08x\",\"symbol\":",
	        r->cycle, r->pc);
	json_str(t->f, sym);
	fprintf(t->f, ",\"mode\":\"%s\",\"asid\":%u", r->user ? "user" : "kernel", r->asid);
	switch (r->kind) {
	case T_EXCEPTION:
		fprintf(t->f, ",\"cause\":\"%s\",\"epc\":\"0x%08x\",\"badvaddr\":\"0x%08x\","
		        "\"bd\":%u,\"vector\":\"0x%08x\"", exc_name(r->code), r->epc,
		        r->badvaddr, r->bd, r->vector);
		break;
	case T_RESUME:
		fprintf(t->f, ",\"epc\":\"0x%08x\",\"to_epc\":%s", r->epc,
		        r->pc == r->epc ? "true" : "false");
		break;
	case T_TLB_WRITE:
	case T_TLB_PROBE:
		fprintf(t->f, ",\"index\":%d,\"hi\":\"0x%08x\",\"lo\":\"0x%08x\"", (int)r->index,
		        r->hi, r->lo);
		break;
	case T_SPAN:
		fprintf(t->f, ",\"cycles\":%" PRIu64, r->dur);
		break;
	case T_MARKER: case T_DEVICE: case T_PROFILE: case T_HALT: case T_RFE:
		fprintf(t->f, ",\"arg\":%u", r->arg);
		break;
	default:
		break;
	}
	fputs("}}", t->f);
}

static void write_rec(struct tracer *t, const struct rec *r)
{
	if (t->cfg.format == TRACE_CSV)
		csv_rec(t, r);
	else if (t->cfg.format == TRACE_JSON)
		json_rec(t, r);
}

static bool passes(const struct tracer *t, const struct rec *r)
{
	const struct trace_config *c = &t->cfg;

	return (c->kinds & (1u << r->kind)) && r->pc >= c->addr_lo && r->pc <= c->addr_hi &&
	       (c->asid < 0 || c->asid == r->asid) &&
	       r->cycle >= c->cycle_from && r->cycle < c->cycle_to;
}

static void emit(struct tracer *t, const struct rec *r)
{
	if (!passes(t, r))
		return;
	t->counts[r->kind]++;
	if (!t->f || t->cfg.format == TRACE_SUMMARY)
		return;
	if (t->ring) {
		t->ring[t->ring_next++ % t->cfg.ring] = *r;
		return;
	}
	write_rec(t, r);
	t->nrecs++;
}

static uint8_t cur_asid(struct machine *m)
{
	return (uint8_t)((machine_cp0_read(m, CP0_ENTRYHI) & EHI_ASID_MASK) >> EHI_ASID_SHIFT);
}

static bool cur_user(struct machine *m)
{
	return machine_cp0_read(m, CP0_STATUS) & ST_KUC;
}

static struct rec new_rec(struct tracer *t, enum tkind k, uint64_t cycle, uint32_t pc)
{
	struct rec r = { .cycle = cycle, .kind = (uint8_t)k, .pc = pc };

	r.user = cur_user(t->m);
	r.asid = cur_asid(t->m);
	return r;
}

/* ---- spans ----------------------------------------------------------- */

static int span_index(struct tracer *t, const char *name)
{
	struct span_stat *s;

	for (int i = 0; i < t->nspans; i++)
		if (strcmp(t->spans[i].name, name) == 0)
			return i;
	s = realloc(t->spans, (size_t)(t->nspans + 1) * sizeof *s);
	if (!s)
		return -1;
	t->spans = s;
	s[t->nspans] = (struct span_stat){ .name = strdup(name), .h = hist_new() };
	if (!s[t->nspans].name || !s[t->nspans].h) {
		free(s[t->nspans].name);
		hist_free(s[t->nspans].h);
		return -1;
	}
	return t->nspans++;
}

/* A sample of span `name` from `start` to `end`: counted if its start
 * passes the cycle window and ASID filters, written if spans pass. */
static void flush_pending(struct tracer *t);
static const char *mode_name(bool user) { return user ? "user" : "kernel"; }

/* A sample of span i (span_index) from `start` to `end`. */
static void span_at(struct tracer *t, int i, uint64_t start, uint64_t end,
                    uint32_t pc, uint8_t asid, bool user, int track)
{
	struct span_stat *s;
	struct rec r;

	if (i < 0 || start < t->cfg.cycle_from || start >= t->cfg.cycle_to ||
	    (t->cfg.asid >= 0 && t->cfg.asid != asid))
		return;
	s = &t->spans[i];
	if (hist_add(s->h, end - start))
		return;
	r = (struct rec){ .cycle = start, .dur = end - start, .kind = T_SPAN, .pc = pc,
	                  .asid = asid, .user = user, .name = s->name, .index = (uint32_t)i,
	                  .track = (uint16_t)track };
	if (track < TRACK_MAX)
		t->track_used[track] = 1;
	if (t->cfg.format != TRACE_JSON || track < TRACK_EXC || track >= TRACK_RETRY) {
		emit(t, &r);
		return;
	}
	if (t->npending == PENDING_MAX)
		flush_pending(t);
	t->pending[t->npending++] = r;
}

static void span(struct tracer *t, const char *name, uint64_t start, uint64_t end,
                 uint32_t pc, uint8_t asid, bool user, int track)
{
	span_at(t, span_index(t, name), start, end, pc, asid, user, track);
}

/*
 * The span index of an exception's span by kind, ExcCode and mode,
 * named once: an exception-heavy run makes three spans per exception,
 * and formatting and looking up their names each time was a third of
 * the tracer's time (perf, 10 M system calls).
 */
static int exc_span(struct tracer *t, enum exc_span_kind k, uint32_t code, bool user)
{
	static const char *const fmt[ES_NKINDS] = {
		"exc->handler %s %s", "exc->resume %s %s", "exc->resume %s %s (EPC+4)",
		"exc->resume %s %s (elsewhere)", "exc->user %s %s",
	};
	int16_t *c = &t->exc_spans[k][code & 31][user];
	char name[64];

	if (*c == 0) {
		snprintf(name, sizeof name, fmt[k], exc_name(code & 31), mode_name(user));
		*c = (int16_t)(span_index(t, name) + 1);
	}
	return *c - 1;
}

/* Outer spans first: earlier start, then the longer of two that start
 * together, so a reader that takes equal timestamps in file order nests
 * them as one that sorts by duration does. */
static int outer_first(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->cycle != y->cycle)
		return x->cycle < y->cycle ? -1 : 1;
	if (x->dur != y->dur)
		return x->dur > y->dur ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static void flush_pending(struct tracer *t)
{
	qsort(t->pending, (size_t)t->npending, sizeof t->pending[0], outer_first);
	for (int i = 0; i < t->npending; i++)
		emit(t, &t->pending[i]);
	t->npending = 0;
}


/* ---- events ---------------------------------------------------------- */

static void on_exception(struct tracer *t, const struct sim_event *ev)
{
	struct machine *m = t->m;
	struct rec r = new_rec(t, T_EXCEPTION, ev->cycle, ev->pc);
	struct open_exc *x;
	uint32_t p;

	r.user = ev->from_user;
	r.code = ev->code;
	r.epc = ev->epc;
	r.badvaddr = ev->badvaddr;
	r.bd = ev->bd;
	r.vector = ev->vector;
	emit(t, &r);
	if (ev->from_user) {
		struct rec mr = r;
		mr.kind = T_MODE;
		mr.user = false;
		emit(t, &mr);
	}
	if (t->nexc == EXC_DEPTH) {    /* deeper than any real handler nests */
		memmove(&t->exc[0], &t->exc[1], sizeof t->exc[0] * (EXC_DEPTH - 1));
		t->nexc--;
	}
	x = &t->exc[t->nexc++];
	*x = (struct open_exc){ .cycle = ev->cycle, .code = ev->code, .epc = ev->epc,
	                        .asid = cur_asid(m) & 63,
	                        .vector = ev->vector, .line = -1, .user = ev->from_user,
	                        .utlb = ev->vector == VEC_UTLB || ev->vector == VEC_BEV_UTLB };
	if (ev->code == EXC_INT) {
		p = machine_cp0_read(m, CP0_CAUSE) & machine_cp0_read(m, CP0_STATUS) & CAUSE_IP_MASK;
		if (p) {
			struct rec ir = r;
			x->line = 31 - __builtin_clz(p) - ST_IM_SHIFT;
			ir.kind = T_IRQ_TAKEN;
			ir.code = (uint32_t)x->line;
			emit(t, &ir);
		}
	}
	t->want_vector = true;
	t->last_exc = *x;
	t->have_last_exc = true;
}

/* The first instruction at the top exception's vector. */
static void vector_reached(struct tracer *t, uint32_t pc, uint64_t cycle)
{
	struct open_exc *x = &t->exc[t->nexc - 1];
	struct rec r = new_rec(t, T_VECTOR, cycle, pc);
	char name[64];

	t->want_vector = false;
	r.code = x->code;
	r.epc = x->epc;
	emit(t, &r);
	span_at(t, exc_span(t, ES_HANDLER, x->code, x->user), x->cycle, cycle, x->epc, r.asid,
	        x->user, TRACK_EXC + x->asid);
	if (x->line >= 0 && t->irq_raised[x->line]) {
		snprintf(name, sizeof name, "irq IP%d raise->handler", x->line);
		span(t, name, t->irq_raised[x->line] - 1, cycle, x->epc, r.asid, x->user,
		     TRACK_IRQH + x->line);
	}
}

static void add_retry(struct tracer *t, const struct open_exc *x, uint8_t asid)
{
	if (t->nretry == MAX_RETRY) {   /* forget the oldest: never retried */
		memmove(&t->retry[0], &t->retry[1], sizeof t->retry[0] * (MAX_RETRY - 1));
		t->nretry--;
	}
	t->retry[t->nretry].epc = x->epc;
	t->retry[t->nretry].cycle = x->cycle;
	t->retry[t->nretry].asid = asid;
	t->nretry++;
}

/* The first instruction after an RFE (or the interrupt taken before it):
 * the return from the innermost open exception. */
static void resume(struct tracer *t, uint32_t pc, uint64_t cycle, bool user)
{
	struct open_exc *x;
	struct rec r;
	bool back = false;

	t->after_rfe = false;
	if (t->nexc == 0)
		return;
	x = &t->exc[--t->nexc];
	t->want_vector = false;
	r = new_rec(t, T_RESUME, cycle, pc);
	r.user = user;
	r.code = x->code;
	r.epc = x->epc;
	emit(t, &r);
	back = pc == x->epc;
	span_at(t, exc_span(t, back ? ES_RESUME : pc == x->epc + 4 ? ES_RESUME4 : ES_ELSEWHERE,
	                    x->code, x->user), x->cycle, cycle, x->epc, r.asid, x->user,
	        TRACK_EXC + x->asid);
	if (x->utlb && back) {
		span(t, "utlb refill (kernel) miss->rfe", x->cycle, x->rfe_cycle, x->epc,
		     r.asid, x->user, TRACK_EXC + x->asid);
	} else if (x->utlb) {
		span(t, "utlb passed up miss->app handler", x->cycle, cycle, x->epc, r.asid,
		     x->user, TRACK_EXC + x->asid);
		add_retry(t, x, r.asid);
	}
	if (t->nexc == 0 && t->npending)
		flush_pending(t);
}

static void retry_reached(struct tracer *t, int i, uint64_t cycle)
{
	uint8_t asid = cur_asid(t->m);

	if (asid != t->retry[i].asid)
		return;
	span(t, "utlb passed up miss->retry", t->retry[i].cycle, cycle, t->retry[i].epc,
	     asid, true, TRACK_RETRY + (asid & 63));
	t->nretry--;
	memmove(&t->retry[i], &t->retry[i + 1], sizeof t->retry[0] * (size_t)(t->nretry - i));
}

static bool endpoint_is(const struct trace_endpoint *e, bool marker, uint32_t id)
{
	return e->is_marker == marker && (marker ? e->marker == id : e->probe == (int)id);
}

/* A marker (marker=true, id) or probe (index id) fired. */
static void endpoint_hit(struct tracer *t, bool marker, uint32_t id, uint64_t cycle,
                         uint32_t pc)
{
	for (int i = 0; i < t->nuspans; i++) {
		struct uspan *u = &t->uspans[i];
		if (u->open && endpoint_is(&u->to, marker, id)) {
			u->open = false;
			span(t, u->name, u->start, cycle, pc, u->asid, cur_user(t->m),
			     TRACK_USPAN + i);
		}
		if (endpoint_is(&u->from, marker, id)) {
			u->open = true;
			u->start = cycle;
			u->asid = cur_asid(t->m);
		}
	}
}

/* Does the instruction at `pc` (TLBWI or TLBWR) say which?  1 = TLBWR. */
static uint32_t tlb_insn(struct machine *m, uint32_t pc)
{
	uint32_t w = 0;

	if (machine_read_virt(m, pc, &w, 4) < 0)
		return 0;
	return (w & 0x3f) == 0x06;
}

static void event(struct tracer *t, struct machine *m, const struct sim_event *ev)
{
	struct rec r = new_rec(t, T_HALT, ev->cycle, ev->pc);

	switch (ev->kind) {
	case EV_EXCEPTION:
		if (t->after_rfe)
			resume(t, ev->pc, ev->cycle, ev->from_user);
		on_exception(t, ev);
		return;
	case EV_RFE:
		r.kind = T_RFE;
		r.arg = ev->arg;
		if (t->nexc) {
			t->exc[t->nexc - 1].rfe = true;
			t->exc[t->nexc - 1].rfe_cycle = ev->cycle;
		}
		t->after_rfe = true;
		break;
	case EV_USER_ENTER:
		r.kind = T_USER;
		r.user = true;
		emit(t, &r);
		r.kind = T_MODE;
		if (t->have_last_exc) {
			span_at(t, exc_span(t, ES_USER, t->last_exc.code, t->last_exc.user),
			        t->last_exc.cycle, ev->cycle, t->last_exc.epc, r.asid, true,
			        TRACK_TOUSER + t->last_exc.asid);
			t->have_last_exc = false;
		}
		break;
	case EV_TLB_WRITE:
		r.kind = T_TLB_WRITE;
		r.code = tlb_insn(m, ev->pc);
		r.index = ev->index;
		r.hi = ev->hi;
		r.lo = ev->lo;
		break;
	case EV_TLB_PROBE:
		r.kind = T_TLB_PROBE;
		r.index = ev->index;
		r.hi = ev->hi;
		break;
	case EV_IRQ_RAISE:
	case EV_IRQ_LOWER:
		r.kind = ev->kind == EV_IRQ_RAISE ? T_IRQ_RAISE : T_IRQ_LOWER;
		r.code = ev->code;
		if (ev->code < NLINES && ev->kind == EV_IRQ_RAISE) {
			t->irq_raised[ev->code] = ev->cycle + 1;
		} else if (ev->code < NLINES) {
			char name[64];
			if (t->irq_raised[ev->code]) {
				snprintf(name, sizeof name, "irq IP%u raise->lower", ev->code);
				span(t, name, t->irq_raised[ev->code] - 1, ev->cycle, ev->pc,
				     r.asid, r.user, TRACK_IRQ + (int)ev->code);
			}
			t->irq_raised[ev->code] = 0;
		}
		break;
	case EV_MARKER:
		r.kind = T_MARKER;
		r.code = ev->code;
		r.arg = ev->arg;
		emit(t, &r);
		endpoint_hit(t, true, ev->code, ev->cycle, ev->pc);
		return;
	case EV_PROFILE_CTL:
		r.kind = T_PROFILE;
		r.arg = ev->arg;
		break;
	case EV_DEBUG_BREAK:
		r.kind = T_DEBUG;
		r.arg = ev->arg;
		break;
	case EV_DEVICE:
		r.kind = T_DEVICE;
		r.name = ev->device ? ev->device : "?";
		r.what = ev->what ? ev->what : "?";
		r.arg = ev->arg;
		break;
	case EV_HALT:
		r.arg = ev->arg;
		break;
	default:
		return;
	}
	emit(t, &r);
}

static unsigned probe_hash(uint32_t pc)
{
	return ((pc >> 2) * 0x9e3779b1u) >> 26;    /* 64 slots */
}

static void probe_set_add(struct tracer *t, int i)
{
	unsigned h = probe_hash(t->probes[i].addr);

	for (;; h = (h + 1) % PROBE_SLOTS) {
		if (t->probe_slot[h] < 0) {
			t->probe_slot[h] = (int8_t)i;
			return;
		}
		if (t->probes[t->probe_slot[h]].addr == t->probes[i].addr)
			return;               /* probes_hit finds all at that address */
	}
}

/* The first probe at `pc`, or -1: one or two loads on every instruction. */
static int probe_find(const struct tracer *t, uint32_t pc)
{
	for (unsigned h = probe_hash(pc);; h = (h + 1) % PROBE_SLOTS) {
		int i = t->probe_slot[h];
		if (i < 0 || t->probes[i].addr == pc)
			return i;
	}
}

static void probes_hit(struct tracer *t, int first, uint32_t pc, uint64_t now)
{
	for (int i = first; i < t->nprobes; i++)
		if (t->probes[i].addr == pc) {
			struct rec r = new_rec(t, T_PROBE, now, pc);
			r.name = t->probes[i].name;
			emit(t, &r);
			endpoint_hit(t, false, (uint32_t)i, now, pc);
		}
}

/* Keep the instruction hook on exactly while something is watched. */
static void update_hook(struct tracer *t)
{
	bool need = t->after_rfe || t->want_vector || t->nretry || t->nprobes;

	if (need != t->hook_on) {
		t->hook_on = need;
		machine_observe_insns(t->m, t, need);
	}
}

static void on_event(void *ctx, struct machine *m, const struct sim_event *ev)
{
	event(ctx, m, ev);
	update_hook(ctx);
}

/* An instruction that may be watched: the hook's slow side, out of line
 * so that the common case stays a few loads. */
static __attribute__((noinline)) void watched_insn(struct tracer *t, struct machine *m,
                                                   uint32_t pc)
{
	uint64_t now = machine_cpu(m)->cycle;
	int p;

	if (t->after_rfe)
		resume(t, pc, now, cur_user(m));
	if (t->want_vector && t->nexc && pc == t->exc[t->nexc - 1].vector)
		vector_reached(t, pc, now);
	for (int i = 0; i < t->nretry; i++)
		if (t->retry[i].epc == pc) {
			retry_reached(t, i, now);
			break;
		}
	p = probe_find(t, pc);
	if (p >= 0)
		probes_hit(t, p, pc, now);
	update_hook(t);
}

static bool on_insn(void *ctx, struct machine *m, uint32_t pc, uint32_t word)
{
	struct tracer *t = ctx;

	(void)word;
	if (t->after_rfe | t->want_vector | (t->nretry != 0) |
	    (t->probe_slot[probe_hash(pc)] >= 0))
		watched_insn(t, m, pc);
	return false;
}

/* ---- the end: summary and files ----------------------------------- */

static void summary_table(struct tracer *t, FILE *f)
{
	static const unsigned ps[] = { 0, 50, 90, 99, 100 };
	char us[32];

	fprintf(f, "%-40s %8s %9s %9s %9s %9s %9s\n", "span (cycles; us below)", "count",
	        "min", "median", "p90", "p99", "max");
	for (int i = 0; i < t->nspans; i++) {
		struct span_stat *s = &t->spans[i];
		uint64_t v[5];

		if (!hist_count(s->h))
			continue;
		for (int j = 0; j < 5; j++)
			v[j] = hist_percentile(s->h, ps[j]);
		fprintf(f, "%-40s %8" PRIu64, s->name, hist_count(s->h));
		for (int j = 0; j < 5; j++)
			fprintf(f, " %9" PRIu64, v[j]);
		fprintf(f, "\n%-40s %8s", "", "us");
		for (int j = 0; j < 5; j++) {
			fmt_us(t, v[j], us, sizeof us);
			fprintf(f, " %9s", us);
		}
		fputc('\n', f);
	}
	if (!t->nspans)
		fprintf(f, "(no spans)\n");
}

static void write_summary(struct tracer *t)
{
	char us[32];
	const struct cpu_state *c = machine_cpu(t->m);

	fmt_us(t, c->cycle, us, sizeof us);
	fprintf(t->f, "exosim trace summary: %" PRIu64 " cycles (%s us at %u Hz)\n",
	        c->cycle, us, t->clock_hz);
	fprintf(t->f, "\nevents\n");
	for (int k = 0; k < T_NKINDS; k++)
		if (t->counts[k])
			fprintf(t->f, "  %-12s %" PRIu64 "\n", kind_name[k], t->counts[k]);
	fprintf(t->f, "\n");
	summary_table(t, t->f);
}

static void json_footer(struct tracer *t)
{
	fprintf(t->f, "%s{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,"
	        "\"args\":{\"name\":\"exosim\"}}", t->nrecs ? ",\n" : "");
	fprintf(t->f, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,"
	        "\"args\":{\"name\":\"events\"}}");
	for (int k = 0; k < TRACK_MAX; k++) {
		char name[64];
		if (!t->track_used[k])
			continue;
		if (k >= TRACK_TOUSER)
			snprintf(name, sizeof name, "asid %d: exception -> user mode", k - TRACK_TOUSER);
		else if (k >= TRACK_RETRY)
			snprintf(name, sizeof name, "asid %d: passed-up miss -> retry", k - TRACK_RETRY);
		else if (k >= TRACK_EXC)
			snprintf(name, sizeof name, "asid %d: exceptions", k - TRACK_EXC);
		else if (k >= TRACK_IRQH)
			snprintf(name, sizeof name, "IP%d raise -> handler", k - TRACK_IRQH);
		else if (k >= TRACK_USPAN)
			snprintf(name, sizeof name, "%s", t->uspans[k - TRACK_USPAN].name);
		else
			snprintf(name, sizeof name, "IP%d raise -> acknowledged", k - TRACK_IRQ);
		/* sort_index: tracks in this order in the viewer */
		fprintf(t->f, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%d,"
		        "\"args\":{\"name\":", k);
		json_str(t->f, name);
		fprintf(t->f, "}},\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,"
		        "\"tid\":%d,\"args\":{\"sort_index\":%d}}", k, k);
	}
	fprintf(t->f, "\n],\"displayTimeUnit\":\"ns\",\"otherData\":{\"clock_hz\":%u,"
	        "\"cycles\":%" PRIu64 "}}\n", t->clock_hz, machine_cpu(t->m)->cycle);
}

static void on_finish(void *ctx, struct machine *m)
{
	struct tracer *t = ctx;

	flush_pending(t);
	if (t->f) {
		if (t->ring) {
			uint64_t n = t->ring_next < t->cfg.ring ? t->ring_next : t->cfg.ring;
			for (uint64_t i = t->ring_next - n; i < t->ring_next; i++) {
				write_rec(t, &t->ring[i % t->cfg.ring]);
				t->nrecs++;
			}
		}
		if (t->cfg.format == TRACE_JSON)
			json_footer(t);
		else if (t->cfg.format == TRACE_SUMMARY)
			write_summary(t);
		if (ferror(t->f))
			t->werr = EIO;
		if (fclose(t->f) != 0 && !t->werr)
			t->werr = errno ? errno : EIO;
		t->f = NULL;
		if (t->werr)
			fprintf(stderr, "sim: --trace %s: write failed: %s\n", t->cfg.path,
			        strerror(t->werr));
	}
	if (t->cfg.summary) {
		fprintf(stderr, "--- trace spans ---\n");
		summary_table(t, stderr);
	}
}

/* ---- attach ---------------------------------------------------------- */

/* "symbol[+offset]" or an address. */
static int resolve(struct machine *m, const char *where, uint32_t *addr)
{
	char sym[128];
	const char *plus = strchr(where, '+');
	uint64_t off = 0, v;
	size_t len = plus ? (size_t)(plus - where) : strlen(where);

	if (parse_u64(where, where + strlen(where), &v) == 0) {
		if (v > UINT32_MAX)
			return -1;
		*addr = (uint32_t)v;
		return 0;
	}
	if (len == 0 || len >= sizeof sym)
		return -1;
	if (plus && parse_u64(plus + 1, plus + 1 + strlen(plus + 1), &off))
		return -1;
	memcpy(sym, where, len);
	sym[len] = 0;
	if (machine_sym_find(m, sym, addr))
		return -1;
	*addr += (uint32_t)off;
	return 0;
}

static int endpoint(const struct tracer *t, const char *s, struct trace_endpoint *e)
{
	uint64_t v;

	if (strncmp(s, "marker:", 7) == 0)
		s += 7;
	if (parse_u64(s, s + strlen(s), &v) == 0 && v <= UINT32_MAX) {
		e->is_marker = true;
		e->marker = (uint32_t)v;
		return 0;
	}
	for (int i = 0; i < t->nprobes; i++)
		if (strcmp(t->probes[i].name, s) == 0) {
			e->is_marker = false;
			e->probe = i;
			return 0;
		}
	return -1;
}

/* The format a name asks for; a ".gz" after it only compresses. */
static enum trace_format format_from_path(const char *p)
{
	size_t n = strlen(p) - (gzout_is_gz(p) ? 3 : 0);

	if (n >= 5 && strncmp(p + n - 5, ".json", 5) == 0)
		return TRACE_JSON;
	if (n >= 4 && strncmp(p + n - 4, ".txt", 4) == 0)
		return TRACE_SUMMARY;
	return TRACE_CSV;
}

static struct tracer *attach_fail(struct machine *m, struct tracer *t, char *err, size_t n,
                                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static struct tracer *attach_fail(struct machine *m, struct tracer *t, char *err, size_t n,
                                  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	trace_detach(m, t);
	return NULL;
}

struct tracer *trace_attach(struct machine *m, const struct trace_config *tc,
                            char *err, size_t n)
{
	struct tracer *t = calloc(1, sizeof *t);
	struct sim_observer o = { 0 };

	if (!t) {
		snprintf(err, n, "out of memory");
		return NULL;
	}
	t->m = m;
	t->cfg = *tc;
	t->cfg.nprobes = t->cfg.nspans = 0;   /* the strings stay the caller's */
	t->clock_hz = machine_config(m)->clock_hz;
	if (tc->path && !tc->format_set)
		t->cfg.format = format_from_path(tc->path);
	memset(t->probe_slot, -1, sizeof t->probe_slot);
	for (int i = 0; i < tc->nprobes; i++) {
		t->probes[i].name = tc->probes[i].name;
		if (resolve(m, tc->probes[i].where, &t->probes[i].addr))
			return attach_fail(m, t, err, n, "--probe %s=%s: no such symbol or address",
			                   tc->probes[i].name, tc->probes[i].where);
		probe_set_add(t, i);
		t->nprobes++;
	}
	for (int i = 0; i < tc->nspans; i++) {
		struct uspan *u = &t->uspans[i];
		u->name = tc->spans[i].name;
		if (endpoint(t, tc->spans[i].from, &u->from))
			return attach_fail(m, t, err, n, "--span %s: '%s' is neither a marker id "
			                   "nor a probe name", u->name, tc->spans[i].from);
		if (endpoint(t, tc->spans[i].to, &u->to))
			return attach_fail(m, t, err, n, "--span %s: '%s' is neither a marker id "
			                   "nor a probe name", u->name, tc->spans[i].to);
		t->nuspans++;
	}
	if (tc->ring && tc->path && t->cfg.format != TRACE_SUMMARY) {
		if (tc->ring > (1u << 26))
			return attach_fail(m, t, err, n, "--trace-ring: at most 67108864 events");
		t->ring = calloc((size_t)tc->ring, sizeof *t->ring);
		if (!t->ring)
			return attach_fail(m, t, err, n, "--trace-ring: out of memory");
	}
	if (tc->path) {
		t->f = gzout_open(tc->path);
		if (!t->f)
			return attach_fail(m, t, err, n, "--trace %s: %s", tc->path, strerror(errno));
		if (t->cfg.format == TRACE_CSV)
			csv_header(t);
		else if (t->cfg.format == TRACE_JSON)
			fputs("{\"traceEvents\":[\n", t->f);
	}
	o.ctx = t;
	o.on_event = on_event;
	o.on_insn = on_insn;
	o.on_finish = on_finish;
	t->hook_on = t->nprobes > 0;
	o.insn_off = !t->hook_on;
	if (machine_add_observer(m, &o))
		return attach_fail(m, t, err, n, "too many observers");
	return t;
}

void trace_detach(struct machine *m, struct tracer *t)
{
	if (!t)
		return;
	machine_remove_observer(m, t);
	if (t->f)
		fclose(t->f);
	for (int i = 0; i < t->nspans; i++) {
		free(t->spans[i].name);
		hist_free(t->spans[i].h);
	}
	free(t->spans);
	free(t->ring);
	free(t);
}

int trace_error(const struct tracer *t)
{
	return t ? t->werr : 0;
}
