/*
 * overflow.c: the tutorial's application (docs/TUTORIAL.md).  An
 * exokernel application that handles its own arithmetic overflows: the
 * kernel sends each Ov exception straight to ov_handler, in user mode,
 * which counts it and skips the faulting add; no kernel code runs on
 * the way back (exo_xret).  main measures each fault's round trip with
 * the cycle counter and prints the least, median and largest.
 *
 *   make app SRC=examples/overflow.c
 *   ./sim build/exokernel.elf build/app/overflow.elf
 */
#include "exos.h"

#define N 200                     /* faults measured */

volatile uint32_t ov_count;       /* the handler's counter */
static uint32_t cycles[N];

/*
 * The handler.  The kernel enters it with t0 = EPC (the faulting add),
 * t1 = BadVAddr, t2 = Cause, having saved the application's t0-t2; it
 * may use only those three.  exo_xret restores them and resumes at t0.
 */
extern char ov_handler[];
__asm__(
	".set push\n.set noreorder\n.set noat\n"
	".globl ov_handler\n"
	"ov_handler:\n"
	"	lui	$9, %hi(ov_count)\n"
	"	lw	$10, %lo(ov_count)($9)\n"
	"	nop\n"                            /* (load delay) */
	"	addiu	$10, $10, 1\n"
	"	sw	$10, %lo(ov_count)($9)\n"
	"	j	exo_xret\n"
	"	addiu	$8, $8, 4\n"              /* (delay slot) skip the add */
	".set pop\n");

/* One overflow, timed: the counter read before the add to the one after
 * (ovf_add and ovf_after are labels for the tracer's probes). */
static uint32_t __attribute__((noinline)) one_fault(void)
{
	uint32_t a, b;

	__asm__ volatile(".set push\n.set noreorder\n"
		"	lui	$13, 0x7fff\n"
		"	lw	%0, %2($0)\n"
		"	.globl	ovf_add\n"
		"ovf_add:\n"
		"	add	$12, $13, $13\n"           /* 0x7fff0000 * 2 overflows */
		"	.globl	ovf_after\n"
		"ovf_after:\n"
		"	lw	%1, %2($0)\n"
		"	nop\n"
		".set pop"
		: "=&r"(a), "=&r"(b) : "i"(EXO_SIMCTL_VA + SIMCTL_CYCLE_LO) : "$12", "$13", "memory");
	return b - a;
}

/* Sort a few hundred numbers (insertion sort: small and clear). */
static void __attribute__((noinline)) sort(uint32_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

int main(uint32_t arg, uint32_t self)
{
	int i;

	if (sys_set_handler(EXC_OV, ov_handler) < 0) {
		printf("overflow: no handler\n");
		return 1;
	}
	for (i = 0; i < N; i++)
		cycles[i] = one_fault();
	sort(cycles, N);
	printf("%u overflows handled by the application (%u expected)\n",
	       (unsigned)ov_count, (unsigned)N);
	printf("round trip, cycles: least %u, median %u, largest %u (counter reads included)\n",
	       (unsigned)cycles[0], (unsigned)cycles[N / 2], (unsigned)cycles[N - 1]);
	return ov_count == N ? 0 : 1;
}
