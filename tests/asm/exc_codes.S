/*
 * exc_codes.S: SYSCALL, BREAK, RI, CpU and Ov (r3000.md 1.7, 1.10,
 * 2.3).  Each traps before completing: EPC = the instruction, the
 * destination of a trapping ADD/ADDI/SUB is unchanged, and the
 * unsigned forms never trap.
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS

	/* SYSCALL: Sys, EPC = the SYSCALL, the next instruction runs after
	 * the handler returns to EPC + 4. */
	EXC_CLEAR
sys1:	syscall
	CHECK_EXC EXC_COUNT, 1, 1
	CHECK_EXC EXC_EPC, sys1, 2
	CHECK_CAUSE EXC_SYS, 0, 3

	/* BREAK: Bp; the code field is in the instruction at EPC. */
	EXC_CLEAR
brk1:	break	7
	CHECK_EXC EXC_EPC, brk1, 4
	CHECK_CAUSE EXC_BP, 0, 5
	la	$t0, exc
	lw	$t0, EXC_EPC($t0)
	nop				# (load delay)
	lw	$t0, 0($t0)
	nop				# (load delay)
	srl	$t0, $t0, 16
	andi	$t0, $t0, 0x3ff
	CHECK_EQ $t0, 7, 6

	/* RI for encodings MIPS I does not have (run from .data, since
	 * the build rejects them in code): MIPS32 MUL, BEQL, LL. */
	la	$s0, ri_words
	li	$s1, 3
	li	$s2, 0x10
1:	EXC_CLEAR
	RESUME_AT 2f
	jr	$s0
	nop				# (delay slot)
2:	la	$t0, exc
	lw	$t1, EXC_EPC($t0)
	nop				# (load delay)
	CHECK_REG $t1, $s0, 7
	CHECK_CAUSE EXC_RI, 0, 8
	addiu	$s0, $s0, 8
	addiu	$s1, $s1, -1
	bnez	$s1, 1b
	nop				# (delay slot)

	/* CpU with Cause.CE: COP1, LWC1, COP2, COP3 with CU1..3 clear. */
	MTC0_LI C0_STATUS, 0		# kernel, CU bits clear
	EXC_CLEAR
cop1:	.word	0x44080000		# mfc1 t0, $f0
	CHECK_EXC EXC_EPC, cop1, 9
	CHECK_CAUSE EXC_CPU, 0, 10
	CHECK_EXC EXC_CAUSE, (1 << CAUSE_CE_SHIFT) | (EXC_CPU << 2), 11
lwc1:	.word	0xc4000000		# lwc1 $f0, 0($zero)
	CHECK_EXC EXC_EPC, lwc1, 12
	CHECK_EXC EXC_CAUSE, (1 << CAUSE_CE_SHIFT) | (EXC_CPU << 2), 13
cop2:	.word	0x48080000		# mfc2 t0, $0
	CHECK_EXC EXC_EPC, cop2, 14
	CHECK_EXC EXC_CAUSE, (2 << CAUSE_CE_SHIFT) | (EXC_CPU << 2), 15
cop3:	.word	0x4c080000		# mfc3 t0, $0
	CHECK_EXC EXC_CAUSE, (3 << CAUSE_CE_SHIFT) | (EXC_CPU << 2), 16
	/* A later exception clears CE again. */
	syscall
	CHECK_EXC EXC_CAUSE, EXC_SYS << 2, 17
	CHECK_EXC EXC_COUNT, 5, 18

	/* Ov: ADD, ADDI, SUB trap and leave rd unchanged. */
	EXC_CLEAR
	li	$t0, 0x7fffffff
	li	$t1, 0x80000000
	li	$t2, 0x1111
ovadd:	add	$t2, $t0, $t0
	CHECK_EXC EXC_EPC, ovadd, 19
	CHECK_CAUSE EXC_OV, 0, 20
	CHECK_EQ $t2, 0x1111, 21
ovaddi:	addi	$t2, $t0, 1
	CHECK_EXC EXC_EPC, ovaddi, 22
	CHECK_EQ $t2, 0x1111, 23
ovsub:	sub	$t2, $t1, $t0		# -2^31 - (2^31 - 1)
	CHECK_EXC EXC_EPC, ovsub, 24
	CHECK_EQ $t2, 0x1111, 25
	add	$t2, $t1, $t1		# negative overflow
	addi	$t2, $t1, -1
	sub	$t2, $zero, $t1		# 0 - (-2^31)
	CHECK_EXC EXC_COUNT, 6, 26
	CHECK_EQ $t2, 0x1111, 27
	/* No overflow: ADD/ADDI/SUB write rd. */
	add	$t3, $t0, $t1
	CHECK_EQ $t3, 0xffffffff, 28
	addi	$t3, $t1, 1
	CHECK_EQ $t3, 0x80000001, 29
	sub	$t3, $t1, $t1
	CHECK_EQ $t3, 0, 30
	/* ADDU, ADDIU, SUBU never trap. */
	addu	$t3, $t0, $t0
	CHECK_EQ $t3, 0xfffffffe, 31
	addiu	$t3, $t0, 1
	CHECK_EQ $t3, 0x80000000, 32
	subu	$t3, $t1, $t0
	CHECK_EQ $t3, 1, 33
	CHECK_EXC EXC_COUNT, 6, 34
	PASS

	.data
	.balign 4
ri_words:
	.word	0x70000002, 0		# mul $0, $0, $0 (MIPS32)
	.word	0x50000000, 0		# beql $0, $0, . (MIPS II)
	.word	0xc0000000, 0		# ll $0, 0($0) (MIPS II)
