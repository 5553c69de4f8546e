/*
 * dbgprog.c: the program the debugger tests (tests/run-tui.sh,
 * tests/run-gdb.sh) drive.  It installs a general exception handler
 * at 0x80000080, clears BEV, takes one SYSCALL (the handler skips it
 * and returns with rfe), then stores to `watched` at `store_site`
 * and prints the result.  Exits 0.
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

int main(void)
{
	memcpy((void *)VEC_GENERAL, vector_stub, (size_t)(vector_stub_end - vector_stub));
	__asm__ volatile("mtc0 %0, $12\n\tnop" : : "r"(0));   /* BEV off, kernel mode */
	__asm__ volatile("syscall");
	set_watched(add(2, 3));
	printf("watched=%d syscalls=%d\n", watched, syscalls);
	return syscalls == 1 && watched == 5 ? 0 : 1;
}
