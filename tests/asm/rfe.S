/*
 * rfe.S: the KU/IE stack (r3000.md 1.11, 2.6).  RFE pops
 * (Status[3:0] = Status[5:2]) and leaves KUo/IEo unchanged; exception
 * entry pushes (Status[5:0] = Status[3:0] << 2); the handler's RFE
 * restores the interrupted state.
 */
#include "test.h"

	TEST_BEGIN
	INSTALL_HANDLERS

	/* RFE alone: KUo=1 IEo=0 KUp=0 IEp=1 KUc=0 IEc=0 (0x24) pops to
	 * KUo=1 IEo=0 KUp=1 IEp=0 KUc=0 IEc=1 (0x29).  IM = 0, so IEc = 1
	 * lets no interrupt in. */
	MTC0_LI C0_STATUS, 0x24
	rfe
	mfc0	$t0, C0_STATUS
	nop				# (MFC0 delay)
	andi	$t0, $t0, 0x3f
	CHECK_EQ $t0, 0x29, 1

	/* Entry pushes: KUp=1 IEp=1 KUc=0 IEc=1 (0x0d); the handler sees
	 * KUo=1 IEo=1 KUp=0 IEp=1 KUc=0 IEc=0 (0x34). */
	MTC0_LI C0_STATUS, 0x0d
	EXC_CLEAR
	syscall
	CHECK_EXC EXC_COUNT, 1, 2
	la	$t0, exc
	lw	$t0, EXC_STATUS($t0)
	nop				# (load delay)
	andi	$t0, $t0, 0x3f
	CHECK_EQ $t0, 0x34, 3
	/* Its RFE popped: 0x34 -> 0x3d (old pair kept). */
	mfc0	$t0, C0_STATUS
	nop				# (MFC0 delay)
	andi	$t0, $t0, 0x3f
	CHECK_EQ $t0, 0x3d, 4

	/* Other Status bits are untouched by entry and RFE: 0x04 pushes
	 * to 0x10 and pops to 0x14. */
	MTC0_LI C0_STATUS, ST_CU0 | ST_IM(7) | 0x04
	syscall
	mfc0	$t0, C0_STATUS
	nop				# (MFC0 delay)
	CHECK_EQ $t0, ST_CU0 | ST_IM(7) | 0x14, 5
	PASS
