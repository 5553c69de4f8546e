/*
 * env.h: processor environments (paper 5.1.2) and the kernel's global
 * state that assembly reaches.  The layout of struct env up to
 * ENV_C_FIELDS is used by vec.S; the ENV_* offsets below are checked
 * against it with static assertions in env.c.
 *
 *   exception context   xh[code]: where Cause code `code` goes: a user pc
 *                       (>= 0) or a kernel entry (kseg0, < 0); xsave[code]:
 *                       the kseg0 address of the save area (one value,
 *                       replicated so one load finds it)
 *   interrupt context   entry[EXO_ENTRY_EOS/SOS], eos_pc, in_eos
 *   protected entry     entry[EXO_ENTRY_SYNC/ASYNC]
 *   addressing context  ehi (ASID << 6, 0 = no ASID this generation),
 *                       pins (the guaranteed mappings)
 * xsave[EXC_SYS] and xsave[EXC_INT] are the env itself: gen_exc hands
 * it to k_syscall_entry and k_intr.
 */
#ifndef EXOKERNEL_ENV_H
#define EXOKERNEL_ENV_H

#include "exo/exo.h"

#define ENV_XH       0x000
#define ENV_XSAVE    0x040
#define ENV_SAVEAREA (ENV_XSAVE + 4)   /* xsave[1] (Mod): always the save area */
#define ENV_TF       0x080   /* tf[i] = GPR i; then HI, LO, EPC */
#define TF_HI        (32 * 4)
#define TF_LO        (33 * 4)
#define TF_EPC       (34 * 4)
#define ENV_EHI      0x110
#define ENV_ENTRY    0x114   /* EXO_NENTRY words */
#define TF_SP        (29 * 4)
#define TF_RA        (31 * 4)
#define ENV_ID       0x12c
#define ENV_KEY      0x130   /* = id while live with an ASID of this generation,
                                else ENV_KEY_NONE(slot) */
#define ENV_PCTTO    0x134   /* nonzero: left by a protected control transfer */
#define ENV_EOSPC    0x138   /* the end-of-slice entry while an upcall may be made */
#define ENV_INEOS    0x13c   /* nonzero: an end-of-slice upcall is under way */
#define ENV_INYIELD  0x140   /* nonzero: suspended in SYS_YIELD_FAST, only its
                                callee-saved registers and pc matter, and
                                nothing is due at its resume (vec.S fast_yield) */
#define ENV_SKEY     0x144   /* = key if it has a sync entry, else ENV_KEY_NONE */
#define ENV_AKEY     0x148   /* = key if it has an async entry, else ENV_KEY_NONE */
/*
 * The key of a slot that is free or has no ASID: its slot bits name the
 * neighbouring slot, so no envid a transfer names ever equals it (an
 * envid's slot bits name its own slot).
 */
#define ENV_KEY_NONE(off) ((off) ^ (1 << ENV_SHIFT))
#define ENV_SHIFT    10      /* sizeof(struct env) == 1 << ENV_SHIFT */
#define ENV_IDX_MASK 0xfc00  /* envid & this = the slot's byte offset in envs */

#define KCUR_ENV     0       /* struct kcur: whose handlers take exceptions:
                                the running environment in user mode,
                                &kernel_env in kernel mode */
#define KCUR_SLOT    4       /* &slices[current slice] when the running
                                environment owns it, else &kcur.lent */
#define KCUR_ONFAULT 8       /* recovery pc for a fault in ucopy, or 0 */
#define KCUR_USER    12      /* the environment the kernel works for */
#define KCUR_LENT    16      /* the slot word of a lent slice (ignored) */
#define KCUR_SIZE    32
#define KENV_OFF     1024    /* kernel_env is at &kcur + KENV_OFF (main.c) */
/*
 * The kernel's stack pointer when it enters C: kcur sits at the top of
 * the kernel stack (kstack_top), and below it the 16-byte home area in
 * which an o32 callee may store its four argument registers.
 */
#define KSP_KCUR     16
#define KSTACK_SP    (kstack_top - KSP_KCUR)

#ifndef __ASSEMBLER__
#include <stdint.h>

struct pin { uint32_t ehi_vpn, elo; };

struct env {
	uint32_t xh[16];
	uint32_t xsave[16];
	uint32_t tf[36];
	uint32_t ehi;
	uint32_t entry[EXO_NENTRY];
	uint32_t id;                /* 0: the slot is free */
	uint32_t key;               /* id while it has an ASID of this generation */
	uint32_t pct_to;            /* the envid it left for by a protected
	                               control transfer (its registers went
	                               with it), or 0: cleared when it next
	                               enters the kernel */
	uint32_t eos_pc;            /* entry[EXO_ENTRY_EOS] unless in_eos */
	uint32_t in_eos;            /* end-of-slice upcall under way */
	uint32_t in_yield;          /* ENV_INYIELD */
	uint32_t skey, akey;        /* the transfers' keys (ENV_SKEY, ENV_AKEY) */
	/* C only from here. */
	uint32_t parent;
	uint32_t asid_gen;
	uint32_t save_ppn;          /* page holding the save area, or 0 */
	int excess;                 /* ticks spent past the end of slices */
	int forfeit;                /* slices still to forfeit */
	int resume_sos;             /* next run enters at the SOS upcall */
	int revoke_armed;           /* a SYS_REVOKE request is pending */
	uint32_t revoke_deadline;   /* its deadline, clock_us() time */
	uint32_t revoke_want;       /* pages asked for */
	uint32_t revoke_base;       /* pages it owned when asked */
	int repo_pending;           /* repossession upcall not yet delivered */
	uint32_t idseq;             /* bumped each time the slot is reused */
	int made;                   /* ENV_MADE_*: how it was made (proc.c) */
	uint32_t xstatus;           /* its status for SYS_ENV_WAIT if it dies now */
	uint32_t zombie;            /* slot free but its envid still to be
	                               collected by the parent (SYS_ENV_WAIT) */
	int waiting;                /* blocked in SYS_ENV_WAIT */
	uint32_t wait_id;           /* for this child, or 0xffffffff: any */
	int npin;
	struct pin pin[EXO_NPIN];
} __attribute__((aligned(1 << ENV_SHIFT)));   /* vec.S indexes envs by shift */

struct kcur {
	struct env *env;
	uint32_t *slot;
	uint32_t onfault;
	struct env *user;
	uint32_t lent;
	uint32_t pad[3];
};

extern struct env envs[EXO_NENV];
extern struct env kernel_env;
extern struct kcur kcur;

/* An envid is seq << 16 | slot << ENV_SHIFT (vec.S finds the slot by a mask). */
#define ENVX(id) (&envs[((id) & ENV_IDX_MASK) >> ENV_SHIFT])

/* How an environment was made (struct env's made). */
#define ENV_MADE_BOOT     0  /* by the kernel or SYS_ENV_CREATE */
#define ENV_MADE_BUILDING 1  /* by SYS_ENV_ALLOC, not yet started: not runnable */
#define ENV_MADE_STARTED  2  /* by SYS_ENV_ALLOC, started: its parent may wait */

struct env *env_lookup(uint32_t id);
struct env *env_new(uint32_t parent);
int env_bind(struct env *e, uint32_t va, uint32_t pte, uint32_t cap);
int env_create(int module, uint32_t arg, uint32_t parent);
void env_destroy(struct env *e, const char *why);
void env_set_asid(struct env *e);
void env_init(void);
void env_note_running(struct env *e);
int env_count(void);
uint32_t *env_save(struct env *e);
uint32_t save_get(struct env *e, uint32_t off);
void save_put(struct env *e, uint32_t off, uint32_t val);
int env_critical(struct env *e);
void env_rekey(struct env *e);
int env_pin(struct env *e, uint32_t va, uint32_t elo);
void env_unpin(struct env *e, uint32_t va);
int env_pinned(struct env *e, uint32_t ppn);
void env_pin_break(struct env *e, int i);
void env_unpin_all(struct env *e);
int env_pin_lookup(struct env *e, uint32_t va, uint32_t *elo);
void env_set_save(struct env *e, uint32_t ppn);

/* vec.S */
void env_pop(struct env *e) __attribute__((noreturn));
#endif

#endif /* EXOKERNEL_ENV_H */
