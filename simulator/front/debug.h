/*
 * front/debug.h: the run control shared by the TUI debugger (tui.c)
 * and the gdb stub (gdbstub.c), built on exosim.h only.
 *
 * A `struct dbg` observes one machine and holds breakpoints (on
 * addresses), watchpoints (reads and/or writes of virtual or physical
 * ranges), exception catches (any ExcCode or a set of them, from user
 * and/or kernel mode), and the stack of exceptions taken and not yet
 * returned from (for "run to the exception's return" and latency).
 *
 * Breakpoints and watchpoints are checked before an instruction
 * (watchpoints decode the load or store and compute its address from
 * the registers it will read), so a stop leaves the access undone and
 * the PC on the accessing instruction, as gdb expects of MIPS.
 *
 * Every dbg_* run function returns why it stopped (`struct dbg_stop`).
 * Long runs go in slices of DBG_SLICE cycles; between slices the
 * `poll` callback, if given, may ask to stop (gdb's Ctrl-C, a key).
 *
 * Reverse execution re-executes from checkpoints (machine_save): one is
 * taken when a run or step starts at least DBG_CKPT_EVERY "ticks" after
 * the newest one, and between slices of a long run.  A tick is one
 * machine_step: an instruction completed or an exception taken, so
 * ticks = instructions + exceptions, a position no two states share.
 * The ring holds at most DBG_CKPT_MAX checkpoints and DBG_CKPT_BYTES
 * bytes (each is a full copy of RAM plus the caches); the oldest goes
 * first.  The machine is deterministic, so re-running from a checkpoint
 * reproduces every state exactly, cycles and caches included.  What
 * cannot be re-run is input: console input read (or a register or
 * memory write by the debugger) cuts the history there.
 */
#ifndef FRONT_DEBUG_H
#define FRONT_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "../exosim.h"

#define DBG_MAXBP   64
#define DBG_MAXWP   16
#define DBG_EXCSTK  8
#define DBG_SLICE   200000
#define DBG_CKPT_MAX   8
#define DBG_CKPT_EVERY 500000
#define DBG_CKPT_BYTES (160u << 20)

enum { WP_READ = 1, WP_WRITE = 2 };

struct dbg_watch {
	uint32_t addr, len;
	int kind;        /* WP_READ | WP_WRITE */
	bool phys;
};

struct dbg_exc {         /* one exception taken, not yet returned from */
	uint32_t code, epc, badvaddr, vector, pc;
	uint64_t cycle;
	bool from_user, bd;
};

enum dbg_why {
	DBG_STEPPED,     /* a step (or step over, finish, run to) completed */
	DBG_BREAKPOINT,
	DBG_WATCH,       /* stop.addr: the watched address accessed */
	DBG_EXCEPTION,   /* a caught exception was taken: stop.exc, at the vector */
	DBG_RETURNED,    /* the exception's RFE ran: at the resumed instruction */
	DBG_GUEST_BREAK, /* the guest wrote simctl DEBUG */
	DBG_CYCLES,      /* the cycle budget of the run ran out */
	DBG_INTERRUPTED, /* poll() asked to stop */
	DBG_HALTED,      /* the guest halted: machine_halt_status() */
	DBG_WEDGED,
	DBG_ERROR,
	DBG_NO_HISTORY,  /* reverse: nothing earlier to go back to */
	DBG_LIMIT,       /* the machine's max_cycles (--max-cycles): no further */
};

struct dbg_stop {
	enum dbg_why why;
	uint32_t addr;           /* DBG_WATCH: the accessed address */
	int kind;                /* DBG_WATCH: WP_READ or WP_WRITE */
	struct dbg_exc exc;      /* DBG_EXCEPTION / DBG_RETURNED */
	uint64_t latency;        /* DBG_RETURNED: cycles from exception to resume */
};

struct dbg {
	struct machine *m;
	uint32_t bp[DBG_MAXBP];
	int nbp;
	struct dbg_watch wp[DBG_MAXWP];
	int nwp;
	uint32_t catch_mask;     /* bit per ExcCode */
	bool catch_user, catch_kernel;
	struct dbg_exc exc[DBG_EXCSTK];
	int nexc;                /* depth; older entries drop off the bottom */
	/* The last TLB entry written, and the last mapped address used. */
	int tlb_written;
	uint32_t mapped_va, mapped_asid;
	bool have_mapped;
	int tlb_probed;          /* last TLBP hit, or -1 */
	void (*on_console)(void *ctx, int ch);
	void *console_ctx;
	/* Reverse execution: checkpoints, oldest first. */
	struct dbg_ckpt *ck[DBG_CKPT_MAX];
	int nck;
	int ck_max;              /* how many fit DBG_CKPT_BYTES (0: none) */
	uint64_t excs;           /* exceptions taken (part of the tick) */
	bool cut;                /* input was read: drop the history */
	bool replaying;          /* re-executing: no stops, no console */
	uint64_t rtarget;        /* replay: the tick to reach */
	uint64_t seen_tick, seen_cycle;  /* replay: last on_insn before it */
	bool seen;
	/* Run state, private to debug.c. */
	bool running;
	int mode;
	uint32_t target, target_sp;
	int depth, finish_nexc;
	bool pending, first;
	bool hooked;             /* on_insn and on_mem registered (debug.c) */
	bool fast;               /* this run has them off */
	struct dbg_stop hit;
};

struct dbg *dbg_new(struct machine *m);
void dbg_free(struct dbg *d);

/* Breakpoints: 0, or -1 if full (add) / absent (del). */
int dbg_break_add(struct dbg *d, uint32_t addr);
int dbg_break_del(struct dbg *d, uint32_t addr);
bool dbg_break_at(const struct dbg *d, uint32_t addr);
int dbg_watch_add(struct dbg *d, uint32_t addr, uint32_t len, int kind, bool phys);
int dbg_watch_del(struct dbg *d, uint32_t addr, uint32_t len, int kind, bool phys);

/* Parse "symbol", "symbol+off", "0x80010000" or "80010000". */
int dbg_parse_addr(const struct dbg *d, const char *s, uint32_t *addr);

/* The access the instruction at the PC will make, if a load or store:
 * its virtual address, size and direction. */
bool dbg_insn_access(const struct cpu_state *c, uint32_t word, uint32_t *va,
                     int *size, bool *store);
/* Is the word a call (jal, jalr, bltzal, bgezal)? */
bool dbg_is_call(uint32_t word);
/* Index of the TLB entry that matches the last mapped access, or -1. */
int dbg_tlb_matched(struct dbg *d);

typedef bool (*dbg_poll_fn)(void *ctx);

/* Run functions.  `limit` is an absolute cycle count (UINT64_MAX: none). */
struct dbg_stop dbg_step(struct dbg *d);
struct dbg_stop dbg_continue(struct dbg *d, uint64_t limit, dbg_poll_fn poll, void *ctx);
struct dbg_stop dbg_step_over(struct dbg *d, dbg_poll_fn poll, void *ctx);
struct dbg_stop dbg_run_to(struct dbg *d, uint32_t addr, dbg_poll_fn poll, void *ctx);
struct dbg_stop dbg_finish(struct dbg *d, dbg_poll_fn poll, void *ctx);
/* Stop at the vector of the next exception taken, caught or not. */
struct dbg_stop dbg_to_exception(struct dbg *d, dbg_poll_fn poll, void *ctx);
/* Stop at the instruction the innermost exception's RFE resumes. */
struct dbg_stop dbg_to_return(struct dbg *d, dbg_poll_fn poll, void *ctx);

/* Reverse execution.  The tick (instructions + exceptions) names a
 * position; step back one tick, or back to the last tick before this
 * one where a breakpoint or watchpoint would have stopped. */
uint64_t dbg_tick(const struct dbg *d);
struct dbg_stop dbg_reverse_step(struct dbg *d);
struct dbg_stop dbg_reverse_continue(struct dbg *d);
/* The debugger changed registers or memory: later checkpoints are
 * no longer the machine's future. */
void dbg_history_changed(struct dbg *d);
/* Ticks from the oldest checkpoint (how far back one can go). */
uint64_t dbg_history_ticks(const struct dbg *d);

/* Human-readable stop reason into buf. */
const char *dbg_describe(struct dbg *d, const struct dbg_stop *s, char *buf, size_t n);

#endif /* FRONT_DEBUG_H */
