/*
 * dpf_sim.h: host only.  Runs DPF's generated code (dpf_gen) on the
 * simulator core (libexosim) against messages in memory, so the code's
 * every decision can be checked against the interpreter and its cost
 * counted in cycles of a machine profile.
 *
 * The message is placed at the end of RAM (aligned as the code expects),
 * so a read past it of a word or more faults; and with `watch` every
 * data access is checked to lie inside the message or the code's own
 * dispatch tables, so even a one-byte overread is reported.
 */
#ifndef DPF_SIM_H
#define DPF_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "dpf.h"

#define DPF_SIM_CODE 0x80010000u     /* where the code runs (kseg0) */

struct dpf_sim;

/* A machine of the given profile ("ideal", "dec5000", ...); NULL with err. */
struct dpf_sim *dpf_sim_new(const char *profile, char *err, size_t errlen);
void dpf_sim_free(struct dpf_sim *s);

/* Put generated code (built with addr DPF_SIM_CODE) in the machine. */
int dpf_sim_load(struct dpf_sim *s, const struct dpf_code *c, char *err, size_t errlen);

/* Run the code on msg[0..len): its result in *result, the cycles from
 * its first instruction to its return in *cycles.  -1 with err if it
 * faulted, ran away, or (watch) read outside the message. */
int dpf_sim_run(struct dpf_sim *s, const uint8_t *msg, uint32_t len, int watch,
                int *result, uint64_t *cycles, char *err, size_t errlen);

/* The machine (for its disassembler). */
struct machine *dpf_sim_machine(struct dpf_sim *s);

#endif /* DPF_SIM_H */
