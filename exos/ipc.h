/*
 * ipc.h: ExOS's interprocess communication, built at user level on
 * Aegis's directed yield and protected control transfer (paper 6.1,
 * 7.1; docs/EXOS.md "IPC").
 *
 *   pipes   a circular buffer in a page both processes map; a write to
 *           a full ring or a read from an empty one yields the rest of
 *           the slice to the peer (SYS_YIELD_FAST).  ipc_pipe_read and
 *           ipc_pipe_write are library calls on bytes; ipc_pipe_putw
 *           and ipc_pipe_getw are the same inlined for one word (the
 *           paper's pipe').  Each end keeps its own index privately and
 *           checks the peer's published one: a peer that lies about it
 *           gets -E_INVAL, never an access outside the ring.
 *   shm     a counter in a shared page and a yield ping-pong (the
 *           benchmarks and tests do it with sys_yield directly).
 *   lrpc    a call into another environment over asynchronous protected
 *           control transfers (SYS_ACALL there and back: the caller keeps
 *           its own slices if the server dies).  lrpc_call saves every
 *           callee-saved register (s0-s8, gp, sp, ra) before it leaves
 *           and restores them when the reply comes, and accepts only the
 *           reply of the server it called carrying the token it sent
 *           (a secret plus a sequence number).  tlrpc_call trusts the
 *           server to keep the callee-saved registers and saves nothing.
 *
 * The registers of a transfer are the message:
 *   call:  v0 = SYS_ACALL, a0 = server, a1 = client, a2 = token,
 *          a3 = first argument, t3 = second argument
 *   reply: v0 = SYS_ACALL, a0 = client, a1 = client, a2 = token,
 *          a3 = the result
 *
 * An environment that sets a transfer entry can be entered whenever it
 * is not running, and the kernel keeps none of the context it had then
 * (exo/exo.h SYS_SCALL).  ExOS therefore saves its context in ipc_ctx
 * before every wait of a process that serves or calls (ipc_yield,
 * lrpc_call) and takes the start-of-slice upcall (ipc_sos), which
 * resumes that context when the kernel runs the process after it left
 * by a transfer.  A transfer that arrives while the process was running
 * (preempted) finds no saved context: the process cannot go on and
 * exits with IPC_LOST_STATUS.  So a process sets its entries only for
 * as long as it serves or calls (ipc_serve, ipc_client, ipc_entries_off).
 */
#ifndef EXOS_IPC_H
#define EXOS_IPC_H

#include "exos.h"

#define IPC_LOST_STATUS 97      /* exit status: a transfer found no context */
#define IPC_WAIT_MAX    64      /* yields a call waits for its reply after its
                                   own slice came back, before -E_BUSY */

/*
 * The process's IPC state.  Assembly (ipc.S) reaches it with one lui:
 * aligned so that every field's offset fits the lui's %lo.
 */
struct ipc_state {
	uint32_t ctx[12];   /* s0-s7, s8, sp, ra of the waiting code; a spare */
	uint32_t resp;      /* unused */
	uint32_t state;     /* IPC_IDLE, or IPC_YIELDING in ipc_yield */
	uint32_t peer;      /* the server a call waits for */
	uint32_t token;     /* the last token sent: odd while its call waits;
	                       a secret plus 3 per call, used up by the reply */
	uint32_t strays;    /* transfers and upcalls that were not the awaited reply */
	uint32_t key;       /* unused */
	uint32_t self;      /* this environment's id */
	uint32_t counter;   /* the counting server's counter */
	uint32_t (*handler)(uint32_t, uint32_t);  /* lrpc_srv_entry's procedure */
	uint32_t served;    /* calls the server answered */
	uint32_t lost;      /* transfers that found no context (before exit) */
};
#define IPC_IDLE     0
#define IPC_YIELDING 1
extern struct ipc_state ipc;

/* Set up: ipc.self, and the token's key (a capability: a secret). */
int ipc_init(uint32_t self);

/*
 * A directed yield (SYS_YIELD_FAST) that saves the context first, so a
 * transfer served meanwhile cannot lose it: returns 0 after a yield,
 * 1 when resumed after serving a call, or the yield's error.
 */
int ipc_yield(uint32_t to);

/* Entries: a server (generic procedure, or the counting one), a client
 * (untrusted or trusted replies), and off again. */
int ipc_serve(uint32_t (*proc)(uint32_t, uint32_t));
int ipc_serve_counter(void);
int ipc_client(int trusted);
int ipc_entries_off(void);

/*
 * LRPC: call `srv` with two words, wait for its reply.  lrpc() returns
 * 0 and *res = the result (lrpc_call returns it in v0, the status in
 * v1), or -E_BADENV (no such server, it has no entry, or it died
 * before replying), or -E_BUSY (it lives but did not reply within
 * IPC_WAIT_MAX yields after this process's own slice came back).
 */
uint64_t lrpc_call(uint32_t srv, uint32_t a, uint32_t b);  /* v0 result, v1 status */
static inline int lrpc(uint32_t srv, uint32_t a, uint32_t b, uint32_t *res)
{
	uint64_t r = lrpc_call(srv, a, b);

	*res = (uint32_t)r;
	return (int)(r >> 32);
}
/* Trusted LRPC: the result (>= 0), or -E_BADENV; saves no register. */
int tlrpc_call(uint32_t srv, uint32_t a);

/* Assembly entries and labels (ipc.S). */
void ipc_sos(void);
void lrpc_reply_entry(void), tlrpc_reply_entry(void);
void lrpc_srv_entry(void), lrpc_count_entry(void);

/*
 * Sharing a page: the creator gives (ppn, capability) to `to` with an
 * LRPC; the receiver serves until it has `n` pages.  Both sides set and
 * clear their own entries.  -E_* on failure.
 */
int ipc_share_give(uint32_t to, uint32_t ppn, uint32_t cap);
int ipc_share_take(uint32_t from, uint32_t *ppn, uint32_t *cap, int n);
/* Allocate a page and map it writable and pinned at va (segment 2). */
int ipc_page_new(uint32_t va, uint32_t *ppn, uint32_t *cap);
/* Map a page given by capability at va (pinned, writable). */
int ipc_page_map(uint32_t va, uint32_t ppn, uint32_t cap);

/*
 * Pipes.  A ring is one half of a shared page; each end holds an
 * ipc_pipe (private): the ring, its own index, the peer to yield to.
 */
#define IPC_RING 1024
struct ipc_ring {
	volatile uint32_t head;     /* written by the writer only */
	volatile uint32_t tail;     /* written by the reader only */
	uint32_t pad[6];
	uint8_t buf[IPC_RING];
};
struct ipc_pipe {
	struct ipc_ring *r;
	uint32_t pos;               /* the writer's head or the reader's tail */
	uint32_t peer;
};
void ipc_pipe_init(struct ipc_pipe *p, void *ring, uint32_t peer, int clear);
int ipc_pipe_write(struct ipc_pipe *p, const void *buf, uint32_t n);
int ipc_pipe_read(struct ipc_pipe *p, void *buf, uint32_t n);

/*
 * pipe': one word, inlined.  Word steps keep the index aligned; after
 * a byte-sized transfer left it unaligned, the library call does it.
 */
static inline int ipc_pipe_putw(struct ipc_pipe *p, uint32_t w)
{
	struct ipc_ring *r = p->r;
	uint32_t used;

	if (p->pos & 3)
		return ipc_pipe_write(p, &w, 4);
	while ((used = p->pos - r->tail) > IPC_RING - 4) {
		if (used > IPC_RING)
			return -E_INVAL;            /* the reader lied */
		if (sys_yield(p->peer) < 0)
			return -E_BADENV;
	}
	*(uint32_t *)&r->buf[p->pos & (IPC_RING - 1)] = w;
	r->head = p->pos += 4;
	return 4;
}

static inline int ipc_pipe_getw(struct ipc_pipe *p, uint32_t *w)
{
	struct ipc_ring *r = p->r;
	uint32_t avail;

	if (p->pos & 3)
		return ipc_pipe_read(p, w, 4);
	while ((avail = r->head - p->pos) == 0)
		if (sys_yield(p->peer) < 0)
			return -E_BADENV;
	if (avail > IPC_RING)
		return -E_INVAL;                    /* the writer lied */
	if (avail < 4)
		return ipc_pipe_read(p, w, 4);      /* a part of a word */
	*w = *(uint32_t *)&r->buf[p->pos & (IPC_RING - 1)];
	r->tail = p->pos += 4;
	return 4;
}

#endif /* EXOS_IPC_H */
