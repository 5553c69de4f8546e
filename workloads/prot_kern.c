/*
 * prot_kern.c: a child that reads kernel memory and one that jumps into
 * the kernel are destroyed; the parent goes on and sees them gone.
 */
#include "exos.h"

int main(uint32_t arg, uint32_t self)
{
	int a, b;

	if (arg == 1)
		return *(volatile uint32_t *)0x80000000;        /* AdEL */
	if (arg == 2)
		((void (*)(void))0x80000080)();                 /* AdEL on fetch */
	if (arg == 3)
		*(volatile uint32_t *)0xa0000000 = 0;            /* AdES */
	a = sys_env_create(0, 1);
	b = sys_env_create(0, 2);
	int c = sys_env_create(0, 3);
	sys_yield(a);
	sys_yield(b);
	sys_yield(c);
	printf("parent: children %s\n",
	       sys_env_destroy(a) == -E_BADENV && sys_env_destroy(b) == -E_BADENV
	       && sys_env_destroy(c) == -E_BADENV ? "gone, parent alive" : "STILL THERE");
	return 0;
}
