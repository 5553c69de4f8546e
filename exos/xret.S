/*
 * xret.S: leaving a dispatched exception or an upcall without the
 * kernel, and exos's TLB-miss handler.
 *
 * void exo_xret(void): t0 = the pc to resume at; the interrupted t0-t2
 * are in the save area (EXO_SAVE_VA, reachable from $zero); SAVE_CRIT
 * is set (the kernel set it when it dispatched the exception or made
 * the upcall).  exos registers this routine as its EXO_ENTRY_XRET
 * sequence, so the kernel makes no upcall while the pc is in it.
 *
 * First, if the kernel deferred an end-of-slice upcall while we were
 * critical (SAVE_PENDING), give the slice back now with SYS_YIELD,
 * still critical: nothing may land on the save area meanwhile.  Then
 * clear SAVE_CRIT and restore.  The last register restored is loaded
 * in the jump's delay slot, so the resumed instruction sits in that
 * load's delay: it must not read that register.  So jump through t0,
 * or, if the resumed instruction names t0 in its rs or rt field,
 * through whichever of t1, t2 it does not name (an instruction names
 * at most two registers).
 */
#include "exo/regdef.h"
#include "exo/exo.h"
#include "hw/mips.h"
#include "exos_save.h"

	.set noreorder
	.set noat
	.text
	.globl exo_xret
	.ent exo_xret
exo_xret:
	lw	t1, EXO_SAVE_VA + SAVE_PENDING($0)
	nop				# (load delay)
	bne	t1, zero, 3f		# the kernel wants the CPU back
	lw	t1, 0(t0)		# (delay slot) the instruction to resume
	sw	zero, EXO_SAVE_VA + SAVE_CRIT($0)	# an upcall may come now, but
					# not while the pc is in here
	srl	t1, t1, 16
	andi	t2, t1, 31		# rt
	srl	t1, t1, 5
	andi	t1, t1, 31		# rs
	addiu	t1, t1, -8
	beq	t1, zero, 1f		# reads t0
	addiu	t2, t2, -8		# (delay slot)
	beq	t2, zero, 1f		# reads t0
	nop
	lw	t1, EXO_SAVE_VA + SAVE_T1($0)
	lw	t2, EXO_SAVE_VA + SAVE_T2($0)
	jr	t0
	lw	t0, EXO_SAVE_VA + SAVE_T0($0)	# (delay slot)
1:	addiu	t1, t1, -2
	beq	t1, zero, 2f		# reads t2: go through t1
	addiu	t2, t2, -2		# (delay slot)
	beq	t2, zero, 2f
	move	t2, t0			# (delay slot)
	lw	t0, EXO_SAVE_VA + SAVE_T0($0)
	lw	t1, EXO_SAVE_VA + SAVE_T1($0)
	jr	t2
	lw	t2, EXO_SAVE_VA + SAVE_T2($0)	# (delay slot)
2:	move	t1, t0
	lw	t0, EXO_SAVE_VA + SAVE_T0($0)
	lw	t2, EXO_SAVE_VA + SAVE_T2($0)
	jr	t1
	lw	t1, EXO_SAVE_VA + SAVE_T1($0)	# (delay slot)
3:	sw	zero, EXO_SAVE_VA + SAVE_PENDING($0)
	sw	v0, EXO_SAVE_VA + XS_V0($0)	# SYS_YIELD keeps all but v0
	sw	a0, EXO_SAVE_VA + XS_A0($0)
	li	v0, SYS_YIELD
	li	a0, -1			# to the next slice
	syscall
	lw	v0, EXO_SAVE_VA + XS_V0($0)
	lw	a0, EXO_SAVE_VA + XS_A0($0)
	b	exo_xret		# and look again
	nop
	.globl exo_xret_end
exo_xret_end:
	.end exo_xret
	.if exo_xret_end - exo_xret > EXO_XRET_LEN
	.error "exo_xret is longer than EXO_XRET_LEN: the kernel would not protect its tail"
	.endif

/*
 * exos_eos: exos's end-of-slice upcall (exos_upcalls() installs it).
 * Entered with SAVE_CRIT set and SAVE_IPC = the interrupted pc, every
 * register live.  It counts the upcall, gives the slice back with
 * SYS_YIELD, still critical (so the next slice resumes it here, with
 * no start-of-slice upcall on top), then resumes the interrupted code
 * through exo_xret.  v0 and a0 wait in the save page meanwhile.
 */
	.globl exos_eos, exos_eos_end
	.ent exos_eos
exos_eos:
	sw	v0, EXO_SAVE_VA + XS_EV0($0)
	sw	a0, EXO_SAVE_VA + XS_EA0($0)
	lui	a0, %hi(exos_eos_count)
	lw	v0, %lo(exos_eos_count)(a0)
	nop				# (load delay)
	addiu	v0, v0, 1
	sw	v0, %lo(exos_eos_count)(a0)
	li	v0, SYS_YIELD
	li	a0, -1			# to the next slice
	syscall				# every register kept but v0
	sw	t0, EXO_SAVE_VA + SAVE_T0($0)
	sw	t1, EXO_SAVE_VA + SAVE_T1($0)
	sw	t2, EXO_SAVE_VA + SAVE_T2($0)
	lw	t0, EXO_SAVE_VA + SAVE_IPC($0)
	lw	v0, EXO_SAVE_VA + XS_EV0($0)
	j	exo_xret
	lw	a0, EXO_SAVE_VA + XS_EA0($0)	# (delay slot)
exos_eos_end:
	.end exos_eos

/*
 * exos_tlbmiss: the handler for TLBL and TLBS (t0 = EPC, t1 = BadVAddr,
 * t2 = Cause; SAVE_CRIT set, so no upcall lands in it).
 *
 * The fast path looks va up in its home bucket of exos's page table
 * (exos.c) and calls SYS_TLB_WRITE itself.  It saves only what the
 * call changes (a light call: v0, v1 its result; at, a0-a3, HI, LO
 * zeroed or kept), HI and LO in t1 and t2, which the call keeps and
 * exo_xret restores.  So it no longer has va and Cause when the call
 * returns: if the call fails, it sets XS_TLBSLOW and resumes the
 * faulting instruction, which misses again and comes to the C path
 * with both.  39 instructions, the syscall included.
 *
 * The C path (exos_tlbmiss_slow; va not in its home bucket, or
 * XS_TLBSLOW set) saves the caller-saved registers in the save page and
 * runs exos_fault(badvaddr, cause, epc) on the exception stack (the top
 * of the save page), then clears XS_TLBSLOW.  Both return through
 * exo_xret.  Not reentrant: a fault inside exos_fault is fatal.
 */
#define XF XS_TLBMISS
	.globl exos_tlbmiss
	.ent exos_tlbmiss
exos_tlbmiss:
	sw	a0, EXO_SAVE_VA + XF + 16($0)	# 1
	srl	a0, t1, PAGE_SHIFT	# 2 vpn
	sw	a1, EXO_SAVE_VA + XF + 20($0)	# 3
	andi	a1, a0, EXOS_NPTE - 1	# 4
	sll	a1, a1, 4		# 5 the home bucket's offset
	sw	a2, EXO_SAVE_VA + XF + 24($0)	# 6
	lui	a2, %hi(exos_ptab)	# 7
	addu	a2, a2, a1		# 8
	lw	a1, %lo(exos_ptab)(a2)	# 9 key: vpn + 1, or 0
	addiu	a0, a0, 1		# 10 (load delay)
	bne	a1, a0, exos_tlbmiss_slow	# 11 not there
	lw	a0, EXO_SAVE_VA + XS_TLBSLOW($0)	# 12 (delay slot)
	lw	a1, %lo(exos_ptab) + 4(a2)	# 13 pte
	bne	a0, zero, exos_tlbmiss_slow	# 14 the last call from here failed
	lw	a2, %lo(exos_ptab) + 8(a2)	# 15 (delay slot) cap
	sw	v0, EXO_SAVE_VA + XF + 8($0)	# 16
	move	a0, t1			# 17 va
	sw	v1, EXO_SAVE_VA + XF + 12($0)	# 18
	mfhi	t1			# 19
	mflo	t2			# 20
	sw	$1, EXO_SAVE_VA + XF + 4($0)	# 21
	li	v0, SYS_TLB_WRITE	# 22
	sw	a3, EXO_SAVE_VA + XF + 28($0)	# 23
	syscall				# 24
	mthi	t1			# 25
	bne	v0, zero, 1f		# 26 refused
	mtlo	t2			# 27 (delay slot)
	lui	a0, %hi(exos_tlbmiss_count)	# 28 bound: count it (a refused
					#    miss counts in exos_fault's retry)
	lw	a1, %lo(exos_tlbmiss_count)(a0)	# 29
	lw	$1, EXO_SAVE_VA + XF + 4($0)	# 30
	addiu	a1, a1, 1		# 31
	sw	a1, %lo(exos_tlbmiss_count)(a0)	# 32
	lw	v0, EXO_SAVE_VA + XF + 8($0)	# 33
	lw	v1, EXO_SAVE_VA + XF + 12($0)	# 34
	lw	a0, EXO_SAVE_VA + XF + 16($0)	# 35
	lw	a1, EXO_SAVE_VA + XF + 20($0)	# 36
	lw	a2, EXO_SAVE_VA + XF + 24($0)	# 37
	j	exo_xret		# 38
	lw	a3, EXO_SAVE_VA + XF + 28($0)	# 39 (delay slot)
exos_tlbmiss_slow:
	sw	t0, EXO_SAVE_VA + XF + 0($0)	# epc
	sw	$1, EXO_SAVE_VA + XF + 4($0)
	sw	v0, EXO_SAVE_VA + XF + 8($0)
	sw	v1, EXO_SAVE_VA + XF + 12($0)
	sw	a3, EXO_SAVE_VA + XF + 28($0)
	sw	t3, EXO_SAVE_VA + XF + 32($0)
	sw	t4, EXO_SAVE_VA + XF + 36($0)
	sw	t5, EXO_SAVE_VA + XF + 40($0)
	sw	t6, EXO_SAVE_VA + XF + 44($0)
	sw	t7, EXO_SAVE_VA + XF + 48($0)
	sw	t8, EXO_SAVE_VA + XF + 52($0)
	sw	t9, EXO_SAVE_VA + XF + 56($0)
	sw	ra, EXO_SAVE_VA + XF + 60($0)
	sw	sp, EXO_SAVE_VA + XF + 64($0)
	mfhi	t3
	mflo	t4
	sw	t3, EXO_SAVE_VA + XF + 68($0)
	sw	t4, EXO_SAVE_VA + XF + 72($0)
	li	sp, EXO_SAVE_VA + 0x1000 - 16
	move	a0, t1
	move	a1, t2
	jal	exos_fault
	move	a2, t0			# (delay slot)
	lw	t3, EXO_SAVE_VA + XF + 68($0)
	lw	t4, EXO_SAVE_VA + XF + 72($0)
	mthi	t3
	mtlo	t4
	lw	t0, EXO_SAVE_VA + XF + 0($0)
	lw	t3, EXO_SAVE_VA + XF + 32($0)
	lw	t4, EXO_SAVE_VA + XF + 36($0)
	lw	t5, EXO_SAVE_VA + XF + 40($0)
	lw	t6, EXO_SAVE_VA + XF + 44($0)
	lw	t7, EXO_SAVE_VA + XF + 48($0)
	lw	t8, EXO_SAVE_VA + XF + 52($0)
	lw	t9, EXO_SAVE_VA + XF + 56($0)
	lw	ra, EXO_SAVE_VA + XF + 60($0)
	lw	sp, EXO_SAVE_VA + XF + 64($0)
	move	v0, zero		# done: XS_TLBSLOW = 0
/*
 * v0 = the new XS_TLBSLOW (the fast path's failed call comes here with
 * its error, t0 = EPC, HI and LO back); at, v0, v1, a0-a3 from the
 * frame.  On failure exo_xret resumes the faulting instruction.
 */
1:	sw	v0, EXO_SAVE_VA + XS_TLBSLOW($0)
	lw	$1, EXO_SAVE_VA + XF + 4($0)
	lw	v0, EXO_SAVE_VA + XF + 8($0)
	lw	v1, EXO_SAVE_VA + XF + 12($0)
	lw	a0, EXO_SAVE_VA + XF + 16($0)
	lw	a1, EXO_SAVE_VA + XF + 20($0)
	lw	a2, EXO_SAVE_VA + XF + 24($0)
	j	exo_xret
	lw	a3, EXO_SAVE_VA + XF + 28($0)	# (delay slot)
	.globl exos_tlbmiss_end
exos_tlbmiss_end:
	.end exos_tlbmiss

/*
 * exos_modfault: the handler for Mod (vm.c sets it): the C path
 * straight away, after the three registers the fast path would have
 * saved.
 */
	.globl exos_modfault
	.ent exos_modfault
exos_modfault:
	sw	a0, EXO_SAVE_VA + XF + 16($0)
	sw	a1, EXO_SAVE_VA + XF + 20($0)
	b	exos_tlbmiss_slow
	sw	a2, EXO_SAVE_VA + XF + 24($0)	# (delay slot)
	.end exos_modfault
