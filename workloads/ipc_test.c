/*
 * ipc_test.c: ExOS's IPC (exos/ipc.h) with its data checked.
 *   pipe    7,000 bytes in writes of 1 to 2,999 bytes (one fills the
 *           1 KB ring, so the writer yields while it is full), read in
 *           pieces of 1 to 53 bytes by the peer, which checks every byte
 *           and sends back the count it found right
 *   pipe'   2,000 words through the inlined word calls, each sent back
 *           plus one
 *   shm     1,000 rounds of a counter ping-ponged with yields
 *   lrpc    100 calls to a counting server (each returns the counter),
 *           and 50 to a server running a C procedure of two words
 *   tlrpc   100 calls to the counting server, trusted
 * The boot module (arg 0) is the parent; each peer is a child with
 * arg = the parent's envid | role.
 */
#include "exos.h"
#include "ipc.h"

#define SHARE_VA  0x00c00000
#define ROLE_PIPE 1
#define ROLE_SHM  2
#define ROLE_CNT  3
#define ROLE_PROC 4
#define NBYTES    7000

static struct ipc_pipe out, in;
static volatile uint32_t *shm = (volatile uint32_t *)SHARE_VA;

static uint8_t pattern(uint32_t i)
{
	return (uint8_t)(i * 131 + (i >> 8) * 7 + 1);
}

static void check(const char *what, int ok)
{
	printf("ipc %s: %s\n", what, ok ? "ok" : "WRONG");
}

/* The pipe peer: the bytes, then the words. */
static void pipe_peer(uint32_t parent)
{
	uint8_t buf[64];
	uint32_t got = 0, right = 0, w, k = 1, i;
	int r;

	ipc_pipe_init(&in, (void *)SHARE_VA, parent, 0);
	ipc_pipe_init(&out, (void *)(SHARE_VA + 2048), parent, 0);
	while (got < NBYTES) {
		r = ipc_pipe_read(&in, buf, k);
		if (r <= 0)
			exit(2);
		for (i = 0; i < (uint32_t)r; i++)
			right += buf[i] == pattern(got + i);
		got += r;
		k = k % 53 + 1;
	}
	ipc_pipe_putw(&out, right);
	for (;;) {
		if (ipc_pipe_getw(&in, &w) != 4)
			exit(3);
		ipc_pipe_putw(&out, w + 1);
	}
}

static uint32_t proc(uint32_t a, uint32_t b)
{
	return a * 1000 + b;
}

static int peer(uint32_t parent, int role)
{
	uint32_t ppn, cap;

	if (role == ROLE_CNT || role == ROLE_PROC) {
		if (role == ROLE_CNT)
			ipc_serve_counter();
		else
			ipc_serve(proc);
		for (;;)
			ipc_yield(parent);
	}
	if (ipc_share_take(parent, &ppn, &cap, 1) < 0 || ipc_page_map(SHARE_VA, ppn, cap) < 0)
		return 1;
	if (role == ROLE_SHM)
		for (;;) {
			if (*shm & 1)
				*shm += 1;
			sys_yield(parent);
		}
	pipe_peer(parent);
	return 0;
}

static int child(uint32_t self, int role)
{
	uint32_t ppn, cap;
	int c = sys_env_create(0, self | role);

	if (c < 0)
		return c;
	if (role == ROLE_CNT || role == ROLE_PROC) {
		sys_yield(c);
		return c;
	}
	if (ipc_page_new(SHARE_VA, &ppn, &cap) < 0 || ipc_share_give(c, ppn, cap) < 0)
		return -1;
	ipc_pipe_init(&out, (void *)SHARE_VA, c, 1);
	ipc_pipe_init(&in, (void *)(SHARE_VA + 2048), c, 1);
	return c;
}

static void test_pipe(uint32_t self)
{
	static uint8_t buf[3000];
	uint32_t sent = 0, k = 1, i, w, right = 0, bad = 0;
	int c = child(self, ROLE_PIPE), r = 0;

	if (c < 0) {
		check("pipe set-up", 0);
		return;
	}
	while (sent < NBYTES && r >= 0) {
		k = sent == 100 ? 2999 : k % 37 + 1;     /* once more than the ring */
		if (k > NBYTES - sent)
			k = NBYTES - sent;
		for (i = 0; i < k; i++)
			buf[i] = pattern(sent + i);
		r = ipc_pipe_write(&out, buf, k);
		sent += r > 0 ? r : 0;
	}
	r = ipc_pipe_getw(&in, &right);
	printf("ipc pipe: %u of %u bytes arrived right (%d)\n", (unsigned)right, NBYTES, r);
	check("pipe data", r == 4 && right == NBYTES);
	for (i = 0; i < 2000; i++) {
		if (ipc_pipe_putw(&out, i * 2654435761u) != 4 || ipc_pipe_getw(&in, &w) != 4) {
			bad = 1000000;
			break;
		}
		bad += w != i * 2654435761u + 1;
	}
	printf("ipc pipe': 2000 words, %u wrong\n", (unsigned)bad);
	check("pipe' data", bad == 0);
	sys_env_destroy(c);
	sys_tlb_delete(SHARE_VA, 0);
}

static void test_shm(uint32_t self)
{
	uint32_t i, bad = 0;
	int c = child(self, ROLE_SHM);

	if (c < 0) {
		check("shm set-up", 0);
		return;
	}
	for (i = 0; i < 1000; i++) {
		*shm = 2 * i + 1;
		do              /* a yield also returns at our own next slice */
			sys_yield(c);
		while (*shm == 2 * i + 1);
		bad += *shm != 2 * i + 2;
	}
	printf("ipc shm: 1000 rounds, counter %u, %u wrong\n", (unsigned)*shm, (unsigned)bad);
	check("shm ping-pong", bad == 0 && *shm == 2000);
	sys_env_destroy(c);
	sys_tlb_delete(SHARE_VA, 0);
}

static void test_lrpc(uint32_t self)
{
	int cnt = child(self, ROLE_CNT), pr = child(self, ROLE_PROC), r, bad = 0, i;
	uint32_t v;

	if (cnt < 0 || pr < 0 || ipc_client(0) < 0) {
		check("lrpc set-up", 0);
		return;
	}
	for (i = 1; i <= 100; i++) {
		r = lrpc(cnt, 0, 0, &v);
		bad += r != 0 || v != (uint32_t)i;
	}
	printf("ipc lrpc: 100 calls, last returned %u, %d wrong\n", (unsigned)v, bad);
	check("lrpc returns the counter", bad == 0 && v == 100);
	for (bad = 0, i = 0; i < 50; i++) {
		r = lrpc(pr, i, 7, &v);
		bad += r != 0 || v != (uint32_t)i * 1000 + 7;
	}
	check("lrpc to a C procedure", bad == 0);
	ipc_client(1);
	for (bad = 0, i = 101; i <= 200; i++)
		bad += tlrpc_call(cnt, 0) != i;
	check("tlrpc returns the counter", bad == 0);
	ipc_entries_off();
	printf("ipc lrpc: to a destroyed server: %d\n",
	       (sys_env_destroy(pr), ipc_client(0), lrpc(pr, 1, 2, &v)));
	ipc_entries_off();
	sys_env_destroy(cnt);
}

int main(uint32_t arg, uint32_t self)
{
	if (arg)
		return peer(arg & ~0x3ffu, arg & 0x3ff);
	ipc_init(self);
	test_pipe(self);
	test_shm(self);
	test_lrpc(self);
	return 0;
}
