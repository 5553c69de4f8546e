/*
 * exo/exo.h: the interface between the Aegis-style kernel (exokernel/)
 * and the applications and their library OS (exos/).  Only #defines and
 * one structure, so assembly can include it too.
 *
 * System calls.  `syscall` (never in a branch delay slot) with v0 =
 * the call number and a0..a2 = the arguments.  The kernel returns v0 =
 * a result >= 0 or a negative E_* code, and for some calls a second
 * result in v1 (otherwise v1 is 0 or -1, the high half of the kernel's
 * 64-bit result).  k0 and k1 belong to the kernel.  SYS_NULL and
 * SYS_GETENVID take the fast path (no kernel stack, no saved state) and
 * change nothing else; SYS_SCALL and SYS_ACALL are the protected
 * control transfers.  The rest take the general path, which runs C on
 * the kernel stack; the light calls (SYS_NFAST..SYS_NLIGHT-1) set
 * a0-a3 to 0, set at, HI and LO to 0 or leave them as they were
 * (SYS_TLB_WRITE's assembly path never touches them), and preserve
 * every other register (EXO_CLOBBERS).  The calls in SYS_SWITCHING may run another
 * environment first; they save and restore every register but v0.
 * No call leaves a kernel value in any register: on return each holds
 * the caller's value, a result, or 0 (k0 the return pc, k1 0).
 *
 * Address space.  kuseg is split in two segments (paper 5.4):
 *   segment 2, 0x00000000..0x00ffffff: guaranteed mappings (program
 *     image, exception code and stacks, page tables, the save area).
 *     A mapping installed with TLB_PIN is refilled by the kernel: from
 *     the STLB, where ordinary mappings never displace it, or from the
 *     environment's pin list when another pinned mapping holds its
 *     slot.  A miss that no pinned mapping covers goes to the
 *     application.
 *   segment 1, 0x01000000..0x7fffffff: everything else; misses go to
 *     the application's TLB-miss handler, which installs the mapping
 *     with SYS_TLB_WRITE.
 * Programs are linked at 0x00400000.  The save area of exception
 * dispatch is the page at EXO_SAVE_VA (registered by SYS_SET_SAVE), so
 * handlers reach it from $zero with 16-bit offsets.
 *
 * Exception dispatch (paper 5.3).  Every exception except SYSCALL,
 * interrupts and TLB misses that the software TLB satisfies goes to the
 * handler the environment set for its Cause code: the kernel stores t0,
 * t1, t2 at SAVE_T0/T1/T2 of the save area, sets SAVE_CRIT, loads
 * t0 = EPC, t1 = BadVAddr, t2 = Cause, and jumps to the handler in
 * user mode with interrupts on (18 instructions).  The handler returns
 * by itself (exos/xret.S).  An exception with no handler destroys the
 * environment.
 *
 * Time slices (paper 5.1.1).  On the timer interrupt that ends its
 * slice, an environment with an end-of-slice handler resumes there,
 * with SAVE_IPC = the interrupted PC and all registers as they were; it
 * must call SYS_YIELD before the next tick, or that tick counts as
 * excess time: it forfeits a later slice, and past EXO_EXCESS_MAX it is
 * destroyed.  Without a handler the kernel saves and restores its
 * registers itself.
 *
 * Critical sections and upcalls.  The save area's SAVE_IPC and
 * SAVE_T0-T2 hold one context each, so an upcall (end- and
 * start-of-slice, repossession, the entry of an environment that left
 * by a protected control transfer) must never land while a handler
 * still needs them.  SAVE_CRIT nonzero means "not now": the kernel sets
 * it on every exception dispatch and every upcall, and the application
 * clears it when it leaves (exos's exo_xret), like xok's u_in_critical.
 * The kernel makes an upcall only while SAVE_CRIT is 0 and the
 * interrupted pc is not within EXO_XRET_LEN bytes of the environment's
 * EXO_ENTRY_XRET pc (its return sequence, which still reads the save
 * area after clearing SAVE_CRIT).  An end-of-slice upcall that finds
 * SAVE_CRIT set is deferred: the kernel sets SAVE_PENDING and lets the
 * environment finish its critical section, which must then yield
 * (exo_xret checks SAVE_PENDING on its way out); the next tick counts
 * as excess time.  One that finds the pc in the return sequence falls
 * back to the kernel saving the registers.  A start-of-slice upcall
 * that cannot be made becomes a plain resume, a repossession upcall
 * waits for a later resume, and an environment that left by a transfer
 * is not run.  An environment with no save area (SYS_SET_SAVE) gets no
 * upcalls.
 */
#ifndef EXO_EXO_H
#define EXO_EXO_H

/* Error codes (returned negated). */
#define E_INVAL    1   /* an argument is out of range */
#define E_NOMEM    2   /* no free page, environment, slice or slot */
#define E_PERM     3   /* not the owner, or the capability does not match */
#define E_FAULT    4   /* a pointer argument is not mapped in the caller */
#define E_BADENV   5   /* no such environment */
#define E_BUSY     6   /* the page is allocated (SYS_PAGE_ALLOC of a named page) */
#define E_NOSYS    8   /* no such system call (7 is unused) */

/*
 * System calls.  "->" gives v0 (and v1) on success; then every error.
 * Numbers: SYS_SCALL is 0 and any negative number is SYS_ACALL, so the
 * kernel tells the transfers apart with no compare; the fast calls come
 * next; then the light general-path calls (SYS_NFAST..SYS_NLIGHT-1);
 * then those that may switch environments.
 */
#define SYS_SCALL       0  /* (a0 = envid): synchronous protected control transfer
                              to the callee's sync entry; registers are the message
                              and arrive unchanged.  Donates the current slice:
                              if the caller owns it (it was scheduled in it, or
                              a synchronous transfer from the owner made it the
                              owner), the callee becomes its owner; a caller
                              running a lent slice (a directed yield or an
                              asynchronous transfer entered it) donates only
                              the rest of it.  The caller's
                              context is given away: the kernel keeps only its
                              resume pc (the instruction after the call) and no
                              registers.  It runs again when a transfer enters
                              it, or (its own slice, a yield to it) at its
                              EXO_ENTRY_SOS upcall with SAVE_IPC = that resume
                              pc; with no such upcall it is not run otherwise.
                              Does not return on success.  -E_BADENV (no such
                              environment, or it has no sync entry; the caller
                              goes on) */
#define SYS_ACALL     (-1) /* (a0 = envid) the same, asynchronous: to the callee's
                              async entry, donating only the rest of this slice;
                              the caller's later slices stay its own (and enter
                              it at EXO_ENTRY_SOS, as above).  Any negative
                              number is SYS_ACALL.  -E_BADENV (no such
                              environment, or it has no async entry) */
#define SYS_NULL        1  /* -> 0.  No errors. */
#define SYS_GETENVID    2  /* -> the caller's environment id.  No errors. */
#define SYS_NFAST       3  /* the light calls start here */
#define SYS_CPUTS       3  /* (a0 = buf, a1 = len) write to the console -> len.
                              -E_INVAL (len > 4096), -E_FAULT (buf not in kuseg or
                              not mapped) */
#define SYS_CGETC       4  /* -> the next console input character, or 0 if none
                              waits (input from a regular file is read in order;
                              at its end, 0).  No errors. */
#define SYS_PAGE_ALLOC  5  /* (a0 = ppn or -1 for any) -> ppn, v1 = write capability.
                              -E_INVAL (ppn out of range), -E_BUSY (named page taken),
                              -E_NOMEM (no free page) */
#define SYS_PAGE_FREE   6  /* (a0 = ppn, a1 = write cap) breaks every binding.
                              -E_INVAL (ppn out of range), -E_PERM (not owner or
                              wrong cap) */
#define SYS_PAGE_CAP    7  /* (a0 = ppn, a1 = write cap, a2 = 0 read / 1 write /
                              2 revoke) -> 0, v1 = the read or write capability;
                              2 makes new capabilities (v1 = new write cap) and
                              breaks every binding to the page.
                              -E_INVAL (ppn out of range, a2 > 2), -E_PERM (not
                              owner or wrong cap) */
#define SYS_PAGE_OWNER  8  /* (a0 = ppn) -> owner envid, or 0 if free or the
                              kernel's (a destroyed environment's envid while
                              its pages wait to be reclaimed).  -E_INVAL (ppn
                              out of range) */
#define SYS_TLB_WRITE   9  /* (a0 = va, a1 = ppn | TLB_* flags, a2 = capability)
                              bind va to the page: write needs the write cap, read
                              either cap.  -E_INVAL (va not in kuseg, unknown
                              flags, pin outside segment 2, too many pins),
                              -E_PERM (bad cap, page free or the kernel's) */
#define SYS_TLB_DELETE 10  /* (a0 = va, a1 = 0) TLBvadelete: unbind va (STLB and
                              TLB).  a1 = 1: drop only the hardware TLB entry and
                              keep the binding (the next access refills from the
                              STLB).  -E_INVAL (va not kuseg, a1 > 1) */
#define SYS_SET_HANDLER 11 /* (a0 = Cause code, a1 = user pc or 0 for none).
                              -E_INVAL (code is INT or SYS or > 12, pc not kuseg) */
#define SYS_SET_SAVE   12  /* (a0 = va of a pinned page) the dispatch save area.
                              -E_INVAL (va not pinned writable by the caller) */
#define SYS_SET_ENTRY  13  /* (a0 = EXO_ENTRY_*, a1 = user pc or 0) protected entry
                              and upcall PCs, and the start of the exception-
                              return sequence (EXO_ENTRY_XRET).  -E_INVAL (kind,
                              pc not kuseg) */
#define SYS_ENV_CREATE 14  /* (a0 = boot module index, a1 = argument for main)
                              -> new envid; it owns one new slice.
                              -E_INVAL (no such module, or one the kernel cannot
                              load safely: the console says why; not an ELF for
                              segment 2, more than EXO_NPIN pages), -E_NOMEM (no
                              free page,
                              environment or slice) */
#define SYS_REVOKE     15  /* (a0 = envid, a1 = npages, a2 = deadline in us)
                              visible revocation: ask an environment to give
                              back pages: its SAVE_REVOKE says how many.  At the
                              deadline (virtual time, the rtc's; the kernel
                              keeps the rtc's one-shot timer armed for the
                              earliest one) the kernel takes what it has not
                              freed (abort protocol), never the pages of its
                              guaranteed mappings or save area, records them in
                              SAVE_REPO, and enters it at its EXO_ENTRY_REPO
                              upcall (SAVE_IPC = the pc it would have resumed
                              at) when it next runs and is not critical.  A
                              request met in time is only closed (SAVE_REVOKE
                              = 0).  Only its creator may ask.  -E_BADENV (no such
                              environment), -E_PERM (not its creator), -E_INVAL
                              (deadline > EXO_REVOKE_MAX_US) */
#define SYS_SLICE_ALLOC 16 /* (a0 = slice or -1 for any) -> the slice, now the
                              caller's.  -E_INVAL (slice >= EXO_NSLICE), -E_BUSY
                              (the named slice is taken), -E_NOMEM (none free) */
#define SYS_SLICE_FREE 17  /* (a0 = slice) give it up; if it is the current
                              one, the caller runs to its end.  -E_INVAL (slice
                              >= EXO_NSLICE), -E_PERM (not the caller's) */
/*
 * Light calls 18-31 are reserved, by range, for the mechanisms being
 * added (so that work on them in parallel does not collide); until a
 * number is defined here it is -E_NOSYS:
 *   18-21 processes (ExOS: empty environments built by their parent)
 *   22-23 virtual memory          24-27 the network interface
 *   28    kernel statistics       29-31 DPF
 * Switching calls 37-39 are reserved the same way (37-38 processes).
 *
 * Processes (18-21, 37, 38; docs/KERNEL.md "Environments built by their
 * parent").  SYS_ENV_ALLOC makes an empty child; until SYS_ENV_START
 * only its parent touches it (SYS_ENV_MAP, SYS_ENV_SET, SYS_ENV_DESTROY):
 * it does not run, no transfer or yield enters it.  Afterwards nobody
 * but itself changes its mappings, registers or entries (the parent
 * may still destroy it, revoke from it and wait for it).  A started
 * child that dies leaves its envid and status to its parent until
 * collected by SYS_ENV_WAIT (or the parent dies).
 */
#define SYS_ENV_ALLOC  18  /* (a0 = 0) -> envid of a new empty child of the
                              caller: no pages, no slice, no handlers or save
                              area, registers 0, the simctl page pinned; not
                              runnable until started.  -E_INVAL (a0 != 0),
                              -E_NOMEM (no free environment) */
#define SYS_ENV_MAP    19  /* (a0 = child, a1 = user address of n struct
                              exo_map {va, pte, cap}, a2 = n <= EXO_MAP_MAX)
                              -> n: each is SYS_TLB_WRITE's (va, pte, cap) done
                              in the child's address space, capability checked
                              the same way (TLB_PIN: a guaranteed mapping
                              there).  EXO_MAP_GIVE in pte: the page, the
                              caller's (write cap), becomes the child's.
                              In order; the first that fails stops the
                              call: v0 = its error, v1 = how many were done
                              (the array is copied in whole first).  -E_BADENV (no such environment), -E_PERM
                              (not the caller's unstarted child; or a bad
                              cap), -E_INVAL (n > EXO_MAP_MAX; an entry as
                              SYS_TLB_WRITE), -E_FAULT (the array not mapped) */
#define SYS_ENV_SET    20  /* (a0 = child, a1 = EXO_SET_*, a2 = value) set a
                              register, the pc, an entry, a handler or the
                              save area of an unstarted child.  -E_BADENV,
                              -E_PERM (as SYS_ENV_MAP), -E_INVAL (unknown
                              a1, k0/k1, a pc not in kuseg or not a word,
                              the save va not pinned writable in the child,
                              the kinds and codes as SYS_SET_ENTRY and
                              SYS_SET_HANDLER) */
#define SYS_MODULE_READ 21 /* (a0 = boot module index, or it | EXO_MODULE_NAME,
                              a1 = offset, a2 = ppn of a page the caller owns,
                              or -1) copy min(4096, size - offset) bytes of
                              the module's image (with EXO_MODULE_NAME: of its
                              file name, at most 255 bytes, then a NUL) from
                              a1 to the start of the page, the rest zeroed ->
                              bytes copied, v1 = size; a2 = -1: -> size.
                              -E_INVAL (no such module, other bits in a0,
                              a1 > size, ppn out of range), -E_PERM (not
                              the caller's page) */
#define EXO_MAP_MAX     16
#define EXO_MAP_GIVE    0x002   /* SYS_ENV_MAP pte flag: give the page away */
#define EXO_MODULE_NAME 0x10000
#define EXO_SET_REG(i)     (i)          /* 1..31 but 26, 27 (k0, k1) */
#define EXO_SET_PC         32
#define EXO_SET_ENTRY(k)   (0x40 + (k)) /* SYS_SET_ENTRY's kinds */
#define EXO_SET_HANDLER(c) (0x80 + (c)) /* SYS_SET_HANDLER's codes */
#define EXO_SET_SAVE       0xc0         /* SYS_SET_SAVE's va, in the child */
/* SYS_ENV_WAIT's status of a child that did not call SYS_EXIT itself. */
#define EXO_DIED_FAULT  0x100  /* | Cause code: an exception with no handler */
#define EXO_DIED_EXCESS 0x200  /* excess time past EXO_EXCESS_MAX */
#define EXO_DIED_KILLED 0x300  /* SYS_ENV_DESTROY */
/*
 * The network interface (exokernel/net.c, docs/NET.md): the Ethernet's
 * ring extension, driven by the kernel.  Frames are copied by the kernel
 * at the call, from a page the caller presents a capability for, into
 * the kernel's transmit ring; received frames go into the receive slots
 * of one environment, pages it bound with their write capabilities.
 * Until the packet filter (DPF) chooses among environments, the first to
 * bind owns every received frame (interim: one owner, which keeps it
 * until it unbinds or is destroyed).
 */
#define SYS_NET_SEND   24  /* (a0 = ppn, a1 = its read or write cap, a2 = offset << 16 |
                              length) send the frame at that offset of the page.
                              -> 0.  -E_INVAL (ppn out of range, length outside
                              14..1514, frame past the page's end), -E_PERM (bad
                              cap, page free or the kernel's), -E_BUSY (the caller
                              has NET_TX_QUOTA frames waiting for the wire, or
                              the ring is full: try again), -E_NOSYS (no NIC with
                              the ring extension) */
#define SYS_NET_BIND   25  /* (a0 = ppn, a1 = write cap, a2 = slot 0..NET_NSLOT-1)
                              the page becomes receive slot a2 of the caller
                              (NET_SLOT_* layout), which becomes the receiver.
                              -> 0.  -E_INVAL (ppn or slot out of range), -E_PERM
                              (not the write cap, or not the caller's page), -E_BUSY (another environment
                              receives), -E_NOSYS */
#define SYS_NET_UNBIND 26  /* () the caller stops receiving; its slots are
                              unbound.  -> 0.  -E_PERM (it does not receive) */
#define SYS_NET_STAT   27  /* (a0 = NET_STAT_*) -> the counter.  -E_INVAL
                              (unknown counter), -E_NOSYS */
/* A receive slot (one page): the kernel writes a frame and its stamp,
 * then its length; the environment reads it and stores 0 in LEN to give
 * the slot back.  A frame that finds its slot full is dropped. */
#define NET_SLOT_LEN    0   /* 0: free for the kernel; else the frame's length */
#define NET_SLOT_STAMP  4   /* low 32 bits of the cycle it arrived (the NIC's) */
#define NET_SLOT_FRAME  16
#define NET_NSLOT       8   /* slots per receiver, used in turn */
#define NET_TX_QUOTA    2   /* frames one environment may have queued */
#define NET_STAT_RX_FRAMES 0   /* the NIC's counters (ETH_X_CNT_*) */
#define NET_STAT_RX_BYTES  1
#define NET_STAT_TX_FRAMES 2
#define NET_STAT_TX_BYTES  3
#define NET_STAT_RX_DROPS  4
#define NET_STAT_ERRORS    5
#define NET_STAT_DELIVERED 6   /* frames the kernel put into a receive slot */
#define NET_STAT_DROPPED   7   /* frames the kernel dropped: no receiver, slot full */
#define NET_STAT_N         8

#define SYS_TLB_UNBIND 22  /* (a0 = va, a1 = npages) SYS_TLB_DELETE of each page
                              of [va, va + npages pages), in one call (ExOS's
                              vm_prot of a range).  Segment 1 only (it holds
                              no guaranteed mapping); npages 1..EXO_UNBIND_MAX.
                              -E_INVAL (va not page-aligned or not in segment
                              1, npages out of range or past kuseg) */
#define EXO_UNBIND_MAX 256 /* pages per SYS_TLB_UNBIND (interrupts stay off) */
#define SYS_DPF_INSERT 29  /* (a0 = struct dpf_atom[a1], a1 = atoms; dpf/dpf.h) insert a
                              packet filter bound to the caller -> its id (1..64).
                              -E_INVAL (a1 is 0 or above 16, or a malformed filter:
                              docs/DPF.md), -E_FAULT (the atoms not readable in
                              kuseg), -E_PERM (it could accept a message that
                              another environment's filter accepts), -E_BUSY (the
                              same filter is present), -E_NOMEM (no filter id,
                              trie node or room for the code) */
#define SYS_DPF_DELETE 30  /* (a0 = filter id) delete one of the caller's filters;
                              an environment's filters go when it is destroyed.
                              -E_INVAL (no such filter), -E_PERM (another's) */
#define SYS_DPF_DEMUX  31  /* (a0 = message, a1 = length) classify a message in
                              memory with the kernel's generated code -> the
                              accepting filter's id or 0, v1 = its owner's envid.
                              -E_INVAL (a1 > 2048), -E_FAULT (not readable) */
#define SYS_KSTAT      28  /* (a0 = va) refresh the kernel statistics page
                              (exo/kstat.h) and map it read-only (guaranteed)
                              at va in the caller -> 0.  -E_INVAL (va not
                              page aligned, 0, or past segment 2), -E_BUSY
                              (va has another guaranteed mapping), -E_NOMEM
                              (EXO_NPIN guaranteed mappings already) */
#define SYS_NLIGHT     32  /* the calls from here on may switch environments */
#define SYS_EXIT       32  /* (a0 = status) destroy the caller; when it is the last
                              environment the machine halts with a0 & 0xff.
                              Does not return. */
#define SYS_YIELD      33  /* (a0 = envid, or -1 for the next slice) donate the rest
                              of the slice; ends an end-of-slice upcall.
                              -E_BADENV (no such env; or it cannot run: it left
                              by a protected control transfer and cannot be
                              entered at its EXO_ENTRY_SOS upcall, or it waits
                              in SYS_CWAIT; the caller continues) */
#define SYS_ENV_DESTROY 34 /* (a0 = envid) destroy itself or an environment it
                              created.  -E_BADENV (no such environment), -E_PERM
                              (someone else's) */
#define SYS_CWAIT      35  /* -> 0 once a console input character waits (SYS_CGETC
                              then returns it).  Until then the caller does not
                              run and its slices go unused; the console input
                              interrupt (CONS_IRQ) makes it runnable again, to
                              run at its next slice.  Input from a regular file
                              that has ended never comes.  -E_BUSY (another
                              environment is waiting) */
#define SYS_YIELD_FAST 36  /* (a0 = envid, or -1) SYS_YIELD for a caller whose
                              caller-saved registers are dead, as across a
                              procedure call: it keeps s0-s8, gp, sp and ra,
                              v0 is the result, and at, v1, a0-a3, t0-t9, HI
                              and LO are not kept (they come back 0 or as
                              they were).  A directed yield to an environment
                              that waits in SYS_YIELD_FAST itself takes the
                              kernel's fast path (vec.S fast_yield, no full
                              register save).  Errors as SYS_YIELD. */
#define SYS_ENV_START  37  /* (a0 = child, a1 = a slice of the caller's to give
                              it, or -1 for any free one, a2 = 1 to run it now
                              for the rest of this slice, else 0) start an
                              unstarted child at the pc SYS_ENV_SET gave it
                              -> its slice.  -E_BADENV (no such environment),
                              -E_PERM (not the caller's unstarted child, or
                              a1 names a slice not the caller's), -E_INVAL
                              (no pc set, a1 >= EXO_NSLICE, a2 > 1), -E_NOMEM
                              (no free slice) */
#define SYS_ENV_WAIT   38  /* (a0 = child or -1 for any, a1 = 0 wait / 1 poll)
                              collect a started child that has died -> its
                              envid, v1 = its status: SYS_EXIT's a0 & 0xff,
                              or EXO_DIED_*.  Blocks (does not run, its
                              slices unused) until one dies; a transfer that
                              enters it meanwhile ends the wait (nothing is
                              collected).  -E_BADENV (no started child of
                              the caller, live or dead, matches a0),
                              -E_BUSY (a1 = 1 and none has died),
                              -E_INVAL (a1 > 1) */
#define SYS_NCALLS     40  /* other numbers: -E_NOSYS */
#define SYS_SWITCHING  ((1 << (SYS_EXIT - SYS_NLIGHT)) | (1 << (SYS_YIELD - SYS_NLIGHT)) | \
                        (1 << (SYS_ENV_DESTROY - SYS_NLIGHT)) | \
                        (1 << (SYS_CWAIT - SYS_NLIGHT)) | (1 << (SYS_YIELD_FAST - SYS_NLIGHT)) | \
                        (1 << (SYS_ENV_START - SYS_NLIGHT)) | (1 << (SYS_ENV_WAIT - SYS_NLIGHT)))
                       /* bit n - SYS_NLIGHT for call n */

/* SYS_TLB_WRITE flags, in the low bits of a1 under the ppn << 12. */
#define TLB_WRITE   0x400   /* = EntryLo.D: writable */
#define TLB_NOCACHE 0x800   /* = EntryLo.N */
#define TLB_PIN     0x001   /* guaranteed mapping (segment 2 only) */

#ifndef __ASSEMBLER__
/* SYS_ENV_MAP's entries: SYS_TLB_WRITE's arguments. */
struct exo_map { unsigned int va, pte, cap; };
#endif

/* SYS_SET_ENTRY kinds. */
#define EXO_ENTRY_SYNC   0  /* SYS_SCALL lands here */
#define EXO_ENTRY_ASYNC  1  /* SYS_ACALL lands here */
#define EXO_ENTRY_EOS    2  /* end of slice upcall */
#define EXO_ENTRY_SOS    3  /* start of slice upcall: SAVE_IPC = resume pc */
#define EXO_ENTRY_REPO   4  /* repossession / revocation upcall */
#define EXO_ENTRY_XRET   5  /* the application's exception-return sequence:
                               no upcall while the pc is within EXO_XRET_LEN
                               bytes of it */
#define EXO_NENTRY       6
#define EXO_XRET_LEN     256

/* The save area page (user view at EXO_SAVE_VA). */
#define EXO_SAVE_VA   0x00001000
#define EXO_SIMCTL_VA 0x00002000  /* simctl (cycle counter), read-only, in every env */
#define EXO_SEG2_END  0x01000000
#define EXO_USER_BASE 0x00400000
#define SAVE_T0      0x00   /* exception dispatch: the three scratch registers */
#define SAVE_T1      0x04
#define SAVE_T2      0x08
#define SAVE_IPC     0x0c   /* slice upcalls: the interrupted pc */
#define SAVE_REVOKE  0x10   /* revocation request: pages wanted (0 = none) */
#define SAVE_NREPO   0x14   /* repossession vector: entries used */
#define SAVE_REPO    0x18   /* repossession vector: ppns taken, EXO_NREPO words */
#define EXO_NREPO    32
#define SAVE_CRIT    0x98   /* nonzero: in a critical section, no upcall now */
#define SAVE_PENDING 0x9c   /* nonzero: an end-of-slice upcall was deferred: yield */
#define SAVE_SIZE    0xa0   /* the kernel's part of the page; the rest is the
                               application's */

#define EXO_NENV       64   /* environments; an envid is seq << 16 | slot << 10 */
#define EXO_NSLICE     64   /* time slices in the CPU vector */
#define EXO_TICK_HZ    64   /* 15.625 ms quantum */
#define EXO_EXCESS_MAX 4    /* excess slices before destruction */
#define EXO_REVOKE_MAX_US 10000000  /* longest revocation deadline (10 s) */
#define EXO_NPIN       64   /* pinned mappings per environment */

#endif /* EXO_EXO_H */
