/*
 * storm.c: an application whose exception handling storms does not
 * stop the machine.  Each child takes an exception whose handler takes
 * the same exception again, with the same registers, forever: a BREAK
 * whose handler (and the address error's) is at an unaligned pc (arg
 * 1), or a TLB-miss handler that misses itself (arg 2).  Its handlers
 * run with interrupts on, so the kernel's timer still ends its slice:
 * the simulator must not call that a wedge.  The parent gets the CPU
 * back by the timer and destroys each stormer.
 */
#include "exos.h"

/* A TLB-miss handler that loads from an unmapped page, so misses again. */
extern char tlb_storm[];
__asm__(".set push\n.set noreorder\n.globl tlb_storm\ntlb_storm:\n"
        " lui $t3, 0x80\n"            /* 0x00800000: never mapped */
        " lw $t3, 0($t3)\n"           /* TLBL, back to tlb_storm */
        " nop\n"                      /* (load delay; never reached) */
        ".set pop\n");

/* BREAK with its handler, and the address error's, at an unaligned pc. */
static void storm_unaligned(void)
{
	void *odd = (void *)(EXO_USER_BASE + 2);

	sys_set_handler(EXC_BP, odd);
	sys_set_handler(EXC_ADEL, odd);
	__asm__ volatile("break");
}

/* A load from an unmapped page, handled by tlb_storm. */
static void storm_tlb(void)
{
	sys_set_handler(EXC_TLBL, tlb_storm);
	(void)*(volatile uint32_t *)0x00800000;
}

int main(uint32_t arg, uint32_t self)
{
	int child;

	if (arg == 1)
		storm_unaligned();
	if (arg == 2)
		storm_tlb();
	if (arg)
		return 1;                     /* a storm never gets here */
	for (uint32_t kind = 1; kind <= 2; kind++) {
		child = sys_env_create(0, kind);
		sys_yield(child);             /* comes back only by the timer */
		printf("parent: running again beside storm %u\n", kind);
		printf("parent: destroy storm %u: %d\n", kind, sys_env_destroy(child));
	}
	return 0;
}
