/*
 * hw/testmips.h: the machine's device map, shared by the simulator and
 * the guest software.
 *
 * The base devices follow GXemul's "testmips" machine (its register
 * offsets are public), so a bare-metal program built for it runs the
 * same on ./sim and on `gxemul -E testmips`.  The simctl device, the
 * rtc's one-shot timer and the boot-information block are exosim's
 * own; GXemul has none of them.
 *
 * Addresses are physical; the guest reaches them through kseg1
 * (uncached), e.g. the console at 0xb0000000.
 * Only #defines, so that assembly can include it too.
 */
#ifndef HW_TESTMIPS_H
#define HW_TESTMIPS_H

#define TM_KSEG1(pa)   (0xa0000000 | (pa))

/* Console: +0 put (store) or get (load, 0 when nothing waits) a char;
 * NUL bytes are not shown (as GXemul).  +0x10 halt: a store stops the
 * machine, its low byte being the exit status; a load stops it too
 * (status 0), as GXemul halts on any access there. */
#define CONS_BASE      0x10000000
#define CONS_SIZE      0x20
#define CONS_PUTGETCHAR 0x00
#define CONS_HALT      0x10
#define CONS_IRQ       2         /* Cause.IP2: input available */

/* mp: the multiprocessor helper; we have one CPU. */
#define MP_BASE        0x11000000
#define MP_SIZE        0x100
#define MP_WHOAMI      0x00
#define MP_NCPUS       0x10
#define MP_RANDOM      0x80      /* deterministic pseudo-random word */
#define MP_MEMORY      0x90      /* RAM size in bytes */
#define MP_NCYCLES     0xd0      /* cycle count (low 32 bits) */
#define MP_IRQ         6

/* Framebuffer: 640x480, 3 bytes a pixel (red, green, blue), row after
 * row, plain memory (GXemul's dev_fb; exosim maps the visible rows
 * only, GXemul 8192 rows).  The control device (GXemul's dev_fbctrl):
 * store a port number to FBCTRL_PORT, then read or write the port at
 * FBCTRL_DATA; a write to the command port runs the command.  NOP, and
 * CHANGE_RESOLUTION to X1 x Y1 = 640x480, do nothing; any other command
 * or size is refused (the command port reads FBCTRL_STATUS_REFUSED;
 * GXemul resizes, or exits on an unknown command).  docs/DISPLAY.md. */
#define FB_BASE        0x12000000
#define FB_CTRL_BASE   0x12f00000
#define FB_WIDTH       640
#define FB_HEIGHT      480
#define FB_BYTES       (FB_WIDTH * FB_HEIGHT * 3)
#define FB_CTRL_SIZE   0x20
#define FBCTRL_PORT    0x00
#define FBCTRL_DATA    0x10
#define FBCTRL_PORT_COMMAND 0
#define FBCTRL_PORT_X1 1
#define FBCTRL_PORT_Y1 2
#define FBCTRL_PORT_X2 3
#define FBCTRL_PORT_Y2 4
#define FBCTRL_PORT_COLOR 5
#define FBCTRL_NPORTS  6
#define FBCTRL_CMD_NOP 0
#define FBCTRL_CMD_CHANGE_RESOLUTION 1
#define FBCTRL_STATUS_REFUSED 0xffffffff

/* Disk: GXemul's "disk" device, register for register (GXemul's
 * src/include/testmachine/dev_disk.h and src/devices/dev_disk.cc, 0.7.0).
 * Store the byte offset (OFFSET, and OFFSET_HIGH32 for images over
 * 4 GiB; a store to OFFSET clears the high half) and the disk id, then
 * store an operation to START: READ copies 512 bytes at the offset into
 * the buffer, WRITE copies the buffer's first 512 bytes to the image.
 * STATUS then reads 1 (done) or 0 (no such disk, an I/O error, or a
 * write that does not lie wholly inside the image).  A read past the
 * end gives zeros for the bytes beyond it and status 1, as GXemul.  Every store to START, whatever the operation, advances the
 * offset by 512, as GXemul 0.7 does.  Loads of OFFSET, ID, START and
 * STATUS return what was last stored (STATUS: the last result).  The
 * buffer is a 4 KiB page of plain memory of which a transfer uses the
 * first 512 bytes.  Other offsets read 0 and ignore stores.  The store
 * to START stalls the CPU DISK_OP_USEC of virtual time (exosim's
 * assumption; GXemul takes none).  Images: sim --disk (docs/GXEMUL.md). */
#define DISK_BASE      0x13000000
#define DISK_SIZE      0x5000
#define DISK_OFFSET    0x0000
#define DISK_OFFSET_HIGH32 0x0008
#define DISK_ID        0x0010
#define DISK_START     0x0020
#define DISK_STATUS    0x0030
#define DISK_BUFFER    0x4000
#define DISK_BUFFER_SIZE 0x1000
#define DISK_SECTOR    512
#define DISK_OP_READ   0
#define DISK_OP_WRITE  1
#define DISK_MAX       8         /* ids 0..7, as GXemul's -d N: prefix */
#define DISK_OP_USEC   200       /* latency of one operation */

/* Ethernet. */
#define ETH_BASE       0x14000000
#define ETH_BUFFER     0x0000
#define ETH_BUFFER_SIZE 0x4000
#define ETH_STATUS     0x4000
#define ETH_LENGTH     0x4010
#define ETH_COMMAND    0x4020
#define ETH_MAC        0x4040
#define ETH_IRQ        3

/* Real-time clock: +0x100 periodic interrupt rate in Hz (0 = off);
 * +0x110 any store acknowledges the interrupt.  The interrupt comes
 * every clock_hz / rate cycles of virtual time.
 * exosim's extension (not in GXemul), a one-shot timer on its own line:
 * a store of N > 0 to +0x120 raises ONESHOT_IRQ exactly N cycles after
 * the store, replacing any pending one-shot; a store of 0 cancels it;
 * a load returns the cycles left (0 when none is pending).  The line
 * stays up until any store to +0x130; re-arming or cancelling does not
 * lower it. */
#define RTC_BASE       0x15000000
#define RTC_SIZE       0x200
#define RTC_TRIGGER    0x000     /* latch the time for SEC/USEC */
#define RTC_SEC        0x010     /* virtual seconds since boot */
#define RTC_USEC       0x020     /* and microseconds */
#define RTC_HZ         0x100
#define RTC_ACK        0x110
#define RTC_IRQ        4
#define RTC_ONESHOT    0x120     /* exosim: one-shot, cycles from now */
#define RTC_ONESHOT_ACK 0x130    /* exosim: lower ONESHOT_IRQ */
#define ONESHOT_IRQ    5         /* Cause.IP5 */

/*
 * simctl: exosim's measurement and control device (not in GXemul).
 * Counters are exact: reading CYCLE_LO (or INSN_LO) latches the whole
 * 64-bit value at that instruction's cycle, and CYCLE_HI (INSN_HI)
 * returns the latched high half.
 */
#define SIMCTL_BASE        0x17000000
#define SIMCTL_SIZE        0x100
#define SIMCTL_CYCLE_LO    0x00
#define SIMCTL_CYCLE_HI    0x04
#define SIMCTL_INSN_LO     0x08
#define SIMCTL_INSN_HI     0x0c
#define SIMCTL_MARKER      0x10  /* store: trace marker with this id */
#define SIMCTL_MARKER_ARG  0x14  /* store: argument of the next marker */
#define SIMCTL_PROFILE     0x20  /* store: SIMCTL_PROF_* */
#define SIMCTL_DEBUG       0x30  /* store: break into the debugger */
#define SIMCTL_BOOTINFO    0x40  /* load: physical address of bootinfo */
#define SIMCTL_CLOCK_HZ    0x44  /* load: the profile's clock in Hz */
#define SIMCTL_PUTHEX      0x50  /* store: print the word in hex (tests) */

#define SIMCTL_PROF_OFF    0
#define SIMCTL_PROF_ON     1
#define SIMCTL_PROF_RESET  2

/*
 * Boot-information block.  The simulator writes it into RAM after the
 * kernel image and the boot modules, page aligned, and starts the kernel
 * with a0 = its kseg0 address (also readable at SIMCTL_BOOTINFO).
 * All fields are 32-bit words; addresses are physical.
 *
 *   +0x00 magic        BOOTINFO_MAGIC
 *   +0x04 version      BOOTINFO_VERSION
 *   +0x08 mem_size     bytes of RAM
 *   +0x0c kernel_end   first byte after the kernel image
 *   +0x10 free_start   first free byte after modules and this block
 *   +0x14 clock_hz     the machine profile's CPU clock
 *   +0x18 nmodules     number of module records that follow (<= 16)
 *   +0x1c cmdline      address of a NUL-terminated command line
 *   +0x20 seed_lo      the boot seed (sim --seed, default SIM_SEED_DEFAULT
 *   +0x24 seed_hi        in simulator/exosim.h): low and high words of a
 *                        64-bit number the kernel derives its secrets from,
 *                        so that the same seed gives the same run
 *   +0x28 module[i]    i = 0..nmodules-1, 16 bytes each:
 *         +0 start, +4 size, +8 name (NUL-terminated), +12 reserved (0)
 * Version 2 added the seed (version 1 had the modules at +0x20).
 */
#define BOOTINFO_MAGIC     0x424f5845  /* "EXOB" */
#define BOOTINFO_VERSION   2
#define BOOTINFO_MAXMOD    16
#define BI_MAGIC      0x00
#define BI_VERSION    0x04
#define BI_MEMSIZE    0x08
#define BI_KERNEL_END 0x0c
#define BI_FREE_START 0x10
#define BI_CLOCK_HZ   0x14
#define BI_NMODULES   0x18
#define BI_CMDLINE    0x1c
#define BI_SEED_LO    0x20
#define BI_SEED_HI    0x24
#define BI_MODULES    0x28
#define BI_MOD_SIZE   16

#endif /* HW_TESTMIPS_H */
