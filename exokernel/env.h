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
 *   interrupt context   entry[EXO_ENTRY_EOS/SOS]
 *   protected entry     entry[EXO_ENTRY_SYNC/ASYNC]
 *   addressing context  ehi (ASID << 6, 0 = no ASID this generation),
 *                       pins (the guaranteed mappings)
 * xsave[EXC_SYS] is the env itself: gen_exc hands it to k_syscall_entry.
 */
#ifndef EXOKERNEL_ENV_H
#define EXOKERNEL_ENV_H

#include "exo/exo.h"

#define ENV_XH       0x000
#define ENV_XSAVE    0x040
#define ENV_TF       0x080   /* tf[i] = GPR i; then HI, LO, EPC */
#define TF_HI        (32 * 4)
#define TF_LO        (33 * 4)
#define TF_EPC       (34 * 4)
#define ENV_EHI      0x110
#define ENV_ENTRY    0x114   /* EXO_NENTRY words */
#define TF_SP        (29 * 4)
#define TF_RA        (31 * 4)
#define ENV_ID       0x128
#define ENV_KEY      0x12c   /* = id while live with an ASID of this generation, else 0 */
#define ENV_PCTTO    0x130   /* nonzero: left by a protected control transfer */
#define ENV_SHIFT    10      /* sizeof(struct env) == 1 << ENV_SHIFT */
#define ENV_IDX_MASK 0xfc00  /* envid & this = the slot's byte offset in envs */

#define KCUR_ENV     0       /* struct kcur: the running environment */
#define KCUR_SLOT    4       /* &slices[current slice] */
#define KCUR_ONFAULT 8       /* recovery pc for a fault in uaccess, or 0 */

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
	/* C only from here. */
	uint32_t parent;
	uint32_t asid_gen;
	uint32_t save_ppn;          /* page holding the save area, or 0 */
	uint32_t scratch[4];        /* save area until SYS_SET_SAVE */
	int in_eos;                 /* end-of-slice upcall under way */
	int excess;                 /* ticks spent past the end of slices */
	int forfeit;                /* slices still to forfeit */
	int resume_sos;             /* next run enters at the SOS upcall */
	int revoke_armed;           /* a SYS_REVOKE request is pending */
	uint32_t revoke_deadline;   /* its deadline, clock_us() time */
	uint32_t revoke_want;       /* pages asked for */
	uint32_t revoke_base;       /* pages it owned when asked */
	int repo_pending;           /* repossession upcall not yet delivered */
	uint32_t idseq;             /* bumped each time the slot is reused */
	int npin;
	struct pin pin[EXO_NPIN];
} __attribute__((aligned(1 << ENV_SHIFT)));   /* vec.S indexes envs by shift */

struct kcur {
	struct env *env;
	uint32_t *slot;
	uint32_t onfault;
};

extern struct env envs[EXO_NENV];
extern struct env kernel_env;
extern struct kcur kcur;

/* An envid is seq << 16 | slot << ENV_SHIFT (vec.S finds the slot by a mask). */
#define ENVX(id) (&envs[((id) & ENV_IDX_MASK) >> ENV_SHIFT])

struct env *env_lookup(uint32_t id);
int env_create(int module, uint32_t arg, uint32_t parent);
void env_destroy(struct env *e, const char *why);
void env_set_asid(struct env *e);
void env_init(void);
void env_note_running(struct env *e);
int env_count(void);
uint32_t *env_save(struct env *e);
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
