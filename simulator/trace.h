/*
 * trace.h: the latency tracer (sim --trace, docs/TRACING.md).
 *
 * An observer that records the machine's rare events (exceptions, TLB
 * writes, interrupts, device events, simctl markers) and probes on
 * code addresses, derives latency spans from them (exception to
 * handler, exception to resume, UTLB refills, interrupt latency, pairs
 * of markers or probes), and writes CSV, Chrome/Perfetto trace-event
 * JSON or a text summary.  Files are written completely from on_finish,
 * so every exit path of the machine leaves them valid.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exosim.h"

enum trace_format { TRACE_CSV, TRACE_JSON, TRACE_SUMMARY };

#define TRACE_MAX_PROBES 16
#define TRACE_MAX_SPANS  16

/* A span endpoint given on the command line: a marker id or a probe. */
struct trace_endpoint {
	bool is_marker;
	uint32_t marker;          /* marker id */
	int probe;                /* index into probes */
};

struct trace_config {
	const char *path;         /* NULL: no file (e.g. summary only) */
	enum trace_format format;
	bool format_set;          /* else chosen from the file's extension */
	bool summary;             /* span table to stderr at the end */
	uint32_t kinds;           /* bit per trace kind; all by default */
	uint32_t addr_lo, addr_hi;            /* pc filter, inclusive */
	int asid;                 /* -1: any */
	uint64_t cycle_from, cycle_to;        /* window, [from, to) */
	uint64_t ring;            /* 0: stream; N: keep the last N */
	int nprobes;
	struct { char *name, *where; } probes[TRACE_MAX_PROBES];
	int nspans;
	struct { char *name, *from, *to; } spans[TRACE_MAX_SPANS];
};

void trace_config_init(struct trace_config *tc);
void trace_config_free(struct trace_config *tc);
/* Command-line pieces; each returns 0, or -1 with a message in err. */
int trace_set_format(struct trace_config *tc, const char *s, char *err, size_t n);
int trace_add_filter(struct trace_config *tc, const char *s, char *err, size_t n);
int trace_add_probe(struct trace_config *tc, const char *s, char *err, size_t n);
int trace_add_span(struct trace_config *tc, const char *s, char *err, size_t n);

struct tracer;
/* Resolve probes against the loaded symbols, open the file and attach
 * as an observer.  NULL with a message in err on bad input. */
struct tracer *trace_attach(struct machine *m, const struct trace_config *tc,
                            char *err, size_t n);
/* Remove the observer and free it (call after machine_finish). */
void trace_detach(struct machine *m, struct tracer *t);
/* Nonzero if writing the trace file failed. */
int trace_error(const struct tracer *t);

#endif /* TRACE_H */
