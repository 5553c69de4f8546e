/*
 * exos.h: the minimal library OS: system-call wrappers (inline, so a
 * call costs only the SYSCALL), console output, formatted printing,
 * and the default exception handling.  Applications `#include "exos.h"`
 * and define int main(uint32_t arg, uint32_t envid).
 */
#ifndef EXOS_EXOS_H
#define EXOS_EXOS_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include "exo/exo.h"
#include "hw/mips.h"
#include "hw/testmips.h"
#include "exos_save.h"

/* The cycle counter, through the simctl page the kernel maps in every env. */
#define EXOS_CYCLES() (*(volatile uint32_t *)(EXO_SIMCTL_VA + SIMCTL_CYCLE_LO))

/* What a general-path system call may change besides v0, v1, a0-a2 (exo/exo.h). */
#define EXO_CLOBBERS "$1", "$7", "hi", "lo"

static inline int exo_call(uint32_t n, uint32_t a, uint32_t b, uint32_t c, uint32_t *v1out)
{
	register uint32_t v0 __asm__("v0") = n;
	register uint32_t v1 __asm__("v1");
	register uint32_t a0 __asm__("a0") = a;
	register uint32_t a1 __asm__("a1") = b;
	register uint32_t a2 __asm__("a2") = c;

	__asm__ volatile("syscall" : "+r"(v0), "=r"(v1), "+r"(a0), "+r"(a1), "+r"(a2)
			 : : "memory", EXO_CLOBBERS);
	if (v1out)
		*v1out = v1;
	return (int)v0;
}

/* SYS_YIELD_FAST: the caller-saved registers are not kept (exo/exo.h). */
static inline int exo_yield(uint32_t to)
{
	register uint32_t v0 __asm__("v0") = SYS_YIELD_FAST;
	register uint32_t a0 __asm__("a0") = to;

	__asm__ volatile("syscall" : "+r"(v0), "+r"(a0) : : "memory", "$1", "$3", "$5",
			 "$6", "$7", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15",
			 "$24", "$25", "hi", "lo");
	return (int)v0;
}

#define sys_null()            exo_call(SYS_NULL, 0, 0, 0, 0)
#define sys_getenvid()        exo_call(SYS_GETENVID, 0, 0, 0, 0)
#define sys_cputs(s, n)       exo_call(SYS_CPUTS, (uint32_t)(s), (n), 0, 0)
#define sys_exit(st)          exo_call(SYS_EXIT, (st), 0, 0, 0)
#define sys_page_alloc(p, c)  exo_call(SYS_PAGE_ALLOC, (p), 0, 0, (c))
#define sys_page_free(p, c)   exo_call(SYS_PAGE_FREE, (p), (c), 0, 0)
#define sys_page_cap(p, c, w, out) exo_call(SYS_PAGE_CAP, (p), (c), (w), (out))
#define sys_page_owner(p)     exo_call(SYS_PAGE_OWNER, (p), 0, 0, 0)
#define sys_kstat(va)         exo_call(SYS_KSTAT, (va), 0, 0, 0)
#define sys_tlb_write(va, pte, cap) exo_call(SYS_TLB_WRITE, (va), (pte), (cap), 0)
#define sys_tlb_delete(va, hw) exo_call(SYS_TLB_DELETE, (va), (hw), 0, 0)
#define sys_set_handler(c, pc) exo_call(SYS_SET_HANDLER, (c), (uint32_t)(pc), 0, 0)
#define sys_set_save(va)      exo_call(SYS_SET_SAVE, (va), 0, 0, 0)
#define sys_set_entry(k, pc)  exo_call(SYS_SET_ENTRY, (k), (uint32_t)(pc), 0, 0)
#define sys_yield(id)         exo_yield(id)
#define sys_env_create(m, a)  exo_call(SYS_ENV_CREATE, (m), (a), 0, 0)
#define sys_env_destroy(id)   exo_call(SYS_ENV_DESTROY, (id), 0, 0, 0)
#define sys_revoke(id, n, us) exo_call(SYS_REVOKE, (id), (n), (us), 0)
#define sys_slice_alloc(s)    exo_call(SYS_SLICE_ALLOC, (s), 0, 0, 0)
#define sys_slice_free(s)     exo_call(SYS_SLICE_FREE, (s), 0, 0, 0)
#define sys_cgetc()           exo_call(SYS_CGETC, 0, 0, 0, 0)
#define sys_cwait()           exo_call(SYS_CWAIT, 0, 0, 0, 0)
#define sys_net_send(p, c, off, len) exo_call(SYS_NET_SEND, (p), (c), (off) << 16 | (len), 0)
#define sys_net_bind(p, c, s) exo_call(SYS_NET_BIND, (p), (c), (s), 0)
#define sys_net_unbind()      exo_call(SYS_NET_UNBIND, 0, 0, 0, 0)
#define sys_net_stat(w)       exo_call(SYS_NET_STAT, (w), 0, 0, 0)
int exos_getenvid(void);      /* stubs.c: SYS_GETENVID as a real call */
int exos_transfer(int call, uint32_t to);   /* stubs.c: a transfer expected refused */

/* Console and formatting (the formatter is the target runtime's). */
void putchar_(int c);
int puts(const char *s);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
void exit(int status) __attribute__((noreturn));
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/*
 * Exception handling.  exos_init() pins the save page at EXO_SAVE_VA
 * and sends TLB misses to exos's handler, which looks the address up in
 * exos's page table (exos_map() fills it, EXOS_NPTE - 1 pages at most)
 * and installs the mapping.
 * exo_xret (xret.S) returns from a dispatched exception or an upcall:
 * t0 = the pc to resume at, the interrupted t0-t2 in the save area,
 * SAVE_CRIT set; exos_init registers it as the EXO_ENTRY_XRET sequence.
 */
void exos_init(void);
void exos_upcalls(void);                       /* install exos_eos */
void exos_eos(void);
extern volatile uint32_t exos_eos_count;       /* end-of-slice upcalls taken */
int exos_map(uint32_t va, uint32_t ppn, uint32_t cap, int write);
/*
 * exos_ptab: key = vpn + 1 (0 empty), pte and cap for SYS_TLB_WRITE
 * (xret.S reads them); vm, vm.c's PTE of the page (vm.c).
 */
struct exos_pte { uint32_t key, pte, cap, vm; };
extern struct exos_pte exos_ptab[EXOS_NPTE];
/* Set by vm_init (vm.h): the C path of a miss or Mod exception goes there. */
extern void (*exos_fault_hook)(uint32_t va, uint32_t cause, uint32_t epc);
void exos_segv(uint32_t va, uint32_t cause, uint32_t epc) __attribute__((noreturn));
void exos_modfault(void);                      /* xret.S: the C path as the Mod handler */
uint32_t exos_ram_pages(void);                 /* pages of RAM (SYS_PAGE_OWNER) */
void exo_xret(void);
void exos_tlbmiss(void);
extern volatile uint32_t exos_tlbmiss_count;  /* bumped by the handler */

#endif /* EXOS_EXOS_H */
