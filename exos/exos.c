/*
 * exos.c: start-up, console output and the page table behind the
 * TLB-miss handler.
 */
#include "exos.h"

#define NPTE 256

struct pte { uint32_t vpn, elo, cap; };
static struct pte ptab[NPTE];
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

/* Record va -> ppn in exos's page table; the miss handler installs it. */
int exos_map(uint32_t va, uint32_t ppn, uint32_t cap, int write)
{
	int i;

	for (i = 0; i < npte && ptab[i].vpn != (va >> PAGE_SHIFT); i++)
		;
	if (i == NPTE)
		return -E_NOMEM;
	ptab[i].vpn = va >> PAGE_SHIFT;
	ptab[i].elo = (ppn << PAGE_SHIFT) | (write ? TLB_WRITE : 0);
	ptab[i].cap = cap;
	if (i == npte)
		npte++;
	return 0;
}

/* Called by exos_tlbmiss: install the mapping or die like a segfault. */
void exos_fault(uint32_t va, uint32_t cause, uint32_t epc)
{
	int i;

	exos_tlbmiss_count++;
	for (i = 0; i < npte; i++)
		if (ptab[i].vpn == va >> PAGE_SHIFT
		    && sys_tlb_write(va, ptab[i].elo, ptab[i].cap) == 0)
			return;
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
