/*
 * vm_appel.c: the paper's virtual-memory benchmarks (Table 10, after
 * Appel and Li), on ExOS's linear page table, then (Table 13) in a
 * child environment on the inverted one.  NPG pages are allocated,
 * written (so dirty and bound) and measured in cycles, best of NBEST
 * runs; each row is printed as `@paper T10 ROW CYCLES` (and T13 with
 * orig- and inv- rows).  What each row spans:
 *
 *   dirty      vm_dirty of a mapped page: a page-table lookup
 *   prot1      vm_prot of one page to VM_NONE, the page bound in the
 *              STLB and TLB (so the binding goes), per page over 100
 *   prot100    one vm_prot of 100 bound pages to VM_NONE
 *   unprot100  one vm_prot of those 100 pages back to VM_RW
 *   trap       a load from a protected page: the miss, dispatch to
 *              exos, the page-table lookup, the application's C handler
 *              (which returns VM_SKIP: resume after the load) and back
 *   appel1     per page: a load from a random protected page whose
 *              handler protects the page unprotected last time and
 *              unprotects this one (VM_RETRY: the load then completes)
 *   appel2     per page: vm_prot of 100 pages to VM_NONE, then a load
 *              from each in random order, the handler unprotecting it;
 *              the whole over 100
 *
 * arg 0: linear table, then the child; arg 1: the child (inverted).
 */
#include "exos.h"
#include "vm.h"

#define BASE   0x10000000
#define NPG    128              /* pages in the table */
#define NPROT  100
#define NBEST  3
#define NDIRTY 1000
#define NTRAP  100
#define NAPPEL 200
#define VA(i)  (BASE + (uint32_t)(i) * PAGE_SIZE)

static const char *prefix;      /* 0: T10 (and T13 orig-), else T13 with it */
static uint32_t seed = 12345, last;
static volatile uint32_t traps;     /* the handler's count */

static uint32_t rnd(uint32_t n)
{
	seed = seed * 1103515245 + 12345;
	return (seed >> 16) % n;
}

/* A load that the handler may skip: not in a delay slot, the nop its delay. */
static inline uint32_t load(uint32_t va)
{
	uint32_t v;

	__asm__ volatile("lw %0, 0(%1)\n\tnop" : "=r"(v) : "r"(va) : "memory");
	return v;
}

static int h_skip(uint32_t va, int write)
{
	traps++;
	return VM_SKIP;
}

/* Appel and Li's handler: protect the last page, unprotect this one. */
static int h_appel1(uint32_t va, int write)
{
	vm_prot(last, 1, VM_NONE);
	vm_prot(va & ~(PAGE_SIZE - 1), 1, VM_RW);
	last = va & ~(PAGE_SIZE - 1);
	return VM_RETRY;
}

static int h_unprot(uint32_t va, int write)
{
	vm_prot(va & ~(PAGE_SIZE - 1), 1, VM_RW);
	return VM_RETRY;
}

/* Make the first n pages accessible and bound: touch each. */
static void touch(uint32_t n)
{
	vm_prot(BASE, n, VM_RW);
	for (uint32_t i = 0; i < n; i++)
		load(VA(i));
}

static uint32_t best;
static void keep(uint32_t c)
{
	if (c < best)
		best = c;
}

static void report(const char *row, uint32_t cycles, uint32_t per)
{
	uint32_t x10 = (cycles * 10 + per / 2) / per;

	printf("  %-10s %6u.%u cycles\n", row, (unsigned)(x10 / 10), (unsigned)(x10 % 10));
	if (!prefix) {
		printf("@paper T10 %s %u.%u\n", row, (unsigned)(x10 / 10), (unsigned)(x10 % 10));
		printf("@paper T13 orig-%s %u.%u\n", row, (unsigned)(x10 / 10), (unsigned)(x10 % 10));
	} else {
		printf("@paper T13 %s%s %u.%u\n", prefix, row, (unsigned)(x10 / 10),
		       (unsigned)(x10 % 10));
	}
}

static __attribute__((noinline)) void b_dirty(void)
{
	uint32_t t, sum = 0;

	best = ~0u;
	for (int r = 0; r < NBEST; r++) {
		t = EXOS_CYCLES();
		for (uint32_t i = 0; i < NDIRTY; i++)
			sum += vm_dirty(VA(i & (NPG - 1)));
		keep(EXOS_CYCLES() - t);
	}
	if (sum != NBEST * NDIRTY)
		printf("vm_appel: %u pages not dirty\n", (unsigned)(NBEST * NDIRTY - sum));
	report("dirty", best, NDIRTY);
}

static __attribute__((noinline)) void b_prot(void)
{
	uint32_t t;

	best = ~0u;
	for (int r = 0; r < NBEST; r++) {
		touch(NPROT);
		t = EXOS_CYCLES();
		for (uint32_t i = 0; i < NPROT; i++)
			vm_prot(VA(i), 1, VM_NONE);
		keep(EXOS_CYCLES() - t);
	}
	report("prot1", best, NPROT);
	best = ~0u;
	for (int r = 0; r < NBEST; r++) {
		touch(NPROT);
		t = EXOS_CYCLES();
		vm_prot(BASE, NPROT, VM_NONE);
		keep(EXOS_CYCLES() - t);
	}
	report("prot100", best, 1);
	best = ~0u;
	for (int r = 0; r < NBEST; r++) {
		vm_prot(BASE, NPROT, VM_NONE);
		t = EXOS_CYCLES();
		vm_prot(BASE, NPROT, VM_RW);
		keep(EXOS_CYCLES() - t);
	}
	report("unprot100", best, 1);
}

static __attribute__((noinline)) void b_trap(void)
{
	uint32_t t;

	vm_set_handler(h_skip);
	vm_prot(VA(0), 1, VM_NONE);
	best = ~0u;
	for (int r = 0; r < NBEST; r++) {
		t = EXOS_CYCLES();
		for (uint32_t i = 0; i < NTRAP; i++)
			load(VA(0));
		keep(EXOS_CYCLES() - t);
	}
	if (traps != NBEST * NTRAP)
		printf("vm_appel: %u traps, not %u\n", (unsigned)traps, NBEST * NTRAP);
	report("trap", best, NTRAP);
}

static __attribute__((noinline)) void b_appel(void)
{
	uint32_t t, perm[NPROT], sum = 0;

	vm_set_handler(h_appel1);
	best = ~0u;
	for (int r = 0; r < NBEST; r++) {
		vm_prot(BASE, NPG, VM_NONE);
		last = VA(NPG - 1);
		t = EXOS_CYCLES();
		for (uint32_t i = 0; i < NAPPEL; i++) {
			uint32_t p;

			while ((p = rnd(NPG)) == (last - BASE) >> PAGE_SHIFT)
				;
			sum += load(VA(p));
		}
		keep(EXOS_CYCLES() - t);
	}
	report("appel1", best, NAPPEL);
	vm_set_handler(h_unprot);
	best = ~0u;
	for (int r = 0; r < NBEST; r++) {
		for (uint32_t i = 0; i < NPROT; i++)
			perm[i] = i;
		for (uint32_t i = NPROT - 1; i > 0; i--) {
			uint32_t j = rnd(i + 1), x = perm[i];

			perm[i] = perm[j];
			perm[j] = x;
		}
		touch(NPROT);
		t = EXOS_CYCLES();
		vm_prot(BASE, NPROT, VM_NONE);
		for (uint32_t i = 0; i < NPROT; i++)
			sum += load(VA(perm[i]));
		keep(EXOS_CYCLES() - t);
	}
	report("appel2", best, NPROT);
	vm_set_handler(0);
	if (sum != 0)
		printf("vm_appel: pages read back nonzero\n");
}

/* The pages, all written once: dirty, bound writable, zero. */
static int setup(int kind)
{
	int r = vm_init(kind);

	if (r < 0) {
		printf("vm_appel: vm_init: %d\n", r);
		return 0;
	}
	for (uint32_t i = 0; i < NPG; i++) {
		if ((r = vm_alloc(VA(i), -1, VM_RW)) < 0) {
			printf("vm_appel: vm_alloc: %d\n", r);
			return 0;
		}
		*(volatile uint32_t *)VA(i) = 0;
	}
	return 1;
}

int main(uint32_t arg, uint32_t self)
{
	int kid;

	prefix = arg == 1 ? "inv-" : 0;
	exos_upcalls();
	if (!setup(arg == 1 ? VM_PT_INVERTED : VM_PT_LINEAR))
		return 1;
	printf("%s page table, %u pages (%s; cycles, least of %u; what each row spans:\n"
	       "workloads/vm_appel.c; why rows are above the paper's, measured with the\n"
	       "profiler: docs/EXOS.md):\n", vm_kind_name(), NPG,
	       prefix ? "Table 13" : "Table 10", NBEST);
	b_dirty();
	b_prot();
	b_trap();
	b_appel();
	if (arg == 1)
		return 0;
	if ((kid = sys_env_create(0, 1)) < 0) {
		printf("vm_appel: no child: %d\n", kid);
		return 1;
	}
	while (sys_yield(kid) == 0)
		;
	return 0;
}
