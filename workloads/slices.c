/*
 * slices.c: slice-boundary upcalls.  The environment sets an
 * end-of-slice handler that saves its live registers and yields, and a
 * start-of-slice handler that resumes where it was (SAVE_IPC); then it
 * computes across several ticks.  Each tick must enter both handlers
 * once, in order, and the computation must come out right: the
 * kernel saved nothing for it.  The kernel enters each upcall with
 * SAVE_CRIT set; the end-of-slice handler clears it once it has copied
 * what it needs out of the save area (so that the start-of-slice
 * upcall may come), and sets it again before it refills SAVE_T0-T2 for
 * exo_xret, which clears it.  The first start-of-slice handler is slow:
 * it spins for a tick and a half, so a tick falls inside it; the kernel
 * must not make another upcall then (SAVE_CRIT is set), so the handler
 * finds SAVE_IPC unchanged when it is done.
 */
#include "exos.h"

volatile uint32_t eos_count, sos_count, order_bad;
volatile uint32_t slow_sos, slow_done, slow_ipc_bad, spin_cycles;
extern char eos_entry[], sos_entry[];

/* Scratch for the end-of-slice handler, in the save page. */
#define EOS "0x1300"
#define STR_(x) #x
#define STR(x) STR_(x)
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl eos_entry\n"
	"eos_entry:\n"
	"	sw	$8, " EOS "+0($0)\n"
	"	sw	$9, " EOS "+4($0)\n"
	"	sw	$10, " EOS "+8($0)\n"
	"	sw	$2, " EOS "+12($0)\n"
	"	sw	$4, " EOS "+16($0)\n"
	"	lw	$8, 0x100c($0)\n"         /* SAVE_IPC: where we were */
	"	lui	$9, %hi(eos_count)\n"
	"	sw	$8, " EOS "+20($0)\n"
	"	sw	$0, 0x1098($0)\n"         /* SAVE_CRIT: done with the area */
	"	lw	$10, %lo(eos_count)($9)\n"
	"	nop\n"
	"	addiu	$10, $10, 1\n"
	"	sw	$10, %lo(eos_count)($9)\n"
	"	li	$2, " STR(SYS_YIELD) "\n"   /* SYS_YIELD(-1) */
	"	li	$4, -1\n"
	"	syscall\n"
	"	nop\n"
	"	li	$9, 1\n"                  /* the next slice: SAVE_CRIT */
	"	sw	$9, 0x1098($0)\n"         /* before refilling SAVE_T0-T2 */
	"	lw	$2, " EOS "+12($0)\n"     /* restore */
	"	lw	$4, " EOS "+16($0)\n"
	"	lw	$9, " EOS "+0($0)\n"
	"	nop\n"
	"	sw	$9, 0x1000($0)\n"         /* t0-t2 to SAVE_T0-T2 */
	"	lw	$9, " EOS "+4($0)\n"
	"	nop\n"
	"	sw	$9, 0x1004($0)\n"
	"	lw	$9, " EOS "+8($0)\n"
	"	nop\n"
	"	sw	$9, 0x1008($0)\n"
	"	lw	$8, " EOS "+20($0)\n"
	"	j	exo_xret\n"
	"	nop\n"
	".globl sos_entry\n"
	"sos_entry:\n"
	"	sw	$8, 0x1000($0)\n"
	"	sw	$9, 0x1004($0)\n"
	"	sw	$10, 0x1008($0)\n"
	"	lui	$9, %hi(sos_count)\n"
	"	lw	$10, %lo(sos_count)($9)\n"
	"	nop\n"
	"	addiu	$10, $10, 1\n"
	"	sw	$10, %lo(sos_count)($9)\n"
	"	lui	$9, %hi(slow_sos)\n"
	"	lw	$10, %lo(slow_sos)($9)\n"
	"	nop\n"
	"	beq	$10, $0, 2f\n"
	"	sw	$0, %lo(slow_sos)($9)\n"    /* (delay slot) slow only once */
	"	lw	$8, 0x100c($0)\n"         /* SAVE_IPC as it came */
	"	lw	$9, 0x2000($0)\n"         /* the cycle counter: start */
	"	sw	$8, " EOS "+24($0)\n"
	"	lui	$10, %hi(spin_cycles)\n"
	"	lw	$10, %lo(spin_cycles)($10)\n"
	"1:	lw	$8, 0x2000($0)\n"
	"	nop\n"
	"	subu	$8, $8, $9\n"
	"	sltu	$8, $8, $10\n"
	"	bne	$8, $0, 1b\n"
	"	nop\n"
	"	lw	$8, 0x100c($0)\n"         /* SAVE_IPC now */
	"	lw	$9, " EOS "+24($0)\n"
	"	lui	$10, %hi(slow_ipc_bad)\n"
	"	xor	$8, $8, $9\n"
	"	sw	$8, %lo(slow_ipc_bad)($10)\n"
	"	li	$8, 1\n"
	"	sw	$8, %lo(slow_done)($10)\n"
	"2:	lw	$8, 0x100c($0)\n"         /* SAVE_IPC */
	"	j	exo_xret\n"
	"	sw	$0, 0x100c($0)\n"         /* (delay slot) taken */
	".set pop\n");

int main(uint32_t arg, uint32_t self)
{
	uint32_t a = 1, b = 0, i, last = 0;

	spin_cycles = *(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CLOCK_HZ) / EXO_TICK_HZ * 3 / 2;
	slow_sos = 1;
	sys_set_entry(EXO_ENTRY_EOS, eos_entry);
	sys_set_entry(EXO_ENTRY_SOS, sos_entry);
	for (i = 0; sos_count < 3; i++) {       /* Fibonacci mod 2^32 */
		uint32_t t = a + b;
		a = b;
		b = t;
		uint32_t e = eos_count, s = sos_count;   /* a tick may fall between */
		if (s != e && s != e + 1)
			order_bad++;
		last = i;
	}
	sys_set_entry(EXO_ENTRY_EOS, 0);
	sys_set_entry(EXO_ENTRY_SOS, 0);
	/* Recompute without upcalls: the same iterations, the same value. */
	uint32_t a2 = 1, b2 = 0;
	for (i = 0; i <= last; i++) {
		uint32_t t = a2 + b2;
		a2 = b2;
		b2 = t;
	}
	printf("slices: %u end-of-slice and %u start-of-slice upcalls, order %s, "
	       "result %s\n", (unsigned)eos_count, (unsigned)sos_count,
	       order_bad ? "WRONG" : "ok", b == b2 && a == a2 ? "ok" : "WRONG");
	printf("slow start-of-slice handler: a tick inside it, no upcall on top, "
	       "SAVE_IPC %s\n", !slow_done ? "NOT REACHED" : slow_ipc_bad ? "WRONG" : "kept");
	return 0;
}
