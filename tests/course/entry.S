/*
 * entry.S: the course kernel's start, exception vectors, TLB refill
 * handler, exception entry and return, and the CP0 helpers kernel.c uses.
 *
 * Exception entry saves every register into a struct trapframe (TF_* in
 * course.h) on the kernel stack and calls trap(tf) (kernel.c); the return
 * path restores them and leaves with `jr k0; rfe`.  Built with -DHAZARD,
 * the return path has the classic course bug: it uses k0 in the load
 * delay slot of the `lw` that restores it (tests/run-course.sh).
 */
#include "hw/mips.h"
#include "hw/testmips.h"
#include "course.h"

#define C0_INDEX    $0
#define C0_ENTRYLO  $2
#define C0_BADVADDR $8
#define C0_ENTRYHI  $10
#define C0_STATUS   $12
#define C0_CAUSE    $13
#define C0_EPC      $14

/* The stack frame of exception entry: trap()'s 16-byte argument area,
 * then the trap frame; FR(x) is TF_x's offset from sp. */
#define FRAME       (16 + TF_SIZE)
#define FR(off)     (16 + (off))

	.set noreorder
	.set noat

/* void _start(void): the loader's entry.  Set sp, clear .bss, run kmain. */
	.section .text.start, "ax"
	.globl _start
	.ent _start
_start:
	la	$sp, _stack_top
	la	$t0, _bss_start
	la	$t1, _bss_end
1:	beq	$t0, $t1, 2f		# clear .bss a word at a time
	nop				# (delay slot)
	sw	$zero, 0($t0)
	b	1b
	addiu	$t0, $t0, 4		# (delay slot)
2:	j	kmain			# never returns
	nop				# (delay slot)
	.end _start

	.text

/* The vector stubs, 4 words each, that kmain copies to 0x80000000 (UTLB
 * miss) and 0x80000080 (everything else): a jump to the handler. */
	.globl vec_utlb_stub
vec_utlb_stub:
	lui	$k0, %hi(utlb_refill)
	addiu	$k0, $k0, %lo(utlb_refill)
	jr	$k0
	nop				# (delay slot)
	.globl vec_general_stub
vec_general_stub:
	lui	$k0, %hi(exc_entry)
	addiu	$k0, $k0, %lo(exc_entry)
	jr	$k0
	nop				# (delay slot)

/*
 * utlb_refill: a kuseg reference missed the TLB.  Load the page's PTE
 * from pgtab (kernel.c) into a random TLB entry and retry the access;
 * outside the user region the PTE is 0 (invalid), so the retry takes a
 * TLBL/TLBS exception that trap() reports.  EntryHi already holds the
 * missing VPN and the ASID.  Uses k0 and k1 only; 21 instructions with
 * the stub's 4 for a page in the region, 17 outside it.
 */
utlb_refill:
	mfc0	$k0, C0_BADVADDR
	lui	$k1, %hi(UBASE)		# (MFC0 delay)
	subu	$k0, $k0, $k1		# offset into the user region
	srl	$k0, $k0, PAGE_SHIFT	# user page number
	sltiu	$k1, $k0, UPAGES
	beqz	$k1, 1f			# outside the region: an invalid entry
	move	$k1, $zero		# (delay slot) the invalid PTE
	sll	$k0, $k0, 2
	lui	$k1, %hi(pgtab)
	addu	$k1, $k1, $k0
	lw	$k1, %lo(pgtab)($k1)	# the PTE
1:	mfc0	$k0, C0_EPC		# (load delay)
	mtc0	$k1, C0_ENTRYLO
	nop				# (CP0 write hazard before tlbwr)
	tlbwr
	jr	$k0			# retry the access
	rfe				# (delay slot)

/*
 * exc_entry: every exception but a UTLB miss.  Interrupts are off (the
 * exception pushed Status' KU/IE stack); k0 and k1 are free.  From user
 * mode, switch to the top of the kernel stack; from kernel mode, stay on
 * the current one.  Save all registers and the CP0 state to a trap frame,
 * call trap(tf), then restore and return (trap_return).  k0's last value
 * before trap() is EPC: the HAZARD build's return jumps there.
 */
exc_entry:
	mfc0	$k0, C0_STATUS
	move	$k1, $sp		# (MFC0 delay) the interrupted sp
	andi	$k0, $k0, ST_KUP
	beqz	$k0, 1f			# from kernel mode: its stack
	addiu	$sp, $sp, -FRAME	# (delay slot)
	la	$sp, _stack_top - FRAME	# from user mode: the kernel stack's top
1:	sw	$k1, FR(TF_REG(29))($sp)
	sw	$1, FR(TF_REG(1))($sp)
	sw	$2, FR(TF_REG(2))($sp)
	sw	$3, FR(TF_REG(3))($sp)
	sw	$4, FR(TF_REG(4))($sp)
	sw	$5, FR(TF_REG(5))($sp)
	sw	$6, FR(TF_REG(6))($sp)
	sw	$7, FR(TF_REG(7))($sp)
	sw	$8, FR(TF_REG(8))($sp)
	sw	$9, FR(TF_REG(9))($sp)
	sw	$10, FR(TF_REG(10))($sp)
	sw	$11, FR(TF_REG(11))($sp)
	sw	$12, FR(TF_REG(12))($sp)
	sw	$13, FR(TF_REG(13))($sp)
	sw	$14, FR(TF_REG(14))($sp)
	sw	$15, FR(TF_REG(15))($sp)
	sw	$16, FR(TF_REG(16))($sp)
	sw	$17, FR(TF_REG(17))($sp)
	sw	$18, FR(TF_REG(18))($sp)
	sw	$19, FR(TF_REG(19))($sp)
	sw	$20, FR(TF_REG(20))($sp)
	sw	$21, FR(TF_REG(21))($sp)
	sw	$22, FR(TF_REG(22))($sp)
	sw	$23, FR(TF_REG(23))($sp)
	sw	$24, FR(TF_REG(24))($sp)
	sw	$25, FR(TF_REG(25))($sp)
	sw	$28, FR(TF_REG(28))($sp)
	sw	$30, FR(TF_REG(30))($sp)
	sw	$31, FR(TF_REG(31))($sp)
	mfhi	$k1
	sw	$k1, FR(TF_HI)($sp)
	mflo	$k1
	sw	$k1, FR(TF_LO)($sp)
	mfc0	$k1, C0_STATUS
	nop				# (MFC0 delay)
	sw	$k1, FR(TF_STATUS)($sp)
	mfc0	$k1, C0_CAUSE
	nop				# (MFC0 delay)
	sw	$k1, FR(TF_CAUSE)($sp)
	mfc0	$k1, C0_BADVADDR
	nop				# (MFC0 delay)
	sw	$k1, FR(TF_BADVADDR)($sp)
	mfc0	$k0, C0_EPC
	addiu	$a0, $sp, FR(0)		# (MFC0 delay) trap's argument: the frame
	sw	$k0, FR(TF_EPC)($sp)
	jal	trap
	nop				# (delay slot)

/*
 * trap_return: restore the trap frame at sp + 16 (as trap() may have
 * changed it) and return to its EPC in the mode its Status says.  Status
 * is restored first: its IEc is 0 (as the exception left it), so nothing
 * interrupts the restore; rfe then pops the interrupted KU/IE bits.
 * k1 is the scratch register, so k0 keeps the EPC that exc_entry read
 * until the last load (which the HAZARD build's bug exposes).
 */
trap_return:
	lw	$k1, FR(TF_STATUS)($sp)
	lw	$1, FR(TF_REG(1))($sp)	# (load delay)
	mtc0	$k1, C0_STATUS
	lw	$k1, FR(TF_HI)($sp)
	lw	$2, FR(TF_REG(2))($sp)	# (load delay)
	mthi	$k1
	lw	$k1, FR(TF_LO)($sp)
	lw	$3, FR(TF_REG(3))($sp)	# (load delay)
	mtlo	$k1
	lw	$4, FR(TF_REG(4))($sp)
	lw	$5, FR(TF_REG(5))($sp)
	lw	$6, FR(TF_REG(6))($sp)
	lw	$7, FR(TF_REG(7))($sp)
	lw	$8, FR(TF_REG(8))($sp)
	lw	$9, FR(TF_REG(9))($sp)
	lw	$10, FR(TF_REG(10))($sp)
	lw	$11, FR(TF_REG(11))($sp)
	lw	$12, FR(TF_REG(12))($sp)
	lw	$13, FR(TF_REG(13))($sp)
	lw	$14, FR(TF_REG(14))($sp)
	lw	$15, FR(TF_REG(15))($sp)
	lw	$16, FR(TF_REG(16))($sp)
	lw	$17, FR(TF_REG(17))($sp)
	lw	$18, FR(TF_REG(18))($sp)
	lw	$19, FR(TF_REG(19))($sp)
	lw	$20, FR(TF_REG(20))($sp)
	lw	$21, FR(TF_REG(21))($sp)
	lw	$22, FR(TF_REG(22))($sp)
	lw	$23, FR(TF_REG(23))($sp)
	lw	$24, FR(TF_REG(24))($sp)
	lw	$25, FR(TF_REG(25))($sp)
	lw	$28, FR(TF_REG(28))($sp)
	lw	$30, FR(TF_REG(30))($sp)
	lw	$31, FR(TF_REG(31))($sp)
#ifndef HAZARD
	lw	$k0, FR(TF_EPC)($sp)
	lw	$sp, FR(TF_REG(29))($sp)	# (fills k0's load delay)
	jr	$k0
	rfe				# (delay slot)
#else
	/* The bug: jr reads k0 in its load delay slot.  On the R3000 it
	 * gets k0's old value, the EPC exc_entry read: harmless after an
	 * interrupt, but after a SYSCALL (whose EPC trap() advanced) it
	 * runs the SYSCALL again, for ever.  gxemul, which has no load
	 * delay, runs it as intended. */
	move	$k1, $sp
	lw	$sp, FR(TF_REG(29))($k1)
	lw	$k0, FR(TF_EPC)($k1)
	jr	$k0			# HAZARD: k0 in its load delay slot
	rfe				# (delay slot)
#endif

/* void user_enter(uint32_t pc, uint32_t sp): start the user program at
 * pc with stack sp, in user mode with interrupts on (rfe pops KUp/IEp). */
	.globl user_enter
user_enter:
	li	$t0, ST_KUP | ST_IEP | ST_IM(RTC_IRQ)
	mtc0	$t0, C0_STATUS		# interrupts off until the rfe
	move	$k0, $a0
	move	$sp, $a1
	jr	$k0
	rfe				# (delay slot)

/* void status_set(uint32_t st): write Status. */
	.globl status_set
status_set:
	mtc0	$a0, C0_STATUS
	jr	$ra
	nop				# (delay slot; and the CP0 write hazard)

/* void tlb_clear(void): make all 64 TLB entries match nothing: each gets
 * a distinct kseg0 VPN (kseg0 is never looked up) and an invalid PTE. */
	.globl tlb_clear
tlb_clear:
	mtc0	$zero, C0_ENTRYLO
	lui	$t0, 0x8000		# the VPN
	li	$t1, 0			# the Index
	li	$t2, TLB_NENTRIES << INDEX_SHIFT
1:	mtc0	$t0, C0_ENTRYHI
	mtc0	$t1, C0_INDEX
	addiu	$t0, $t0, PAGE_SIZE
	addiu	$t1, $t1, 1 << INDEX_SHIFT	# (and the CP0 write hazard)
	bne	$t1, $t2, 1b
	tlbwi				# (delay slot)
	jr	$ra
	nop				# (delay slot)
