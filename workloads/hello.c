/*
 * hello.c: the smallest exokernel application: console output through
 * SYS_CPUTS, the environment id, the exit status.
 */
#include "exos.h"

int main(uint32_t arg, uint32_t envid)
{
	printf("hello from env %x (getenvid %x)\n", (unsigned)envid, (unsigned)sys_getenvid());
	return 7;
}
