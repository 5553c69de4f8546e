/*
 * pinmiss.c: a guaranteed mapping that lost its STLB slot to another
 * environment's guaranteed mapping is refilled by the kernel and never
 * passed to the application: from user loads at pcs with bit 3 clear
 * and set (a stale register in utlb_refill once let that bit decide
 * whether the kernel or the application saw the miss), and from the
 * kernel's own copy (SYS_CPUTS reading the page).
 *
 * The child pins one page of its own at VA ^ (d << 18) for
 * d = 1..NCOLL: one of those shares the STLB slot of the parent's VA
 * (index = VPN ^ ASID << 6), whatever their two ASIDs (less than NCOLL
 * apart).  Then the parent pins its page at VA: the slot is held by a
 * guaranteed mapping, so the parent's goes only into the hardware TLB.
 * Each case first drops that TLB entry (SYS_TLB_DELETE, a1 = 1).
 */
#include "exos.h"

#define VA     0x00800000
#define NCOLL  40
#define MAGIC  0x600dbeefu
#define SLOW   100             /* cycles: more than an STLB hit, less than the pin path */

extern uint32_t load_b3_clear(uint32_t va), load_b3_set(uint32_t va);
__asm__(".set push\n.set noreorder\n"
	".align 4\n"
	".globl load_b3_clear\n"
	"load_b3_clear:\n"
	"	lw	$2, 0($4)\n"                /* pc & 8 == 0 */
	"	jr	$31\n"
	"	nop\n"
	"	nop\n"
	".align 4\n"
	"	nop\n"
	"	nop\n"
	".globl load_b3_set\n"
	"load_b3_set:\n"
	"	lw	$2, 0($4)\n"                /* pc & 8 == 8 */
	"	jr	$31\n"
	"	nop\n"
	".set pop\n");

static const char text[] = "kernel read the displaced pinned page: ok\n";

/* The child: pin its page at the NCOLL colliding addresses, then idle. */
static int __attribute__((noreturn)) child(uint32_t parent)
{
	uint32_t cap, d, bad = 0;
	int p = sys_page_alloc(-1, &cap);

	for (d = 1; d <= NCOLL; d++)
		if (sys_tlb_write(VA ^ d << 18, p << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap) < 0)
			bad++;
	*(volatile uint32_t *)(VA ^ 1 << 18) = 0x5a5a5a5a;
	for (;;) {
		for (d = 1; d <= NCOLL; d++)
			bad += *(volatile uint32_t *)(VA ^ d << 18) != 0x5a5a5a5a;
		if (bad)
			printf("child: its own pinned page is WRONG (%u)\n", (unsigned)bad);
		sys_yield(parent);
	}
}

/* One user-mode case: the load's value and whether it took the pin path. */
static void user_case(const char *what, uint32_t (*load)(uint32_t))
{
	uint32_t t, v;

	sys_tlb_delete(VA, 1);
	t = EXOS_CYCLES();
	v = load(VA);
	t = EXOS_CYCLES() - t;
	printf("%s: value %s, refilled by the kernel's pin path: %s\n", what,
	       v == MAGIC ? "ok" : "WRONG", t > SLOW ? "yes" : "NO (the STLB still had it)");
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t cap;
	int c, p, r;

	if (arg & 1)
		return child(arg & ~1u);
	c = sys_env_create(0, self | 1);
	sys_yield(c);                           /* it pins its pages */
	p = sys_page_alloc(-1, &cap);
	if (c < 0 || p < 0 || sys_tlb_write(VA, p << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap) < 0) {
		printf("pinmiss: setup failed (%d %d)\n", c, p);
		return 1;
	}
	*(volatile uint32_t *)VA = MAGIC;
	memcpy((char *)VA + 4, text, sizeof text);
	user_case("user load, pc bit 3 clear", load_b3_clear);
	user_case("user load, pc bit 3 set", load_b3_set);
	sys_tlb_delete(VA, 1);
	r = sys_cputs((char *)VA + 4, sizeof text - 1);
	printf("kernel copy from the displaced page: %d %s\n", r,
	       r == (int)sizeof text - 1 ? "ok" : "WRONG");
	sys_yield(c);                           /* the child checks its page */
	sys_env_destroy(c);
	return 0;
}
