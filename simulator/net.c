/*
 * net.c: the Ethernet's connections (sim --net; docs/NET.md).
 *
 *   none         frames sent are counted (by the device) and go nowhere
 *   pcap-out     every frame, both directions, to a pcap file (libpcap)
 *                with virtual timestamps in nanoseconds
 *   pcap-in      a capture, read and checked whole at start, replayed
 *                into the NIC: frame i arrives (ts_i - ts_0) after reset
 *   link         a segment of several sims through a simnet hub, in
 *                lockstep epochs (net.h): deterministic
 *   tap          a Linux TAP interface; virtual time is paced to the
 *                host's clock: not deterministic
 *
 * All of it is host state, outside the snapshots.  The device state
 * (dev/ether.c) holds the frames in flight and the replay's position.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <pcap/pcap.h>

#include "core.h"
#include "net.h"

#define TAP_QUANTUM_NS 1000000ull    /* pacing step with a TAP: 1 ms */

struct replay_frame {
	uint64_t arrive;         /* cycle */
	uint32_t off, len;       /* in replay_data */
};

struct out_frame {
	uint64_t arrive_ns;
	uint32_t len;
	uint8_t data[ETH_FRAME_MAX];
};

struct net_host {
	pcap_t *dead;            /* pcap-out */
	pcap_dumper_t *dump;
	struct replay_frame *replay;   /* pcap-in */
	uint32_t nreplay;
	uint8_t *replay_data;
	int link_fd;             /* -1: no link */
	uint64_t epoch_ns, epoch;
	struct out_frame *out;   /* frames for the hub, this epoch */
	uint32_t nout, outcap;
	int tap_fd;              /* -1: no TAP */
	bool bye;                /* the hub has been told we stopped */
};

int sim_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned b[6];
	char tail;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
	           &tail) != 6 || strlen(s) != 17)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

static uint64_t cycle_to_ns(const struct machine *m, uint64_t c)
{
	return (uint64_t)((unsigned __int128)c * 1000000000u / m->cfg.clock_hz);
}

/* Rounded up: never before the cycle's time (the link's lookahead
 * relies on it). */
static uint64_t cycle_to_ns_up(const struct machine *m, uint64_t c)
{
	unsigned __int128 x = (unsigned __int128)c * 1000000000u;
	return (uint64_t)((x + m->cfg.clock_hz - 1) / m->cfg.clock_hz);
}

/* Rounded up: the first cycle at or after ns. */
static uint64_t ns_to_cycle(const struct machine *m, uint64_t ns)
{
	unsigned __int128 x = (unsigned __int128)ns * m->cfg.clock_hz;
	return (uint64_t)((x + 999999999u) / 1000000000u);
}

/* ---- pcap ------------------------------------------------------------- */

static void pcap_record(struct machine *m, const uint8_t *f, uint32_t len, uint64_t cycle)
{
	struct pcap_pkthdr h;
	uint64_t ns = cycle_to_ns(m, cycle);

	if (!m->net || !m->net->dump)
		return;
	memset(&h, 0, sizeof h);
	h.ts.tv_sec = (time_t)(ns / 1000000000u);
	h.ts.tv_usec = (suseconds_t)(ns % 1000000000u);   /* nanoseconds: see open */
	h.caplen = h.len = len;
	pcap_dump((u_char *)m->net->dump, &h, f);
}

static int pcap_out_open(struct machine *m, struct net_host *n, char *err, size_t errlen)
{
	n->dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535,
	                                               PCAP_TSTAMP_PRECISION_NANO);
	if (!n->dead) {
		sim_seterr(err, errlen, "--net pcap-out: libpcap cannot start a capture");
		return -1;
	}
	n->dump = pcap_dump_open(n->dead, m->cfg.net_pcap_out);
	if (!n->dump) {
		sim_seterr(err, errlen, "--net pcap-out=%s: %s", m->cfg.net_pcap_out,
		           pcap_geterr(n->dead));
		return -1;
	}
	return 0;
}

/* One record of the capture checked and kept; 0, or -1 with a message. */
static int replay_add(struct machine *m, struct net_host *n, const struct pcap_pkthdr *h,
                      const uint8_t *data, uint64_t *t0, uint64_t *total, char *err,
                      size_t errlen)
{
	const char *path = m->cfg.net_pcap_in;
	uint32_t i = n->nreplay;
	uint64_t ns = (uint64_t)h->ts.tv_sec * 1000000000u + (uint64_t)h->ts.tv_usec;
	void *p;

	if (h->caplen != h->len) {
		sim_seterr(err, errlen, "--net pcap-in=%s: frame %u was captured in part "
		           "(%u of %u bytes); a replay needs whole frames", path, i + 1,
		           h->caplen, h->len);
		return -1;
	}
	if (h->len < ETH_FRAME_MIN || h->len > ETH_FRAME_MAX) {
		sim_seterr(err, errlen, "--net pcap-in=%s: frame %u is %u bytes, not an "
		           "Ethernet frame of %d..%d", path, i + 1, h->len, ETH_FRAME_MIN,
		           ETH_FRAME_MAX);
		return -1;
	}
	if (i == 0)
		*t0 = ns;
	if (ns < *t0 || (i && m->cfg.clock_hz && ns_to_cycle(m, ns - *t0) < n->replay[i - 1].arrive)) {
		sim_seterr(err, errlen, "--net pcap-in=%s: frame %u is earlier than the one "
		           "before it", path, i + 1);
		return -1;
	}
	if ((i & (i - 1)) == 0) {      /* 0, 1, 2, 4 ...: grow */
		p = realloc(n->replay, (i ? 2 * i : 1) * sizeof *n->replay);
		if (!p)
			goto oom;
		n->replay = p;
	}
	p = realloc(n->replay_data, *total + h->len);
	if (!p)
		goto oom;
	n->replay_data = p;
	memcpy(n->replay_data + *total, data, h->len);
	n->replay[i] = (struct replay_frame){ ns_to_cycle(m, ns - *t0), (uint32_t)*total, h->len };
	*total += h->len;
	n->nreplay++;
	return 0;
oom:
	sim_seterr(err, errlen, "--net pcap-in=%s: out of host memory", path);
	return -1;
}

static int pcap_in_open(struct machine *m, struct net_host *n, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	const char *path = m->cfg.net_pcap_in;
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t t0 = 0, total = 0;
	pcap_t *p;
	int r;

	p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (!p) {
		sim_seterr(err, errlen, "--net pcap-in=%s: %s", path, ebuf);
		return -1;
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		sim_seterr(err, errlen, "--net pcap-in=%s: link type %s, not Ethernet", path,
		           pcap_datalink_val_to_name(pcap_datalink(p)) ?
		           pcap_datalink_val_to_name(pcap_datalink(p)) : "unknown");
		pcap_close(p);
		return -1;
	}
	while ((r = pcap_next_ex(p, &h, &data)) == 1)
		if (replay_add(m, n, h, data, &t0, &total, err, errlen)) {
			pcap_close(p);
			return -1;
		}
	if (r != PCAP_ERROR_BREAK) {
		sim_seterr(err, errlen, "--net pcap-in=%s: after %u frames: %s", path,
		           n->nreplay, pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	pcap_close(p);
	return 0;
}

bool net_replay(struct machine *m, uint32_t i, uint64_t *arrive, const uint8_t **f,
                uint32_t *len)
{
	struct net_host *n = m->net;

	if (!n || i >= n->nreplay)
		return false;
	*arrive = n->replay[i].arrive;
	*f = n->replay_data + n->replay[i].off;
	*len = n->replay[i].len;
	return true;
}

/* ---- link ------------------------------------------------------------- */


/* A message from the hub; its payload (up to NET_MAX_PAYLOAD) into buf. */
static int msg_recv(int fd, struct net_msg *h, uint8_t *buf)
{
	if (net_read_all(fd, h, sizeof *h) || h->len > NET_MAX_PAYLOAD)
		return -1;
	return h->len ? net_read_all(fd, buf, h->len) : 0;
}

static int link_open(struct machine *m, struct net_host *n, char *err, size_t errlen)
{
	const char *path = m->cfg.net_link;
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	struct net_hello hello = { NET_MAGIC, NET_VERSION, m->cfg.net_speed,
	                           m->cfg.net_latency_ns, { 0 }, { 0 } };
	uint8_t buf[NET_MAX_PAYLOAD + 1];
	struct net_msg h;

	if (strlen(path) >= sizeof a.sun_path) {
		sim_seterr(err, errlen, "--net link=%s: path too long for a Unix socket", path);
		return -1;
	}
	strcpy(a.sun_path, path);
	n->link_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (n->link_fd < 0 || connect(n->link_fd, (struct sockaddr *)&a, sizeof a)) {
		sim_seterr(err, errlen, "--net link=%s: cannot connect: %s (is simnet serving "
		           "it?)", path, strerror(errno));
		return -1;
	}
	memcpy(hello.mac, m->cfg.net_mac, 6);
	if (net_msg_send(n->link_fd, NET_HELLO, 0, &hello, sizeof hello) ||
	    msg_recv(n->link_fd, &h, buf)) {
		sim_seterr(err, errlen, "--net link=%s: the hub closed the connection", path);
		return -1;
	}
	if (h.type != NET_WELCOME) {
		buf[h.type == NET_REFUSE ? h.len : 0] = 0;
		sim_seterr(err, errlen, "--net link=%s: refused: %s", path,
		           h.type == NET_REFUSE ? (char *)buf : "protocol error");
		return -1;
	}
	n->epoch_ns = h.time;
	m->net_live = true;
	return 0;
}

/* The frames of this epoch to the hub. */
static int link_flush(struct net_host *n)
{
	for (uint32_t i = 0; i < n->nout; i++)
		if (net_msg_send(n->link_fd, NET_FRAME, n->out[i].arrive_ns, n->out[i].data,
		             n->out[i].len))
			return -1;
	n->nout = 0;
	return 0;
}

static void link_queue(struct machine *m, struct net_host *n, const uint8_t *f, uint32_t len,
                       uint64_t start, uint64_t end)
{
	struct out_frame *o;

	(void)start;
	if (n->nout == n->outcap) {
		uint32_t cap = n->outcap ? 2 * n->outcap : 8;
		void *p = realloc(n->out, cap * sizeof *n->out);
		if (!p) {
			machine_wedged(m, "out of host memory for the link's frames");
			return;
		}
		n->out = p;
		n->outcap = cap;
	}
	o = &n->out[n->nout++];
	/* The last bit leaves at `end`; it arrives latency later. */
	o->arrive_ns = cycle_to_ns_up(m, end) + m->cfg.net_latency_ns;
	o->len = len;
	memcpy(o->data, f, len);
}

/* Epoch done: our frames out, the others' in, and the hub's go. */
static int link_sync(struct machine *m, struct net_host *n)
{
	uint8_t buf[NET_MAX_PAYLOAD];
	struct net_msg h;

	if (link_flush(n) || net_msg_send(n->link_fd, NET_DONE, n->epoch, NULL, 0))
		return -1;
	for (;;) {
		if (msg_recv(n->link_fd, &h, buf))
			return -1;
		if (h.type == NET_GO)
			break;
		if (h.type != NET_FRAME)
			return -1;
		ether_deliver(m, buf, h.len, ns_to_cycle(m, h.time));
	}
	n->epoch++;
	return h.time == n->epoch ? 0 : -1;
}

static void link_bye(struct net_host *n)
{
	if (n->link_fd < 0 || n->bye)
		return;
	n->bye = true;
	link_flush(n);
	net_msg_send(n->link_fd, NET_BYE, n->epoch, NULL, 0);
}

/* ---- TAP -------------------------------------------------------------- */

static int tap_open(struct machine *m, struct net_host *n, char *err, size_t errlen)
{
	struct ifreq ifr;

	if (strlen(m->cfg.net_tap) >= IFNAMSIZ) {
		sim_seterr(err, errlen, "--net tap=%s: interface name too long", m->cfg.net_tap);
		return -1;
	}
	n->tap_fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (n->tap_fd < 0) {
		sim_seterr(err, errlen, "--net tap=%s: /dev/net/tun: %s", m->cfg.net_tap,
		           strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	strcpy(ifr.ifr_name, m->cfg.net_tap);
	if (ioctl(n->tap_fd, TUNSETIFF, &ifr)) {
		sim_seterr(err, errlen, "--net tap=%s: %s", m->cfg.net_tap, strerror(errno));
		return -1;
	}
	m->net_live = true;
	return 0;
}

/* Every frame the host has for us, arriving now. */
static void tap_poll(struct machine *m, struct net_host *n)
{
	uint8_t f[ETH_BUFFER_SIZE];
	ssize_t k;

	while ((k = read(n->tap_fd, f, sizeof f)) > 0)
		if (k <= ETH_FRAME_MAX)
			ether_deliver(m, f, (uint32_t)k, m->cpu.cycle);
}

static uint64_t host_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* ---- The device's side -------------------------------------------------- */

void net_send(struct machine *m, const uint8_t *f, uint32_t len, uint64_t start, uint64_t end)
{
	struct net_host *n = m->net;

	if (!n)
		return;
	pcap_record(m, f, len, start);
	if (n->link_fd >= 0 && !n->bye)
		link_queue(m, n, f, len, start, end);
	if (n->tap_fd >= 0 && write(n->tap_fd, f, len) < 0) {
		/* The host's interface is down or full: the frame is lost,
		 * as on a real wire. */
	}
}

void net_received(struct machine *m, const uint8_t *f, uint32_t len, uint64_t cycle)
{
	pcap_record(m, f, len, cycle);
}

int net_open(struct machine *m, char *err, size_t errlen)
{
	struct net_host *n = calloc(1, sizeof *n);

	if (!n) {
		sim_seterr(err, errlen, "out of host memory");
		return -1;
	}
	n->link_fd = n->tap_fd = -1;
	m->net = n;
	if (m->cfg.net_link && m->cfg.net_tap) {
		sim_seterr(err, errlen, "--net: link and tap cannot be combined (a link is "
		           "paced by its hub, a TAP by the host's clock)");
		return -1;
	}
	if (m->cfg.net_pcap_in && pcap_in_open(m, n, err, errlen))
		return -1;
	if (m->cfg.net_pcap_out && pcap_out_open(m, n, err, errlen))
		return -1;
	if (m->cfg.net_link && link_open(m, n, err, errlen))
		return -1;
	if (m->cfg.net_tap && tap_open(m, n, err, errlen))
		return -1;
	return 0;
}

void net_close(struct machine *m)
{
	struct net_host *n = m->net;

	if (!n)
		return;
	link_bye(n);
	if (n->link_fd >= 0)
		close(n->link_fd);
	if (n->tap_fd >= 0)
		close(n->tap_fd);
	if (n->dump)
		pcap_dump_close(n->dump);
	if (n->dead)
		pcap_close(n->dead);
	free(n->replay);
	free(n->replay_data);
	free(n->out);
	free(n);
	m->net = NULL;
}

/* ---- Running ----------------------------------------------------------- */

bool machine_net_paced(const struct machine *m)
{
	return m->net && (m->net->link_fd >= 0 || m->net->tap_fd >= 0);
}

/* The end of the current step: the epoch's (link) or the quantum's (TAP). */
static uint64_t step_end(struct machine *m, struct net_host *n, uint64_t t0)
{
	if (n->link_fd >= 0)
		return ns_to_cycle(m, (n->epoch + 1) * n->epoch_ns);
	(void)t0;
	return m->cpu.cycle + ns_to_cycle(m, TAP_QUANTUM_NS);
}

/* With a TAP: wait until the host's clock has caught up with virtual
 * time, then take what the host sent meanwhile. */
static void tap_pace(struct machine *m, struct net_host *n, uint64_t t0)
{
	uint64_t virt = cycle_to_ns(m, m->cpu.cycle), now = host_ns() - t0;

	if (virt > now) {
		struct pollfd p = { n->tap_fd, POLLIN, 0 };
		poll(&p, 1, (int)((virt - now) / 1000000u));
	}
	tap_poll(m, n);
}

enum sim_stop machine_run_net(struct machine *m, uint64_t max_cycle)
{
	struct net_host *n = m->net;
	uint64_t t0 = host_ns();

	if (!machine_net_paced(m))
		return machine_run(m, max_cycle);
	if (m->cfg.max_cycles && max_cycle > m->cfg.max_cycles)
		max_cycle = m->cfg.max_cycles;
	t0 -= cycle_to_ns(m, m->cpu.cycle);
	for (;;) {
		uint64_t end = step_end(m, n, t0);
		uint64_t lim = end < max_cycle ? end : max_cycle;
		enum sim_stop why = machine_run(m, lim);

		if (why != STOP_CYCLE_LIMIT || lim != end || end >= max_cycle) {
			link_bye(n);
			return why;
		}
		if (n->link_fd >= 0 && link_sync(m, n)) {
			snprintf(m->stop_msg, sizeof m->stop_msg, "--net link=%s: lost the hub "
			         "at epoch %llu", m->cfg.net_link, (unsigned long long)n->epoch);
			n->bye = true;
			return STOP_ERROR;
		}
		if (n->tap_fd >= 0)
			tap_pace(m, n, t0);
	}
}
