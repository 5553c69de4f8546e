/*
 * user_mode.S: entering user mode with jr + rfe and coming back with an
 * exception (r3000.md 1.9, 2.2, 2.5).  User code runs from kuseg
 * through the TLB and reaches data through it; touching kseg0 raises
 * AdEL/AdES; COP0 without CU0 raises CpU with CE = 0, and works with
 * CU0 set.  Exception entry pushes KUc = 1 into KUp.
 */
#include "test.h"

#define UCODE  0x00400000	/* user VA of `upage` */
#define UDATA  0x00401000	/* user VA of `udata` */
#define UVA(l) (UCODE + ((l) - upage))

	/* User code, one page, mapped at UCODE. */
	.section .text.start, "ax"
	.balign	4096
upage:
u_main:	li	$s0, 1
	li	$t0, UDATA
	lw	$t1, 0($t0)
	nop				# (load delay)
	sw	$t1, 4($t0)
u_sys:	syscall
u_adel0: lui	$t0, 0x8001
u_adel:	lw	$t1, 0($t0)
	syscall
u_ades0: lui	$t0, 0xb000
u_ades:	sw	$t0, 0($t0)
	syscall
u_jump:	lui	$t0, 0x8001
	jr	$t0
	nop				# (delay slot)
u_cop0:	mfc0	$s1, C0_STATUS
	nop				# (MFC0 delay)
	syscall
	.balign	4096


	TEST_BEGIN
	INSTALL_HANDLERS
	MTC0_LI C0_ENTRYHI, 5 << EHI_ASID_SHIFT
	TLB_SET 8, UCODE | (5 << EHI_ASID_SHIFT), upage - 0x80000000 + ELO_V
	TLB_SET 9, UDATA | (5 << EHI_ASID_SHIFT), udata - 0x80000000 + ELO_V + ELO_D

	/* User code loads and stores through the TLB, then SYSCALLs. */
	EXC_CLEAR
	SYSCALL_RETURNS_TO 1f
	li	$s0, 0
	li	$a0, UVA(u_main)
	jal	enter_user
	li	$a1, 0			# (delay slot) Status bits
1:	CHECK_EQ $s0, 1, 1
	CHECK_EXC EXC_COUNT, 1, 2
	CHECK_EXC EXC_EPC, UVA(u_sys), 3
	CHECK_CAUSE EXC_SYS, 0, 4
	CHECK_MASK $zero, 0, 0, 5
	la	$t0, exc
	lw	$t0, EXC_STATUS($t0)
	nop				# (load delay)
	CHECK_MASK $t0, 0x3f, ST_KUP, 6		# pushed: KUp = 1, KUc = 0
	la	$t0, udata
	lw	$t1, 4($t0)
	nop				# (load delay)
	CHECK_EQ $t1, 0xcafef00d, 7
	mfc0	$t0, C0_STATUS		# back in kernel mode
	nop				# (MFC0 delay)
	CHECK_MASK $t0, ST_KUC, 0, 8

	/* User load from kseg0: AdEL. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$a0, UVA(u_adel0)
	jal	enter_user
	li	$a1, 0			# (delay slot)
1:	CHECK_EXC EXC_EPC, UVA(u_adel), 9
	CHECK_CAUSE EXC_ADEL, 0, 10
	CHECK_EXC EXC_BADVA, 0x80010000, 11

	/* User store to kseg1: AdES. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$a0, UVA(u_ades0)
	jal	enter_user
	li	$a1, 0			# (delay slot)
1:	CHECK_EXC EXC_EPC, UVA(u_ades), 12
	CHECK_CAUSE EXC_ADES, 0, 13
	CHECK_EXC EXC_BADVA, 0xb0000000, 14

	/* User fetch from kseg0: AdEL with EPC = BadVAddr = the target. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$a0, UVA(u_jump)
	jal	enter_user
	li	$a1, 0			# (delay slot)
1:	CHECK_EXC EXC_EPC, 0x80010000, 15
	CHECK_EXC EXC_BADVA, 0x80010000, 16
	CHECK_CAUSE EXC_ADEL, 0, 17

	/* COP0 in user mode without CU0: CpU, CE = 0. */
	EXC_CLEAR
	RESUME_AT 1f
	li	$a0, UVA(u_cop0)
	jal	enter_user
	li	$a1, 0			# (delay slot)
1:	CHECK_EXC EXC_EPC, UVA(u_cop0), 18
	CHECK_EXC EXC_CAUSE, EXC_CPU << 2, 19

	/* With CU0 set it works: the user reads Status (KUc = 1). */
	EXC_CLEAR
	SYSCALL_RETURNS_TO 1f
	li	$a0, UVA(u_cop0)
	li	$s1, 0
	jal	enter_user
	li	$a1, ST_CU0		# (delay slot)
1:	CHECK_EXC EXC_EPC, UVA(u_cop0) + 8, 20
	CHECK_CAUSE EXC_SYS, 0, 21
	CHECK_MASK $s1, ST_CU0 | ST_KUC, ST_CU0 | ST_KUC, 22
	PASS

	/* Enter user mode at a0 with Status a1 | KUp (IEp = 0). */
enter_user:
	ori	$a1, $a1, ST_KUP
	mtc0	$a1, C0_STATUS
	nop				# (CP0 write hazard)
	jr	$a0
	rfe				# (delay slot: KUc = 1)

	.data
	.balign	4096
udata:	.word	0xcafef00d, 0
	.balign	4096
