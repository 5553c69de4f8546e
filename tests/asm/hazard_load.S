/*
 * hazard_load.S: a deliberate load-delay hazard for --check-hazards.
 * The instruction at hazard_site reads the register loaded just before
 * it (it sees the old value on the R3000).  The runner checks that
 * --check-hazards names this address; the program itself checks the
 * old-value semantics and exits 0 either way.
 */
#include "test.h"

	.globl	hazard_site
	TEST_BEGIN
	la	$s0, word
	li	$t0, 1
	lw	$t0, 0($s0)
hazard_site:
	addu	$t1, $t0, $zero		# (load delay slot: reads t0)
	CHECK_EQ $t1, 1, 1
	CHECK_EQ $t0, 0x77, 2
	PASS

	.data
	.balign	4
word:	.word	0x77
