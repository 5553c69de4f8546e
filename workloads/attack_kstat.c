/*
 * attack_kstat.c: the kernel statistics page (SYS_KSTAT) against a
 * hostile caller.  Bad addresses (0, unaligned, kernel, past segment 2,
 * wrapping) are refused; it never replaces a guaranteed mapping (the
 * save area, simctl, the caller's own page); mapping it at every free
 * address runs into -E_NOMEM and leaves the rest working; a store to it
 * kills the child that tries, and the page is unchanged; it holds
 * nothing but the documented statistics (the rest of the page is zero,
 * and no word of it is a capability of the caller's page).  A
 * bystander's page stays intact (attack.h).
 */
#include "exos.h"
#include "exo/kstat.h"
#include "attack.h"

#define KSTAT_VA  0x00c00000
#define OWN_VA    0x00a00000           /* a pinned page of the attacker's */
#define STORE_ARG 0x55
#define FIRST_VA  0x00d00000           /* where the exhaustion starts */
#define SLOT(id)  (((id) >> 10) & (EXO_NENV - 1))

static unsigned wrong;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "WRONG");
	wrong += !ok;
}

/* The child: map the page and store to it (a TLB Mod fault). */
static int storer(void)
{
	volatile uint32_t *p = (volatile uint32_t *)KSTAT_VA;

	sys_kstat(KSTAT_VA);
	p[0] = 0xbad;
	printf("storer: the store went through WRONG\n");
	return 0;
}

/* Words past the documented structure that are not zero. */
static uint32_t tail_dirt(void)
{
	const volatile uint32_t *p = (const volatile uint32_t *)KSTAT_VA;
	uint32_t i, n = 0;

	for (i = sizeof(struct kstat) / 4; i < PAGE_SIZE / 4; i++)
		n += p[i] != 0;
	return n;
}

/* Words of the page equal to x. */
static uint32_t count_word(uint32_t x)
{
	const volatile uint32_t *p = (const volatile uint32_t *)KSTAT_VA;
	uint32_t i, n = 0;

	for (i = 0; i < PAGE_SIZE / 4; i++)
		n += p[i] == x;
	return n;
}

int main(uint32_t arg, uint32_t self)
{
	const volatile struct kstat *k = (const volatile struct kstat *)KSTAT_VA;
	static const uint32_t bad[] = { 0, KSTAT_VA + 4, 0x80000000u, 0xa0000000u,
	                                EXO_SEG2_END, 0xfffff000u, 0x7ffff000u };
	uint32_t cap, rcap, i, va, mapped = 0;
	int by, kid, q, r = 0;

	if (arg == (BOOT_ENVID | BY_ARG))
		return bystander(BOOT_ENVID, self);
	if (arg == STORE_ARG)
		return storer();
	by = sys_env_create(0, self | BY_ARG);
	sys_yield(by);
	q = sys_page_alloc(-1, &cap);
	sys_tlb_write(OWN_VA, q << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap);
	*(volatile uint32_t *)OWN_VA = 0x600dc0de;
	exo_call(SYS_PAGE_CAP, q, cap, 0, &rcap);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		r |= sys_kstat(bad[i]) != -E_INVAL;
	check("bad addresses refused", !r);
	check("save area kept", sys_kstat(EXO_SAVE_VA) == -E_BUSY);
	check("simctl kept", sys_kstat(EXO_SIMCTL_VA) == -E_BUSY);
	check("own page kept", sys_kstat(OWN_VA) == -E_BUSY &&
	      *(volatile uint32_t *)OWN_VA == 0x600dc0de);
	check("map", sys_kstat(KSTAT_VA) == 0 && k->version == KSTAT_VERSION);

	for (va = FIRST_VA; (r = sys_kstat(va)) == 0; va += PAGE_SIZE)
		mapped++;
	check("exhaustion: -E_NOMEM", r == -E_NOMEM && mapped > 0 && mapped < EXO_NPIN);
	check("exhaustion: still readable", sys_kstat(KSTAT_VA) == 0 &&
	      k->version == KSTAT_VERSION && *(volatile uint32_t *)OWN_VA == 0x600dc0de);
	for (va = FIRST_VA; va < FIRST_VA + mapped * PAGE_SIZE; va += PAGE_SIZE)
		sys_tlb_delete(va, 0);
	check("pins back", sys_kstat(FIRST_VA) == 0 && sys_tlb_delete(FIRST_VA, 0) == 0);

	kid = sys_env_create(0, STORE_ARG);
	for (i = 0; kid > 0 && i < 100 && k->env[SLOT(kid)].id == (uint32_t)kid; i++) {
		sys_yield(kid);                    /* until the kernel destroys it */
		sys_kstat(KSTAT_VA);
	}
	check("store refused, page intact", kid > 0 && k->version == KSTAT_VERSION &&
	      k->env[SLOT(kid)].id == 0 && k->env[SLOT(self)].id == self);

	check("nothing past the structure", tail_dirt() == 0);
	check("no capability", count_word(cap) == 0 && count_word(rcap) == 0);
	printf("attacker: %u wrong\n", wrong);
	return 0;
}
