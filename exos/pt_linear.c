/*
 * pt_linear.c: the paper's page table (6.2): a linear vector of PTEs
 * sorted by virtual page number, looked up by binary search.  Insert
 * and remove move the entries above the slot; a range is one search
 * and then a walk up the vector, since its pages sit side by side
 * (lin_span hands them over as one array).
 */
#include "exos.h"
#include "vm.h"

static struct vm_pte *vec;
static uint32_t n;

static void lin_init(void *mem)
{
	vec = mem;
	n = 0;
}

/* The index of the first PTE whose vpn is >= vpn (n if none). */
static uint32_t lower_bound(uint32_t vpn)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = (lo + hi) >> 1;

		if (vec[mid].vpn < vpn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct vm_pte *lin_find(uint32_t vpn)
{
	uint32_t i = lower_bound(vpn);

	return i < n && vec[i].vpn == vpn ? &vec[i] : 0;
}

static struct vm_pte *lin_insert(uint32_t vpn)
{
	uint32_t i;

	if (n == VM_NPTE)
		return 0;
	i = lower_bound(vpn);
	for (uint32_t j = n; j > i; j--)
		vec[j] = vec[j - 1];
	n++;
	vec[i].vpn = vpn;
	return &vec[i];
}

static void lin_remove(uint32_t vpn)
{
	uint32_t i = lower_bound(vpn);

	n--;
	for (; i < n; i++)
		vec[i] = vec[i + 1];
	vec[n].vpn = 0xffffffff;        /* no stale copy for exos_ptab's pointers to find */
}

static uint32_t lin_walk(uint32_t vpn, uint32_t cnt, void (*fn)(struct vm_pte *, int), int arg)
{
	uint32_t i = lower_bound(vpn), done = 0;

	for (; i < n && vec[i].vpn - vpn < cnt; i++, done++)
		fn(&vec[i], arg);
	return done;
}

static struct vm_pte *lin_span(uint32_t vpn, uint32_t cnt, uint32_t *got)
{
	uint32_t i = lower_bound(vpn), j = i;

	while (j < n && vec[j].vpn - vpn < cnt)
		j++;
	*got = j - i;
	return &vec[i];
}

const struct pt_ops pt_linear = {
	"linear", VM_NPTE * sizeof(struct vm_pte),
	lin_init, lin_find, lin_insert, lin_remove, lin_walk, lin_span,
};
