/*
 * net.h: the wire protocol between `sim --net link=PATH` and the simnet
 * hub (tools/simnet.c), over a Unix stream socket (docs/NET.md).
 *
 * Every message is a header (struct net_msg, little-endian as the hosts
 * we build on) and `len` bytes.  Time on the link is in nanoseconds of
 * virtual time since reset, so machines of different clocks can share
 * a segment.  Epoch k is [k * epoch_ns, (k + 1) * epoch_ns): the hub
 * lets every machine run through it, collects the frames each sent
 * (their arrival times are past the epoch's end, as epoch_ns is the
 * shortest frame's wire time plus the latency), hands each machine the
 * others' frames in a fixed order, then lets them run the next epoch.
 */
#ifndef SIM_NET_H
#define SIM_NET_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#define NET_MAGIC 0x54454e53u    /* "SNET" */
#define NET_VERSION 1

enum net_msg_type {
	NET_HELLO = 1,   /* node: payload struct net_hello */
	NET_WELCOME,     /* hub: time = epoch_ns */
	NET_REFUSE,      /* hub: payload a message */
	NET_FRAME,       /* either way: time = arrival (ns), payload the frame */
	NET_DONE,        /* node: time = the epoch it has run through */
	NET_GO,          /* hub: time = the epoch to run next */
	NET_BYE,         /* node: stopped for good; no more frames to or from it */
};

struct net_msg {
	uint32_t type;
	uint32_t len;            /* bytes of payload that follow */
	uint64_t time;
};

/* Whole reads and writes on the link's socket (EINTR retried); 0, or -1
 * when the peer is gone.  Inline here: sim and simnet both speak it. */
static inline int net_write_all(int fd, const void *buf, size_t n)
{
	const uint8_t *p = buf;

	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static inline int net_read_all(int fd, void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t k = read(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* One message: its header, then len bytes of p. */
static inline int net_msg_send(int fd, uint32_t type, uint64_t time, const void *p, uint32_t len)
{
	struct net_msg h = { type, len, time };
	return net_write_all(fd, &h, sizeof h) || (len && net_write_all(fd, p, len)) ? -1 : 0;
}

struct net_hello {
	uint32_t magic, version;
	uint64_t speed;          /* bits/s: all nodes must agree */
	uint64_t latency_ns;     /* all nodes must agree */
	uint8_t mac[6];          /* unique on the segment; orders equal times */
	uint8_t pad[2];
};

#define NET_MIN_FRAME_BITS 576   /* preamble and a 64-byte frame */
#define NET_MAX_PAYLOAD 2048     /* a frame, or a refusal's text */

/* The lookahead: the shortest frame's time on the wire plus the latency. */
static inline uint64_t net_epoch_ns(uint64_t speed, uint64_t latency_ns)
{
	return (NET_MIN_FRAME_BITS * 1000000000ull + speed - 1) / speed + latency_ns;
}

#endif /* SIM_NET_H */
