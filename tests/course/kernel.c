/*
 * kernel.c: a small teaching kernel for GXemul's testmips R3000 machine,
 * in the style of an operating-systems course: exception entry and return
 * in assembly (entry.S), a timer interrupt, a TLB refill handler that maps
 * the user program's pages on demand, a user program in kuseg (user.c)
 * that makes system calls, and the IDE disk driven through its registers
 * (include/hw/testmips.h, docs/GXEMUL.md).  tests/run-course.sh runs it on
 * ./sim and on gxemul; its output does not depend on timing.
 */
#include "rt.h"
#include "course.h"

#define TICK_HZ    100     /* the rtc's rate while the kernel waits */
#define WAIT_TICKS 3       /* how many ticks the timer test waits for */

#define DISK(off)  MMIO32(DISK_BASE + (off))
#define DISK_BUF   ((volatile uint8_t *)TM_KSEG1(DISK_BASE + DISK_BUFFER))

/* What exc_entry saves (entry.S); the layout is course.h's TF_*. */
struct trapframe {
	uint32_t regs[32];
	uint32_t hi, lo;
	uint32_t status, cause, epc, badvaddr;
};
_Static_assert(__builtin_offsetof(struct trapframe, hi) == TF_HI, "TF_HI");
_Static_assert(__builtin_offsetof(struct trapframe, status) == TF_STATUS, "TF_STATUS");
_Static_assert(__builtin_offsetof(struct trapframe, epc) == TF_EPC, "TF_EPC");
_Static_assert(__builtin_offsetof(struct trapframe, badvaddr) == TF_BADVADDR, "TF_BADVADDR");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

/* entry.S */
extern const uint32_t vec_utlb_stub[4], vec_general_stub[4];
void user_enter(uint32_t pc, uint32_t sp) __attribute__((noreturn));
void status_set(uint32_t st);
void tlb_clear(void);
/* user_image.S: the user program, linked at UBASE (user.ld). */
extern const uint8_t user_image[], user_image_end[];

/* The user region's physical pages, and their PTEs (utlb_refill reads
 * pgtab[i] for the page at UBASE + i * PAGE_SIZE). */
static uint8_t upages[UPAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
uint32_t pgtab[UPAGES];

static volatile uint32_t ticks;

/* The kernel address of the user range [va, va + len), or NULL if any
 * of it lies outside the user region. */
static uint8_t *user_range(uint32_t va, uint32_t len)
{
	if (va < UBASE || va > UEND || len > UEND - va)
		return NULL;
	return &upages[0][0] + (va - UBASE);
}

/* One sector of disk 0 to or from the kernel buffer buf; 0 or -1. */
static int disk_rw(uint32_t sector, uint8_t *buf, int write)
{
	if (write)
		for (int i = 0; i < DISK_SECTOR; i++)
			DISK_BUF[i] = buf[i];
	DISK(DISK_ID) = 0;
	DISK(DISK_OFFSET) = sector * DISK_SECTOR;
	DISK(DISK_START) = write ? DISK_OP_WRITE : DISK_OP_READ;
	if (DISK(DISK_STATUS) != 1)
		return -1;
	if (!write)
		for (int i = 0; i < DISK_SECTOR; i++)
			buf[i] = DISK_BUF[i];
	return 0;
}

/* The system call in tf's v0 with arguments a0..a1; the result goes to
 * v0 and the user resumes after the SYSCALL.  Errors (-1): a buffer not
 * wholly in the user region; a disk operation that failed. */
static void syscall(struct trapframe *tf)
{
	uint32_t a0 = tf->regs[4], a1 = tf->regs[5];
	uint8_t *p;
	int32_t ret = -1;

	switch (tf->regs[2]) {
	case SYS_PRINT:
		if ((p = user_range(a0, a1)) != NULL) {
			for (uint32_t i = 0; i < a1; i++)
				putchar_(p[i]);
			ret = (int32_t)a1;
		}
		break;
	case SYS_DISK_READ:
	case SYS_DISK_WRITE:
		if ((p = user_range(a1, DISK_SECTOR)) != NULL)
			ret = disk_rw(a0, p, tf->regs[2] == SYS_DISK_WRITE);
		break;
	case SYS_EXIT:
		printf("kernel: user program exited with status %u\n", a0);
		exit((int)a0);
	default:
		printf("kernel: unknown system call %u\n", tf->regs[2]);
		break;
	}
	tf->regs[2] = (uint32_t)ret;
	tf->epc += 4;
}

/* An interrupt: count and acknowledge a timer tick; anything else is a
 * kernel bug. */
static void interrupt(struct trapframe *tf)
{
	if (!(tf->cause & CAUSE_IP(RTC_IRQ))) {
		printf("kernel panic: stray interrupt, Cause 0x%08x\n", tf->cause);
		exit(2);
	}
	ticks++;
	MMIO32(RTC_BASE + RTC_ACK) = 0;
}

/* Called by exc_entry with the trap frame of every exception but a UTLB
 * miss.  Returns to trap_return, which resumes at tf->epc. */
void trap(struct trapframe *tf)
{
	uint32_t code = (tf->cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT;
	int user = (tf->status & ST_KUP) != 0;

	if (code == EXC_INT) {
		interrupt(tf);
	} else if (code == EXC_SYS && user) {
		syscall(tf);
	} else {
		printf("kernel: %s exception %u at pc 0x%08x, address 0x%08x\n",
		       user ? "user" : "kernel", code, tf->epc, tf->badvaddr);
		exit(user ? 3 : 2);
	}
}

/* Wait with interrupts on until the rtc has ticked WAIT_TICKS times,
 * then stop it.  (How many ticks come in any span depends on the host
 * under gxemul, so only the lower bound is printed.) */
static void timer_test(void)
{
	MMIO32(RTC_BASE + RTC_HZ) = TICK_HZ;
	status_set(ST_IM(RTC_IRQ) | ST_IEC);
	while (ticks < WAIT_TICKS)
		;
	status_set(0);
	MMIO32(RTC_BASE + RTC_HZ) = 0;
	MMIO32(RTC_BASE + RTC_ACK) = 0;
	printf("kernel: timer interrupts: at least %u ticks\n", WAIT_TICKS);
}

/* Copy the user image into the user pages (zeroed: its .bss and stack)
 * and give every page a valid, writable PTE. */
static void user_load(void)
{
	uint32_t size = (uint32_t)(user_image_end - user_image);

	memset(upages, 0, sizeof upages);
	memcpy(upages, user_image, size);
	for (int i = 0; i < UPAGES; i++)
		pgtab[i] = ((uint32_t)upages[i] & KSEG_PHYS_MASK) | ELO_V | ELO_D;
	printf("kernel: user program of %u bytes at 0x%08x\n", size, UBASE);
}

/* The kernel's main: vectors, TLB, timer, then the user program. */
void kmain(void)
{
	printf("kernel: booting\n");
	memcpy((void *)VEC_UTLB, vec_utlb_stub, sizeof vec_utlb_stub);
	memcpy((void *)VEC_GENERAL, vec_general_stub, sizeof vec_general_stub);
	status_set(0);                      /* BEV off: our vectors */
	tlb_clear();
	timer_test();
	user_load();
	user_enter(UBASE, UEND);
}
