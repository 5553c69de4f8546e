/*
 * dbgprog.c: the program the debugger tests (tests/run-tui.sh,
 * tests/run-gdb.sh) drive.  It installs a general exception handler
 * at 0x80000080, clears BEV (leaving IEc set, with no interrupt line
 * enabled), takes one SYSCALL (the handler skips it and returns with
 * rfe), then stores to `watched` at `store_site`, makes a tail call
 * (tail_outer jumps to tail_leaf, which returns through t0), runs one
 * load-delay hazard (hazard_site, for --check-hazards), echoes what
 * console input is waiting (none: an empty line) and prints the
 * results.  Exits 0.
 */
#include "rt.h"

volatile int watched;
int syscalls;

/* The general vector: jump to the handler (k0 is free in handlers). */
extern char vector_stub[], vector_stub_end[];
__asm__(
	".set push\n.set noreorder\n.set noat\n"
	".globl vector_stub\nvector_stub:\n"
	"	la	$k0, exc_handler\n"
	"	jr	$k0\n"
	"	nop\n"
	".globl vector_stub_end\nvector_stub_end:\n"
	/* void exc_handler(void): count the syscall, resume after it. */
	".globl exc_handler\nexc_handler:\n"
	"	lui	$k1, %hi(syscalls)\n"
	"	lw	$k0, %lo(syscalls)($k1)\n"
	"	nop			# load delay\n"
	"	addiu	$k0, $k0, 1\n"
	"	sw	$k0, %lo(syscalls)($k1)\n"
	"	mfc0	$k0, $14	# EPC\n"
	"	nop			# CP0 read delay\n"
	"	addiu	$k0, $k0, 4\n"
	"	jr	$k0\n"
	"	rfe			# (delay slot) pop the KU/IE stack\n"
	".set pop\n");

/* int tail_outer(int): a tail call by `j`; tail_leaf returns a + 1
 * through another register than ra. */
int tail_outer(int a);
__asm__(
	".set push\n.set noreorder\n"
	".globl tail_outer\ntail_outer:\n"
	"	j	tail_leaf\n"
	"	nop\n"
	".globl tail_leaf\ntail_leaf:\n"
	"	move	$t0, $ra\n"
	"	jr	$t0\n"
	"	addiu	$v0, $a0, 1\n"
	".set pop\n");

/* int hazard_site(volatile int *p): reads t0 in the delay slot of the
 * load of t0 (the old value, on the R3000); the result is not used. */
int hazard_site(volatile int *p);
__asm__(
	".set push\n.set noreorder\n"
	".globl hazard_site\nhazard_site:\n"
	"	lw	$t0, 0($a0)\n"
	"	addu	$v0, $t0, $zero\n"
	"	jr	$ra\n"
	"	nop\n"
	".set pop\n");

int __attribute__((noinline)) add(int a, int b)
{
	return a + b;
}

/* The one store to `watched`, at a known address for the tests. */
static void __attribute__((noinline)) set_watched(int v)
{
	__asm__ volatile(".set push\n.set noreorder\n"
	                 ".globl store_site\nstore_site:\n"
	                 "	sw	%0, 0(%1)\n"
	                 "	nop\n"
	                 ".set pop\n" : : "r"(v), "r"(&watched) : "memory");
}

/* The console input waiting now (a load returns 0 when there is none). */
static void echo_input(void)
{
	char line[40];
	int n = 0, ch;

	while (n < (int)sizeof line - 1 &&
	       (ch = MMIO8(CONS_BASE + CONS_PUTGETCHAR)) != 0 && ch != '\n')
		line[n++] = (char)ch;
	line[n] = 0;
	printf("input=[%s]\n", line);
}

int main(void)
{
	int tail;

	memcpy((void *)VEC_GENERAL, vector_stub, (size_t)(vector_stub_end - vector_stub));
	/* BEV off, kernel mode, IEc on with every interrupt masked. */
	__asm__ volatile("mtc0 %0, $12\n\tnop" : : "r"(ST_IEC));
	__asm__ volatile("syscall");
	set_watched(add(2, 3));
	tail = tail_outer(4);
	hazard_site(&watched);
	printf("watched=%d syscalls=%d tail=%d\n", watched, syscalls, tail);
	echo_input();
	return syscalls == 1 && watched == 5 && tail == 5 ? 0 : 1;
}
