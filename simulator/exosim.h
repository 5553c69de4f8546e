/*
 * exosim.h: the simulator core as a library.  This header is its whole
 * interface; the `sim` program, the unit tests, the debuggers, the
 * tracer and the profiler all use the machine through it.
 *
 * A `struct machine` is one R3000 machine: the CPU state (plain data,
 * `struct cpu_state`, readable and writable directly), guest RAM, the
 * devices of hw/testmips.h, the loaded ELF symbols and the statistics.
 *
 * Typical use:
 *   struct sim_config cfg; sim_config_default(&cfg);
 *   struct machine *m = machine_new(&cfg, err, sizeof err);
 *   machine_load_kernel(m, "kernel.elf", err, sizeof err);
 *   machine_add_module(m, "workload.elf", err, sizeof err);
 *   machine_boot(m, "args");
 *   enum sim_stop why = machine_run(m, UINT64_MAX);
 *
 * Time is virtual: the same inputs give the same cycles on every host.
 * Functions that can fail return 0 on success and -1 with a message in
 * `err` (bad input) unless they say otherwise.
 */
#ifndef EXOSIM_H
#define EXOSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/mips.h"

/* ---- CPU state: plain data ------------------------------------------ */

#define REG_SINK 32   /* writes to $zero go here, so r[0] stays 0 */

struct tlb_entry {
	uint32_t hi;    /* VPN | ASID, EntryHi layout */
	uint32_t lo;    /* PFN | N D V G, EntryLo layout */
};

struct cpu_state {
	uint32_t r[34];          /* r[0..31]; r[32] is the $zero sink */
	uint32_t hi, lo;
	uint64_t muldiv_ready;   /* cycle from which HI/LO may be read */
	uint32_t pc;             /* address of the next instruction */
	uint32_t npc;            /* and of the one after it (branch target) */
	uint32_t delay_slot;     /* 1: the instruction at pc is in a delay slot */
	uint32_t ld_reg;         /* pending load: register, REG_SINK if none */
	uint32_t ld_val;         /* and the value it will receive */
	uint32_t cp0[16];        /* CP0 registers by number (hw/mips.h) */
	uint64_t random_base;    /* Random = 63 - (cycle - random_base) % 56 */
	struct tlb_entry tlb[TLB_NENTRIES];
	uint64_t cycle;          /* cycles since reset */
	uint64_t insns;          /* instructions completed since reset */
};

/* ---- Configuration ------------------------------------------------- */

/* The memory-system timing model (timing.c; docs/TIMING.md gives every
 * parameter with its source).  With `enabled` false ("ideal"), every
 * instruction takes one cycle plus multiply/divide interlocks. */
struct sim_timing {
	bool enabled;
	char name[16];               /* profile: ideal, dec5000, ... */
	uint32_t icache_bytes;       /* direct-mapped, 4-byte lines */
	uint32_t dcache_bytes;
	uint32_t refill_words;       /* words filled per miss (power of 2) */
	uint32_t read_miss_cycles;   /* cached read miss: first word */
	uint32_t uncached_read_cycles;   /* device (I/O) register read */
	uint32_t uncached_write_cycles;  /* device write: buffer occupancy */
	uint32_t wbuf_depth;         /* write-buffer entries, 1..16 */
	uint32_t wbuf_retire_cycles; /* memory write time per entry */
	uint32_t miss_waits_wbuf;    /* 1: a read miss drains the buffer */
	uint32_t partial_store_penalty;  /* extra cycles, SB/SH hit */
	uint32_t exc_entry_penalty;  /* extra cycles per exception */
};

struct sim_config {
	uint32_t mem_size;       /* bytes of RAM, 1 MiB .. 512 MiB */
	uint32_t clock_hz;       /* CPU clock, for rtc and microseconds */
	uint64_t wedge_limit;    /* identical exceptions in a row = wedged */
	bool console_echo;       /* copy guest console output to stdout */
	int console_out_fd;      /* where console output goes (default 1) */
	int console_in_fd;       /* console input (default 0, -1 = none) */
	struct sim_timing timing;    /* default: ideal (no memory model) */
	bool check_icache;       /* report stale I-cache executions */
	uint64_t boot_seed;      /* for the guest's secrets: boot block BI_SEED_LO/HI */
	/* The testmips disk (hw/testmips.h DISK_*): the image file of each
	 * disk id 0..7, or NULL.  machine_new opens them and refuses a
	 * missing or unreadable one, or one whose size is not a positive
	 * multiple of 512 bytes. */
	const char *disk_path[8];
	bool disk_snapshot;      /* writes go to a copy in host memory */
	bool interlock_loads;    /* not the R3000: no load delay (--interlock-loads) */
	uint64_t max_cycles;     /* no cycle runs at or past this one (0: no bound);
	                          * machine_run and machine_step stop there with
	                          * STOP_CYCLE_LIMIT, whichever front end drives them */
	/* The Ethernet (dev/ether.c, net.c; docs/NET.md).  machine_new opens
	 * the connections and refuses a bad one (a malformed capture, a
	 * link no simnet serves, a TAP it cannot open). */
	uint64_t net_speed;      /* wire bits per second (default 10 Mb/s) */
	uint64_t net_latency_ns; /* one-way latency after the last bit (default 0) */
	uint8_t net_mac[6];      /* default GXemul's first: 10:20:30:00:00:10 */
	const char *net_pcap_out;    /* write every frame here, or NULL */
	const char *net_pcap_in;     /* replay this capture, or NULL */
	const char *net_link;        /* Unix socket of a simnet hub, or NULL */
	const char *net_tap;         /* a TAP interface's name, or NULL */
};

/* The boot seed when none is given (sim --seed): "EXOSIM95" in ASCII.
 * Public, so secrets derived from it are secret only from a guest that
 * does not know which seed it was booted with. */
#define SIM_SEED_DEFAULT 0x45584f53494d3935ull

void sim_config_default(struct sim_config *cfg);

/* Select a machine profile ("ideal", "dec5000", "dec3100", "dec2100"):
 * its timing parameters and clock. */
int sim_machine_profile(struct sim_config *cfg, const char *name, char *err, size_t errlen);
/* Override one parameter: "name=value" (names as in --machine help). */
int sim_machine_param(struct sim_config *cfg, const char *assign, char *err, size_t errlen);
/* Print the profiles and parameters with their values to `out` (FILE*). */
void sim_machine_list(void *out);

/* ---- Life cycle ---------------------------------------------------- */

struct machine;

struct machine *machine_new(const struct sim_config *cfg, char *err, size_t errlen);
void machine_free(struct machine *m);
/* Reset the CPU as the hardware does: PC = 0xbfc00000, BEV set. */
void machine_reset(struct machine *m);

struct cpu_state *machine_cpu(struct machine *m);
const struct sim_config *machine_config(const struct machine *m);
uint8_t *machine_ram(struct machine *m, uint32_t *size);

/* ---- Loading and boot ---------------------------------------------- */

/* Load a little-endian MIPS I ELF's PT_LOAD segments (kseg0/kseg1
 * addresses, masked to physical) and keep its symbols. */
int machine_load_kernel(struct machine *m, const char *path, char *err, size_t errlen);
/* Place a file in RAM as a boot module (after the kernel, page aligned);
 * if it is an ELF, keep its symbols too. */
int machine_add_module(struct machine *m, const char *path, char *err, size_t errlen);
/* Write the boot-information block (hw/testmips.h), set PC to the
 * kernel's entry, a0 to the block and sp to the top of RAM. */
int machine_boot(struct machine *m, const char *cmdline, char *err, size_t errlen);

/* ---- Running ------------------------------------------------------- */

enum sim_stop {
	STOP_NONE = 0,
	STOP_HALT,          /* the guest halted; machine_halt_status() */
	STOP_CYCLE_LIMIT,   /* the cycle budget ran out */
	STOP_WEDGED,        /* no progress possible; machine_stop_message() */
	STOP_BREAK,         /* an observer or the guest asked to stop */
	STOP_STEP,          /* machine_step finished its instruction */
	STOP_USER,          /* machine_request_stop from outside (Ctrl-C) */
	STOP_ERROR,         /* internal error; machine_stop_message() */
};

/* Run until `max_cycle` (an absolute cycle count) or a stop. */
enum sim_stop machine_run(struct machine *m, uint64_t max_cycle);
/* Execute one instruction (or take one pending interrupt). */
enum sim_stop machine_step(struct machine *m);
/* Ask a running machine to stop before its next instruction; safe from
 * an observer callback or a signal handler. */
void machine_request_stop(struct machine *m, enum sim_stop why);
int machine_halt_status(const struct machine *m);
const char *machine_stop_message(const struct machine *m);

/* ---- Memory access for tools (no side effects on the guest) ---------
 * Virtual accesses translate through the TLB with the current ASID
 * (kseg0/1 directly) without raising exceptions; device registers are
 * not touched.  Return 0, or -1 if the address is not backed by RAM. */
int machine_virt_to_phys(struct machine *m, uint32_t va, uint32_t *pa);
int machine_read_phys(struct machine *m, uint32_t pa, void *buf, size_t n);
int machine_write_phys(struct machine *m, uint32_t pa, const void *buf, size_t n);
int machine_read_virt(struct machine *m, uint32_t va, void *buf, size_t n);
int machine_write_virt(struct machine *m, uint32_t va, const void *buf, size_t n);

/* ---- The framebuffer (dev/fb.c, docs/DISPLAY.md) ---------------------
 * machine_framebuffer: its FB_WIDTH x FB_HEIGHT pixels, 3 bytes each
 * (red, green, blue), rows FB_WIDTH * 3 bytes apart (hw/testmips.h).
 * machine_fb_take_dirty: the rows changed since the last call, a bit a
 * row (bit y & 31 of rows[y / 32]), then forgets them; returns how many
 * rows changed.  A new machine, and a restored snapshot, has every row
 * marked. */
const uint8_t *machine_framebuffer(struct machine *m);
int machine_fb_take_dirty(struct machine *m, uint32_t rows[15]);   /* 15 = FB_HEIGHT / 32 */

/* ---- CP0 for tools ------------------------------------------------- */

/* Read a CP0 register as the guest would see it (Random computed). */
uint32_t machine_cp0_read(struct machine *m, int reg);
/* Write a CP0 register as MTC0 would (masks applied). */
void machine_cp0_write(struct machine *m, int reg, uint32_t val);
/* Raise or lower hardware interrupt line 2..7 (Cause.IP2..IP7). */
void machine_set_irq(struct machine *m, int line, bool level);

/* ---- Snapshots ----------------------------------------------------- */

/* A snapshot holds the CPU state, RAM, device state and the timing
 * model's caches and write buffer, so running on from a restored
 * snapshot counts the same cycles again.  Console output already
 * written, input already read and files are not rewound. */
struct snapshot;
struct snapshot *machine_save(struct machine *m);
void machine_restore(struct machine *m, const struct snapshot *s);
void snapshot_free(struct snapshot *s);

/* ---- Symbols ------------------------------------------------------- */

struct symbol {
	uint32_t addr, size;
	const char *name;
	int image;               /* 0 = kernel, 1.. = boot module */
};

/* The symbol containing `addr` (kernel first, then modules), or NULL. */
const struct symbol *machine_sym_lookup(const struct machine *m, uint32_t addr);
/* The address of symbol `name` in any image; 0 on success, -1 if none. */
int machine_sym_find(const struct machine *m, const char *name, uint32_t *addr);
/* "name+0x10" or "0x80001234" into buf; returns buf. */
const char *machine_sym_format(const struct machine *m, uint32_t addr, char *buf, size_t n);
/* The source file and line of addr from the DWARF line tables of the
 * image whose symbol covers it (else of any image): the image itself or
 * NAME.debug beside it.  0, or -1 when no image has a line for it.
 * *file stays valid until machine_free. */
int machine_srcline(struct machine *m, uint32_t addr, const char **file, int *line);
/* Path of image i (0 = kernel) or NULL. */
const char *machine_image_path(const struct machine *m, int image);
/* Boot module i (1..) that is a MIPS ELF: its path and the virtual
 * address its first PT_LOAD segment is linked at (the kernel loads it
 * there in its environment).  0, or -1 if there is no such module. */
int machine_module_elf(const struct machine *m, int image, const char **path, uint32_t *vaddr);

/* ---- The Ethernet's connections (net.c, docs/NET.md) ---------------
 * machine_run, and with a link (--net link) the lockstep with the other
 * machines of the segment, or with a TAP the pacing of virtual time to
 * the host's clock.  Without either it is machine_run. */
enum sim_stop machine_run_net(struct machine *m, uint64_t max_cycle);
/* Whether the machine needs machine_run_net (a link or a TAP). */
bool machine_net_paced(const struct machine *m);
/* "aa:bb:cc:dd:ee:ff" into mac; 0, or -1 when malformed. */
int sim_parse_mac(const char *s, uint8_t mac[6]);

/* ---- Observation --------------------------------------------------
 * Observers see what happens in the machine.  Rare events (exceptions,
 * TLB writes, interrupts, device events, markers) always go to every
 * observer that has on_event.  Per-instruction (on_insn) and memory
 * (on_mem) callbacks switch the machine to its hooked loop and its slow
 * memory path; with none registered the fast path pays nothing.
 */

enum sim_event_kind {
	EV_EXCEPTION,    /* code, epc, badvaddr, bd, from_user, vector */
	EV_RFE,          /* an RFE executed: pc, status after */
	EV_USER_ENTER,   /* first user-mode instruction after kernel mode: pc */
	EV_TLB_WRITE,    /* insn (TLBWI/TLBWR), index, hi, lo */
	EV_TLB_PROBE,    /* index (or -1), hi */
	EV_IRQ_RAISE,    /* line */
	EV_IRQ_LOWER,    /* line */
	EV_MARKER,       /* id, arg (simctl) */
	EV_PROFILE_CTL,  /* arg: SIMCTL_PROF_* */
	EV_DEBUG_BREAK,  /* simctl break request */
	EV_DEVICE,       /* device name, what, value */
	EV_HALT,         /* status */
};

struct sim_event {
	enum sim_event_kind kind;
	uint64_t cycle;
	uint32_t pc;             /* PC of the instruction concerned */
	uint32_t code;           /* ExcCode, TLB insn, line, marker id ... */
	uint32_t epc, badvaddr, vector;
	uint32_t index, hi, lo;  /* TLB */
	uint32_t arg;            /* marker argument, status, value */
	bool bd, from_user;
	const char *device, *what;
};

struct sim_observer {
	void *ctx;
	void (*on_event)(void *ctx, struct machine *m, const struct sim_event *ev);
	/* Before each instruction; return true to stop before it (ignored
	 * for the first instruction of a machine_run/step call). */
	bool (*on_insn)(void *ctx, struct machine *m, uint32_t pc, uint32_t word);
	/* After each data access (and before a device sees a store). */
	void (*on_mem)(void *ctx, struct machine *m, uint32_t va, uint32_t pa,
	               int size, bool store, uint32_t value);
	/* When the machine stops for good (any exit path): flush files. */
	void (*on_finish)(void *ctx, struct machine *m);
	/* on_insn is off for now (machine_observe_insns); false at first. */
	bool insn_off;
};

int machine_add_observer(struct machine *m, const struct sim_observer *o);
/* Switch an observer's on_insn calls off or back on; it keeps its other
 * callbacks.  An observer that needs instructions only now and then (the
 * tracer, waiting for a handler's first instruction) lets the machine
 * run its fast loop the rest of the time.  Safe from the observer's own
 * callbacks; takes effect from the next instruction. */
void machine_observe_insns(struct machine *m, void *ctx, bool on);
void machine_remove_observer(struct machine *m, void *ctx);
/* Call every observer's on_finish once (idempotent). */
void machine_finish(struct machine *m);

/* ---- Statistics ---------------------------------------------------- */

struct sim_stats {
	uint64_t exceptions[EXC_NCODES];
	uint64_t utlb_misses;        /* exceptions through the UTLB vector */
	uint64_t interrupts[8];      /* taken, by highest pending line */
	uint64_t tlb_writes;
	uint64_t muldiv_stall_cycles;
	uint64_t idle_skipped_cycles;
	uint64_t exc_penalty_cycles;
	/* Memory-system model (zero when it is off). */
	uint64_t icache_misses;
	uint64_t dcache_misses;
	uint64_t uncached_accesses;  /* loads and stores, RAM and devices */
	uint64_t wbuf_stall_cycles;  /* full buffer, or drained for a read */
	uint64_t miss_stall_cycles;  /* cycles waiting for cache refills */
	uint64_t uncached_stall_cycles;  /* cycles of uncached reads */
	uint64_t icache_stale;       /* instructions run from stale I-cache */
};

const struct sim_stats *machine_stats(const struct machine *m);

/* Names for messages: "TLBL", "Sys" ...; "?" when unknown. */
const char *exc_name(unsigned code);

/* ---- Hazard checker (--check-hazards) ------------------------------
 * Reports code that relies on R3000 hazards: a register read in a load
 * delay slot, HI/LO written within two instructions of MFHI/MFLO, a CP0
 * write followed at once by a TLB instruction.  Each site once, with PC
 * and symbol, to `out`. Returns the number of sites found so far. */
struct hazard_checker;
struct hazard_checker *hazards_attach(struct machine *m, void *out /* FILE* */);
unsigned hazards_count(const struct hazard_checker *h);
/* Of those, the load-delay sites (what --interlock-loads relied on). */
unsigned hazards_load_delay_count(const struct hazard_checker *h);
void hazards_detach(struct machine *m, struct hazard_checker *h);

/* ---- Disassembly (capstone) ---------------------------------------- */

/* Disassemble one word at `pc` into buf ("addiu $sp, $sp, -0x20";
 * CP0 registers by name: "mfc0 $k0, Cause"). */
const char *mips_disasm(uint32_t word, uint32_t pc, char *buf, size_t n);

/* How mips_disasm_sym names addresses.  sym() writes "name" or
 * "name+0x10" for addr into buf and returns buf, or returns NULL when
 * no symbol covers addr.  gp is $gp's value, used only if gp_known. */
struct disasm_syms {
	const char *(*sym)(void *arg, uint32_t addr, char *buf, size_t n);
	void *arg;
	int gp_known;
	uint32_t gp;
};
/* mips_disasm, then " <name+0x10>" after a branch or jump whose target
 * a symbol covers, or a load or store off $zero (or $gp) whose address
 * one covers: "jal 0x80000ffc <page_alloc>".  s may be NULL. */
const char *mips_disasm_sym(uint32_t word, uint32_t pc, const struct disasm_syms *s,
                            char *buf, size_t n);
/* mips_disasm_sym with m's symbols (no $gp: our code is built -G0). */
const char *machine_disasm(const struct machine *m, uint32_t word, uint32_t pc,
                           char *buf, size_t n);

/* ---- Exit statuses of the `sim` program ---------------------------- */

#define SIM_EXIT_CYCLE_LIMIT 200
#define SIM_EXIT_WEDGED      201
#define SIM_EXIT_BAD_INPUT   202
#define SIM_EXIT_INTERNAL    203
#define SIM_EXIT_INTERRUPTED 204
#define SIM_EXIT_GUEST_MAX   199   /* guest statuses above are clamped */

#endif /* EXOSIM_H */
