/*
 * ipc.c: ExOS's IPC in C (ipc.h): set-up, entries, page sharing by
 * capability, the waits that follow a transfer, and pipes.
 */
#include "ipc.h"

struct ipc_state ipc __attribute__((aligned(128)));
char ipc_stack[1024] __attribute__((aligned(8)));      /* waits after a transfer */
char ipc_srv_stack[2048] __attribute__((aligned(8)));  /* lrpc_srv_entry's procedure */

/* ipc.S's offsets. */
_Static_assert(__builtin_offsetof(struct ipc_state, state) == 52
	       && __builtin_offsetof(struct ipc_state, peer) == 56
	       && __builtin_offsetof(struct ipc_state, token) == 60
	       && __builtin_offsetof(struct ipc_state, strays) == 64
	       && __builtin_offsetof(struct ipc_state, self) == 72
	       && __builtin_offsetof(struct ipc_state, counter) == 76
	       && __builtin_offsetof(struct ipc_state, handler) == 80
	       && __builtin_offsetof(struct ipc_state, served) == 84
	       && sizeof(struct ipc_state) <= 128, "ipc.S's view of struct ipc_state");

void ipc_resume(void) __attribute__((noreturn));
void ipc_call_wait(void) __attribute__((noreturn));
void ipc_lost(void) __attribute__((noreturn));
void ipc_idle(void) __attribute__((noreturn));

/*
 * The tokens start from a secret: the write capability of a page, a
 * keyed MAC no other environment can compute (docs/KERNEL.md).  The
 * page goes back at once; its next owner gets another generation.
 */
int ipc_init(uint32_t self)
{
	uint32_t cap;
	int p = sys_page_alloc(-1, &cap);

	if (p < 0)
		return p;
	sys_page_free(p, cap);
	ipc.self = self;
	ipc.token = cap & ~1u;          /* even: no call waits */
	ipc.state = IPC_IDLE;
	return 0;
}

static int entries(void (*async)(void), void (*sos)(void))
{
	int r;

	if (ipc.self == 0 && async && (r = ipc_init(sys_getenvid())) < 0)
		return r;
	r = sys_set_entry(EXO_ENTRY_ASYNC, async);

	return r < 0 ? r : sys_set_entry(EXO_ENTRY_SOS, sos);
}

int ipc_serve(uint32_t (*proc)(uint32_t, uint32_t))
{
	ipc.handler = proc;
	return entries(lrpc_srv_entry, ipc_sos);
}

int ipc_serve_counter(void)
{
	return entries(lrpc_count_entry, ipc_sos);
}

int ipc_client(int trusted)
{
	return entries(trusted ? tlrpc_reply_entry : lrpc_reply_entry, ipc_sos);
}

int ipc_entries_off(void)
{
	return entries(0, 0);
}

/*
 * A call whose process ran again before the reply came (its own slice,
 * or a stray transfer), on ipc_stack with the context in ipc.ctx: lend
 * the server the rest of each slice until the reply enters
 * lrpc_reply_entry.  A server that no longer exists (the yield says
 * -E_BADENV) died in the call; one that does not answer within
 * IPC_WAIT_MAX slices is given up (-E_BUSY).
 */
void ipc_call_wait(void)
{
	register uint32_t v0 __asm__("v0");
	register uint32_t v1 __asm__("v1");
	int n, err = -E_BUSY;

	for (n = 0; n < IPC_WAIT_MAX; n++)
		if (sys_yield(ipc.peer) < 0) {
			err = -E_BADENV;
			break;
		}
	v0 = 0;
	v1 = err;
	__asm__ volatile("j ipc_call_end" : : "r"(v0), "r"(v1));
	__builtin_unreachable();
}

/* Entered by a transfer while it was running: its context is gone. */
void ipc_lost(void)
{
	ipc.lost++;
	printf("exos: env %x entered by a transfer while it ran: its context is lost\n",
	       (unsigned)ipc.self);
	exit(IPC_LOST_STATUS);
}

/* A trusted call left: nothing to do until the reply comes. */
void ipc_idle(void)
{
	for (;;)
		sys_yield(-1);
}

/* ---- sharing pages by capability ---- */

int ipc_page_map(uint32_t va, uint32_t ppn, uint32_t cap)
{
	return sys_tlb_write(va, (ppn << PAGE_SHIFT) | TLB_WRITE | TLB_PIN, cap);
}

int ipc_page_new(uint32_t va, uint32_t *ppn, uint32_t *cap)
{
	int p = sys_page_alloc(-1, cap), r;

	if (p < 0)
		return p;
	if ((r = ipc_page_map(va, p, *cap)) < 0)
		return r;
	memset((void *)va, 0, 1 << PAGE_SHIFT);
	*ppn = p;
	return 0;
}

/*
 * Give a page: an LRPC to the receiver's share handler with the ppn
 * and the write capability.  The receiver may not have set its entry
 * yet (-E_BADENV): yield to it and try again, a few times.  Then yield
 * once more, so that it resumes and can go on.
 */
int ipc_share_give(uint32_t to, uint32_t ppn, uint32_t cap)
{
	uint32_t res = 0;
	int r = ipc_client(0), tries;

	for (tries = 0; r == 0 && tries < 8; tries++) {
		r = lrpc(to, ppn, cap, &res);
		if (r != -E_BADENV)
			break;
		if (sys_yield(to) < 0)
			break;                  /* it is gone */
		r = 0;
	}
	ipc_entries_off();
	if (r == 0 && res != 0)
		r = -E_PERM;                    /* the receiver could not map it */
	if (r == 0)
		sys_yield(to);
	return r;
}

static uint32_t *take_ppn, *take_cap;
static int take_want, take_got;

/* The receiver's procedure: record the page, say whether it maps. */
static uint32_t take_one(uint32_t ppn, uint32_t cap)
{
	if (take_got >= take_want)
		return (uint32_t)-E_NOMEM;
	take_ppn[take_got] = ppn;
	take_cap[take_got++] = cap;
	return 0;
}

/*
 * Serve share calls until n pages came; yield to `from` meanwhile.
 * -E_BADENV when `from` is gone first.
 */
int ipc_share_take(uint32_t from, uint32_t *ppn, uint32_t *cap, int n)
{
	int r;

	take_ppn = ppn;
	take_cap = cap;
	take_want = n;
	take_got = 0;
	if ((r = ipc_serve(take_one)) < 0)
		return r;
	while (take_got < n)
		if ((r = ipc_yield(from)) < 0)
			break;
	ipc_entries_off();
	return take_got == n ? 0 : r < 0 ? r : -E_INVAL;
}

/* ---- pipes ---- */

void ipc_pipe_init(struct ipc_pipe *p, void *ring, uint32_t peer, int clear)
{
	p->r = ring;
	p->pos = 0;
	p->peer = peer;
	if (clear)
		p->r->head = p->r->tail = 0;
}

/* Copy k bytes between the caller's buffer and the ring at pos (wrapping). */
static void ring_copy(uint8_t *ring, uint32_t pos, uint8_t *mem, uint32_t k, int to_ring)
{
	uint32_t i, at;

	if (((pos | k | (uint32_t)mem) & 3) == 0) {         /* whole words */
		for (i = 0; i < k; i += 4) {
			at = (pos + i) & (IPC_RING - 1);
			if (to_ring)
				*(uint32_t *)&ring[at] = *(uint32_t *)&mem[i];
			else
				*(uint32_t *)&mem[i] = *(uint32_t *)&ring[at];
		}
		return;
	}
	for (i = 0; i < k; i++) {
		at = (pos + i) & (IPC_RING - 1);
		if (to_ring)
			ring[at] = mem[i];
		else
			mem[i] = ring[at];
	}
}

/*
 * Write all n bytes, yielding to the reader while the ring is full.
 * -> n; or the bytes written before the reader went away (-E_BADENV
 * if none); -E_INVAL if the reader's index is impossible.
 */
int ipc_pipe_write(struct ipc_pipe *p, const void *buf, uint32_t n)
{
	uint32_t done = 0, used, k;

	while (done < n) {
		used = p->pos - p->r->tail;
		if (used > IPC_RING)
			return -E_INVAL;
		if (used == IPC_RING) {
			if (sys_yield(p->peer) < 0)
				return done ? (int)done : -E_BADENV;
			continue;
		}
		k = IPC_RING - used;
		if (k > n - done)
			k = n - done;
		ring_copy(p->r->buf, p->pos, (uint8_t *)buf + done, k, 1);
		p->r->head = p->pos += k;
		done += k;
	}
	return done;
}

/*
 * Read what is there, up to n bytes, yielding to the writer while the
 * ring is empty.  -> the bytes read; -E_BADENV when the writer is gone
 * and nothing waits; -E_INVAL if its index is impossible.
 */
int ipc_pipe_read(struct ipc_pipe *p, void *buf, uint32_t n)
{
	uint32_t avail;

	if (n == 0)
		return 0;
	while ((avail = p->r->head - p->pos) == 0)
		if (sys_yield(p->peer) < 0)
			return -E_BADENV;
	if (avail > IPC_RING)
		return -E_INVAL;
	if (avail > n)
		avail = n;
	ring_copy(p->r->buf, p->pos, buf, avail, 0);
	p->r->tail = p->pos += avail;
	return avail;
}
