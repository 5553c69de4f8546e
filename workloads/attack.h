/*
 * attack.h: the bystander of the hostile-application tests
 * (workloads/attack_*.c, tests/kernel/attack_*.t).  The attacker
 * creates it first; it pins a page of its own, fills it with a
 * pattern, and checks the pattern (and that it still owns the page)
 * each time it runs, yielding back to the attacker in between.  When
 * the attacker has exited it checks once more, prints the verdict and
 * exits with 0 if the page was intact every time, so the run's exit
 * status is the bystander's.  Also the call any number with any
 * arguments (attack_call) and the documented results for bad ones
 * (sys_ok).
 */
#ifndef ATTACK_H
#define ATTACK_H

#include "exos.h"

#define BY_VA    0x00900000          /* the bystander's page (segment 2, pinned) */
#define BY_WORDS (PAGE_SIZE / 4)
#define BY_ARG   1                   /* main's arg = attacker's envid | BY_ARG */
#define BOOT_ENVID 0x10000           /* the boot module's envid (slot 0, seq 1) */

/*
 * Any system call n with a0..a2, returning v0 (v1 in *v1out): every
 * register a call may change is clobbered (SYS_YIELD_FAST keeps only
 * the callee-saved ones), so any number is safe to try.
 */
static inline int attack_call(uint32_t n, uint32_t a, uint32_t b, uint32_t c, uint32_t *v1out)
{
	register uint32_t v0 __asm__("v0") = n;
	register uint32_t v1 __asm__("v1");
	register uint32_t a0 __asm__("a0") = a;
	register uint32_t a1 __asm__("a1") = b;
	register uint32_t a2 __asm__("a2") = c;

	__asm__ volatile("syscall" : "+r"(v0), "=r"(v1), "+r"(a0), "+r"(a1), "+r"(a2)
			 : : "memory", "$1", "$7", "$8", "$9", "$10", "$11", "$12", "$13",
			 "$14", "$15", "$24", "$25", "hi", "lo");
	*v1out = v1;
	return (int)v0;
}

/*
 * Whether r is what call n documents (exo/exo.h) for arguments a that
 * name nothing of the caller's (self: the caller).
 */
static inline int sys_ok(int n, const uint32_t *a, int r, uint32_t self)
{
	int inval = r == -E_INVAL;

	if (n <= SYS_SCALL)
		return r == -E_BADENV;
	switch (n) {
	case SYS_NULL:
		return r == 0;
	case SYS_CGETC:
		return r == 0;
	case SYS_GETENVID:
		return r == (int)self;
	case SYS_CPUTS:
		return r == -E_FAULT || inval || (r == (int)a[1] && a[1] <= 4096);
	case SYS_PAGE_ALLOC:
		/* -1 is any page; any other a0 names one (so 0x80000000 is out of range) */
		return r >= 0 ? a[0] == 0xffffffffu : inval || r == -E_BUSY || r == -E_NOMEM;
	case SYS_PAGE_FREE: case SYS_PAGE_CAP:
		return inval || r == -E_PERM;
	case SYS_PAGE_OWNER:
		return r >= 0 || inval;
	case SYS_TLB_WRITE:
		return inval || r == -E_PERM;
	case SYS_TLB_DELETE:
		return r == 0 ? a[0] < 0x80000000u && a[1] <= 1 : inval;
	case SYS_TLB_UNBIND:
		return r == 0 ? (a[0] & (PAGE_SIZE - 1)) == 0 && a[0] >= EXO_SEG2_END
				&& a[0] < 0x80000000u && a[1] >= 1 && a[1] <= EXO_UNBIND_MAX
				&& a[1] <= (0x80000000u - a[0]) >> PAGE_SHIFT : inval;
	case SYS_SET_HANDLER: case SYS_SET_SAVE:
		return inval;
	case SYS_SET_ENTRY:
		return r == 0 ? a[0] < EXO_NENTRY && a[1] < 0x80000000u : inval;
	case SYS_ENV_CREATE:
		return r > 0 ? a[0] == 0 : inval || r == -E_NOMEM;
	case SYS_REVOKE:
		return r == -E_BADENV || r == -E_PERM || inval;
	case SYS_SLICE_ALLOC:
		/* Likewise. */
		return r >= 0 ? a[0] == 0xffffffffu : inval || r == -E_BUSY || r == -E_NOMEM;
	case SYS_SLICE_FREE:
		return r == 0 ? a[0] < EXO_NSLICE : inval || r == -E_PERM;
	case SYS_YIELD: case SYS_YIELD_FAST:
		return r == 0 ? a[0] == 0xffffffffu : r == -E_BADENV;
	case SYS_ENV_DESTROY:
		return r == -E_BADENV || r == -E_PERM;
	case SYS_ENV_ALLOC:
		return r > 0 ? a[0] == 0 : inval || r == -E_NOMEM;
	case SYS_ENV_MAP: case SYS_ENV_SET: case SYS_ENV_START:
		return r == -E_BADENV || r == -E_PERM || inval;
	case SYS_MODULE_READ:
		/* a size query of the one boot module (0), its image or its name */
		return r > 0 ? a[2] == 0xffffffffu && (a[0] & ~EXO_MODULE_NAME) == 0
			     : inval || r == -E_PERM;
	case SYS_ENV_WAIT:
		/* it never starts a child, so it has none to wait for */
		return r == -E_BADENV || inval;
	case SYS_NET_SEND:
		return inval || r == -E_PERM;
	case SYS_NET_BIND:
		return inval || r == -E_PERM || r == -E_BUSY;
	case SYS_NET_UNBIND:
		return r == -E_PERM;
	case SYS_NET_STAT:
		return a[0] < NET_STAT_N ? r >= 0 : inval;
	case SYS_DPF_INSERT:
		/* a pointer that happens to hold a valid filter inserts it */
		return r > 0 || inval || r == -E_FAULT || r == -E_PERM || r == -E_BUSY || r == -E_NOMEM;
	case SYS_DPF_DELETE:
		return r == 0 || inval || r == -E_PERM;
	case SYS_DPF_DEMUX:
		return r >= 0 || inval || r == -E_FAULT;
	case SYS_KSTAT:
		return r == 0 ? !(a[0] & 0xfff) && a[0] && a[0] < EXO_SEG2_END
		              : inval || r == -E_BUSY || r == -E_NOMEM;
	}
	return r == -E_NOSYS;
}

/* The pattern word i of the bystander self: differs per word and per env. */
static uint32_t by_word(uint32_t i, uint32_t self)
{
	return (i * 2654435761u) ^ self ^ 0x5a5aa5a5u;
}

/* How many words of the bystander's page differ from the pattern. */
static uint32_t by_verify(uint32_t self)
{
	volatile uint32_t *p = (volatile uint32_t *)BY_VA;
	uint32_t i, bad = 0;

	for (i = 0; i < BY_WORDS; i++)
		bad += p[i] != by_word(i, self);
	return bad;
}

/*
 * The bystander's life: pattern, then check and yield to the attacker
 * until it is gone (a yield fails and destroying it says there is no
 * such environment, where a live one says -E_PERM).
 */
static int bystander(uint32_t attacker, uint32_t self)
{
	volatile uint32_t *p = (volatile uint32_t *)BY_VA;
	uint32_t cap, i, bad = 0, checks = 0;
	int q = sys_page_alloc(-1, &cap);

	if (q < 0 || sys_tlb_write(BY_VA, q << PAGE_SHIFT | TLB_WRITE | TLB_PIN, cap) < 0) {
		printf("bystander: setup WRONG (%d)\n", q);
		return 1;
	}
	for (i = 0; i < BY_WORDS; i++)
		p[i] = by_word(i, self);
	for (;;) {
		bad += by_verify(self);
		bad += sys_page_owner(q) != (int)self;
		checks++;
		if (sys_yield(attacker) >= 0)
			continue;
		if (sys_env_destroy(attacker) == -E_BADENV)
			break;
		sys_yield(-1);
	}
	bad += by_verify(self);
	bad += sys_page_owner(q) != (int)self;
	printf("bystander: page %s after %u checks\n", bad ? "CORRUPT: WRONG" : "intact",
	       (unsigned)checks);
	return bad != 0;
}

#endif /* ATTACK_H */
