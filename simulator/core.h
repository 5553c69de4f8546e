/*
 * core.h: the inside of `struct machine`, shared by the core's modules
 * (cpu.c, cp0.c, mem.c, machine.c, loader.c, dev/).  Tools outside the
 * core use exosim.h only.
 *
 * The hot path reads few fields: the CPU state, the fetch page cache
 * (fetch_vpage/fetch_dpage), the host TLB for data (dtab) and
 * next_event.  Everything rare is reached through next_event: when the
 * cycle count reaches it, the loop calls events_service().
 */
#ifndef SIM_CORE_H
#define SIM_CORE_H

#include <stdio.h>

#include "exosim.h"
#include "decode.h"
#include "symtab.h"
#include "timing.h"
#include "hw/testmips.h"

#define HTLB_SIZE 256          /* host TLB slots per table */
#define HTLB_KERNEL 0
#define HTLB_USER 1
#define HTLB_OFF 2             /* always empty: forces the slow path */
#define FETCH_SLOTS 32          /* fetch cache (struct machine) */
#define MAX_OBSERVERS 8
#define MAX_DEVICES 12
#define MAX_TIMERS 4
#define MAX_IMAGES (1 + BOOTINFO_MAXMOD)

/* A host TLB slot: a guest page known to be RAM and accessible in the
 * current mode and ASID.  tag = vpage | ASID bits (EntryHi layout), or
 * HTLB_EMPTY.  Bits 0..5 are never set in a valid tag, so the loop folds
 * the alignment check into the tag compare: it compares with the
 * address masked to keep its misaligned low bits (cpu_loop.inc), which
 * then match no tag, and HTLB_EMPTY (bit 2) matches no address. */
#define HTLB_EMPTY 4u
struct htlb {
	uint32_t tag;
	uint32_t pbase;          /* physical page base */
	uint8_t *host;           /* RAM address of the page */
	uint32_t ctag;           /* timing model: D-cache tag of the page's
	                            first word, pbase | 1, | TAG_UNCACHED for
	                            kseg1 or TLB N (timing.h) */
	uint32_t code;           /* the page holds decoded code: a store
	                            decodes its word again (cpu_loop.inc) */
	const uint8_t *ctab;     /* timing model: the D-cache tag of the word
	                            at page offset o is at ctab + o (timing_page_tags) */
};

struct device {
	const char *name;
	size_t state_size;       /* bytes of *state, copied by snapshots */
	uint32_t base, size;
	/* Return 0, or -1 for a bus error. */
	int (*read)(struct machine *m, struct device *d, uint32_t off, int size, uint32_t *val);
	int (*write)(struct machine *m, struct device *d, uint32_t off, int size, uint32_t val);
	void *state;
};

/* Virtual-time timers of the devices. */
struct timer {
	uint64_t due;            /* UINT64_MAX when idle */
	void (*fire)(struct machine *m, void *ctx);
	void *ctx;
};

struct srcinfo;
struct image {
	char *path;
	uint32_t start, size;    /* where it lies in RAM (modules) */
	uint32_t link_vaddr;     /* a module ELF's first PT_LOAD p_vaddr (for gdb) */
	bool is_elf;             /* a module that is a valid MIPS ELF */
	struct srcinfo *src;     /* its DWARF line information (srcline.c), opened on use */
	struct symtab syms;
};

/*
 * fetch_vpage when there is no fetch page: the run loop compares it with
 * pc & ~0xffc, which keeps a misaligned pc's low bits (so that the
 * fetch raises AdEL) but never has bits 2..11 set.  (It was 1, which a
 * pc such as 0xddd, page 0 with low bits 01, matched: a debugger's
 * `c 0xddd` ran the loop with no fetch page, found by fuzz_gdb.)
 */
#define FETCH_NONE 0x4u

struct machine {
	struct cpu_state cpu;    /* first: the hot path's base pointer */

	/* Fetch cache: the page of the current PC. */
	uint32_t fetch_vpage;    /* vaddr page of fetch_dpage, FETCH_NONE = none */
	uint32_t fetch_pbase;
	struct dinsn *fetch_dpage;

	/* Host TLB for data: the table of the current mode. */
	struct htlb *dtab_r, *dtab_w;
	int htlb_cur;            /* which of the three tables is in use */
	struct htlb htlb_r[3][HTLB_SIZE], htlb_w[3][HTLB_SIZE];

	uint64_t next_event;     /* loop calls events_service() from here */
	uint64_t run_limit;      /* absolute cycle limit of this run */
	uint64_t irq_holdoff;    /* no interrupt before this cycle */
	volatile int stop_request;
	enum sim_stop stop;
	int halt_status;
	char stop_msg[768];
	bool slow_mem;           /* on_mem observers: no host TLB */
	bool hooked;             /* on_insn observers: the hooked loop */
	/* The on_insn of the one observer whose hook is on, called by the
	 * hooked loop directly; NULL when more than one is on. */
	bool (*insn_hook)(void *ctx, struct machine *m, uint32_t pc, uint32_t word);
	void *insn_ctx;
	int8_t loop_hooked;      /* the running loop: 1 hooked, 0 not, -1 step */

	/* TLB index (mem.c): bit i of tlb_bucket[b] is set when entry i's
	 * VPN falls in bucket b (TLB_BUCKET), so a lookup tests the one or
	 * two candidates instead of 64 entries; tlb_ihi[i] is the EntryHi
	 * entry i is filed under (mem_tlb_sync refiles entries that tools
	 * changed directly). */
	uint64_t tlb_bucket[256];
	uint32_t tlb_ihi[TLB_NENTRIES];

	/* Fetch pages already translated (mem_fetch_page), kept across
	 * exceptions, RFE and mode changes: slot fetch_slot() (mem.c), tag =
	 * vpage | KUc << 1 | ASID for mapped pages; dropped when the TLB
	 * is written or shut down and when decoded pages are freed. */
	struct fetch_slot {
		uint32_t tag, pbase, itag;
		struct dinsn *dpage;
	} fetch_cache[FETCH_SLOTS];

	/* Snapshots share unchanged pages (machine.c): snap_base[i] is the
	 * copy of page i the newest snapshot holds (one reference is the
	 * machine's), dirty[i] says page i was written since; both NULL
	 * until the first snapshot.  Writers of RAM mark it: the slow store
	 * path and machine_write_phys (mem.c); the fast path's host-TLB
	 * write entries are dropped at each snapshot, so its first store to
	 * a page goes the slow way.  Device DMA must use machine_write_phys
	 * or bus_write; machine_ram() marks every page. */
	struct page_copy **snap_base;
	uint8_t *dirty;

	/* Memory. */
	uint8_t *ram;
	uint32_t ram_size;
	struct dinsn **dpage;    /* per physical page: decoded code or NULL */
	uint32_t npages;

	struct device dev[MAX_DEVICES];
	int ndev;
	struct timer timers[MAX_TIMERS];
	int ntimers;
	uint8_t irq_lines;       /* hardware lines, bit n = Cause.IP(n) */
	bool input_live;         /* console input can arrive at any time */
	bool user_enter_pending; /* EV_USER_ENTER due at the next insn */

	/* Exception-storm detection (cp0.c): the state at the last
	 * exception, and how many in a row found it unchanged. */
	struct wedge_state {
		bool valid;
		uint32_t code, epc, bad, hi, lo;
		uint32_t r1_25[25], r28_31[4];
	} wedge;
	uint64_t wedge_count;
	uint64_t exc_count;      /* exceptions taken, all kinds */
	uint32_t idle_pc;        /* idle-loop detection (cpu_idle_loop) */
	uint64_t idle_cycle;

	struct sim_config cfg;
	struct sim_stats stats;
	struct sim_observer obs[MAX_OBSERVERS];
	int nobs;
	bool finished;

	struct image img[MAX_IMAGES];
	int nimg;
	uint32_t entry;          /* kernel entry point */
	uint32_t kernel_end;     /* physical end of the kernel image */
	uint32_t load_end;       /* physical end of kernel + modules */
	uint32_t bootinfo_pa;

	/* Memory-system timing model (timing.c); off when !timing. */
	bool timing;
	uint32_t fetch_itag;     /* I-cache tag of fetch_pbase (timing.h) */
	struct cache *ic, *dc;   /* the caches in their current roles (SwC) */
	struct cache cache[2];   /* [0] built as the I-cache, [1] the D-cache */
	struct wbuf wbuf;
	struct dinsn stale_insn; /* a stale I-cache word being executed */
	struct icache_report *stale_sites;   /* --check-icache, reported once */
	unsigned nstale_sites;

	/* The last load-delay hazard the loop saw (LOADED in cpu_loop.inc):
	 * the load, the instruction that read its register, the cycle; for
	 * the wedge message.  hz_cycle 0: none. */
	uint32_t hz_load_pc, hz_use_pc;
	uint64_t hz_cycle;
	uint64_t wedge_since;    /* cycle of the current storm's first exception */

	/* Framebuffer rows changed since the display last looked, a bit
	 * a row (dev/fb.c): host state, not in snapshots. */
	uint32_t fb_dirty[FB_HEIGHT / 32];

	/* The disk images (dev/disk.c): host state, not in snapshots. */
	struct disk_image *disk_img;

	/* The Ethernet's connections (net.c): host state, not in snapshots. */
	struct net_host *net;
	struct device *ether;    /* its device (dev/ether.c) */
	bool net_live;           /* frames can arrive from outside (link, TAP) */
};

/* cpu.c */
enum sim_stop cpu_run(struct machine *m, bool single);
void cpu_idle_loop(struct machine *m, uint32_t pc, bool skip);

/* cp0.c: CP0, TLB, exceptions, interrupts. */
void cp0_reset(struct machine *m);
uint32_t cp0_read(struct machine *m, int reg);
void cp0_write(struct machine *m, int reg, uint32_t val);
void cp0_tlbr(struct machine *m);
void cp0_tlbwi(struct machine *m, uint32_t pc);
void cp0_tlbwr(struct machine *m, uint32_t pc);
void cp0_tlbp(struct machine *m, uint32_t pc);
void cp0_rfe(struct machine *m, uint32_t pc);
/* Enter the exception: EPC from pc and bd, Cause, Status stack, vector.
 * `badvaddr_valid`: AdE/TLB/Mod set BadVAddr (TLB ones also Context and
 * EntryHi); `utlb`: use the UTLB vector; `ce`: CpU coprocessor. */
void cp0_exception(struct machine *m, int code, uint32_t pc, bool bd,
                   uint32_t badvaddr, bool utlb, int ce);
/* Could an interrupt ever be taken from the current state? */
bool cp0_can_interrupt(struct machine *m);
/* Check for a pending, enabled interrupt and take it. */
bool cp0_check_interrupt(struct machine *m);
/* The current ASID bits (EntryHi layout). */
static inline uint32_t cp0_asid(const struct machine *m)
{
	return m->cpu.cp0[CP0_ENTRYHI] & EHI_ASID_MASK;
}
static inline bool cp0_user_mode(const struct machine *m)
{
	return (m->cpu.cp0[CP0_STATUS] & ST_KUC) != 0;
}

/* mem.c: translation, the host TLB, the bus. */
enum access { ACC_LOAD, ACC_STORE, ACC_FETCH };
/* Translate `va` for `acc`.  On a fault, raise the exception (with pc,
 * bd) and return -1. *uncached tells kseg1 / N. */
int mem_translate(struct machine *m, uint32_t va, enum access acc, uint32_t pc,
                  bool bd, uint32_t *pa, bool *uncached);
/* Data access slow path: translation, devices, bus errors, observers.
 * Return 0, or -1 when an exception was raised. */
int mem_load_slow(struct machine *m, uint32_t va, int size, uint32_t pc, bool bd, uint32_t *val);
int mem_store_slow(struct machine *m, uint32_t va, int size, uint32_t pc, bool bd, uint32_t val);
/* Fetch slow path: set the fetch cache for m->cpu.pc, or raise. */
int mem_fetch_page(struct machine *m, uint32_t pc, bool bd);
/* A store hit RAM at pa: decode the word there again if it is code. */
static inline void mem_code_written(struct machine *m, uint32_t pa)
{
	struct dinsn *dp = m->dpage[pa >> PAGE_SHIFT];
	if (dp)
		dp[(pa >> 2) & 1023] = decode(*(uint32_t *)(m->ram + (pa & ~3u)));
}
/* A store to RAM at pa of a page with decoded code is about to be made:
 * the I-cache keeps the old word (timing.c). */
static inline void mem_code_store(struct machine *m, uint32_t pa)
{
	if (m->timing)
		timing_code_store(m, pa);
}
/* RAM at pa was written: its page is not the last snapshot's. */
static inline void mem_dirty(struct machine *m, uint32_t pa)
{
	if (m->dirty)
		m->dirty[pa >> PAGE_SHIFT] = 1;
}
/* Drop the host TLB's write entries (the next store to each page takes
 * the slow path once). */
void mem_htlb_flush_writes(struct machine *m);
/* SWL/SWR: a read-modify-write of the aligned word. */
int mem_store_partial(struct machine *m, uint32_t va, bool left, uint32_t pc,
                      bool bd, uint32_t rt);
/* CpCond0: the write buffer is empty (BC0T/BC0F). */
bool mem_wbuf_empty(struct machine *m);
void mem_htlb_flush(struct machine *m);
/* The TLB index (core.h): refile entry i after it was written; refile
 * every entry a tool changed; file all of them again. */
void mem_tlb_indexed(struct machine *m, unsigned i);
void mem_tlb_sync(struct machine *m);
void mem_tlb_reindex(struct machine *m);
/* The first entry matching EntryHi value hi (TLBP), or -1. */
int mem_tlb_probe(const struct machine *m, uint32_t hi);
/* The fetch cache (core.h): forget it all, or one virtual page; set the
 * fetch page of pc from it if it is there (else FETCH_NONE). */
void mem_fetch_flush(struct machine *m);
void mem_fetch_forget(struct machine *m, uint32_t vpage);
void mem_fetch_refresh(struct machine *m);
void mem_htlb_invalidate_vpn(struct machine *m, uint32_t vpage);
/* Select the host TLB tables for the current mode / isolation. */
void mem_mode_changed(struct machine *m);
/* Physical bus: RAM or device. Return 0 or -1 (bus error). */
int bus_read(struct machine *m, uint32_t pa, int size, uint32_t *val);
int bus_write(struct machine *m, uint32_t pa, int size, uint32_t val);
struct dinsn *mem_decoded_page(struct machine *m, uint32_t pa);

/* srcline.c: close an image's debug information. */
void srcline_free(struct image *img);

/* machine.c: events, observers, timers. */
/* Format a bad-input message into err (n bytes); no-op if err is NULL. */
void sim_seterr(char *err, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool events_service(struct machine *m);
void events_reschedule(struct machine *m);
void machine_emit(struct machine *m, const struct sim_event *ev);
bool machine_observe_insn(struct machine *m, uint32_t pc, uint32_t word);
void machine_observe_mem(struct machine *m, uint32_t va, uint32_t pa, int size,
                         bool store, uint32_t val);
int timer_add(struct machine *m, void (*fire)(struct machine *, void *), void *ctx);
void timer_set(struct machine *m, int t, uint64_t due);
void machine_halt(struct machine *m, int status);
void machine_wedged(struct machine *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* dev/: the devices (dev/dev.h lists them). */
void devices_init(struct machine *m);
void devices_free(struct machine *m);
void devices_flush(struct machine *m);   /* console output */
/* The disk and its images (cfg.disk_path); 0, or -1 with a message. */
int disk_attach(struct machine *m, char *err, size_t errlen);
void disk_free(struct machine *m);
/* The Ethernet (dev/ether.c) and its connections (net.c, docs/NET.md).
 * ether_attach opens the connections (net_open); 0, or -1 with a message. */
#define ETH_DEFAULT_SPEED 10000000ull        /* 10 Mb/s */
#define ETH_DEFAULT_MAC 0x10, 0x20, 0x30, 0x00, 0x00, 0x10   /* GXemul's first */
int ether_attach(struct machine *m, char *err, size_t errlen);
/* A frame reaches the NIC from the wire at cycle `arrive` (>= now or
 * not): queued in the device state until then.  False: the queue of
 * frames in flight is full and the frame is dropped (counted). */
bool ether_deliver(struct machine *m, const uint8_t *f, uint32_t len, uint64_t arrive);
/* Bits on the wire for a frame of len bytes (preamble, FCS, padding to
 * the minimum frame), without the interframe gap. */
uint64_t ether_frame_bits(uint32_t len);
int net_open(struct machine *m, char *err, size_t errlen);
void net_close(struct machine *m);
/* The device sends a frame: its first bit at cycle start, its last
 * bit before cycle end (net.c passes it to the connections). */
void net_send(struct machine *m, const uint8_t *f, uint32_t len, uint64_t start, uint64_t end);
/* A frame arrived at the NIC (for pcap-out). */
void net_received(struct machine *m, const uint8_t *f, uint32_t len, uint64_t cycle);
/* The replayed capture (pcap-in): frame i's arrival cycle and bytes;
 * false when there is no frame i. */
bool net_replay(struct machine *m, uint32_t i, uint64_t *arrive, const uint8_t **f,
                uint32_t *len);

/* Copy each device's state out (malloc'd) or back, for snapshots. */
void dev_save(struct machine *m, void **state, size_t *size);
void dev_restore(struct machine *m, void *const *state, const size_t *size);

#endif /* SIM_CORE_H */
