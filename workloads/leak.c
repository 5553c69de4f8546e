/*
 * leak.c: the base of a crafted boot module (tests/kernel/badelf.py,
 * bad-leak.elf), which adds a PT_LOAD segment over leak_area whose file
 * range, offset + filesz, wraps around 2^32: a loader that adds the
 * two in 32 bits copies from below the module, the kernel's slice
 * vector and STLB, into leak_area.  This program shows what it got,
 * then (the boot instance) creates itself again at run time, when the
 * STLB holds live bindings and the slice vector live envids.  A kernel
 * that checks its modules refuses bad-leak.elf; leak.elf alone prints
 * that leak_area is clean.
 */
#include "exos.h"

#define LEAK_SIZE 0x10000

char leak_area[LEAK_SIZE] __attribute__((aligned(4096)));

int main(uint32_t arg, uint32_t self)
{
	const uint32_t *w = (const uint32_t *)leak_area;
	uint32_t i, n = 0, shown = 0;
	int c;

	for (i = 0; i < LEAK_SIZE / 4; i++)
		n += w[i] != 0;
	printf("leak (%s): %u nonzero words of kernel memory in my image\n",
	       arg ? "created at run time" : "boot", (unsigned)n);
	for (i = 0; i < LEAK_SIZE / 4 && shown < 6; i++)
		if (w[i] != 0) {
			printf("leak: word %u = %x\n", (unsigned)i, (unsigned)w[i]);
			shown++;
		}
	if (arg == 0 && (c = sys_env_create(0, 1)) > 0)
		while (sys_yield(c) == 0)
			;
	return 0;
}
