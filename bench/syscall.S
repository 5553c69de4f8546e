/*
 * syscall.S: a loop of system calls, for `make bench` (bench/run.py).
 * Each iteration executes SYSCALL; the general vector's handler returns
 * to EPC + 4 with RFE.  Bare metal, so the same ELF runs on ./sim and
 * `gxemul -E testmips`.
 */
#include "test.h"

#ifndef BENCH_N
#define BENCH_N 1000000
#endif

	TEST_BEGIN
	la	$t0, handler		# copy the handler to the general vector
	li	$t1, VEC_GENERAL
	li	$t2, (handler_end - handler) / 4
1:	lw	$t3, 0($t0)
	addiu	$t2, $t2, -1
	sw	$t3, 0($t1)
	addiu	$t0, $t0, 4
	bnez	$t2, 1b
	addiu	$t1, $t1, 4		# (delay slot)
	mfc0	$t0, C0_STATUS
	li	$t1, ~ST_BEV
	and	$t0, $t0, $t1
	mtc0	$t0, C0_STATUS
	li	$s0, BENCH_N
loop:	syscall
	addiu	$s0, $s0, -1
	bnez	$s0, loop
	nop				# (delay slot)
	PASS

handler:
	mfc0	$k0, C0_EPC
	nop				# (MFC0 delay)
	addiu	$k0, $k0, 4
	jr	$k0
	rfe				# (delay slot)
handler_end:
