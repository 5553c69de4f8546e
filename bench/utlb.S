/*
 * utlb.S: a loop of UTLB refills, for `make bench` (bench/run.py).
 * Each iteration loads from the next kuseg page (2^19 of them before the
 * walk wraps, so no page is still in the 64-entry TLB when it comes
 * round again); every load misses, goes to the UTLB vector, whose
 * handler maps the page (EntryHi already holds its VPN and the ASID,
 * r3000.md 2.6) to one physical page with TLBWR and returns with RFE.
 * Bare metal, so the same ELF runs on ./sim and `gxemul -E testmips`.
 */
#include "test.h"

#ifndef BENCH_N
#define BENCH_N 500000
#endif
#define DATA_PA 0x00200000      /* the one physical page behind them all */

	TEST_BEGIN
	la	$t0, refill		# copy the handler to the UTLB vector
	li	$t1, VEC_UTLB
	li	$t2, (refill_end - refill) / 4
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
	li	$t0, 0			# clear the TLB: entry i maps kseg0 page i,
	li	$t1, TLB_NENTRIES << INDEX_SHIFT	# which no access translates
	li	$t2, KSEG0_BASE
	mtc0	$zero, C0_ENTRYLO
2:	mtc0	$t0, C0_INDEX
	mtc0	$t2, C0_ENTRYHI
	nop				# (CP0 write hazard before tlbwi)
	tlbwi
	addiu	$t0, $t0, 1 << INDEX_SHIFT
	bne	$t0, $t1, 2b
	addiu	$t2, $t2, 0x1000	# (delay slot)
	mtc0	$zero, C0_ENTRYHI	# ASID 0
	li	$s0, BENCH_N
	li	$s1, 0x1000		# the page's address (page 0 stays unused)
	li	$s2, 0x7ffff000		# kuseg's page bits
loop:	lw	$t0, 0($s1)		# misses: a refill
	addiu	$s1, $s1, 0x1000
	and	$s1, $s1, $s2
	addiu	$s0, $s0, -1
	bnez	$s0, loop
	nop				# (delay slot)
	PASS

refill:
	lui	$k1, DATA_PA >> 16
	ori	$k1, $k1, ELO_V | ELO_D
	mtc0	$k1, C0_ENTRYLO
	nop				# (CP0 write hazard before tlbwr)
	tlbwr
	mfc0	$k0, C0_EPC
	nop				# (MFC0 delay)
	jr	$k0
	rfe				# (delay slot)
refill_end:
