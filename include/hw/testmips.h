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

/*
 * Ethernet: GXemul's "ether" device register for register (GXemul's
 * src/include/testmachine/dev_ether.h and src/devices/dev_ether.cc;
 * docs/NET.md gives the semantics and the differences).  The 16 KiB
 * buffer holds the frame to send or the one received.  Loading STATUS
 * returns it and clears it (and the interrupt).  LENGTH: the frame's
 * length; a store above ETH_BUFFER_SIZE stores ETH_BUFFER_SIZE.  A store
 * to COMMAND: ETH_CMD_RX takes the oldest waiting frame into the buffer
 * (STATUS then has ETH_STATUS_RECEIVED, and ETH_STATUS_MORE if others
 * wait), ETH_CMD_TX sends LENGTH bytes of the buffer.  A store of an
 * address to MAC writes the 6-byte MAC address to guest memory there
 * (the address is virtual, as GXemul's).  IRQ 3 is up while STATUS is
 * not 0 (or, with the extension below, while an enabled cause is).
 * Frames are sent on a wire of --net-speed bits/s (docs/NET.md).
 */
#define ETH_BASE       0x14000000
#define ETH_SIZE       0x8000
#define ETH_BUFFER     0x0000
#define ETH_BUFFER_SIZE 0x4000
#define ETH_STATUS     0x4000
#define ETH_LENGTH     0x4010
#define ETH_COMMAND    0x4020
#define ETH_MAC        0x4040
#define ETH_IRQ        3
#define ETH_STATUS_RECEIVED 1
#define ETH_STATUS_MORE     2
#define ETH_CMD_RX     0
#define ETH_CMD_TX     1
#define ETH_FRAME_MAX  1514      /* bytes without FCS; longer ones are errors */
#define ETH_FRAME_MIN  14        /* a header; shorter ones are errors */

/*
 * exosim's extension of the Ethernet (GXemul has none of it; docs/NET.md):
 * descriptor rings in guest RAM, DMA, interrupt causes, counters.
 * Words at ETH_BASE + offset:
 *   X_ID       load: ETH_X_MAGIC (a driver probes for the extension)
 *   X_CTRL     ETH_CTRL_RXRING: received frames go to the rx ring, not
 *              to the GXemul buffer; ETH_CTRL_PROMISC: accept frames for
 *              any address (else: ours, broadcast and multicast)
 *   X_INTR     pending causes (ETH_INTR_*); a store clears the 1 bits
 *   X_IMASK    causes that raise IRQ 3
 *   X_MAC_LO/HI the MAC address, bytes 0-3 and 4-5 (load only)
 *   X_RX_BASE, X_TX_BASE  physical address of a ring (16-byte aligned);
 *   X_RX_COUNT, X_TX_COUNT descriptors in it (0..ETH_RING_MAX; 0 = off);
 *              a store to BASE or COUNT sets the ring's HEAD to 0
 *   X_RX_HEAD, X_TX_HEAD  load: the index the device uses next
 *   X_TX_KICK  store: look for descriptors the device owns in the tx ring
 *   X_CNT_*    counters since reset (load only)
 * A descriptor is 4 words: +0 buffer physical address, +4 buffer size
 * (rx) or frame length (tx), +8 flags, +12 a cycle stamp (low 32 bits of
 * the cycle the frame arrived, or its transmission ended).  The driver
 * hands a descriptor to the device by setting ETH_DESC_OWN in flags; the
 * device gives it back with OWN clear, DONE set, ERR set when the
 * descriptor was bad (buffer not wholly in RAM, size too small, length
 * outside ETH_FRAME_MIN..ETH_FRAME_MAX), and for rx the frame's length
 * in the low 16 bits.  A frame that finds no descriptor owned by the
 * device is dropped (ETH_INTR_RXOVF, CNT_RX_DROPS).
 */
#define ETH_X_ID       0x4100
#define ETH_X_CTRL     0x4104
#define ETH_X_INTR     0x4108
#define ETH_X_IMASK    0x410c
#define ETH_X_MAC_LO   0x4110
#define ETH_X_MAC_HI   0x4114
#define ETH_X_RX_BASE  0x4120
#define ETH_X_RX_COUNT 0x4124
#define ETH_X_RX_HEAD  0x4128
#define ETH_X_TX_BASE  0x4130
#define ETH_X_TX_COUNT 0x4134
#define ETH_X_TX_HEAD  0x4138
#define ETH_X_TX_KICK  0x413c
#define ETH_X_CNT_RX_FRAMES 0x4180
#define ETH_X_CNT_RX_BYTES  0x4184
#define ETH_X_CNT_TX_FRAMES 0x4188
#define ETH_X_CNT_TX_BYTES  0x418c
#define ETH_X_CNT_RX_DROPS  0x4190
#define ETH_X_CNT_ERRORS    0x4194
#define ETH_X_MAGIC    0x45544831  /* "ETH1" */
#define ETH_CTRL_RXRING  1
#define ETH_CTRL_PROMISC 2
#define ETH_INTR_RX      1         /* a frame went into the rx ring */
#define ETH_INTR_TXDONE  2         /* a tx descriptor was given back */
#define ETH_INTR_RXOVF   4         /* a frame found no rx descriptor */
#define ETH_INTR_ERR     8         /* a bad descriptor was given back */
#define ETH_RING_MAX   256
#define ETH_DESC_SIZE  16
#define ETH_DESC_ADDR  0
#define ETH_DESC_SIZEW 4
#define ETH_DESC_FLAGS 8
#define ETH_DESC_STAMP 12
#define ETH_DESC_OWN   0x80000000
#define ETH_DESC_DONE  0x40000000
#define ETH_DESC_ERR   0x20000000
#define ETH_DESC_LEN   0x0000ffff

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
#define SIMCTL_INPUT_END   0x48  /* load: 1 when console input has ended (none waits, none can come) */
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
