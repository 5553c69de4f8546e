/*
 * attack_exhaust.c: an application that takes every environment slot,
 * every slice and every page, then gives them all back, twice.  The
 * kernel must say -E_NOMEM (never crash or hand out what it does not
 * have), take everything back, and the second round must get exactly
 * as much as the first (nothing leaked).  A bystander created first
 * keeps its page intact throughout (attack.h).
 */
#include "exos.h"
#include "attack.h"

#define KID_ARG 2                     /* main's arg = attacker | KID_ARG: idle child */
#define MAXPAGES 8192                 /* 32M of RAM */

static uint32_t kids[EXO_NENV], ppns[MAXPAGES], caps[MAXPAGES];
static int slices[EXO_NSLICE];
static int fails;

/* Report a check by name; a failure prints WRONG. */
static void expect(const char *what, int got, int want)
{
	if (got != want) {
		printf("%s: %d WRONG (want %d)\n", what, got, want);
		fails++;
	}
}

/* Take every free slice into slices[]; returns how many. */
static int take_slices(void)
{
	int n = 0, c;

	while ((c = sys_slice_alloc(-1)) >= 0)
		slices[n++] = c;
	expect("slice alloc when none is free", c, -E_NOMEM);
	return n;
}

/* Take every free page into ppns[] and caps[]; returns how many. */
static int take_pages(void)
{
	uint32_t cap;
	int n = 0, c = 0;

	while (n < MAXPAGES && (c = sys_page_alloc(-1, &cap)) >= 0)
		ppns[n] = c, caps[n++] = cap;
	expect("page alloc when none is free", c, -E_NOMEM);
	return n;
}

/* Give back n slices and n pages taken above, checking each. */
static void give_back(int ns, int np)
{
	int i;

	for (i = 0; i < np; i++)
		expect("page free", sys_page_free(ppns[i], caps[i]), 0);
	for (i = 0; i < ns; i++)
		expect("slice free", sys_slice_free(slices[i]), 0);
	if (np > 0)
		expect("page free again", sys_page_free(ppns[0], caps[0]), -E_PERM);
	if (ns > 0)
		expect("slice free again", sys_slice_free(slices[0]), -E_PERM);
}

/*
 * One round: every slice (then no environment can be created), every
 * page (likewise), then every environment slot and what is left of
 * slices and pages; each time the bystander runs while nothing is
 * free, and everything is given back.  n[] gets the five counts.
 */
static void round(int r, uint32_t self, uint32_t by, int n[5])
{
	int c, i;

	n[0] = take_slices();
	expect("env create with no free slice", sys_env_create(0, self | KID_ARG), -E_NOMEM);
	expect("yield to the bystander", sys_yield(by), 0);
	give_back(n[0], 0);
	n[1] = take_pages();
	expect("env create with no free page", sys_env_create(0, self | KID_ARG), -E_NOMEM);
	expect("yield to the bystander", sys_yield(by), 0);
	give_back(0, n[1]);
	n[2] = 0;
	while ((c = sys_env_create(0, self | KID_ARG)) >= 0)
		kids[n[2]++] = c;
	expect("env create when every slot is taken", c, -E_NOMEM);
	n[3] = take_slices();
	n[4] = take_pages();
	printf("round %d: took %d slices; %d pages; %d environments, then %d slices, %d pages\n",
	       r, n[0], n[1], n[2], n[3], n[4]);
	for (i = 0; i < 4; i++)               /* everyone runs while nothing is free */
		sys_yield(-1);
	expect("yield to the bystander", sys_yield(by), 0);
	give_back(n[3], n[4]);
	for (i = 0; i < n[2]; i++)
		expect("env destroy", sys_env_destroy(kids[i]), 0);
	for (i = 0; i < n[2]; i++)
		expect("destroy again (stale envid)", sys_env_destroy(kids[i]), -E_BADENV);
}

int main(uint32_t arg, uint32_t self)
{
	int by, n1[5], n2[5], i;

	if (arg & BY_ARG)
		return bystander(arg & ~3u, self);
	if (arg & KID_ARG)
		for (;;)
			sys_yield(-1);
	by = sys_env_create(0, self | BY_ARG);
	expect("create the bystander", by > 0, 1);
	sys_yield(by);                        /* it writes its pattern */
	round(1, self, by, n1);
	round(2, self, by, n2);
	for (i = 0; i < 5; i++)
		expect("round 2 took as much as round 1", n2[i], n1[i]);
	printf("attacker: done, %d wrong\n", fails);
	return 0;
}
