/*
 * upcallrace.c: timer ticks land on every instruction of exos's
 * handlers, and no upcall ever lands inside one (exo/exo.h, critical
 * sections).  The kernel runs with a fast tick (boot argument hz=);
 * exos's end-of-slice upcall (exos_eos) is installed.  Each iteration
 * drops a page's binding, sets every register it can to a pattern,
 * touches the page (the miss goes to exos_tlbmiss, which binds it and
 * returns through exo_xret), and checks every register.  The access
 * takes three forms, one for each of exo_xret's exits (the resumed
 * instruction names neither t0, or t0 and t1, or t0 and t2), and a
 * fourth touches a page at VA2, whose home bucket in exos's page table
 * VA holds, so its miss takes exos_tlbmiss's C path.  A pseudo-random
 * delay between iterations keeps the ticks from locking to the loop.  tests/kernel/tickcover.py checks from the trace that a
 * tick fell on every instruction of exos_tlbmiss, exo_xret and
 * exos_eos.  Runs on the test kernel (build/exokernel-ktest.elf), which
 * can also put a tick a given number of cycles ahead (KTEST_TICK_PPN):
 * each iteration asks for one at a pseudo-random distance and a second
 * one shortly after it, so ticks also land where the periodic ones
 * never can (right after an upcall or a deferral).
 */
#include "exos.h"

#define VA      0x03000000
#define VA2     0x03200000          /* VA + EXOS_NPTE pages: the same home bucket */
#define MAGIC   0x7a11ed00u
#define OUT     0x1500              /* EXO_SAVE_VA + 0x500: registers after */
#define NTICKS  30000               /* end-of-slice upcalls to see */
#define PAT(r)  (0x5a000000u | (r) << 8 | (r))
#define KTEST_TICK_PPN 0x7ffffff1

#define P(r) "	lui	$" #r ", 0x5a00\n	ori	$" #r ", $" #r ", " #r " * 257\n"
#define S(r) "	sw	$" #r ", 0x1500 + 4 * " #r "($0)\n"
#define ITER(hi, access) __asm__ volatile(".set push\n.set noreorder\n.set noat\n" \
	"	li	$2, " STR(SYS_TLB_DELETE) "\n"				\
	"	lui	$4, " hi "\n"						\
	"	li	$5, 0\n"						\
	"	syscall\n"							\
	P(1) P(3) P(4) P(5) P(6) P(7) P(8) P(9) P(10) P(11) P(12) P(13)	\
	P(14) P(15) P(16) P(17) P(18) P(19) P(20) P(21) P(22) P(23)	\
	P(24) P(25) P(30)							\
	access "\n"								\
	S(1) S(2) S(3) S(4) S(5) S(6) S(7) S(8) S(9) S(10) S(11) S(12)	\
	S(13) S(14) S(15) S(16) S(17) S(18) S(19) S(20) S(21) S(22) S(23)	\
	S(24) S(25) S(30)							\
	".set pop\n" : : : "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8",	\
	"$9", "$10", "$11", "$12", "$13", "$14", "$15", "$16", "$17", "$18",	\
	"$19", "$20", "$21", "$22", "$23", "$24", "$25", "$30", "hi", "lo",	\
	"memory")
#define STR_(x) #x
#define STR(x) STR_(x)

/* The register r should hold after an access of form f. */
static uint32_t expect(int r, int f)
{
	if (r == 2)
		return 0;                       /* SYS_TLB_DELETE's result */
	if ((f == 0 || f == 3) && r == 12)
		return MAGIC;                   /* lw t4, 0(t3), t3 = VA or VA2 */
	if ((f == 0 || f == 3) && r == 11)
		return f == 0 ? VA : VA2;
	if ((f == 1 || f == 2) && r == 8)
		return VA;                      /* t0 = VA, the base */
	if ((f == 1 && r == 9) || (f == 2 && r == 10))
		return MAGIC;                   /* lw t1 or t2, 0(t0) */
	return PAT(r);
}

int main(uint32_t arg, uint32_t self)
{
	static const int regs[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
				    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 30 };
	uint32_t cap, cap2, i, n = 0, bad = 0, rnd = 1, d, f;
	int p = sys_page_alloc(-1, &cap), p2 = sys_page_alloc(-1, &cap2);

	_Static_assert(VA2 == VA + EXOS_NPTE * PAGE_SIZE, "VA2 shares VA's home bucket");
	exos_map(VA, p, cap, 1);
	exos_map(VA2, p2, cap2, 1);
	*(volatile uint32_t *)VA = MAGIC;
	*(volatile uint32_t *)VA2 = MAGIC;
	exos_upcalls();
	while (exos_eos_count < NTICKS) {
		f = n % 4;
		if (f == 0)
			ITER("0x0300", "	lui	$11, 0x0300\n	lw	$12, 0($11)");
		else if (f == 1)
			ITER("0x0300", "	lui	$8, 0x0300\n	lw	$9, 0($8)");
		else if (f == 2)
			ITER("0x0300", "	lui	$8, 0x0300\n	lw	$10, 0($8)");
		else
			ITER("0x0320", "	lui	$11, 0x0320\n	lw	$12, 0($11)");
		for (i = 0; i < sizeof regs / sizeof regs[0]; i++)
			if (((volatile uint32_t *)OUT)[regs[i]] != expect(regs[i], f)) {
				if (bad < 5)
					printf("iteration %u: register %d = %x WRONG\n", (unsigned)n,
					       regs[i], (unsigned)((volatile uint32_t *)OUT)[regs[i]]);
				bad++;
			}
		rnd = rnd * 1103515245 + 12345;        /* a tick 1..4096 cycles on, */
		exo_call(SYS_PAGE_OWNER, KTEST_TICK_PPN, (rnd >> 20) + 1,
			 (rnd >> 9 & 2047) + 1, 0);     /* another 1..2048 after it */
		for (d = rnd >> 24 & 63; d; d--)       /* and a delay of 0..63 loops */
			__asm__ volatile("");
		n++;
	}
	printf("%u or more end-of-slice upcalls over %u iterations through exos's TLB-miss "
	       "handler: %u registers wrong\n", (unsigned)NTICKS, (unsigned)n, (unsigned)bad);
	return bad != 0;
}
