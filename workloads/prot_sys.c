/*
 * prot_sys.c: absurd system-call arguments get errors, never a crash:
 * kernel and unmapped pointers, huge lengths, unknown calls, handlers
 * in the kernel, bad entry kinds, unknown environments.
 */
#include "exos.h"

static int fails;

static void expect(const char *what, int got, int want)
{
	printf("%s: %d %s\n", what, got, got == want ? "ok" : "WRONG");
	fails += got != want;
}

int main(uint32_t arg, uint32_t self)
{
	expect("cputs from kernel memory", sys_cputs(0x80000000, 16), -E_FAULT);
	expect("cputs wrapping past kuseg", sys_cputs(0x7ffffff0, 0x20), -E_FAULT);
	expect("cputs from unmapped memory", sys_cputs(0x05000000, 8), -E_FAULT);
	expect("cputs too long", sys_cputs(0x00400000, 100000), -E_INVAL);
	expect("cputs of nothing", sys_cputs(0x00400000, 0), 0);
	expect("unknown call 99", exo_call(99, 0, 0, 0, 0), -E_NOSYS);
	expect("unknown call 0x7fffffff", exo_call(0x7fffffff, 0, 0, 0, 0), -E_NOSYS);
	expect("unknown call SYS_NCALLS", exo_call(SYS_NCALLS, 0, 0, 0, 0), -E_NOSYS);
	expect("handler in the kernel", sys_set_handler(EXC_OV, 0x80000080), -E_INVAL);
	expect("handler for syscalls", sys_set_handler(EXC_SYS, 0x00400000), -E_INVAL);
	expect("handler for code 40", sys_set_handler(40, 0x00400000), -E_INVAL);
	expect("entry kind 9", sys_set_entry(9, 0x00400000), -E_INVAL);
	expect("entry in the kernel", sys_set_entry(EXO_ENTRY_SYNC, 0x80000000), -E_INVAL);
	expect("save area not pinned", sys_set_save(0x03000000), -E_INVAL);
	expect("save area on read-only simctl", sys_set_save(EXO_SIMCTL_VA), -E_INVAL);
	expect("yield to nobody", sys_yield(0x12345), -E_BADENV);
	expect("scall to nobody", exo_call(SYS_SCALL, 0x12345, 0, 0, 0), -E_BADENV);
	expect("destroy nobody", sys_env_destroy(0x12345), -E_BADENV);
	expect("revoke from myself (not my child)", sys_revoke(self, 1, 1000), -E_PERM);
	expect("create from module 7", sys_env_create(7, 0), -E_INVAL);
	expect("tlb delete in kernel", sys_tlb_delete(0x80000000, 0), -E_INVAL);
	expect("page owner past RAM", sys_page_owner(0x7fffffff), -E_INVAL);
	expect("still alive, getenvid", sys_getenvid(), (int)self);
	return fails;
}
