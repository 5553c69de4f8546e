/*
 * tlbfast.c: SYS_TLB_WRITE of a segment-1 mapping takes the kernel's
 * assembly fast path (exokernel/tlbfast.S), which must decide exactly
 * as trap.c sys_tlb_write and leave the STLB, the hardware TLB and the
 * reverse map as stlb_insert would.
 *   refusals   kernel page, forged capability, freed page, read
 *              capability for a writable mapping, a ppn past the end of
 *              RAM, flags the call does not take (the TLB's G and V
 *              bits among them), TLB_PIN above segment 2, a kernel va:
 *              the error C gives, and neither that va nor an earlier
 *              binding changes
 *   read-only  the read capability binds a read-only mapping: loads
 *              work, a store takes a Mod fault
 *   rebind     a bound va rebound to another page while its TLB entry
 *              is loaded, and again after that entry alone was dropped:
 *              the next load reads the new page; freeing the old page
 *              leaves the binding, freeing the new one breaks it
 *   displace   a va whose STLB slot holds another va's binding (16 MB
 *              apart), with that binding's TLB entry loaded or not: the
 *              other va's binding leaves the TLB too; freeing its page
 *              leaves the new binding, freeing the new page breaks it
 *   pinned     a va whose STLB slot holds a guaranteed mapping (the
 *              fast path leaves it to C: a wired entry): both work and
 *              the guaranteed one still refills from the STLB; once the
 *              pin's page is freed, the slot is empty but the va still
 *              in its wired entry, and binding it again (C again) leaves
 *              no second TLB entry: freeing its page breaks it
 * A load that faults is counted and skipped (skip_fault), not passed
 * to exos.  The segment-1 vas have STLB slots no pinned page of this
 * program holds (those of VPN 1, 2, 0x400 up and PIN_VA), or the fast
 * path would leave every call to C; the first binds check by their
 * time that they take the fast path (about 100 cycles warm on each
 * machine, C about 300).
 */
#include "exos.h"

#define VA      0x05100000        /* segment 1 */
#define VA2     0x05101000
#define VA3     0x05102000
#define FAST    200               /* cycles: more than the fast path, less than C (warm) */
#define SLOW    150               /* cycles: more than an STLB refill, less than the pin path */
#define SLOT16M 0x01000000        /* VPN + 4096: the same STLB slot */
#define PIN_VA  0x00907000        /* segment 2, pinned; + 16 MB shares its slot */
#define STR_(x) #x
#define STR(x)  STR_(x)

static volatile uint32_t faults;
static int wrong;
extern char skip_fault[];
uint32_t probe(uint32_t va);
void poke(uint32_t va, uint32_t v);

/*
 * skip_fault: a TLB-miss and Mod handler that counts the fault and
 * resumes after the access.  probe(va): the word at va, or 0 if the
 * load was skipped.  poke(va, v): store v at va.
 */
__asm__(".set push\n.set noreorder\n.set noat\n"
	".globl skip_fault, probe, poke\n"
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
	"poke:\n"
	"	sw	$5, 0($4)\n"
	"	nop\n"
	"	jr	$31\n"
	"	nop\n"
	".set pop\n");

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "WRONG");
	wrong += !ok;
}

/* Whether a load from va faults. */
static int faults_at(uint32_t va)
{
	uint32_t f = faults;

	probe(va);
	return faults != f;
}

/* Whether va reads want without a fault. */
static int reads(uint32_t va, uint32_t want)
{
	uint32_t f = faults;

	return probe(va) == want && faults == f;
}

static int map(uint32_t va, int p, uint32_t cap)
{
	return sys_tlb_write(va, (uint32_t)p << PAGE_SHIFT | TLB_WRITE, cap);
}

/* A new page holding v in its first word (bound at va3 meanwhile). */
static int page_with(uint32_t v, uint32_t *cap)
{
	int p = sys_page_alloc(-1, cap);

	if (p < 0 || map(VA3, p, *cap) < 0)
		return -1;
	poke(VA3, v);
	sys_tlb_delete(VA3, 0);
	return p;
}

static void test_refusals(void)
{
	uint32_t cap, rcap, qcap, f, t, i, best = ~0u;
	int p = page_with(0x1111, &cap), q = page_with(0x2222, &qcap), ok = 1;

	sys_page_cap(p, cap, 0, &rcap);
	for (i = 0; i < 3; i++) {                /* the least of 3: warm caches */
		sys_tlb_delete(VA, 0);
		t = EXOS_CYCLES();
		ok &= map(VA, p, cap) == 0;
		t = EXOS_CYCLES() - t;
		best = t < best ? t : best;
	}
	ok &= best < FAST && reads(VA, 0x1111);
	check("bound through the fast path", ok);
	ok = sys_page_free(q, qcap) == 0;
	ok &= sys_tlb_write(VA2, 0 << PAGE_SHIFT | TLB_WRITE, cap) == -E_PERM;
	ok &= map(VA2, p, cap ^ 1) == -E_PERM;
	ok &= map(VA2, q, qcap) == -E_PERM;
	ok &= map(VA2, p, rcap) == -E_PERM;
	ok &= map(VA2, 0xfffff, cap) == -E_PERM;
	ok &= sys_tlb_write(VA2, (uint32_t)p << PAGE_SHIFT | ELO_G, cap) == -E_INVAL;
	ok &= sys_tlb_write(VA2, (uint32_t)p << PAGE_SHIFT | ELO_V, cap) == -E_INVAL;
	ok &= sys_tlb_write(VA2, (uint32_t)p << PAGE_SHIFT | TLB_PIN, cap) == -E_INVAL;
	ok &= sys_tlb_write(0x80000000 + VA2, (uint32_t)p << PAGE_SHIFT, cap) == -E_INVAL;
	check("refused: kernel page, forged cap, freed page, read cap for write, past RAM", ok);
	f = faults;
	ok = faults_at(VA2) && reads(VA, 0x1111) && faults == f + 1;
	check("refused: G, V, TLB_PIN, kernel va; nothing bound, the old binding kept", ok);
	ok = sys_tlb_write(VA2, (uint32_t)p << PAGE_SHIFT, rcap) == 0 && reads(VA2, 0x1111);
	f = faults;
	poke(VA2, 0xbad);
	ok &= faults == f + 1 && reads(VA, 0x1111);
	check("read cap: a read-only mapping, a store faults", ok);
	sys_page_free(p, cap);
	check("freed: both bindings gone", faults_at(VA) && faults_at(VA2));
}

/* Rebind VA from p to r, its TLB entry loaded, or dropped (hw_drop). */
static void test_rebind(int hw_drop)
{
	uint32_t pcap, rcap;
	int p = page_with(0x3333, &pcap), r = page_with(0x4444, &rcap), ok;

	ok = map(VA, p, pcap) == 0 && reads(VA, 0x3333);
	if (hw_drop)
		sys_tlb_delete(VA, 1);
	ok &= map(VA, r, rcap) == 0 && reads(VA, 0x4444);
	ok &= sys_page_free(p, pcap) == 0 && reads(VA, 0x4444);
	ok &= sys_page_free(r, rcap) == 0 && faults_at(VA);
	check(hw_drop ? "rebind after its TLB entry was dropped: the new page, its list right"
	      : "rebind with its TLB entry loaded: the new page, its list right", ok);
}

/* Bind VA + SLOT16M into VA's slot, VA's TLB entry loaded or dropped. */
static void test_displace(int hw_drop)
{
	uint32_t pcap, rcap;
	int p = page_with(0x5555, &pcap), r = page_with(0x6666, &rcap), ok;

	ok = map(VA, p, pcap) == 0 && reads(VA, 0x5555);
	if (hw_drop)
		sys_tlb_delete(VA, 1);
	ok &= map(VA + SLOT16M, r, rcap) == 0 && reads(VA + SLOT16M, 0x6666);
	ok &= faults_at(VA);                     /* its slot and its TLB entry are gone */
	ok &= sys_page_free(p, pcap) == 0 && reads(VA + SLOT16M, 0x6666);
	ok &= sys_page_free(r, rcap) == 0 && faults_at(VA + SLOT16M);
	check(hw_drop ? "displace a binding not in the TLB: it is gone, lists right"
	      : "displace a binding in the TLB: it leaves the TLB, lists right", ok);
}

/* VA into the slot of a pinned mapping: C's wired entry. */
static void test_pinned(void)
{
	uint32_t pcap, rcap, t;
	int p = page_with(0x7777, &pcap), r = page_with(0x8888, &rcap), ok;

	ok = sys_tlb_write(PIN_VA, (uint32_t)p << PAGE_SHIFT | TLB_WRITE | TLB_PIN, pcap) == 0;
	ok &= reads(PIN_VA, 0x7777) && map(PIN_VA + SLOT16M, r, rcap) == 0;
	ok &= reads(PIN_VA + SLOT16M, 0x8888) && reads(PIN_VA, 0x7777);
	sys_tlb_delete(PIN_VA, 1);
	t = EXOS_CYCLES();
	probe(PIN_VA);                           /* refilled from its STLB slot */
	t = EXOS_CYCLES() - t;
	ok &= t < SLOW;
	check("the slot of a pinned mapping: both work, the pin keeps its slot", ok);
	ok = sys_page_free(p, pcap) == 0 && faults_at(PIN_VA) && reads(PIN_VA + SLOT16M, 0x8888);
	ok &= map(PIN_VA + SLOT16M, r, rcap) == 0 && reads(PIN_VA + SLOT16M, 0x8888);
	ok &= sys_page_free(r, rcap) == 0 && faults_at(PIN_VA + SLOT16M);
	check("the pin gone, its slot empty: the wired binding rebound, then broken", ok);
}

int main(uint32_t arg, uint32_t self)
{
	sys_set_handler(EXC_TLBL, skip_fault);
	sys_set_handler(EXC_TLBS, skip_fault);
	sys_set_handler(EXC_MOD, skip_fault);
	test_refusals();
	test_rebind(0);
	test_rebind(1);
	test_displace(0);
	test_displace(1);
	test_pinned();
	printf("tlbfast: %d wrong\n", wrong);
	return wrong != 0;
}
