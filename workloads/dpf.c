/*
 * dpf.c: DPF's system calls (tests/kernel/dpf.t).  The parent inserts
 * filters bound to itself, classifies frames in memory with the
 * kernel's generated code (each to its filter and owner, none to an
 * unknown port, ten filters on one field through a hash table, a
 * variable-length IP header), deletes one; a child's filter classifies
 * to the child, and goes when the child is destroyed; then (no other
 * environment's filter in the way) a filter past a variable-length IP
 * header.
 */
#include "exos.h"
#include "dpf_pkt.h"

/* The child: one filter to port 81, then it yields for ever. */
static int __attribute__((noreturn)) child(void)
{
	printf("child: insert: %s\n", insert_port(81, 0) > 0 ? "ok" : "refused");
	for (;;)
		sys_yield(-1);
}

int main(uint32_t arg, uint32_t self)
{
	uint32_t owner = 0;
	int id80, id82, c, ok, r, ids[10];

	if (arg == 1)
		return child();
	id80 = insert_port(80, 0);
	printf("parent: insert: %s\n", id80 > 0 ? "ok" : "refused");
	r = demux_port(80, 0, &owner);
	printf("parent: port 80: %s\n", r == id80 && owner == self ? "own filter" : "wrong");
	r = demux_port(99, 0, &owner);
	printf("parent: port 99: %d\n", r);
	c = sys_env_create(0, 1);
	for (int i = 0; i < 100 && demux_port(81, 0, &owner) == 0; i++)
		sys_yield(c);
	r = demux_port(81, 0, &owner);
	printf("parent: port 81: %s\n", r > 0 && owner == (uint32_t)c ? "the child's filter" : "wrong");
	id82 = insert_port(82, 0);
	ok = id82 > 0 && demux_port(82, 0, &owner) == id82 && demux_port(80, 0, &owner) == id80 &&
	     demux_port(81, 0, &owner) > 0 && owner == (uint32_t)c;
	printf("parent: three filters: %s\n", ok ? "each its own" : "wrong");
	for (int i = 0; i < 10; i++)
		ids[i] = insert_port(100 + (uint32_t)i, 0);
	ok = 1;
	for (int i = 0; i < 10; i++)
		ok &= ids[i] > 0 && demux_port(100 + (uint32_t)i, 0, &owner) == ids[i];
	printf("parent: ten ports: %s\n", ok ? "each its own" : "wrong");
	printf("parent: delete: %d\n", sys_dpf_delete(id80));
	printf("parent: port 80 after delete: %d\n", demux_port(80, 0, &owner));
	printf("parent: delete again: %d\n", sys_dpf_delete(id80));
	sys_env_destroy(c);
	printf("parent: port 81 after the child: %d\n", demux_port(81, 0, &owner));
	printf("parent: port 82 still: %s\n", demux_port(82, 0, &owner) == id82 ? "own filter" : "wrong");
	r = insert_port(200, 1);
	ok = r > 0 && demux_port(200, 3, &owner) == r && demux_port(200, 0, &owner) == r;
	printf("parent: variable header: %s\n", ok ? "with and without IP options" : "wrong");
	return 0;
}
