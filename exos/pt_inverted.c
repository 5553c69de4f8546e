/*
 * pt_inverted.c: an inverted page table (paper 7.2, Table 13): one
 * entry per mapped page, not per page of the address space, found
 * through a hash anchor table indexed by a hash of the virtual page
 * number; entries that share an anchor are chained through link
 * (index + 1, 0 ends the chain).  Free entries are chained the same
 * way (a free entry's vpn is FREE).  Its size follows what is mapped, however sparse the address
 * space; a lookup is a hash and a short chain, but a range is a lookup
 * per page (or, for a range wider than the table, a scan of it).
 */
#include "exos.h"
#include "vm.h"

#define NHASH 1024              /* anchors: a power of 2 */
#define FREE  0xffffffff        /* a free entry's vpn (no vpn of kuseg) */

static struct vm_pte *ent;      /* VM_NPTE entries */
static uint32_t *anchor;        /* NHASH chain heads (index + 1) */
static uint32_t free_head;      /* index + 1 */

_Static_assert((NHASH & (NHASH - 1)) == 0 && VM_NPTE < 0x10000, "pt_inverted sizes");

static uint32_t hash(uint32_t vpn)
{
	return (vpn ^ (vpn >> 10)) & (NHASH - 1);
}

static void inv_init(void *mem)
{
	ent = mem;
	anchor = (uint32_t *)(ent + VM_NPTE);
	for (uint32_t i = 0; i < NHASH; i++)
		anchor[i] = 0;
	for (uint32_t i = 0; i < VM_NPTE; i++) {
		ent[i].vpn = FREE;
		ent[i].link = i + 2 <= VM_NPTE ? i + 2 : 0;
	}
	free_head = 1;
}

static struct vm_pte *inv_find(uint32_t vpn)
{
	uint32_t i = anchor[hash(vpn)];

	while (i && ent[i - 1].vpn != vpn)
		i = ent[i - 1].link;
	return i ? &ent[i - 1] : 0;
}

static struct vm_pte *inv_insert(uint32_t vpn)
{
	uint32_t i = free_head, h = hash(vpn);
	struct vm_pte *p;

	if (!i)
		return 0;
	p = &ent[i - 1];
	free_head = p->link;
	p->vpn = vpn;
	p->link = anchor[h];
	anchor[h] = i;
	return p;
}

static void inv_remove(uint32_t vpn)
{
	uint32_t *at = &anchor[hash(vpn)], i;

	while (ent[*at - 1].vpn != vpn)
		at = &ent[*at - 1].link;
	i = *at;
	*at = ent[i - 1].link;
	ent[i - 1].vpn = FREE;
	ent[i - 1].link = free_head;
	free_head = i;
}

static uint32_t inv_walk(uint32_t vpn, uint32_t cnt, void (*fn)(struct vm_pte *, int), int arg)
{
	uint32_t done = 0;
	struct vm_pte *p;

	if (cnt > VM_NPTE) {            /* a wide range: look at every entry instead */
		for (uint32_t i = 0; i < VM_NPTE; i++)
			if (ent[i].vpn - vpn < cnt) {
				fn(&ent[i], arg);
				done++;
			}
		return done;
	}
	for (uint32_t k = 0; k < cnt; k++)
		if ((p = inv_find(vpn + k)) != 0) {
			fn(p, arg);
			done++;
		}
	return done;
}

const struct pt_ops pt_inverted = {
	"inverted", VM_NPTE * sizeof(struct vm_pte) + NHASH * sizeof(uint32_t),
	inv_init, inv_find, inv_insert, inv_remove, inv_walk, 0,
};
