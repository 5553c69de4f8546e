/*
 * vec.S: the exception vectors and every kernel entry and exit.
 *
 *   utlb_refill    0x80000000: software-TLB hit in 18 instructions
 *   gen_exc        0x80000080: dispatch on Cause through the running
 *                  environment's exception context (18 instructions to
 *                  an application handler)
 *   k_syscall_entry  SCALL/ACALL (the protected control transfers), null
 *                  and getenvid without a stack; k_light, the general
 *                  path of the calls that cannot switch; else ktrap
 *   k_intr         the timer tick's end-of-slice upcall without a
 *                  register save; other interrupts to ktrap
 *   ktrap          the general path: save every register in the
 *                  environment's trap frame, call C on the kernel stack
 *   env_pop        void env_pop(struct env *e): back to user mode
 *   ucopy          uint32_t ucopy(void *dst, uint32_t usrc, uint32_t n)
 *
 * Invariants everywhere: the kernel runs with interrupts off (IEc = 0);
 * kcur.env is the running environment while user code runs, and
 * &kernel_env (whose handlers all lead to k_kfault) whenever the
 * kernel runs C, so a fault in kernel mode never reaches an
 * application's handler; kcur.user is then the environment the kernel
 * works for.  Kernel C never uses t0-t9 (-ffixed in the Makefile), so
 * that a light call leaves them as the caller had them; the registers
 * it may use and that are not results are zeroed on the way out: no
 * call returns a kernel value in a register.  struct env and struct
 * kcur are mirrored by the offsets in env.h.
 */
#include "exo/regdef.h"
#include "hw/mips.h"
#include "hw/testmips.h"
#include "exo/exo.h"
#include "kern.h"

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
	mfc0	k0, C0_STATUS		# (delay slot; unused on that path)
	nop				# (cp0 delay: k0 is not ready before this)
	andi	k0, k0, ST_KUP		# from user mode?
	beq	k0, zero, gen_exc	# no (ucopy): k_kfault recovers, and
					# ucopyin refills a guaranteed mapping
	lui	k0, %hi(trap_pinmiss)	# (delay slot)
	j	ktrap			# a guaranteed mapping the STLB lost?
	addiu	k0, k0, %lo(trap_pinmiss)	# (delay slot)

/*
 * General exception vector.  Index the running environment's handler
 * table with Cause.ExcCode.  A user pc (>= 0): save t0-t2 in its save
 * area (a kseg0, i.e. physical, address), load EPC, BadVAddr, Cause
 * into t0-t2, set SAVE_CRIT (the save area's address: nonzero), and
 * enter the handler in user mode with interrupts on (the rfe pops
 * KUp = 1, IEp = 1): 18 instructions.  A kernel entry (< 0): jump to it
 * with k0 = EPC (11 instructions), k1 = xsave[code], which for SYS and
 * INT is the environment itself.
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
	sw	k1, SAVE_CRIT(k1)	# 16 no upcall until the handler is done
	jr	k0			# 17
	rfe				# 18 (delay slot)
2:	jr	k0			# 10
	mfc0	k0, C0_EPC		# 11 (delay slot) for k_syscall_entry;
					#    other entries ignore k0 and k1

	.text
/*
 * System calls, entered from gen_exc (11 instructions so far).  For
 * Cause = SYS, gen_exc's load from the save-area table gives k1 = the
 * calling environment itself (env_set_save keeps xsave[EXC_SYS] = the
 * env), and the delay slot of its `jr k0` read EPC into k0.  v0 is the
 * call number; SYSCALL is never in a delay slot (the stubs see to it),
 * so the return pc is EPC + 4.  The caller's tf[EPC] gets the syscall's
 * pc on every call: the light path returns through it, and a protected
 * control transfer leaves it as the caller's resume point.
 *
 *   SYS_SCALL (0)                fast_scall: 31 instructions to the rfe
 *   SYS_ACALL (< 0)              fast_acall: 32
 *   SYS_TLB_WRITE                tlb_fast (tlbfast.S): 92 (a segment-1
 *                                mapping, its slot empty), else k_light
 *   SYS_NFAST..SYS_NLIGHT-1      k_light: C on the kernel stack
 *   SYS_NULL, SYS_GETENVID       k_other: 25 and 28
 *   SYS_YIELD_FAST               fast_yield when both sides wait in it: 97
 *   the rest                     k_full: ktrap, trap_syscall
 */
	.globl k_syscall_entry
k_syscall_entry:
	beq	v0, zero, fast_scall	# 12
	sw	k0, ENV_TF + TF_EPC(k1)	# 13 (delay slot) the caller's pc
	bltz	v0, fast_acall		# 14 SYS_ACALL: any negative number
	addiu	k0, v0, -SYS_NFAST	# 15 (delay slot)
	sltiu	k0, k0, SYS_NLIGHT - SYS_NFAST	# 16
	beq	k0, zero, k_other	# 17
	sw	sp, ENV_TF + TF_SP(k1)	# 18 (delay slot; harmless on k_other)
/*
 * The general path of the calls that cannot switch environments.  They
 * behave like a procedure call: the kernel keeps only sp, ra and the
 * return pc, in the caller's trap frame, and calls the C function as
 * syscalls[v0 - SYS_NFAST](a0, a1, a2) on the kernel stack, which
 * preserves s0-s8, gp and fp; kernel C never touches t0-t9.  kcur.user
 * becomes the caller and kcur.env kernel_env, so that a fault in the C
 * code is the kernel's (k_kfault), never the caller's handler run in
 * kernel mode.  kcur sits at the top of the kernel stack, above the
 * 16-byte home area of the C function's arguments, and kernel_env
 * KENV_OFF above it (main.c), so sp reaches both.  The
 * 64-bit result is v0 and v1; at, a0-a3, HI and LO are zeroed on the
 * way back and k1 too, so no kernel value is left in a register.
 * EntryHi keeps the caller's ASID throughout: the routines of tlb.S put
 * it back, and env_set_asid reloads it when it gives the caller a new
 * one, so the return needs no mtc0.  SYS_TLB_WRITE first tries
 * tlb_fast (tlbfast.S), which comes back to k_light + K_LIGHT_C for
 * what it does not finish.  31 instructions to the C function, 16 back.
 */
	.globl k_light
k_light:
	addiu	k0, v0, -SYS_TLB_WRITE	# 19
	beq	k0, zero, tlb_fast	# 20
.Lk_light_c:
	sll	k0, v0, 2		# 21 (delay slot) k_light + K_LIGHT_C
	.if .Lk_light_c - k_light != K_LIGHT_C
	.error "K_LIGHT_C (kern.h) is not tlb_fast's way back into k_light"
	.endif
	sw	ra, ENV_TF + TF_RA(k1)	# 22
	lui	sp, %hi(syscalls - 4 * SYS_NFAST)	# 23 (sp is free now)
	addu	k0, k0, sp		# 24
	lw	k0, %lo(syscalls - 4 * SYS_NFAST)(k0)	# 25
	lui	sp, %hi(KSTACK_SP)	# 26 (load delay)
	addiu	sp, sp, %lo(KSTACK_SP)	# 27 the kernel stack (&kcur - its home area)
	sw	k1, KSP_KCUR + KCUR_USER(sp)	# 28 the kernel works for the caller
	addiu	k1, sp, KSP_KCUR + KENV_OFF	# 29 &kernel_env
	jalr	k0			# 30 v0, v1 = the 64-bit result
	sw	k1, KSP_KCUR + KCUR_ENV(sp)	# 31 (delay slot) faults are the kernel's
	lw	k1, KSP_KCUR + KCUR_USER(sp)	# 1  the caller (C kept sp)
	mthi	zero			# 2  (load delay)
	sw	k1, KSP_KCUR + KCUR_ENV(sp)	# 3  its handlers again
	lw	k0, ENV_TF + TF_EPC(k1)	# 4
	lw	ra, ENV_TF + TF_RA(k1)	# 5
	lw	sp, ENV_TF + TF_SP(k1)	# 6
	mtlo	zero			# 7
	move	$1, zero		# 8
	move	a0, zero		# 9
	move	a1, zero		# 10
	move	a2, zero		# 11
	move	a3, zero		# 12
	addiu	k0, k0, 4		# 13
	move	k1, zero		# 14
	jr	k0			# 15
	rfe				# 16 (delay slot)

/*
 * Synchronous protected control transfer: a0 = the callee's envid.
 * Records that the caller left by a transfer (ENV_PCTTO; its resume pc
 * is tf[EPC] + 4; the kernel keeps none of its registers), makes the
 * callee the running environment, gives it the current slice (the
 * store through kcur.slot: when the caller only borrows the slice,
 * kcur.slot points at kcur.lent and the future slices stay their
 * owner's), installs its ASID and enters it at its sync entry.
 * Touches no register but k0 and k1 (k1 = the entry, k0 = 0): the
 * registers are the message.  The callee's sync key (ENV_SKEY) equals
 * its envid only while the slot is live, has an ASID of this
 * generation and has a sync entry, and a free slot's key equals no
 * envid at all; otherwise the general path gives it an ASID or returns
 * -E_BADENV (so no environment can make another take a fault at pc
 * 0).  31 instructions from gen_exc to the rfe.
 */
fast_scall:
	sw	a0, ENV_PCTTO(k1)	# 14 the caller left by a transfer
	andi	k1, a0, ENV_IDX_MASK	# 15 byte offset of the callee's slot
	lui	k0, %hi(envs)		# 16 (envs is 64K-aligned: %lo = 0)
	addu	k1, k1, k0		# 17 k1 = the callee
	lw	k0, ENV_SKEY(k1)	# 18
	nop				# 19 (load delay)
	bne	k0, a0, pct_slow	# 20 stale id, free slot, no ASID or entry
	lui	k0, %hi(kcur)		# 21 (delay slot)
	sw	k1, %lo(kcur)(k0)	# 22 running env := callee
	lw	k0, %lo(kcur)+KCUR_SLOT(k0)	# 23
	nop				# 24 (load delay)
	sw	a0, 0(k0)		# 25 the slice is the callee's
	lw	k0, ENV_EHI(k1)		# 26
	lw	k1, ENV_ENTRY + 4 * EXO_ENTRY_SYNC(k1)	# 27 (load delay)
	mtc0	k0, C0_ENTRYHI		# 28 the callee's ASID
	move	k0, zero		# 29 (no kernel value left)
	jr	k1			# 30
	rfe				# 31 (delay slot)

/*
 * Asynchronous protected control transfer: as fast_scall, but the
 * callee only borrows the rest of the slice (kcur.slot := &kcur.lent,
 * so a transfer it makes cannot give the slice away) and is entered at
 * its async entry (its key: ENV_AKEY).  32 instructions from gen_exc
 * to the rfe.
 */
fast_acall:
	sw	a0, ENV_PCTTO(k1)	# 16 the caller left by a transfer
	andi	k1, a0, ENV_IDX_MASK	# 17
	lui	k0, %hi(envs)		# 18
	addu	k1, k1, k0		# 19 k1 = the callee
	lw	k0, ENV_AKEY(k1)	# 20
	nop				# 21 (load delay)
	bne	k0, a0, pct_slow	# 22
	lui	k0, %hi(kcur)		# 23 (delay slot)
	sw	k1, %lo(kcur)(k0)	# 24 running env := callee
	addiu	k0, k0, %lo(kcur) + KCUR_LENT	# 25 (kcur is 1K-aligned: no carry)
	sw	k0, KCUR_SLOT - KCUR_LENT(k0)	# 26 the slice is lent
	lw	k0, ENV_EHI(k1)		# 27
	lw	k1, ENV_ENTRY + 4 * EXO_ENTRY_ASYNC(k1)	# 28 (load delay)
	mtc0	k0, C0_ENTRYHI		# 29 the callee's ASID
	move	k0, zero		# 30
	jr	k1			# 31
	rfe				# 32 (delay slot)

/* SYS_NULL, SYS_GETENVID or a call for ktrap (k1 = the caller). */
k_other:
	addiu	v0, v0, -SYS_NULL	# 19 null: v0 = 0, its result
	bne	v0, zero, 1f		# 20
	mfc0	k0, C0_EPC		# 21 (delay slot; a register, not the
					#    word just stored: no buffer wait)
	move	k1, zero		# 22 (cp0 delay) no kernel value left
	addiu	k0, k0, 4		# 23 null: straight back
	jr	k0			# 24
	rfe				# 25 (delay slot)
1:	addiu	v0, v0, SYS_NULL - SYS_GETENVID	# 22 (v0 is the result anyway)
	bne	v0, zero, k_full	# 23
	addiu	k0, k0, 4		# 24 (delay slot)
	lw	v0, ENV_ID(k1)		# 25 getenvid
	move	k1, zero		# 26 (load delay)
	jr	k0			# 27
	rfe				# 28 (delay slot)
k_full:					# v0 = n - SYS_GETENVID, k0 = EPC + 4
	addiu	v0, v0, SYS_GETENVID - SYS_YIELD_FAST	# 25
	beq	v0, zero, fast_yield	# 26
	addiu	v0, v0, SYS_YIELD_FAST	# 27 (delay slot) the call number again
k_trap_syscall:
	lui	k0, %hi(trap_syscall)
	j	ktrap
	addiu	k0, k0, %lo(trap_syscall)	# (delay slot)

/*
 * SYS_YIELD_FAST (a0 = the target), k1 = the caller, k0 = EPC + 4.
 * The caller's caller-saved registers are dead (exo/exo.h), so they are
 * this path's scratch; and when the target waits in SYS_YIELD_FAST too
 * (ENV_INYIELD) and can be entered as it is (its key: live with an
 * ASID; not entered by a transfer since, which ENV_PCTTO tells as it
 * can only have left by one again; the caller not ending an
 * end-of-slice upcall), the switch keeps only callee-saved registers:
 * the caller's s0-s8, gp, ra and resume pc go to its trap frame (sp
 * went in k_syscall_entry), the target's come back from its own, each
 * store beside a load so that the write buffer drains as it goes; the
 * caller is marked waiting, the target runs on a lent slice with its
 * ASID, every other register is zeroed (none of the caller's may reach
 * it; v0 is its result, 0).  Stores that would write what is there
 * already (a clear ENV_PCTTO, a slice already lent) are skipped: on the
 * DEC profiles each store costs the write buffer 6 cycles.  Anything
 * else goes to trap_syscall with every register saved.  97
 * instructions from the vector to the rfe when both skips are taken.
 */
fast_yield:
	andi	t0, a0, ENV_IDX_MASK	# 28
	lui	t1, %hi(envs)		# 29
	addu	t0, t0, t1		# 30 t0 = the target
	lw	t1, ENV_KEY(t0)		# 31
	lw	t2, ENV_INYIELD(t0)	# 32
	lw	t3, ENV_PCTTO(t0)	# 33
	lw	t4, ENV_INEOS(k1)	# 34
	bne	t1, a0, yield_slow	# 35 no such target, or no ASID now
	or	t3, t3, t4		# 36 (delay slot)
	beq	t2, zero, yield_slow	# 37 the target does not wait in it
	lw	t5, ENV_PCTTO(k1)	# 38 (delay slot)
	bne	t3, zero, yield_slow	# 39 entered by a transfer; or an upcall ends
	lw	t6, ENV_EHI(t0)		# 40 (delay slot)
	sw	k0, ENV_TF + TF_EPC(k1)	# 41 the caller resumes after its call
	lw	k0, ENV_TF + TF_EPC(t0)	# 42 the target's resume pc
	sw	s0, ENV_TF + 4*16(k1)	# 43
	lw	s0, ENV_TF + 4*16(t0)	# 44
	sw	s1, ENV_TF + 4*17(k1)	# 45
	lw	s1, ENV_TF + 4*17(t0)	# 46
	sw	s2, ENV_TF + 4*18(k1)	# 47
	lw	s2, ENV_TF + 4*18(t0)	# 48
	sw	s3, ENV_TF + 4*19(k1)	# 49
	lw	s3, ENV_TF + 4*19(t0)	# 50
	sw	s4, ENV_TF + 4*20(k1)	# 51
	lw	s4, ENV_TF + 4*20(t0)	# 52
	sw	s5, ENV_TF + 4*21(k1)	# 53
	lw	s5, ENV_TF + 4*21(t0)	# 54
	sw	s6, ENV_TF + 4*22(k1)	# 55
	lw	s6, ENV_TF + 4*22(t0)	# 56
	sw	s7, ENV_TF + 4*23(k1)	# 57
	lw	s7, ENV_TF + 4*23(t0)	# 58
	sw	$28, ENV_TF + 4*28(k1)	# 59 gp
	lw	$28, ENV_TF + 4*28(t0)	# 60
	sw	$30, ENV_TF + 4*30(k1)	# 61 fp
	lw	$30, ENV_TF + 4*30(t0)	# 62
	sw	ra, ENV_TF + 4*31(k1)	# 63
	lw	ra, ENV_TF + 4*31(t0)	# 64
	lw	sp, ENV_TF + 4*29(t0)	# 65
	li	t7, 1			# 66
	sw	t7, ENV_INYIELD(k1)	# 67 the caller waits in SYS_YIELD_FAST
	beq	t5, zero, 1f		# 68 its transfer mark is clear already
	sw	zero, ENV_INYIELD(t0)	# 69 (delay slot) the target runs
	sw	zero, ENV_PCTTO(k1)	#    it is running: the mark is stale
1:	lui	t8, %hi(kcur)		# 70
	sw	t0, %lo(kcur)(t8)	# 71 running env := target
	lw	t9, %lo(kcur)+KCUR_SLOT(t8)	# 72
	addiu	t8, t8, %lo(kcur) + KCUR_LENT	# 73 (kcur is 1K-aligned)
	beq	t9, t8, 2f		# 74 the slice is lent already
	mtc0	t6, C0_ENTRYHI		# 75 (delay slot) the target's ASID
	sw	t8, KCUR_SLOT - KCUR_LENT(t8)	# it borrows the slice
2:	move	$1, zero		# 76 none of the caller's registers
	move	v0, zero		# 77 (the target's result)
	move	v1, zero		# 78
	move	a0, zero		# 79
	move	a1, zero		# 80
	move	a2, zero		# 81
	move	a3, zero		# 82
	move	t0, zero		# 83
	move	t1, zero		# 84
	move	t2, zero		# 85
	move	t3, zero		# 86
	move	t4, zero		# 87
	move	t5, zero		# 88
	move	t6, zero		# 89
	move	t7, zero		# 90
	move	t8, zero		# 91
	move	t9, zero		# 92
	mthi	zero			# 93
	mtlo	zero			# 94
	move	k1, zero		# 95
	jr	k0			# 96
	rfe				# 97 (delay slot)
yield_slow:				# the scratch held kernel values
	move	t0, zero
	move	t1, zero
	move	t2, zero
	move	t3, zero
	move	t4, zero
	move	t5, zero
	move	t6, zero
	b	k_trap_syscall
	li	v0, SYS_YIELD_FAST	# (delay slot) the call number again

pct_slow:
	lui	k0, %hi(trap_syscall)
	j	ktrap
	addiu	k0, k0, %lo(trap_syscall)	# (delay slot)

/*
 * Interrupts: k1 = the running environment (xsave[EXC_INT]), k0 = EPC.
 * The fast path is a timer tick that ends the slice of an environment
 * that can take its end-of-slice upcall now (exo/exo.h): the
 * interrupted pc is not in its return sequence, SAVE_CRIT is clear, it
 * has an entry and no such upcall is under way (eos_pc != 0).  Then:
 * acknowledge the tick, mark the upcall under way, set SAVE_CRIT and
 * SAVE_IPC = EPC, and enter the entry with every register as it was
 * but k0 (the entry) and k1 (0): the paper's "one register saved" (at,
 * borrowed and given back).  38 kernel instructions from the vector
 * to the upcall's first instruction.  Anything else (another interrupt
 * as well, excess time, a deferred upcall) goes to trap_intr with
 * every register saved; an interrupt still pending after the fast
 * path's rfe comes back at once and takes that path.
 */
	.globl k_intr, k_fault
k_intr:
	sw	$1, ENV_TF + 4 * 1(k1)	# 12 borrow at
	lw	$1, ENV_ENTRY + 4 * EXO_ENTRY_XRET(k1)	# 13
	nop				# 14 (load delay)
	subu	k0, k0, $1		# 15 pc - the return sequence's start
	sltiu	k0, k0, EXO_XRET_LEN	# 16
	bne	k0, zero, k_intr_slow	# 17 inside it
	lw	$1, ENV_SAVEAREA(k1)	# 18 (delay slot) the save area
	mfc0	k0, C0_CAUSE		# 19
	lw	$1, SAVE_CRIT($1)	# 20
	andi	k0, k0, CAUSE_IP(RTC_IRQ)	# 21
	beq	k0, zero, k_intr_slow	# 22 not the timer
	lw	k0, ENV_EOSPC(k1)	# 23 (delay slot)
	bne	$1, zero, k_intr_slow	# 24 in a critical section
	lui	$1, %hi(TM_KSEG1(RTC_BASE))	# 25 (delay slot)
	beq	k0, zero, k_intr_slow	# 26 no upcall to make
	sw	zero, ENV_EOSPC(k1)	# 27 (delay slot; 0 already if taken)
	sw	k1, ENV_INEOS(k1)	# 28 under way until SYS_YIELD
	sw	zero, %lo(TM_KSEG1(RTC_BASE)) + RTC_ACK($1)	# 29 acknowledge
	lw	$1, ENV_SAVEAREA(k1)	# 30
	mfc0	k0, C0_EPC		# 31
	sw	$1, SAVE_CRIT($1)	# 32 critical: SAVE_IPC is taken
	sw	k0, SAVE_IPC($1)	# 33
	lw	k0, ENV_ENTRY + 4 * EXO_ENTRY_EOS(k1)	# 34
	lw	$1, ENV_TF + 4 * 1(k1)	# 35 at back
	move	k1, zero		# 36
	jr	k0			# 37
	rfe				# 38 (delay slot)
k_intr_slow:
	lw	$1, ENV_TF + 4 * 1(k1)	# at back
	lui	k0, %hi(trap_intr)
	j	ktrap
	addiu	k0, k0, %lo(trap_intr)	# (delay slot)

/* Exceptions the environment has no handler for. */
k_fault:
	lui	k0, %hi(trap_fault)
	j	ktrap
	addiu	k0, k0, %lo(trap_fault)	# (delay slot)

/*
 * A fault in kernel mode (kcur.env == &kernel_env): only ucopy may
 * fault, and it set kcur.onfault; anything else is a kernel bug, and
 * the kernel stops with a message (kpanic_fault).
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
 * switches to the kernel stack and to kernel_env (kcur.user = the
 * environment), and calls f, which ends by calling env_pop (or
 * halting); f does not return.
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
	lui	sp, %hi(KSTACK_SP)
	addiu	sp, sp, %lo(KSTACK_SP)	# the kernel stack
	sw	k1, KSP_KCUR + KCUR_USER(sp)
	addiu	t0, sp, KSP_KCUR + KENV_OFF	# &kernel_env
	sw	t0, KSP_KCUR + KCUR_ENV(sp)	# faults from here on are the kernel's
	jalr	k0
	move	a0, k1			# (delay slot)
	lui	k0, %hi(kpanic_return)	# f must not return
	addiu	k0, k0, %lo(kpanic_return)
	jr	k0
	nop

/*
 * void env_pop(struct env *e): enter e at tf[EPC] with its registers.
 * Status gets KUp = 1, IEp = 1 (and the timer's interrupt mask) so that
 * the rfe enters user mode with interrupts on.  k1 is left 0, k0 the
 * pc.
 */
	.globl env_pop
	.ent env_pop
env_pop:
	lui	t0, %hi(kcur)
	sw	a0, %lo(kcur)(t0)	# running environment := e
	sw	a0, %lo(kcur)+KCUR_USER(t0)
	lw	t0, ENV_EHI(a0)
	lui	t1, %hi(user_status)	# KUp = IEp = 1, the interrupts user mode takes
	lw	t1, %lo(user_status)(t1)
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
	move	k1, zero
	jr	k0
	rfe				# (delay slot)
	.end env_pop

/*
 * uint32_t ucopy(void *dst, uint32_t usrc, uint32_t n): copy n bytes
 * from the address space of kcur.user (usrc..usrc+n-1 already checked
 * to lie in kuseg).  Returns the number of bytes not copied: 0, or, if
 * a page is not bound, the count from the byte that faulted (the UTLB
 * refill misses, gen_exc finds kernel_env, k_kfault resumes at 9f).
 * Uses only a0-a2, v0, v1: kernel code leaves t0-t9 alone.
 */
	.globl ucopy
	.ent ucopy
ucopy:
	lui	v1, %hi(kcur)
	lui	v0, %hi(9f)
	addiu	v0, v0, %lo(9f)
	sw	v0, %lo(kcur)+KCUR_ONFAULT(v1)
1:	beq	a2, zero, 9f
	nop
	lbu	v0, 0(a1)
	addiu	a1, a1, 1
	sb	v0, 0(a0)
	addiu	a2, a2, -1
	b	1b
	addiu	a0, a0, 1		# (delay slot)
9:	lui	v1, %hi(kcur)		# done, or a fault resumed here
	sw	zero, %lo(kcur)+KCUR_ONFAULT(v1)
	jr	ra
	move	v0, a2			# (delay slot) bytes left
	.end ucopy
