/*
 * unbind.c: freeing a page breaks every binding of it, and nothing
 * else (the reverse map, docs/KERNEL.md).
 *   all kinds  a page bound at four vas, pinned at a fifth and, at a
 *              sixth, held only by a wired TLB entry (its STLB slot is
 *              taken by another pinned mapping), every binding used
 *              so the hardware TLB holds it too, is freed: each of the
 *              six accesses faults; the owner's other pages read back
 *   displaced  a binding whose STLB slot another mapping took, but
 *              whose TLB entry was loaded before, is gone after the
 *              free too
 *   save area  a child frees the page it made its save area; the
 *              parent allocates it; the child's next exception does
 *              not write its registers there
 *   bystander  a child's own bindings survive all that untouched
 *   shared     a child maps a page of its parent's (the parent hands
 *              it the capability) and the parent exits owning many
 *              pages: until the page is free no one can allocate it,
 *              and once it is free the child's binding is gone, also
 *              after the child allocates the page itself
 * The boot module (arg 0) runs the tests; a child's arg is
 * ppn << 2 | role, or for the shared test a capability whose low two
 * bits are 3.
 */
#include "exos.h"

#define ROLE_BYST   1
#define ROLE_SAVE   2
#define ROLE_SHARED 3
#define VA      0x02000000        /* segment 1 */
#define PIN_VA  0x00900000        /* segment 2 */
#define PIN2_VA 0x00905000        /* segment 2; + 16 MB shares its STLB slot */
#define SLOT16M 0x01000000        /* same STLB index (VPN + 4096) */
#define SAVE_VA2 0x00a00000       /* the save-area test's pinned page */
#define X_VA    0x03000000        /* the shared page, in both */
#define BYST_VA 0x00b00000        /* segment 2: the bystander's pinned pages */
#define NEXTRA  2000              /* pages the parent exits with: reclaimed 256
                                     units a pass, they keep page x allocated
                                     for 8 passes, so the ticks that happen to
                                     land before its child looks again cannot
                                     free it first */
#define MAXP    32768
#define STR_(x) #x
#define STR(x)  STR_(x)

static volatile uint32_t faults;
static int wrong;
extern char skip_fault[], exit_now[];
uint32_t probe(uint32_t va);

/*
 * skip_fault: a TLB miss handler that counts the miss and resumes after
 * the access.  probe(va): the word at va (a load that skip_fault skips
 * leaves v0 as it was).  exit_now: exit(0) at once, without reading
 * the save area.
 */
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl skip_fault, probe, exit_now\n"
	"skip_fault:\n"
	"	lui	$9, %hi(faults)\n"
	"	lw	$10, %lo(faults)($9)\n"
	"	nop\n"
	"	addiu	$10, $10, 1\n"
	"	sw	$10, %lo(faults)($9)\n"
	"	j	exo_xret\n"
	"	addiu	$8, $8, 4\n"            /* (delay slot) resume after it */
	"probe:\n"
	"	move	$2, $0\n"
	"	lw	$2, 0($4)\n"
	"	nop\n"
	"	jr	$31\n"
	"	nop\n"
	"exit_now:\n"
	"	move	$4, $0\n"
	"	li	$2, " STR(SYS_EXIT) "\n"
	"	syscall\n"
	".set pop\n");

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "WRONG");
	wrong += !ok;
}

/* Whether a load from va faults (it must not be in a delay slot: probe). */
static int faults_at(uint32_t va)
{
	uint32_t f = faults;

	probe(va);
	return faults != f;
}

static void handlers(void *h)
{
	sys_set_handler(EXC_TLBL, h);
	sys_set_handler(EXC_TLBS, h);
}

static int map(uint32_t va, int p, uint32_t cap, uint32_t flags)
{
	return sys_tlb_write(va, (uint32_t)p << PAGE_SHIFT | TLB_WRITE | flags, cap);
}

static void test_all_kinds(void)
{
	uint32_t cap, qcap, rcap, i, n = 0, vas[6];
	int p = sys_page_alloc(-1, &cap), q = sys_page_alloc(-1, &qcap), r = sys_page_alloc(-1, &rcap);
	int ok = 1;

	for (i = 0; i < 4; i++)
		vas[i] = VA + i * PAGE_SIZE;
	vas[4] = PIN_VA;
	vas[5] = PIN2_VA + SLOT16M;
	for (i = 0; i < 4; i++)
		ok &= map(vas[i], p, cap, 0) == 0;
	ok &= map(PIN_VA, p, cap, TLB_PIN) == 0;
	ok &= map(PIN2_VA, r, rcap, TLB_PIN) == 0;      /* takes the slot of vas[5] */
	ok &= map(vas[5], p, cap, 0) == 0;              /* so: a wired TLB entry */
	ok &= map(VA + 0x100000, q, qcap, 0) == 0;
	*(volatile uint32_t *)PIN2_VA = 0x2222;
	*(volatile uint32_t *)(VA + 0x100000) = 0x1111;
	for (i = 0; i < 6; i++)
		*(volatile uint32_t *)vas[i] = 0x600d + i;
	for (i = 0; i < 6; i++)
		ok &= probe(vas[i]) == 0x600d + 5 && !faults_at(vas[i]);
	check("a page bound 6 ways (4 vas, 1 pinned, 1 wired) reads through each", ok);
	sys_page_free(p, cap);
	for (i = 0; i < 6; i++)
		n += faults_at(vas[i]);
	printf("freed: %u of 6 accesses fault\n", (unsigned)n);
	check("every binding of the freed page is gone", n == 6);
	check("its pin is gone (SYS_SET_SAVE refuses the va)", sys_set_save(PIN_VA) == -E_INVAL);
	check("the owner's other pages read back, no miss",
	      probe(VA + 0x100000) == 0x1111 && probe(PIN2_VA) == 0x2222
	      && !faults_at(VA + 0x100000) && !faults_at(PIN2_VA));
}

static void test_displaced(void)
{
	uint32_t cap, qcap, va = VA + 0x200000;
	int p = sys_page_alloc(-1, &cap), q = sys_page_alloc(-1, &qcap);

	map(va, p, cap, 0);
	*(volatile uint32_t *)va = 0x3333;              /* its TLB entry is loaded */
	map(va + SLOT16M, q, qcap, 0);                   /* takes its STLB slot */
	*(volatile uint32_t *)(va + SLOT16M) = 0x4444;
	sys_page_free(p, cap);
	check("a displaced binding of a freed page is gone", faults_at(va));
	check("the binding that displaced it reads back",
	      probe(va + SLOT16M) == 0x4444 && !faults_at(va + SLOT16M));
}

/*
 * Child: make page s (free) its save area and free it, then say so by
 * taking page s + 1; once the parent has s, take an exception.
 */
static int save_child(uint32_t s)
{
	uint32_t cap;

	while (sys_page_alloc(s, &cap) != (int)s)
		sys_yield(-1);
	if (map(SAVE_VA2, s, cap, TLB_PIN) < 0 || sys_set_save(SAVE_VA2) < 0
	    || sys_page_free(s, cap) < 0 || sys_page_alloc(s + 1, &cap) != (int)s + 1) {
		printf("save child: setup failed\n");
		return 1;
	}
	while (sys_page_owner(s) == 0)          /* until the parent has it */
		sys_yield(-1);
	sys_set_handler(EXC_BP, exit_now);
	__asm__ volatile("li $8, 0x5a5a5a5a\n li $9, 0x5a5a5a5a\n li $10, 0x5a5a5a5a\n break"
			 : : : "$8", "$9", "$10");
	return 1;
}

static void test_save_area(void)
{
	uint32_t cap, tcap, va = VA + 0x300000;
	int s = sys_page_alloc(-1, &cap), t = sys_page_alloc(-1, &tcap), c;

	if (t != s + 1) {
		check("two pages in a row for the save-area test", 0);
		return;
	}
	c = sys_env_create(0, (uint32_t)s << 2 | ROLE_SAVE);
	sys_page_free(s, cap);
	sys_page_free(t, tcap);
	while (sys_page_owner(t) != c)              /* the child has freed s */
		sys_yield(c);
	if (sys_page_alloc(s, &cap) != s) {
		check("the freed save area can be allocated", 0);
		return;
	}
	map(va, s, cap, 0);
	while (sys_yield(c) == 0)                   /* until the child is gone */
		;
	check("a freed save area gets none of its old owner's registers",
	      probe(va) == 0 && probe(va + 4) == 0 && probe(va + 8) == 0);
}

/*
 * Child: pin pages of its own (guaranteed mappings: nothing but a bug
 * can make them miss), wait for page g to be free, and read them back.
 */
static int bystander(uint32_t g)
{
	uint32_t cap, i, bad = 0;

	for (i = 0; i < 4; i++) {
		map(BYST_VA + i * PAGE_SIZE, sys_page_alloc(-1, &cap), cap, TLB_PIN);
		*(volatile uint32_t *)(BYST_VA + i * PAGE_SIZE) = 0xb0 + i;
	}
	handlers(skip_fault);
	while (sys_page_owner(g) != 0)
		sys_yield(-1);
	for (i = 0; i < 4; i++)
		bad += probe(BYST_VA + i * PAGE_SIZE) != 0xb0 + i;
	check("bystander: its bindings still work, no miss", bad == 0 && faults == 0);
	return wrong != 0;
}

/* Child: map the parent's page x (capability cap) and watch it go. */
static int shared(uint32_t cap)
{
	uint32_t x = exos_ram_pages() - 1, c;
	int busy = 0, waited = 0, got = -1, o;

	if (map(X_VA, x, cap, 0) < 0) {
		printf("shared: cannot map the parent's page\n");
		return 1;
	}
	*(volatile uint32_t *)X_VA = 1;                 /* tell the parent */
	handlers(skip_fault);
	/*
	 * A named allocation while the dead owner still holds the page must
	 * be -E_BUSY.  One may succeed only if the page was reclaimed
	 * between the owner check and the allocation (a tick in between):
	 * then it is the allocation of a free page.
	 */
	while (got < 0 && (o = sys_page_owner(x)) != 0) {
		got = sys_page_alloc(x, &c);
		busy += got == -E_BUSY;
		if (got < 0 && sys_yield(o) == -E_BADENV)   /* its owner is gone, it is not free */
			waited = 1;
	}
	printf("shared: the page stayed allocated after its owner was gone: %s\n",
	       waited ? "yes" : "no");
	check("shared: the page of a dead owner cannot be allocated before it is free",
	      busy > 0 && waited);
	if (got < 0)
		check("shared: once free, the binding to it is gone", faults_at(X_VA));
	else
		printf("shared: once free, the binding to it is gone: ok\n");
	check("shared: allocated again", got == (int)x || sys_page_alloc(x, &c) == (int)x);
	check("shared: the old binding does not reach it", faults_at(X_VA));
	return wrong != 0;
}

/* The parent's last test: hand page x to a child, then exit owning many. */
static void test_shared(void)
{
	uint32_t x = exos_ram_pages() - 1, cap, i;
	int d;

	for (i = 0; i < NEXTRA; i++)                    /* allocated before x, */
		sys_page_alloc(-1, &cap);               /* reclaimed before it */
	if (sys_page_alloc(x, &cap) != (int)x) {
		check("the last page of RAM is free", 0);
		return;
	}
	while ((cap & 3) != ROLE_SHARED)                /* a cap that says its role */
		sys_page_cap(x, cap, 2, &cap);
	map(X_VA, x, cap, 0);
	d = sys_env_create(0, cap);
	while (*(volatile uint32_t *)X_VA == 0)
		sys_yield(d);
	printf("parent: exits with %u more pages, the last mapped by its child\n",
	       (unsigned)NEXTRA);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t gcap;
	int g, b;

	if ((arg & 3) == ROLE_BYST)
		return bystander(arg >> 2);
	if ((arg & 3) == ROLE_SAVE)
		return save_child(arg >> 2);
	if ((arg & 3) == ROLE_SHARED)
		return shared(arg);
	g = sys_page_alloc(-1, &gcap);
	b = sys_env_create(0, (uint32_t)g << 2 | ROLE_BYST);
	sys_yield(b);
	handlers(skip_fault);
	test_all_kinds();
	test_displaced();
	test_save_area();
	sys_page_free(g, gcap);
	while (sys_yield(b) == 0)
		;
	handlers(exos_tlbmiss);
	test_shared();
	return wrong != 0;
}
