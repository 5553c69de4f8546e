/*
 * kstat.c: the kernel statistics page (SYS_KSTAT, exo/kstat.h) tells
 * the truth: after a second slice, a child and a page, the page shows
 * the environments, their parents, slices and pages, and the slice
 * running is the caller's; a second call at the same address refreshes
 * it in place.
 */
#include "exos.h"
#include "exo/kstat.h"

#define KSTAT_VA 0x00c00000
#define CHILD_ARG 7
#define SLOT(id) (((id) >> 10) & (EXO_NENV - 1))

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "WRONG");
}

int main(uint32_t arg, uint32_t self)
{
	const volatile struct kstat *k = (const volatile struct kstat *)KSTAT_VA;
	uint32_t cap, pages, refreshes;
	int kid, s, q;

	if (arg == CHILD_ARG)
		for (;;)
			sys_yield(-1);                 /* lives until the parent exits */
	s = sys_slice_alloc(-1);
	kid = sys_env_create(0, CHILD_ARG);
	check("map", sys_kstat(KSTAT_VA) == 0);
	check("version", k->version == KSTAT_VERSION);
	check("two environments", k->nenv == 2);
	check("self", k->env[SLOT(self)].id == self && k->env[SLOT(self)].parent == 0);
	check("child", kid > 0 && k->env[SLOT(kid)].id == (uint32_t)kid &&
	      k->env[SLOT(kid)].parent == self && k->env[SLOT(kid)].slices == 1);
	check("two slices", s >= 0 && k->slice[s] == self && k->env[SLOT(self)].slices == 2);
	check("running", k->cur_slice < EXO_NSLICE && k->slice[k->cur_slice] == self);
	check("pages", k->npages > 0 && k->env[SLOT(self)].pages > 0);
	pages = k->env[SLOT(self)].pages;
	refreshes = k->refreshes;
	q = sys_page_alloc(-1, &cap);
	check("not refreshed by itself", k->env[SLOT(self)].pages == pages);
	check("refresh in place", sys_kstat(KSTAT_VA) == 0 && k->refreshes == refreshes + 1);
	check("a page more", q >= 0 && k->env[SLOT(self)].pages == pages + 1);
	sys_env_destroy(kid);
	sys_kstat(KSTAT_VA);
	check("child gone", k->nenv == 1 && k->env[SLOT(kid)].id == 0 && k->slice[s] == self);
	return 0;
}
