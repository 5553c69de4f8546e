/*
 * pctbad.c: no value of a0 makes a protected control transfer enter a
 * free slot.  The boot module A (slot 0) creates B and exits, so slot 0
 * is free; B then transfers (synchronously and asynchronously) to 0, to
 * A's old envid, and to every slot's byte offset with sequence 0 (the
 * shape of a free slot's key), and each must come straight back with
 * -E_BADENV.  B exits last, with status 0.
 */
#include "exos.h"

static int bad;

static void try(uint32_t to)
{
	int s = exos_transfer(SYS_SCALL, to), a = exos_transfer(SYS_ACALL, to);

	if (s != -E_BADENV || a != -E_BADENV) {
		printf("transfer to %x: %d %d WRONG\n", (unsigned)to, s, a);
		bad++;
	}
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t i, a = arg & ~1u;

	if (!(arg & 1)) {
		sys_env_create(0, self | 1);
		return 3;                    /* slot 0 is free from here on */
	}
	while (sys_yield(a) != -E_BADENV)    /* until A is gone */
		;
	try(0);
	try(a);
	try(0xffffffff);
	for (i = 0; i < EXO_NENV; i++) {
		try(i << 10);
		try(i << 10 ^ 0x400);
	}
	printf("transfers to free slots and stale ids: %s\n", bad ? "WRONG" : "all -E_BADENV: ok");
	return 0;
}
