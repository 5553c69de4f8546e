/*
 * vec.S: the exception vectors and every kernel entry and exit.
 *
 *   utlb_refill    0x80000000: software-TLB hit in 18 instructions
 *   gen_exc        0x80000080: dispatch on Cause through the running
 *                  environment's exception context (17 instructions to
 *                  an application handler)
 *   k_syscall      null and getenvid without a stack; SCALL/ACALL, the
 *                  protected control transfers; else the general path
 *   ktrap          the general path: save every register in the
 *                  environment's trap frame, call C on the kernel stack
 *   env_pop        void env_pop(struct env *e): back to user mode
 *   ucopyin        int ucopyin(void *dst, uint32_t usrc, uint32_t n)
 *
 * Invariant everywhere: the kernel runs with interrupts off (IEc = 0);
 * kcur.env is the running environment while user code runs, and
 * &kernel_env (whose handlers all lead to k_kfault) while C code runs.
 * struct env and struct kcur are mirrored by the offsets in env.h.
 */
#include "exo/regdef.h"
#include "hw/mips.h"
#include "hw/testmips.h"
#include "exo/exo.h"
#include "env.h"

#define C0_INDEX    $0
#define C0_ENTRYLO  $2
#define C0_BADVADDR $8
#define C0_ENTRYHI  $10
#define C0_STATUS   $12
#define C0_CAUSE    $13
#define C0_EPC      $14

	.set noreorder
	.set noat

/*
 * UTLB refill.  Entered for a kuseg address with no TLB entry; k0, k1
 * free.  STLB index = (VPN ^ ASID << 6) mod 4096, an entry being
 * {tag = EntryHi, EntryLo}; empty tags have bit 0 set so never match.
 * Hit: 18 instructions from here to the rfe.  Miss: gen_exc, which
 * finds Cause = TLBL/TLBS and hands it to the application; but a user
 * miss in segment 2 first goes to trap_pinmiss (C), which refills a
 * guaranteed mapping that another one displaced from its STLB slot.
 */
	.section .vec.utlb, "ax"
	.globl utlb_refill
utlb_refill:
	mfc0	k1, C0_ENTRYHI		# 1  VPN | ASID of the miss
	nop				# 2  (cp0 delay)
	srl	k0, k1, 9		# 3  VPN << 3
	sll	k1, k1, 3		# 4  ASID << 9
	xor	k1, k1, k0		# 5
	andi	k1, k1, 0x7ff8		# 6  byte offset of the entry
	lui	k0, %hi(stlb)		# 7
	addu	k0, k0, k1		# 8
	lw	k1, %lo(stlb)+4(k0)	# 9  EntryLo
	lw	k0, %lo(stlb)(k0)	# 10 tag
	mtc0	k1, C0_ENTRYLO		# 11 (a miss leaves it unused)
	mfc0	k1, C0_ENTRYHI		# 12
	nop				# 13 (cp0 delay; also EntryLo -> tlbwr hazard)
	bne	k0, k1, 1f		# 14 tag mismatch: a miss
	mfc0	k0, C0_EPC		# 15 (delay slot)
	tlbwr				# 16
	jr	k0			# 17
	rfe				# 18 (delay slot)
1:	srl	k1, k1, 24		# STLB miss.  Segment 2 (va < EXO_SEG2_END)?
	bne	k1, zero, gen_exc	# no: dispatch as TLBL/TLBS
	mfc0	k0, C0_STATUS		# (delay slot)
	andi	k0, k0, ST_KUP		# from user mode?
	beq	k0, zero, gen_exc	# no (ucopyin): a kernel fault, -E_FAULT
	lui	k0, %hi(trap_pinmiss)	# (delay slot)
	j	ktrap			# a guaranteed mapping the STLB lost?
	addiu	k0, k0, %lo(trap_pinmiss)	# (delay slot)

/*
 * General exception vector.  Index the running environment's handler
 * table with Cause.ExcCode.  A user pc (>= 0): save t0-t2 in its save
 * area (a kseg0, i.e. physical, address), load EPC, BadVAddr, Cause
 * into t0-t2 and enter the handler in user mode with interrupts on (the
 * rfe pops KUp = 1, IEp = 1): 17 instructions.  A kernel entry (< 0):
 * jump to it with k0 = the entry (11 instructions).
 */
	.section .vec.general, "ax"
	.globl gen_exc
gen_exc:
	mfc0	k0, C0_CAUSE		# 1
	lui	k1, %hi(kcur)		# 2  (cp0 delay)
	lw	k1, %lo(kcur)(k1)	# 3  k1 = running environment
	andi	k0, k0, CAUSE_EXC_MASK	# 4  code * 4
	addu	k1, k1, k0		# 5  &env->xh[code]
	lw	k0, ENV_XH(k1)		# 6  handler
	lw	k1, ENV_XSAVE(k1)	# 7  save area (load delay of 6)
	bltz	k0, 2f			# 8  kernel entry
	nop				# 9
	sw	t0, SAVE_T0(k1)		# 10
	sw	t1, SAVE_T1(k1)		# 11
	sw	t2, SAVE_T2(k1)		# 12
	mfc0	t0, C0_EPC		# 13
	mfc0	t1, C0_BADVADDR		# 14
	mfc0	t2, C0_CAUSE		# 15
	jr	k0			# 16
	rfe				# 17 (delay slot)
2:	jr	k0			# 10
	addiu	k1, v0, -SYS_SCALL	# 11 (delay slot) k_syscall's first
					#    instruction; other entries ignore k1

	.text
/*
 * System calls, entered from gen_exc (11 instructions so far; the
 * delay slot of its `jr k0` already did k_syscall's first instruction,
 * so the SYS entry of every environment is k_syscall_entry).  v0 is
 * the call number; SYSCALL is never in a delay slot (the stubs see to
 * it), so the return pc is EPC + 4.
 */
	.globl k_syscall, k_syscall_entry
k_syscall:
	addiu	k1, v0, -SYS_SCALL	# 11 (done in gen_exc's delay slot)
k_syscall_entry:
	beq	k1, zero, fast_scall	# 12
	andi	k1, a0, EXO_NENV - 1	# 13 (delay slot: fast_scall's first)
	beq	v0, zero, fast_null	# 14
	mfc0	k0, C0_EPC		# 15 (delay slot: fast_null's first)
	sltiu	k1, v0, SYS_NCALLS	# 16
	beq	k1, zero, fast_nosys	# 17
	sll	k1, v0, 2		# 18 (delay slot)
	lui	k0, %hi(ksystab)	# 19
	addu	k0, k0, k1		# 20
	lw	k0, %lo(ksystab)(k0)	# 21
	nop				# 22 (load delay)
	jr	k0			# 23
	nop				# 24

/* Where each call goes after the checks above (vec.S and trap.c). */
	.section .rodata
	.align 2
ksystab:
	.word	fast_null, fast_getenvid, fast_scall, fast_acall_t
	.set	n, SYS_NFAST
	.rept	SYS_NCALLS - SYS_NFAST
	.if	(SYS_SWITCHING >> n) & 1
	.word	k_full			# may run another environment
	.else
	.word	k_light
	.endif
	.set	n, n + 1
	.endr
	.text

/* Unknown call numbers: -E_NOSYS at once (k0 = EPC). */
fast_nosys:
	addiu	k0, k0, 4
	li	v0, -E_NOSYS
	jr	k0
	rfe				# (delay slot)

fast_getenvid:
	lui	k1, %hi(kcur)
	lw	k1, %lo(kcur)(k1)
	mfc0	k0, C0_EPC		# (load delay)
	lw	v0, ENV_ID(k1)
	addiu	k0, k0, 4		# (load delay)
	jr	k0
	rfe				# (delay slot)

/*
 * The general path (24 instructions so far).  Calls in SYS_SWITCHING may
 * run another environment, so ksystab sends them to k_full, which saves
 * everything (ktrap).  The rest
 * behave like a procedure call: they may change the o32 caller-saved
 * registers (at, a0-a3, t0-t9, HI, LO; exo/exo.h), so only sp, ra, s0
 * and the return pc are kept, in the trap frame, and C preserves the
 * rest.  k_light calls syscalls[v0](a0, a1, a2, env) on the kernel
 * stack with kcur.env still the caller (ucopyin, the only code that
 * touches user memory, switches to kernel_env itself); its 64-bit
 * result is v0 and v1.
 */
k_light:
	lui	k1, %hi(kcur)		# 25
	lw	k1, %lo(kcur)(k1)	# 26 k1 = the caller
	mfc0	k0, C0_EPC		# 27 (load delay)
	sw	sp, ENV_TF + 4*29(k1)	# 28
	sw	ra, ENV_TF + 4*31(k1)	# 29
	sw	s0, ENV_TF + 4*16(k1)	# 30
	addiu	k0, k0, 4		# 31
	sw	k0, ENV_TF + TF_EPC(k1)	# 32
	move	s0, k1			# 33 (C keeps s0)
	sll	k0, v0, 2		# 34
	lui	k1, %hi(syscalls)	# 35
	addu	k1, k1, k0		# 36
	lw	k1, %lo(syscalls)(k1)	# 37
	lui	sp, %hi(kstack_top)	# 38 (load delay)
	addiu	sp, sp, %lo(kstack_top)	# 39
	jalr	k1			# 40 v0, v1 = the 64-bit result
	move	a3, s0			# 41 (delay slot)
3:	lw	k0, ENV_EHI(s0)		# its ASID may be new (TLB_WRITE, ENV_CREATE)
	lw	sp, ENV_TF + 4*29(s0)	# (load delay)
	beq	k0, zero, 2f		# a new generation began: get one
	lw	ra, ENV_TF + 4*31(s0)	# (delay slot)
	mtc0	k0, C0_ENTRYHI		# no mapped access before the rfe
	lw	k0, ENV_TF + TF_EPC(s0)
	lw	s0, ENV_TF + 4*16(s0)
	jr	k0
	rfe				# (delay slot)
2:	sw	v0, ENV_TF + 4*2(s0)	# keep the result
	sw	v1, ENV_TF + 4*3(s0)
	lui	sp, %hi(kstack_top)
	addiu	sp, sp, %lo(kstack_top)
	jal	env_set_asid
	move	a0, s0			# (delay slot)
	lw	v1, ENV_TF + 4*3(s0)
	b	3b
	lw	v0, ENV_TF + 4*2(s0)	# (delay slot)
k_full:
	lui	k0, %hi(trap_syscall)
	j	ktrap
	addiu	k0, k0, %lo(trap_syscall)	# (delay slot)

/* Null system call: 19 instructions from gen_exc to the rfe. */
fast_null:
	nop				# 16 (cp0 delay)
	addiu	k0, k0, 4		# 17
	jr	k0			# 18
	rfe				# 19 (delay slot)

/*
 * Protected control transfer: a0 = callee envid, k1 = its slot index.
 * Installs the callee's ASID, makes it the running environment and
 * enters it at its entry pc; SCALL also hands it the current slice.
 * Touches no register but k0 and k1: the registers are the message.
 * A stale envid or a callee with no ASID in this generation goes to
 * the general path, which gives it one or returns -E_BADENV.  A callee
 * with no entry pc is entered at pc 0 and takes the fault itself.
 * SCALL: 30 instructions from gen_exc to the rfe.
 */
#define PCT(name, entry, sync)						\
name:									\
	sll	k1, k1, ENV_SHIFT;	/* 14 */			\
	lui	k0, %hi(envs);		/* 15 */			\
	addu	k1, k1, k0;		/* 16 */			\
	lw	k0, %lo(envs)+ENV_ID(k1); /* 17 */			\
	addiu	k1, k1, %lo(envs);	/* 18 (load delay) k1 = callee */ \
	bne	k0, a0, pct_slow;	/* 19 stale or free slot */	\
	lw	k0, ENV_EHI(k1);	/* 20 (delay slot) */		\
	nop;				/* 21 (load delay) */		\
	beq	k0, zero, pct_slow;	/* 22 no ASID this generation */ \
	mtc0	k0, C0_ENTRYHI;		/* 23 (delay slot) callee's ASID; \
					   the slow path resets it */	\
	lui	k0, %hi(kcur);		/* 24 */			\
	sw	k1, %lo(kcur)(k0);	/* 25 running env := callee */	\
	lw	k0, %lo(kcur)+KCUR_SLOT(k0); /* 26 */			\
	lw	k1, ENV_ENTRY + 4 * (entry)(k1); /* 27 */		\
	.if sync;							\
	sw	a0, 0(k0);		/* 28 the slice is the callee's */ \
	.else;								\
	nop;				/* 28 the slice stays the caller's */ \
	.endif;								\
	jr	k1;			/* 29 */			\
	rfe				/* 30 (delay slot) */

	PCT(fast_scall, EXO_ENTRY_SYNC, 1)
fast_acall_t:
	andi	k1, a0, EXO_NENV - 1
	PCT(fast_acall, EXO_ENTRY_ASYNC, 0)

pct_slow:
	lui	k0, %hi(trap_syscall)
	j	ktrap
	addiu	k0, k0, %lo(trap_syscall)	# (delay slot)

/* Interrupts and exceptions the environment has no handler for. */
	.globl k_intr, k_fault
k_intr:
	lui	k0, %hi(trap_intr)
	j	ktrap
	addiu	k0, k0, %lo(trap_intr)	# (delay slot)
k_fault:
	lui	k0, %hi(trap_fault)
	j	ktrap
	addiu	k0, k0, %lo(trap_fault)	# (delay slot)

/*
 * A fault in kernel mode (kcur.env == &kernel_env): only ucopyin may
 * fault, and it set kcur.onfault; anything else is a kernel bug.
 */
	.globl k_kfault
k_kfault:
	lui	k1, %hi(kcur)
	lw	k0, %lo(kcur)+KCUR_ONFAULT(k1)
	nop				# (load delay)
	beq	k0, zero, 1f
	nop
	sw	zero, %lo(kcur)+KCUR_ONFAULT(k1)
	jr	k0
	rfe				# (delay slot) back to kernel mode
1:	lui	k0, %hi(kpanic_fault)
	addiu	k0, k0, %lo(kpanic_fault)
	jr	k0
	rfe				# (delay slot)

/*
 * ktrap: the general path.  k0 = the C function, void f(struct env *).
 * Saves every register of the running environment in its trap frame,
 * switches to the kernel stack and to kernel_env, and calls f, which
 * ends by calling env_pop (or halting); f does not return.
 */
ktrap:
	lui	k1, %hi(kcur)
	lw	k1, %lo(kcur)(k1)
	nop				# (load delay)
	sw	$1, ENV_TF + 4*1(k1)
	sw	$2, ENV_TF + 4*2(k1)
	sw	$3, ENV_TF + 4*3(k1)
	sw	$4, ENV_TF + 4*4(k1)
	sw	$5, ENV_TF + 4*5(k1)
	sw	$6, ENV_TF + 4*6(k1)
	sw	$7, ENV_TF + 4*7(k1)
	sw	$8, ENV_TF + 4*8(k1)
	sw	$9, ENV_TF + 4*9(k1)
	sw	$10, ENV_TF + 4*10(k1)
	sw	$11, ENV_TF + 4*11(k1)
	sw	$12, ENV_TF + 4*12(k1)
	sw	$13, ENV_TF + 4*13(k1)
	sw	$14, ENV_TF + 4*14(k1)
	sw	$15, ENV_TF + 4*15(k1)
	sw	$16, ENV_TF + 4*16(k1)
	sw	$17, ENV_TF + 4*17(k1)
	sw	$18, ENV_TF + 4*18(k1)
	sw	$19, ENV_TF + 4*19(k1)
	sw	$20, ENV_TF + 4*20(k1)
	sw	$21, ENV_TF + 4*21(k1)
	sw	$22, ENV_TF + 4*22(k1)
	sw	$23, ENV_TF + 4*23(k1)
	sw	$24, ENV_TF + 4*24(k1)
	sw	$25, ENV_TF + 4*25(k1)
	sw	$28, ENV_TF + 4*28(k1)
	sw	$29, ENV_TF + 4*29(k1)
	sw	$30, ENV_TF + 4*30(k1)
	sw	$31, ENV_TF + 4*31(k1)
	mfhi	t0
	mflo	t1
	mfc0	t2, C0_EPC
	sw	t0, ENV_TF + TF_HI(k1)
	sw	t1, ENV_TF + TF_LO(k1)
	sw	t2, ENV_TF + TF_EPC(k1)
	lui	sp, %hi(kstack_top)
	addiu	sp, sp, %lo(kstack_top)
	lui	t0, %hi(kernel_env)
	addiu	t0, t0, %lo(kernel_env)
	lui	t1, %hi(kcur)
	sw	t0, %lo(kcur)(t1)	# faults from here on are the kernel's
	jalr	k0
	move	a0, k1			# (delay slot)
	lui	k0, %hi(kpanic_return)	# f must not return
	addiu	k0, k0, %lo(kpanic_return)
	jr	k0
	nop

/*
 * void env_pop(struct env *e): enter e at tf[EPC] with its registers.
 * Status gets KUp = 1, IEp = 1 (and the timer's interrupt mask) so that
 * the rfe enters user mode with interrupts on.
 */
	.globl env_pop
	.ent env_pop
env_pop:
	lui	t0, %hi(kcur)
	sw	a0, %lo(kcur)(t0)	# running environment := e
	sw	a0, %lo(kcur)+KCUR_POPPED(t0)
	lw	t0, ENV_EHI(a0)
	li	t1, ST_IM(RTC_IRQ) | ST_KUP | ST_IEP
	mtc0	t0, C0_ENTRYHI		# its ASID (no mapped access until rfe)
	mtc0	t1, C0_STATUS		# IEc = 0 still: no interrupt here
	move	k1, a0
	lw	t0, ENV_TF + TF_HI(k1)
	lw	t1, ENV_TF + TF_LO(k1)
	lw	k0, ENV_TF + TF_EPC(k1)
	mthi	t0
	mtlo	t1
	lw	$1, ENV_TF + 4*1(k1)
	lw	$2, ENV_TF + 4*2(k1)
	lw	$3, ENV_TF + 4*3(k1)
	lw	$4, ENV_TF + 4*4(k1)
	lw	$5, ENV_TF + 4*5(k1)
	lw	$6, ENV_TF + 4*6(k1)
	lw	$7, ENV_TF + 4*7(k1)
	lw	$8, ENV_TF + 4*8(k1)
	lw	$9, ENV_TF + 4*9(k1)
	lw	$10, ENV_TF + 4*10(k1)
	lw	$11, ENV_TF + 4*11(k1)
	lw	$12, ENV_TF + 4*12(k1)
	lw	$13, ENV_TF + 4*13(k1)
	lw	$14, ENV_TF + 4*14(k1)
	lw	$15, ENV_TF + 4*15(k1)
	lw	$16, ENV_TF + 4*16(k1)
	lw	$17, ENV_TF + 4*17(k1)
	lw	$18, ENV_TF + 4*18(k1)
	lw	$19, ENV_TF + 4*19(k1)
	lw	$20, ENV_TF + 4*20(k1)
	lw	$21, ENV_TF + 4*21(k1)
	lw	$22, ENV_TF + 4*22(k1)
	lw	$23, ENV_TF + 4*23(k1)
	lw	$24, ENV_TF + 4*24(k1)
	lw	$25, ENV_TF + 4*25(k1)
	lw	$28, ENV_TF + 4*28(k1)
	lw	$29, ENV_TF + 4*29(k1)
	lw	$30, ENV_TF + 4*30(k1)
	lw	$31, ENV_TF + 4*31(k1)
	jr	k0
	rfe				# (delay slot)
	.end env_pop

/*
 * int ucopyin(void *dst, uint32_t usrc, uint32_t n): copy n bytes from
 * the running environment's address space (usrc..usrc+n-1 already
 * checked to lie in kuseg).  Returns 0, or -E_FAULT if a page is not
 * bound: the UTLB refill misses, gen_exc finds kernel_env, k_kfault
 * resumes at 9f.  kcur.env is kernel_env meanwhile, so that the fault
 * reaches k_kfault and not the environment's handler.  Uses only t0-t3,
 * a0-a2, v0: no stack.
 */
	.globl ucopyin
	.ent ucopyin
ucopyin:
	lui	t0, %hi(kcur)
	lw	t3, %lo(kcur)(t0)	# the running environment, put back at the end
	lui	t1, %hi(kernel_env)
	addiu	t1, t1, %lo(kernel_env)
	sw	t1, %lo(kcur)(t0)	# faults from here on are the kernel's
	lui	t1, %hi(9f)
	addiu	t1, t1, %lo(9f)
	sw	t1, %lo(kcur)+KCUR_ONFAULT(t0)
1:	beq	a2, zero, 2f
	nop
	lbu	t2, 0(a1)
	addiu	a1, a1, 1
	sb	t2, 0(a0)
	addiu	a2, a2, -1
	b	1b
	addiu	a0, a0, 1		# (delay slot)
2:	sw	zero, %lo(kcur)+KCUR_ONFAULT(t0)
	sw	t3, %lo(kcur)(t0)
	jr	ra
	move	v0, zero		# (delay slot)
9:	lui	t0, %hi(kcur)
	sw	t3, %lo(kcur)(t0)
	jr	ra
	li	v0, -E_FAULT		# (delay slot)
	.end ucopyin
