/*
 * exos.c: start-up, console output and the page table behind the
 * TLB-miss handler.
 */
#include "exos.h"

/*
 * The page table: a hash of the VPN, open addressing.  va's home bucket
 * is (va >> PAGE_SHIFT) % EXOS_NPTE; a VPN that finds it taken goes to
 * the next free bucket after it (wrapping), and a lookup stops at the
 * first empty one, so one bucket always stays empty.  key = VPN + 1 (0:
 * empty), pte = the SYS_TLB_WRITE argument, cap its capability.
 * exos_tlbmiss (xret.S) looks at the home bucket itself; exos_fault
 * does the rest.  16 bytes a bucket: xret.S indexes by shift.  A
 * process that uses vm.c (exos_fault_hook set) keeps its page table
 * there, and exos_ptab becomes that table's direct-mapped cache.
 */
_Static_assert(sizeof(struct exos_pte) == 16 && __builtin_offsetof(struct exos_pte, pte) == 4
	       && __builtin_offsetof(struct exos_pte, cap) == 8, "xret.S's view of a bucket");
_Static_assert((EXOS_NPTE & (EXOS_NPTE - 1)) == 0, "EXOS_NPTE: a power of 2");
struct exos_pte exos_ptab[EXOS_NPTE];
void (*exos_fault_hook)(uint32_t va, uint32_t cause, uint32_t epc);
static int npte;
volatile uint32_t exos_tlbmiss_count, exos_eos_count;

static char obuf[128];
static int olen;

static void flush(void)
{
	if (olen)
		sys_cputs(obuf, olen);
	olen = 0;
}

void putchar_(int c)
{
	obuf[olen++] = c;
	if (c == '\n' || olen == sizeof obuf)
		flush();
}

int puts(const char *s)
{
	while (*s)
		putchar_(*s++);
	putchar_('\n');
	return 0;
}

int printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n, i;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (i = 0; buf[i]; i++)
		putchar_(buf[i]);
	return n;
}

void exit(int status)
{
	flush();
	for (;;)
		sys_exit(status);
}

/* Pin a fresh page at EXO_SAVE_VA and make it the save area. */
void exos_init(void)
{
	uint32_t cap;
	int p = sys_page_alloc(-1, &cap);

	if (p < 0 || sys_tlb_write(EXO_SAVE_VA, (p << PAGE_SHIFT) | TLB_WRITE | TLB_PIN, cap) < 0
	    || sys_set_save(EXO_SAVE_VA) < 0) {
		sys_cputs("exos: no save area\n", 19);
		sys_exit(1);
	}
	sys_set_entry(EXO_ENTRY_XRET, exo_xret);
	sys_set_handler(EXC_TLBL, exos_tlbmiss);
	sys_set_handler(EXC_TLBS, exos_tlbmiss);
}

/*
 * Take end-of-slice upcalls with exos_eos (xret.S): it gives the slice
 * back and resumes, so the kernel never saves this environment's
 * registers at a tick.
 */
void exos_upcalls(void)
{
	sys_set_entry(EXO_ENTRY_EOS, exos_eos);
}

/* va's bucket: the one holding it, or the empty one where it would go. */
static struct exos_pte *pte_find(uint32_t va)
{
	uint32_t key = (va >> PAGE_SHIFT) + 1, i = (va >> PAGE_SHIFT) & (EXOS_NPTE - 1);

	while (exos_ptab[i].key != key && exos_ptab[i].key != 0)
		i = (i + 1) & (EXOS_NPTE - 1);
	return &exos_ptab[i];
}

/*
 * Record va -> ppn in exos's page table; the miss handler installs it.
 * -E_NOMEM when EXOS_NPTE - 1 pages are mapped already, -E_BUSY in a
 * process that uses vm.c.
 */
int exos_map(uint32_t va, uint32_t ppn, uint32_t cap, int write)
{
	struct exos_pte *p = pte_find(va);

	if (exos_fault_hook)
		return -E_BUSY;                 /* vm.c owns exos_ptab */
	if (p->key == 0) {
		if (npte == EXOS_NPTE - 1)
			return -E_NOMEM;
		npte++;
		p->key = (va >> PAGE_SHIFT) + 1;
	}
	p->pte = (ppn << PAGE_SHIFT) | (write ? TLB_WRITE : 0);
	p->cap = cap;
	return 0;
}

/*
 * Called by exos_tlbmiss for what its fast path did not finish: install
 * the mapping or die like a segfault.
 */
void exos_fault(uint32_t va, uint32_t cause, uint32_t epc)
{
	struct exos_pte *p;

	if (exos_fault_hook) {
		exos_fault_hook(va, cause, epc);
		return;
	}
	p = pte_find(va);
	exos_tlbmiss_count++;
	if (p->key != 0 && sys_tlb_write(va, p->pte, p->cap) == 0)
		return;
	exos_segv(va, cause, epc);
}

/* A fault no one handles: report it and exit like a segmentation fault. */
void exos_segv(uint32_t va, uint32_t cause, uint32_t epc)
{
	printf("exos: segmentation fault at %x (pc %x, cause %x)\n",
	       (unsigned)va, (unsigned)epc, (unsigned)cause);
	exit(139 & 0x7f);
}

/* The number of pages of RAM: the first ppn SYS_PAGE_OWNER refuses. */
uint32_t exos_ram_pages(void)
{
	uint32_t lo = 0, hi = 1u << 20;          /* 4 GB of pages at most */

	while (hi - lo > 1)
		if (sys_page_owner((lo + hi) / 2) == -E_INVAL)
			hi = (lo + hi) / 2;
		else
			lo = (lo + hi) / 2;
	return hi;
}
