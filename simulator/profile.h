/*
 * profile.h: the cycle profiler (sim --profile, docs/TRACING.md).
 *
 * Exact attribution: an instruction hook charges the cycles between
 * two consecutive instruction starts to the earlier instruction, so
 * stalls land on the instruction that caused them.  Instructions roll
 * up to functions (ELF symbols of the kernel and the modules, told
 * apart by mode and ASID) with self and inclusive cycles and a call
 * graph seen through JAL/JALR and their returns, exceptions and RFE.
 * Reports: text (top N), callgrind, folded stacks.
 */
#ifndef PROFILE_H
#define PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "exosim.h"

enum profile_format { PROF_TEXT, PROF_CALLGRIND, PROF_FOLDED };

struct profile_config {
	const char *path;
	enum profile_format format;
	bool format_set;          /* else from the file name */
	int top;                  /* text report: functions shown (default 20) */
	const char *from, *to;    /* symbols: start/stop charging there */
};

void profile_config_init(struct profile_config *pc);
int profile_set_format(struct profile_config *pc, const char *s, char *err, size_t n);

struct profiler;
/* Open the file and attach.  NULL with a message in err on bad input. */
struct profiler *profile_attach(struct machine *m, const struct profile_config *pc,
                                char *err, size_t n);
void profile_detach(struct machine *m, struct profiler *p);
/* Nonzero if writing the report failed. */
int profile_error(const struct profiler *p);

#endif /* PROFILE_H */
