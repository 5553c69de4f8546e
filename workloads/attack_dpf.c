/*
 * attack_dpf.c: DPF's system calls attacked (tests/kernel/attack_dpf.t).
 * A child (the bystander) holds a filter to port 7.  The parent tries
 * malformed filters, filters too long, lengths that wrap, pointers into
 * the kernel and unmapped ones, stealing the child's packets (the same
 * filter, a more specific one, a broader one, one past a variable IP
 * header that could match the same frames), deleting the child's filter
 * and ids out of range, and exhausting the filter table.  Each is
 * refused with its error; the bystander's frames still go to it.
 */
#include "exos.h"
#include "dpf_pkt.h"

static int __attribute__((noreturn)) child(void)
{
	printf("child: insert: %s\n", insert_port(7, 0) > 0 ? "ok" : "refused");
	for (;;)
		sys_yield(-1);
}

/* The bystander's frame still classifies to it. */
static void bystander(uint32_t c, const char *when)
{
	uint32_t owner = 0;
	int r = demux_port(7, 0, &owner);
	printf("parent: bystander %s: %s\n", when, r > 0 && owner == c ? "intact" : "LOST");
}

static void malformed(void)
{
	struct dpf_atom a[20];
	int n = tcp_filter(a, 9, 0);

	a[0].size = 12;
	printf("parent: size 12: %d\n", sys_dpf_insert(a, n));
	n = tcp_filter(a, 9, 0);
	a[2].val = 0x106;                       /* beyond 8 bits */
	printf("parent: value beyond its size: %d\n", sys_dpf_insert(a, n));
	n = tcp_filter(a, 9, 0);
	a[n++] = dpf_cmp(2, 16, 10);            /* port 9 and port 10 */
	printf("parent: contradiction: %d\n", sys_dpf_insert(a, n));
	n = tcp_filter(a, 9, 0);
	a[1].op = 77;
	printf("parent: unknown op: %d\n", sys_dpf_insert(a, n));
	n = tcp_filter(a, 9, 0);
	a[5].off = 60000;
	printf("parent: offset 60000: %d\n", sys_dpf_insert(a, n));
	printf("parent: no atoms: %d\n", sys_dpf_insert(a, 0));
	for (int i = 0; i < 20; i++)
		a[i] = dpf_cmp((unsigned)i, 8, 0);
	printf("parent: 17 atoms: %d\n", sys_dpf_insert(a, 17));
	printf("parent: 0xffffffff atoms: %d\n", sys_dpf_insert(a, 0xffffffffu));
	printf("parent: 0x10000001 atoms (wraps): %d\n", sys_dpf_insert(a, 0x10000001u));
}

static void pointers(void)
{
	uint32_t owner;

	printf("parent: atoms in the kernel: %d\n", sys_dpf_insert(0x80001000u, 7));
	printf("parent: atoms at the top: %d\n", sys_dpf_insert(0xfffffff0u, 1));
	printf("parent: atoms unmapped: %d\n", sys_dpf_insert(0x00700000u, 7));
	printf("parent: atoms across into kseg0: %d\n", sys_dpf_insert(0x7ffffff8u, 2));
	printf("parent: message in the kernel: %d\n", sys_dpf_demux(0x80001000u, 64, &owner));
	printf("parent: message wraps: %d\n", sys_dpf_demux(0x7fffffc0u, 2048, &owner));
	printf("parent: message too long: %d\n", sys_dpf_demux(0x00400000u, 100000, &owner));
}

static void stealing(uint32_t c)
{
	struct dpf_atom a[20];
	uint32_t owner;
	int n, victim, r;

	printf("parent: the same filter: %d\n", insert_port(7, 0));
	n = tcp_filter(a, 7, 0);
	a[n++] = dpf_cmp(4, 16, 0x5000);                /* narrower: one sequence number */
	printf("parent: a narrower one: %d\n", sys_dpf_insert(a, n));
	n = tcp_filter(a, 7, 0) - 1;                    /* broader: any port */
	printf("parent: a broader one: %d\n", sys_dpf_insert(a, n));
	printf("parent: past a variable header: %d\n", insert_port(7, 1));
	r = insert_port(8, 0);
	printf("parent: another port: %s\n", r > 0 ? "ok" : "refused");
	sys_dpf_delete(r);
	victim = demux_port(7, 0, &owner);
	printf("parent: delete the child's filter: %d\n", sys_dpf_delete(victim));
	printf("parent: delete 0: %d\n", sys_dpf_delete(0));
	printf("parent: delete 65: %d\n", sys_dpf_delete(65));
	printf("parent: delete 0xffffffff: %d\n", sys_dpf_delete(0xffffffffu));
	(void)c;
}

static void exhaust(void)
{
	static int ids[80];
	int n = 0, r;

	while (n < 80 && (r = insert_port(1000 + (uint32_t)n, 0)) > 0)
		ids[n++] = r;
	printf("parent: exhaustion: %d filters, then %d\n", n, r);
	for (int i = 0; i < n; i++)
		sys_dpf_delete(ids[i]);
	r = insert_port(1000, 0);
	printf("parent: after deleting them: %s\n", r > 0 ? "insert ok" : "refused");
	sys_dpf_delete(r);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t owner = 0;
	int c;

	if (arg == 1)
		child();
	c = sys_env_create(0, 1);
	for (int i = 0; i < 100 && demux_port(7, 0, &owner) == 0; i++)
		sys_yield(c);
	bystander((uint32_t)c, "at first");
	malformed();
	pointers();
	stealing((uint32_t)c);
	bystander((uint32_t)c, "after the attempts");
	exhaust();
	bystander((uint32_t)c, "after exhaustion");
	sys_env_destroy(c);
	printf("parent: port 7 after the child: %d\n", demux_port(7, 0, &owner));
	return 0;
}
