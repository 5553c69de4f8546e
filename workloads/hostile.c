/*
 * hostile.c: a shell program that attacks the shell that started it
 * and its siblings through the process calls: destroy, build into,
 * set the registers of, start, wait for, revoke from its parent; map
 * the pages its own arguments page lists into a forged child id; copy
 * a module into a page of its parent's.  Each must be refused; it
 * prints how many were and exits 0, and the shell goes on.
 */
#include "exos.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	uint32_t sh = exos_getppid(), n = exos_ram_pages(), p, shpage = 0, done = 0;
	int refused = 0, tries = 0;

	if (!a)
		return 2;
	for (p = 0; p < n && !shpage; p++)           /* a page of the shell's */
		if (sys_page_owner(p) == (int)sh)
			shpage = p;
#define TRY(call, err) (tries++, refused += (call) == (err))
	TRY(sys_env_destroy(sh), -E_PERM);
	TRY(sys_env_map(sh, a->pages, 1, &done), -E_PERM);
	TRY(sys_env_set(sh, EXO_SET_PC, 0x00400000), -E_PERM);
	TRY(sys_env_set(sh, EXO_SET_REG(31), 0), -E_PERM);
	TRY(sys_env_start(sh, -1, 1), -E_PERM);
	TRY(sys_env_wait(sh, 1, 0), -E_BADENV);
	TRY(sys_env_wait(-1, 1, 0), -E_BADENV);
	TRY(sys_revoke(sh, 100, 0), -E_PERM);
	TRY(sys_module_read(0, 0, shpage, 0), -E_PERM);
	TRY(sys_page_free(shpage, 0), -E_PERM);
	TRY(sys_env_map(sh ^ 0x10000, a->pages, 1, &done), -E_BADENV);
	printf("hostile: %d of %d attacks on the shell refused%s\n", refused, tries,
	       refused == tries && shpage ? "" : ": WRONG");
	return 0;
}
