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
