/* ALU instructions run at one per cycle on every profile. */
#include "timing.h"

	TEST_BEGIN
	LOOP2
	MEASURE_START
	addu	$t0, $t1, $t2
	subu	$t1, $t0, $t2
	or	$t2, $t0, $t1
	xor	$t3, $t2, $t0
	sll	$t4, $t3, 3
	slt	$t5, $t4, $t0
	lui	$t6, 0x1234
	ori	$t6, $t6, 0x5678
	MEASURE_END $s0
	END_LOOP2
	CHECK_EQ $s0, 8, 0x01
	PASS
