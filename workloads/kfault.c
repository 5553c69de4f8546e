/*
 * kfault.c: a fault inside a light call is the kernel's, never the
 * caller's (run on build/exokernel-ktest.elf, whose SYS_PAGE_OWNER of
 * KTEST_FAULT_PPN reads the user address a1 without ucopyin).  The
 * application's TLB-miss handler, were it ever entered in kernel mode,
 * would read kernel memory (allowed only in kernel mode) and stop the
 * machine with status 77; in user mode that read is an address error
 * and the environment is destroyed.  The right outcome is neither: the
 * kernel stops with a kernel-fault message (status 199) and the
 * handler never runs.
 */
#include "exos.h"

#define KTEST_FAULT_PPN 0x7ffffff0
#define UNMAPPED        0x05000000

extern char h_kmode[];
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl h_kmode\n"
	"h_kmode:\n"
	"	lui	$9, 0x8000\n"
	"	lw	$9, 0($9)\n"            /* kernel memory: kernel mode only */
	"	lui	$9, 0xb000\n"
	"	li	$10, 77\n"
	"	sb	$10, 0x10($9)\n"        /* the console's halt register */
	"1:	b	1b\n"
	"	nop\n"
	".set pop\n");

int main(uint32_t arg, uint32_t self)
{
	sys_set_handler(EXC_TLBL, h_kmode);
	sys_set_handler(EXC_TLBS, h_kmode);
	printf("kfault: a light call touches %x directly\n", UNMAPPED);
	exo_call(SYS_PAGE_OWNER, KTEST_FAULT_PPN, UNMAPPED, 0, 0);
	printf("kfault: WRONG: the call returned\n");
	return 1;
}
