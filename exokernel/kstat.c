/*
 * kstat.c: SYS_KSTAT, the kernel statistics page (exo/kstat.h).
 *
 * The page is the kernel's own (in its image, owned by OWNER_KERNEL, so
 * no SYS_PAGE_ALLOC can name it) and every environment that asks gets
 * a guaranteed read-only mapping of it: a store faults (TLB Mod), so
 * nothing but the kernel writes it.  It is refreshed only inside
 * SYS_KSTAT, from tables the kernel keeps anyway; nothing on a hot path
 * changes.
 */
#include "kern.h"
#include "exo/kstat.h"

static union {
	struct kstat s;
	uint8_t page[PAGE_SIZE];
} kpage __attribute__((aligned(PAGE_SIZE)));

/* The page's EntryLo: valid, cacheable, not dirty (read-only). */
static uint32_t kstat_elo(void)
{
	return ((uint32_t)&kpage & KSEG_PHYS_MASK) | ELO_V;
}

static uint32_t refreshes;

/* Fill the page from the kernel's tables: the slice vector, the
 * environments (their owners' page lists count their pages). */
static void kstat_refresh(void)
{
	struct kstat *k = &kpage.s;
	uint32_t n, i;

	memset(k, 0, sizeof *k);
	k->version = KSTAT_VERSION;
	k->cur_slice = kcur.slot >= slices && kcur.slot < slices + EXO_NSLICE
	               ? (uint32_t)(kcur.slot - slices) : EXO_NSLICE;
	for (i = 0; i < EXO_NSLICE; i++)
		k->slice[i] = slices[i];
	for (i = 0; i < EXO_NENV; i++) {
		struct env *e = &envs[i];
		if (!e->id)
			continue;
		k->nenv++;
		k->env[i].id = e->id;
		k->env[i].parent = e->parent;
		k->env[i].pages = page_owned(e->id);
		for (n = 0; n < EXO_NSLICE; n++)
			k->env[i].slices += slices[n] == e->id;
	}
	k->npages = page_count();
	k->refreshes = ++refreshes;
}

/*
 * SYS_KSTAT (a0 = va): refresh the page and make sure the caller has it
 * mapped, read-only and guaranteed, at va.  -E_INVAL: va not a page
 * address of segment 2 above page 0; -E_BUSY: va holds another
 * guaranteed mapping of the caller's (which SYS_KSTAT never replaces);
 * -E_NOMEM: the caller has EXO_NPIN guaranteed mappings already.
 */
sysret sys_kstat(uint32_t va, uint32_t a1, uint32_t a2)
{
	struct env *e = kcur.user;
	uint32_t elo;

	(void)a1, (void)a2;
	if ((va & (PAGE_SIZE - 1)) || va == 0 || va >= EXO_SEG2_END)
		return -E_INVAL;
	if (env_pin_lookup(e, va, &elo) >= 0) {
		if (elo != kstat_elo())
			return -E_BUSY;
	} else if (e->npin == EXO_NPIN) {
		return -E_NOMEM;
	} else if (env_pin(e, va, kstat_elo()) < 0) {
		return -E_NOMEM;
	}
	kstat_refresh();
	return 0;
}
