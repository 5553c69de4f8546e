/*
 * test.h: shared macros and routines for the assembly test programs.
 *
 * Each test is one .S file that includes this header, starts with
 * TEST_BEGIN and ends with PASS.  A failed check prints "FAIL xx"
 * (xx = the check's code in hex) on the console and halts with that
 * code, so the exit status names the failing check.
 *
 * Register use: t8 and t9 belong to the check macros, k0 and k1 to the
 * exception handler; tests use the rest.  Code runs with .set noreorder
 * and .set noat: every delay slot is written out.
 *
 * The exception handler (INSTALL_HANDLERS puts a jump to it at both
 * vectors and clears Status.BEV) records what the CPU reported in
 * `exc` (offsets EXC_*), counts exceptions, and returns:
 *   - to the address in exc+EXC_RESUME if a test set it (then cleared),
 *     or for SYSCALL to exc+EXC_SYSRET if set, in kernel mode (KUp is
 *     cleared before the RFE);
 *   - for interrupts, to EPC (after clearing Cause.IP0/IP1 and
 *     acknowledging the rtc);
 *   - otherwise to EPC + 4 (skip the faulting instruction).
 */
#ifndef TEST_H
#define TEST_H

#include "hw/mips.h"
#include "hw/testmips.h"

/* CP0 registers as assembler operands. */
#define C0_INDEX    $0
#define C0_RANDOM   $1
#define C0_ENTRYLO  $2
#define C0_CONTEXT  $4
#define C0_BADVADDR $8
#define C0_ENTRYHI  $10
#define C0_STATUS   $12
#define C0_CAUSE    $13
#define C0_EPC      $14
#define C0_PRID     $15

#define CONSOLE   0xb0000000
#define SIMCTL    0xb7000000
#define RTC       0xb5000000

/* The record the handler fills (offsets into `exc`). */
#define EXC_COUNT    0
#define EXC_VEC      4
#define EXC_EPC      8
#define EXC_CAUSE    12
#define EXC_BADVA    16
#define EXC_STATUS   20
#define EXC_CONTEXT  24
#define EXC_ENTRYHI  28
#define EXC_RESUME   32
#define EXC_INTS     36      /* interrupts taken */
#define EXC_SYSRET   40      /* SYSCALL resumes here, in kernel mode */
#define EXC_SIZE     44

	.set noreorder
	.set noat

/* ---- program frame --------------------------------------------------- */

	.macro TEST_BEGIN
	.section .text.start, "ax"
	.globl _start
	.ent _start
_start:
	la	$sp, _stack_top
	.endm

	.macro PASS
	li	$t8, 0
	j	test_halt
	nop				# (delay slot)
	.end _start
	.endm

	.macro FAIL code
	li	$t8, \code
	j	test_fail
	nop				# (delay slot)
	.endm

/* ---- checks ------------------------------------------------------------ */

	/* reg == value (a 32-bit constant) or fail with code. */
	.macro CHECK_EQ reg, value, code
	li	$t9, \value
	beq	\reg, $t9, 1f
	nop				# (delay slot)
	FAIL	\code
1:
	.endm

	/* reg == reg2 or fail. */
	.macro CHECK_REG reg, reg2, code
	beq	\reg, \reg2, 1f
	nop				# (delay slot)
	FAIL	\code
1:
	.endm

	/* (reg & mask) == value or fail. */
	.macro CHECK_MASK reg, mask, value, code
	li	$t9, \mask
	and	$t9, \reg, $t9
	li	$t8, \value
	beq	$t9, $t8, 1f
	nop				# (delay slot)
	FAIL	\code
1:
	.endm

	/* The word at `exc + off` == value or fail. */
	.macro CHECK_EXC off, value, code
	la	$t9, exc
	lw	$t9, \off($t9)
	la	$t8, \value		# (a constant or a label)
	beq	$t9, $t8, 1f
	nop				# (delay slot)
	FAIL	\code
1:
	.endm

	/* Cause.ExcCode of the last exception == code, BD == bd. */
	.macro CHECK_CAUSE exccode, bd, code
	la	$t9, exc
	lw	$t9, EXC_CAUSE($t9)
	li	$t8, CAUSE_BD | CAUSE_EXC_MASK
	and	$t9, $t9, $t8
	li	$t8, ((\bd) << 31) | ((\exccode) << CAUSE_EXC_SHIFT)
	beq	$t9, $t8, 1f
	nop				# (delay slot)
	FAIL	\code
1:
	.endm

/* ---- exception set-up -------------------------------------------------- */

	/* The next exception returns to `label` instead of EPC(+4). */
	.macro RESUME_AT label
	la	$t9, \label
	la	$t8, exc
	sw	$t9, EXC_RESUME($t8)
	.endm

	/* Zero the record's counts (before an expected exception). */
	/* Every SYSCALL returns to `label` in kernel mode. */
	.macro SYSCALL_RETURNS_TO label
	la	$t9, \label
	la	$t8, exc
	sw	$t9, EXC_SYSRET($t8)
	.endm

	.macro EXC_CLEAR
	la	$t8, exc
	sw	$zero, EXC_COUNT($t8)
	sw	$zero, EXC_CAUSE($t8)
	sw	$zero, EXC_EPC($t8)
	sw	$zero, EXC_INTS($t8)
	.endm

	/* Copy the jump stubs to both vectors, clear BEV. */
	.macro INSTALL_HANDLERS
	jal	test_install
	nop				# (delay slot)
	.endm

	/* mtc0 of a constant. */
	.macro MTC0_LI reg, value
	li	$t9, \value
	mtc0	$t9, \reg
	nop				# (CP0 write hazard)
	.endm

	/* TLB[idx] = {hi, lo} with TLBWI. */
	.macro TLB_SET idx, hi, lo
	li	$t9, (\idx) << INDEX_SHIFT
	mtc0	$t9, C0_INDEX
	la	$t9, \hi
	mtc0	$t9, C0_ENTRYHI
	la	$t9, \lo		# (a constant or label arithmetic)
	mtc0	$t9, C0_ENTRYLO
	nop				# (CP0 write hazard before tlbwi)
	tlbwi
	.endm

	/* Read the cycle counter into reg (it is in a load delay after). */
	.macro CYCLES reg
	lui	$t9, 0xb700
	lw	\reg, SIMCTL_CYCLE_LO($t9)
	.endm

/* ---- the routines (one copy per test program) --------------------------- */

	.text
	/* Halt with status t8, printing "FAIL xx" first if it is not 0. */
test_fail:
	lui	$t9, 0xb000
	li	$k0, 'F'
	sb	$k0, 0($t9)
	li	$k0, 'A'
	sb	$k0, 0($t9)
	li	$k0, 'I'
	sb	$k0, 0($t9)
	li	$k0, 'L'
	sb	$k0, 0($t9)
	li	$k0, ' '
	sb	$k0, 0($t9)
	srl	$k0, $t8, 4
	andi	$k0, $k0, 15
	la	$k1, test_hex
	addu	$k1, $k1, $k0
	lbu	$k0, 0($k1)
	nop				# (load delay)
	sb	$k0, 0($t9)
	andi	$k0, $t8, 15
	la	$k1, test_hex
	addu	$k1, $k1, $k0
	lbu	$k0, 0($k1)
	nop				# (load delay)
	sb	$k0, 0($t9)
	li	$k0, '\n'
	sb	$k0, 0($t9)
	/* For diagnosis: the last exception's EPC, Cause, BadVAddr. */
	la	$k0, exc
	lui	$k1, 0xb700
	lw	$t9, EXC_EPC($k0)
	nop				# (load delay)
	sw	$t9, SIMCTL_PUTHEX($k1)
	lw	$t9, EXC_CAUSE($k0)
	nop				# (load delay)
	sw	$t9, SIMCTL_PUTHEX($k1)
	lw	$t9, EXC_BADVA($k0)
	nop				# (load delay)
	sw	$t9, SIMCTL_PUTHEX($k1)
test_halt:
	lui	$t9, 0xb000
	sb	$t8, CONS_HALT($t9)
1:	b	1b
	nop				# (delay slot)

	/* Copy the vector stubs (4 words each) and clear Status.BEV. */
test_install:
	la	$t0, test_utlb_stub
	li	$t1, VEC_UTLB
	li	$t2, 4
1:	lw	$t3, 0($t0)
	addiu	$t2, $t2, -1
	sw	$t3, 0($t1)
	lw	$t3, 16($t0)		# the general stub follows
	addiu	$t0, $t0, 4
	sw	$t3, 0x80($t1)
	bnez	$t2, 1b
	addiu	$t1, $t1, 4		# (delay slot)
	mfc0	$t0, C0_STATUS
	li	$t1, ~ST_BEV
	and	$t0, $t0, $t1
	mtc0	$t0, C0_STATUS
	jr	$ra
	nop				# (delay slot)

test_utlb_stub:
	la	$k0, test_utlb_entry	# two words
	jr	$k0
	nop				# (delay slot)
test_gen_stub:
	la	$k0, test_gen_entry
	jr	$k0
	nop				# (delay slot)

test_utlb_entry:
	la	$k0, exc
	li	$k1, VEC_UTLB
	b	test_record
	sw	$k1, EXC_VEC($k0)	# (delay slot)
test_gen_entry:
	la	$k0, exc
	li	$k1, VEC_GENERAL
	sw	$k1, EXC_VEC($k0)
test_record:
	mfc0	$k1, C0_EPC
	nop				# (MFC0 delay)
	sw	$k1, EXC_EPC($k0)
	mfc0	$k1, C0_BADVADDR
	nop				# (MFC0 delay)
	sw	$k1, EXC_BADVA($k0)
	mfc0	$k1, C0_STATUS
	nop				# (MFC0 delay)
	sw	$k1, EXC_STATUS($k0)
	mfc0	$k1, C0_CONTEXT
	nop				# (MFC0 delay)
	sw	$k1, EXC_CONTEXT($k0)
	mfc0	$k1, C0_ENTRYHI
	nop				# (MFC0 delay)
	sw	$k1, EXC_ENTRYHI($k0)
	lw	$k1, EXC_COUNT($k0)
	nop				# (load delay)
	addiu	$k1, $k1, 1
	sw	$k1, EXC_COUNT($k0)
	mfc0	$k1, C0_CAUSE
	nop				# (MFC0 delay)
	sw	$k1, EXC_CAUSE($k0)
	andi	$k1, $k1, CAUSE_EXC_MASK
	bnez	$k1, 2f			# not an interrupt
	nop				# (delay slot)
	/* Interrupt: silence the sources the tests use, return to EPC. */
	lw	$k1, EXC_INTS($k0)
	nop				# (load delay)
	addiu	$k1, $k1, 1
	sw	$k1, EXC_INTS($k0)
	mtc0	$zero, C0_CAUSE	# clear IP0/IP1
	lui	$k1, 0xb500
	sw	$zero, RTC_ACK($k1)
	lw	$k1, EXC_RESUME($k0)
	nop				# (load delay)
	bnez	$k1, 3f
	sw	$zero, EXC_RESUME($k0)	# (delay slot)
	mfc0	$k1, C0_EPC
	nop				# (MFC0 delay)
	jr	$k1
	rfe				# (delay slot)
2:	lw	$k1, EXC_RESUME($k0)
	nop				# (load delay)
	bnez	$k1, 3f
	sw	$zero, EXC_RESUME($k0)	# (delay slot)
	mfc0	$k1, C0_CAUSE
	nop				# (MFC0 delay)
	andi	$k1, $k1, CAUSE_EXC_MASK
	xori	$k1, $k1, EXC_SYS << CAUSE_EXC_SHIFT
	bnez	$k1, 4f			# not a SYSCALL
	nop				# (delay slot)
	lw	$k1, EXC_SYSRET($k0)
	nop				# (load delay)
	bnez	$k1, 3f
	nop				# (delay slot)
4:	mfc0	$k1, C0_EPC
	nop				# (MFC0 delay)
	addiu	$k1, $k1, 4
	jr	$k1
	rfe				# (delay slot)
	/* Resume at a test's label, in kernel mode (KUp cleared). */
3:	mfc0	$k0, C0_STATUS
	nop				# (MFC0 delay)
	ori	$k0, $k0, ST_KUP
	xori	$k0, $k0, ST_KUP
	mtc0	$k0, C0_STATUS
	nop				# (CP0 write hazard)
	jr	$k1
	rfe				# (delay slot)

	.data
	.balign 4
exc:	.space	EXC_SIZE
test_hex:
	.ascii	"0123456789abcdef"
	.balign 4
	.section .text.start, "ax"

#endif /* TEST_H */
