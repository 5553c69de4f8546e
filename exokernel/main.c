/*
 * main.c: boot.  Checks the boot-information block, clears BEV so the
 * kernel's own vectors (vec.S, linked at 0x80000000 and 0x80000080)
 * take exceptions, accounts physical memory, sets up the software TLB
 * and the timer, creates an environment from every boot module and
 * runs the first.
 */
#include "kern.h"
#include "kdpf.h"

uint32_t bootinfo;                        /* physical address */

/*
 * The kernel stack with kcur at its top and kernel_env KENV_OFF bytes
 * above that, so that the light-call path (vec.S k_light) reaches both
 * from the stack pointer it has just set, with no further lui.
 */
struct karea {
	char stack[8192];
	struct kcur cur;
	char pad[KENV_OFF - sizeof(struct kcur)];
	struct env kenv;
} karea __attribute__((aligned(1024)));
__asm__(".globl kstack_top, kcur, kernel_env\n"
	".set kstack_top, karea + 8192\n"
	".set kcur, karea + 8192\n"
	".set kernel_env, karea + 8192 + " "1024");
_Static_assert(__builtin_offsetof(struct karea, cur) == 8192
	       && __builtin_offsetof(struct karea, kenv) == 8192 + KENV_OFF, "karea");

void halt(int status)
{
	MMIO8(CONS_BASE + CONS_HALT) = (uint8_t)status;
	for (;;)
		;
}

/* The next console input character, or 0 if none waits. */
int cons_getc(void)
{
	return MMIO8(CONS_BASE + CONS_PUTGETCHAR);
}

void kpanic(const char *why)
{
	printf("[aegis] panic: %s\n", why);
	halt(199);
}

/* k_kfault: a fault in kernel mode outside ucopyin. */
void kpanic_fault(void)
{
	uint32_t cause, epc, bad;

	__asm__ volatile("mfc0 %0, $13; mfc0 %1, $14; mfc0 %2, $8; nop"
			 : "=r"(cause), "=r"(epc), "=r"(bad));
	printf("[aegis] kernel fault: cause %x epc %x badvaddr %x\n",
	       (unsigned)cause, (unsigned)epc, (unsigned)bad);
	halt(199);
}

void kpanic_return(void)
{
	kpanic("trap handler returned");
}

/*
 * The value of "name=N" (decimal) on the boot command line (the words
 * after -- on sim's), or dflt if absent; a malformed or out-of-range
 * value is reported and ignored.
 */
static uint32_t boot_arg(const uint32_t *bi, const char *name, uint32_t dflt,
			 uint32_t lo, uint32_t hi)
{
	const char *c = KVA(bi[BI_CMDLINE / 4]);
	uint32_t n = strlen(name), v;

	for (; *c; c++) {
		if ((c != (const char *)KVA(bi[BI_CMDLINE / 4]) && c[-1] != ' ')
		    || memcmp(c, name, n) != 0 || c[n] != '=')
			continue;
		for (v = 0, c += n + 1; *c >= '0' && *c <= '9' && v <= hi; c++)
			v = v * 10 + (*c - '0');
		if ((*c && *c != ' ') || v < lo || v > hi) {
			printf("[aegis] boot argument %s: not %u..%u, using %u\n", name,
			       (unsigned)lo, (unsigned)hi, (unsigned)dflt);
			return dflt;
		}
		return v;
	}
	return dflt;
}

void kmain(uint32_t bi_kva)
{
	uint32_t *bi = (uint32_t *)bi_kva;
	uint32_t status, i, nboot;
	int r;

	if (bi[BI_MAGIC / 4] != BOOTINFO_MAGIC || bi[BI_VERSION / 4] != BOOTINFO_VERSION)
		kpanic("no boot-information block");
	bootinfo = PADDR(bi_kva);
	__asm__ volatile("mfc0 %0, $12" : "=r"(status));
	__asm__ volatile("mtc0 %0, $12" : : "r"(status & ~(ST_BEV | ST_IEC | ST_KUC)));
	page_init(bi[BI_FREE_START / 4], bi[BI_MEMSIZE / 4],
		  bi[BI_SEED_LO / 4] | (uint64_t)bi[BI_SEED_HI / 4] << 32);
	env_init();
	kdpf_init();
	stlb_init();
	sched_init(boot_arg(bi, "hz", EXO_TICK_HZ, 1, 20000));
	if (bi[BI_NMODULES / 4] == 0)
		kpanic("no workload: usage ./sim exokernel.elf workload.elf");
	/* boot=N: only the first N modules run; the rest are images to load */
	nboot = boot_arg(bi, "boot", BOOTINFO_MAXMOD, 1, BOOTINFO_MAXMOD);
	for (i = 0; i < bi[BI_NMODULES / 4] && i < nboot; i++)
		if ((r = env_create(i, 0, 0)) < 0)
			printf("[aegis] module %u: not loaded (error %d)\n", (unsigned)i, r);
	if (env_count() == 0)
		kpanic("no environment could be created");
	sched_next();
}
