/*
 * badsys.c: a shell program making bad system calls: unknown numbers,
 * kernel pointers, a stale envid, a foreign page.  Each must come back
 * as an error (never a crash, never the kernel's data); it reports and
 * exits 3, and the shell goes on.
 */
#include "exos.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	uint32_t v1;
	int bad = 0;

	bad += exo_call(99, 0, 0, 0, 0) != -E_NOSYS;
	bad += exo_call(SYS_NCALLS, 1, 2, 3, 0) != -E_NOSYS;
	bad += sys_cputs((const char *)0x80000000, 16) != -E_FAULT;
	bad += sys_env_map(0x12340400, 0x80000000, 1, 0) != -E_BADENV;
	bad += sys_page_free(0, 0) != -E_PERM;
	bad += sys_module_read(0, 0, 0, &v1) != -E_PERM;
	bad += sys_tlb_write(0x80000000, 0, 0) != -E_INVAL;
	printf("badsys: 7 bad calls refused%s\n", bad ? ": WRONG" : "");
	return 3;
}
