/*
 * timing.h: shared definitions of the timing tests (the .S files of tests/timing).
 *
 * Each test is built once per machine profile with -DMACHINE_<name>;
 * the constants below are that profile's parameters as documented in
 * docs/TIMING.md, and every expected cycle count in the tests is a
 * formula of them.  tests/run-timing.sh runs each build under its
 * profile, so a change to a profile must change this file too.
 *
 * Measuring: MEASURE_START, the code, MEASURE_END reg leaves in reg the
 * cycles of the code plus the write-buffer drain that the second
 * (uncached) counter read waits for.  Both counter reads cost the same
 * (lui + lw + the uncached read), so that cost is subtracted.  Code is
 * measured on a loop's second pass, when its I-cache lines are warm.
 */
#include "test.h"

#if defined(MACHINE_dec5000)
#define CACHED 1
#define RM 10        /* read_miss_cycles */
#define UR 10        /* uncached_read_cycles */
#define WR 6         /* wbuf_retire_cycles */
#elif defined(MACHINE_dec3100)
#define CACHED 1
#define RM 7
#define UR 7
#define WR 4
#elif defined(MACHINE_dec2100)
#define CACHED 1
#define RM 5
#define UR 5
#define WR 3
#else                /* ideal: no memory model */
#define CACHED 0
#define RM 0
#define UR 0
#define WR 0
#endif

	/* Counter reads: the uncached load costs UR after draining. */
	.macro MEASURE_START
	lui	$t9, 0xb700
	lw	$s4, SIMCTL_CYCLE_LO($t9)
	.endm

	.macro MEASURE_END reg
	lui	$t9, 0xb700
	lw	\reg, SIMCTL_CYCLE_LO($t9)
	nop				# (load delay)
	subu	\reg, \reg, $s4
	addiu	\reg, \reg, -(2 + UR)
	.endm

	/* Run the code between LOOP2 and END_LOOP2 twice; s7 = 1 on the
	 * second (measured) pass. */
	.macro LOOP2
	li	$s7, 2
90:	addiu	$s7, $s7, -1
	.endm

	.macro END_LOOP2
	bnez	$s7, 90b
	nop				# (delay slot)
	.endm
