/*
 * stubs.c: system calls as real procedure calls, the way a C library
 * offers them (the paper's getpid in Table 4 is one); exos.h's inline
 * wrappers cost only the SYSCALL.
 */
#include "exos.h"

/* SYS_GETENVID through a call: the fast path changes only v0. */
int exos_getenvid(void)
{
	register uint32_t v0 __asm__("v0") = SYS_GETENVID;

	__asm__ volatile("syscall" : "+r"(v0));
	return (int)v0;
}

/*
 * A protected control transfer (SYS_SCALL or SYS_ACALL: call) to `to`
 * that is expected to be refused: it returns the error.  On success the
 * registers go to the callee and nothing returns here, unless the
 * callee's entry is the instruction after the syscall.
 */
int exos_transfer(int call, uint32_t to)
{
	register uint32_t v0 __asm__("v0") = call;
	register uint32_t a0 __asm__("a0") = to;

	__asm__ volatile("syscall" : "+r"(v0), "+r"(a0) : : "memory");
	return (int)v0;
}
