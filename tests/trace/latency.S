/*
 * latency.S: a small deterministic program for the tracer's reference
 * traces (traces/) and tests (tests/run-trace.sh).
 *
 * Kernel mode sets up two exception handlers, maps its user code at
 * 0x00400000 (global, TLB entry 0), starts the rtc and drops to user
 * mode (ASID 1).  The user code then:
 *   - touches 4 pages at 0x10000000: UTLB misses that the kernel
 *     refills itself and returns to the faulting instruction;
 *   - spins while rtc interrupts come and are acknowledged;
 *   - touches 2 pages at 0x30000000: misses the kernel passes up to the
 *     application's handler (app_handler, with a2 = BadVAddr, a3 = EPC),
 *     which maps the page with a system call and jumps back;
 *   - exits with status 0.
 * System calls (v0): 1 exit(a0), 2 marker(a0), 3 map(a0).
 * Markers: 1 at the start, 10 and 11 around the refill loop.
 */
#include "hw/mips.h"
#include "hw/testmips.h"

#define USER_VA     0x00400000
#define ASID        1
#define RTC_RATE    10000

	.set noreorder
	.set noat

	.section .text.start, "ax"
	.globl _start
_start:
	la	$sp, _stack_top
	/* "j handler; nop" at both vectors */
	la	$a0, utlb_handler
	jal	put_stub
	lui	$a1, 0x8000			# (delay slot) 0x80000000
	la	$a0, gen_handler
	lui	$a1, 0x8000
	jal	put_stub
	ori	$a1, $a1, 0x80			# (delay slot) 0x80000080
	mtc0	$zero, $12			# Status: BEV off, kernel, IE off
	/* TLB entry 0: the user code page, global */
	mtc0	$zero, $0			# Index 0
	li	$t0, USER_VA | (ASID << EHI_ASID_SHIFT)
	mtc0	$t0, $10			# EntryHi (also sets the ASID)
	la	$t0, user_code
	li	$t1, KSEG_PHYS_MASK
	and	$t0, $t0, $t1
	ori	$t0, $t0, ELO_V | ELO_G
	mtc0	$t0, $2				# EntryLo
	nop
	tlbwi
	lui	$t0, 0xb700			# marker 1
	li	$t1, 1
	sw	$t1, SIMCTL_MARKER($t0)
	lui	$t0, 0xb500			# rtc on
	li	$t1, RTC_RATE
	sw	$t1, RTC_HZ($t0)
	li	$t0, ST_IM(RTC_IRQ) | ST_KUP | ST_IEP
	mtc0	$t0, $12
	li	$t0, USER_VA
	jr	$t0
	rfe					# (delay slot) to user mode

/* Store "j a0; nop" at a1. */
put_stub:
	srl	$a0, $a0, 2
	li	$t1, 0x03ffffff
	and	$a0, $a0, $t1
	lui	$t1, 0x0800
	or	$a0, $a0, $t1
	sw	$a0, 0($a1)
	jr	$ra
	sw	$zero, 4($a1)			# (delay slot)

/* UTLB refill: pages below 0x30000000 map to 0x00100000 + (va - 0x10000000);
 * above, the miss goes to the application. */
	.globl utlb_handler
utlb_handler:
	mfc0	$k0, $8				# BadVAddr
	lui	$k1, 0x3000
	sltu	$k1, $k0, $k1
	beqz	$k1, pass_up
	srl	$k0, $k0, 12			# (delay slot)
	sll	$k0, $k0, 12
	lui	$k1, 0x1000 - 0x0010
	subu	$k0, $k0, $k1
	ori	$k0, $k0, ELO_V | ELO_D
	mtc0	$k0, $2
	nop
	tlbwr
	mfc0	$k1, $14			# EPC
	nop
	jr	$k1
	rfe
pass_up:
	mfc0	$a3, $14			# EPC
	mfc0	$a2, $8				# BadVAddr
	la	$k0, app_handler		# its user address
	la	$k1, user_code
	subu	$k0, $k0, $k1
	li	$k1, USER_VA
	addu	$k1, $k1, $k0
	jr	$k1
	rfe

	.globl gen_handler
gen_handler:
	mfc0	$k0, $13			# Cause
	nop
	andi	$k0, $k0, CAUSE_EXC_MASK
	beqz	$k0, intr
	li	$k1, EXC_SYS << CAUSE_EXC_SHIFT	# (delay slot)
	beq	$k0, $k1, sys
	nop
	li	$k0, 99				# unexpected: halt with 99
	lui	$k1, 0xb000
	sb	$k0, CONS_HALT($k1)
intr:
	lui	$k0, 0xb500
	sw	$zero, RTC_ACK($k0)
	mfc0	$k1, $14
	nop
	jr	$k1
	rfe
sys:
	mfc0	$k1, $14
	li	$k0, 1
	beq	$v0, $k0, sys_exit
	addiu	$k1, $k1, 4			# (delay slot) return after syscall
	li	$k0, 2
	beq	$v0, $k0, sys_marker
	li	$k0, 3				# (delay slot)
	beq	$v0, $k0, sys_map
	nop
	jr	$k1
	rfe
sys_exit:
	lui	$k0, 0xb000
	sb	$a0, CONS_HALT($k0)
sys_marker:
	lui	$k0, 0xb700
	sw	$a0, SIMCTL_MARKER($k0)
	jr	$k1
	rfe
sys_map:					# 0x30000000 + x -> 0x00180000 + x
	srl	$k0, $a0, 12
	sll	$k0, $k0, 12
	ori	$k0, $k0, ASID << EHI_ASID_SHIFT
	mtc0	$k0, $10			# EntryHi
	srl	$k0, $a0, 12
	sll	$k0, $k0, 12
	lui	$at, 0x3000 - 0x0018
	subu	$k0, $k0, $at
	ori	$k0, $k0, ELO_V | ELO_D
	mtc0	$k0, $2
	nop
	tlbwr
	jr	$k1
	rfe

/* ---- user code: position independent, mapped at USER_VA ---- */
	.align	12
	.globl user_code
user_code:
	li	$v0, 2				# marker 10
	li	$a0, 10
	syscall
	lui	$s0, 0x1000
	li	$s1, 4
1:	sw	$s1, 0($s0)			# UTLB miss, refilled by the kernel
	lw	$t0, 0($s0)
	addiu	$s1, $s1, -1
	bnez	$s1, 1b
	addiu	$s0, $s0, 0x1000		# (delay slot)
	li	$v0, 2				# marker 11
	li	$a0, 11
	syscall
	li	$s1, 3000			# spin: rtc interrupts arrive
2:	addiu	$s1, $s1, -1
	bnez	$s1, 2b
	nop
	lui	$s0, 0x3000
	li	$s1, 2
3:	lw	$t0, 0($s0)			# miss passed up to app_handler
	addiu	$s1, $s1, -1
	bnez	$s1, 3b
	addiu	$s0, $s0, 0x1000		# (delay slot)
	li	$v0, 1				# exit(0)
	li	$a0, 0
	syscall
	.globl app_handler
app_handler:					# a2 = BadVAddr, a3 = EPC
	move	$a0, $a2
	li	$v0, 3
	syscall					# map the page
	jr	$a3				# and retry
	nop
