/*
 * matmul-linux.c: workloads/matmul.c as a Linux program, for
 * qemu-mipsel in `make bench`: the same source and compiler flags, with
 * printf going to the write system call instead of the console device.
 */
#include "rt.h"

static int lprintf(const char *fmt, ...);
#define printf lprintf
#include "../workloads/matmul.c"

static long sys_write(int fd, const void *buf, unsigned long n)
{
	register long v0 __asm__("$2") = 4004;          /* write */
	register long a0 __asm__("$4") = fd;
	register long a1 __asm__("$5") = (long)buf;
	register long a2 __asm__("$6") = (long)n;
	register long a3 __asm__("$7");

	__asm__ volatile("syscall"
	                 : "+r"(v0), "=r"(a3)
	                 : "r"(a0), "r"(a1), "r"(a2)
	                 : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13",
	                   "$14", "$15", "$24", "$25", "hi", "lo", "memory");
	return a3 ? -v0 : v0;
}

static int lprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	sys_write(1, buf, (unsigned long)n);
	return n;
}
