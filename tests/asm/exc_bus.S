/*
 * exc_bus.S: bus errors.  A load from a physical address with neither
 * RAM nor a device (kseg1 0xbf000000) raises DBE, as does a store; a
 * jump there raises IBE with EPC = the target.  Bus errors do not
 * write BadVAddr (r3000.md 2.3).
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS
	/* Give BadVAddr a known value first. */
	li	$t0, 0x80000001
	lw	$t0, 0($t0)		# AdEL: BadVAddr = 0x80000001

	EXC_CLEAR
	lui	$s0, 0xbf00
	li	$t1, 0x55
dbe1:	lw	$t1, 0($s0)
	CHECK_EXC EXC_EPC, dbe1, 1
	CHECK_CAUSE EXC_DBE, 0, 2
	CHECK_EXC EXC_BADVA, 0x80000001, 3
	CHECK_EQ $t1, 0x55, 4
dbe2:	sw	$t1, 0($s0)
	CHECK_EXC EXC_EPC, dbe2, 5
	CHECK_CAUSE EXC_DBE, 0, 6
	CHECK_EXC EXC_COUNT, 2, 7

	/* IBE: EPC = the target, BD = 0 (the delay slot ran). */
	EXC_CLEAR
	RESUME_AT 1f
	li	$t3, 0
	jr	$s0
	addiu	$t3, $t3, 1		# (delay slot)
	FAIL	8
1:	CHECK_EXC EXC_EPC, 0xbf000000, 9
	CHECK_CAUSE EXC_IBE, 0, 10
	CHECK_EXC EXC_BADVA, 0x80000001, 11
	CHECK_EQ $t3, 1, 12
	CHECK_EXC EXC_COUNT, 1, 13
	PASS
