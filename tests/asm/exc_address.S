/*
 * exc_address.S: address errors (r3000.md 1.9).  Misaligned LH/LHU/LW
 * raise AdEL and SH/SW AdES, with BadVAddr = the address and memory
 * unchanged; byte accesses never fault; a jump to a misaligned target
 * raises AdEL on the fetch, with EPC = BadVAddr = the target.
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS
	la	$s0, data

	EXC_CLEAR
	li	$t0, 0x77
lh1:	lh	$t0, 1($s0)
	CHECK_EXC EXC_EPC, lh1, 1
	CHECK_CAUSE EXC_ADEL, 0, 2
	CHECK_EXC EXC_BADVA, data + 1, 3
	CHECK_EQ $t0, 0x77, 4
lhu1:	lhu	$t0, 3($s0)
	CHECK_EXC EXC_EPC, lhu1, 5
	CHECK_EXC EXC_BADVA, data + 3, 6
lw1:	lw	$t0, 2($s0)
	CHECK_EXC EXC_EPC, lw1, 7
	CHECK_CAUSE EXC_ADEL, 0, 8
	CHECK_EXC EXC_BADVA, data + 2, 9
	CHECK_EQ $t0, 0x77, 10
	li	$t1, 0xdeadbeef
sh1:	sh	$t1, 1($s0)
	CHECK_EXC EXC_EPC, sh1, 11
	CHECK_CAUSE EXC_ADES, 0, 12
	CHECK_EXC EXC_BADVA, data + 1, 13
sw1:	sw	$t1, 3($s0)
	CHECK_EXC EXC_EPC, sw1, 14
	CHECK_CAUSE EXC_ADES, 0, 15
	CHECK_EXC EXC_BADVA, data + 3, 16
	lw	$t0, 0($s0)
	lw	$t2, 4($s0)
	CHECK_EQ $t0, 0x03020100, 17	# unchanged
	CHECK_EQ $t2, 0x07060504, 18
	CHECK_EXC EXC_COUNT, 5, 19

	/* Aligned and byte accesses do not fault. */
	lb	$t0, 3($s0)
	lh	$t0, 2($s0)
	sb	$t1, 5($s0)
	sh	$t1, 6($s0)
	lw	$t2, 4($s0)
	CHECK_EQ $t2, 0xbeefef04, 20
	CHECK_EXC EXC_COUNT, 5, 21

	/* A misaligned jump target: the delay slot runs, then the fetch
	 * faults with EPC = BadVAddr = the target, BD = 0. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$t3, 0
	la	$t0, target + 2
	jr	$t0
	addiu	$t3, $t3, 1		# (delay slot)
target:	FAIL	22
	FAIL	23
1:	CHECK_EQ $t3, 1, 24
	CHECK_EXC EXC_EPC, target + 2, 25
	CHECK_EXC EXC_BADVA, target + 2, 26
	CHECK_CAUSE EXC_ADEL, 0, 27
	CHECK_EXC EXC_COUNT, 1, 28
	PASS

	.data
	.balign 4
data:	.byte	0, 1, 2, 3, 4, 5, 6, 7
