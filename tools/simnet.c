/*
 * simnet.c: one Ethernet segment of several `sim` machines (docs/NET.md).
 *
 *   simnet [-o DIR] CONFIG      start one sim per line of CONFIG, all on
 *                               one segment, and serve it
 *   simnet --hub SOCKET N       serve a segment of N sims started by hand
 *                               with `sim --net link=SOCKET ...`
 *
 * A CONFIG line is "NAME sim-arguments..." (words split at blanks; '#'
 * starts a comment).  With -o DIR, machine NAME's console goes to
 * DIR/NAME.out and its stderr to DIR/NAME.err; otherwise both are
 * inherited.  simnet exits with the highest exit status of its sims, or
 * 202 (bad input) / 203 (a protocol error) itself.
 *
 * The hub keeps the machines in lockstep (simulator/net.h): each runs an
 * epoch of virtual time, sends the frames it transmitted (they arrive
 * after the epoch ends, since an epoch is the shortest frame's wire time
 * plus the latency) and DONE; when all have, each gets the others'
 * frames ordered by (arrival time, sender's MAC, order sent) and GO.  The
 * host's speed and scheduling never enter: the same CONFIG gives the
 * same cycles and frames on every run.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net.h"

#define MAX_NODES 16
#define EXIT_BAD 202
#define EXIT_PROTO 203

struct frame {
	uint64_t arrive;
	int from;                /* node index */
	uint32_t seq, len;
	uint8_t data[NET_MAX_PAYLOAD];
};

struct node {
	int fd;
	bool alive;
	struct net_hello hello;
};

static struct node nodes[MAX_NODES];
static int nnodes;
static struct frame *frames;
static size_t nframes, capframes;


static void refuse(int fd, const char *why)
{
	net_msg_send(fd, NET_REFUSE, 0, why, (uint32_t)strlen(why));
}

/* The machines simnet started (run_config), to notice one that stops
 * before it connects (bad input); none with --hub. */
static pid_t *children;
static int nchildren;

/* Wait for the next connection; -1 when a machine we started has
 * exited instead (it said why on its stderr). */
static int wait_connect(int lfd)
{
	for (;;) {
		struct pollfd p = { lfd, POLLIN, 0 };
		if (poll(&p, 1, 100) > 0)
			return 0;
		for (int i = 0; i < nchildren; i++) {
			int ws;
			if (children[i] > 0 && waitpid(children[i], &ws, WNOHANG) == children[i]) {
				fprintf(stderr, "simnet: machine %d stopped before joining the "
				        "segment (exit status %d)\n", i + 1,
				        WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws));
				children[i] = -1;
				return -1;
			}
		}
	}
}

/* Accept n machines and check their HELLOs agree; the epoch, or 0. */
static uint64_t gather(int lfd, int n)
{
	char why[160];

	for (nnodes = 0; nnodes < n; nnodes++) {
		struct node *d = &nodes[nnodes];
		struct net_msg h;

		if (wait_connect(lfd))
			return 0;
		d->fd = accept(lfd, NULL, NULL);
		if (d->fd < 0 || net_read_all(d->fd, &h, sizeof h) || h.type != NET_HELLO ||
		    h.len != sizeof d->hello || net_read_all(d->fd, &d->hello, sizeof d->hello) ||
		    d->hello.magic != NET_MAGIC || d->hello.version != NET_VERSION) {
			fprintf(stderr, "simnet: machine %d: not a sim of this version\n", nnodes + 1);
			return 0;
		}
		d->alive = true;
		for (int i = 0; i < nnodes; i++) {
			why[0] = 0;
			if (memcmp(nodes[i].hello.mac, d->hello.mac, 6) == 0)
				snprintf(why, sizeof why, "two machines with MAC %02x:%02x:%02x:"
				         "%02x:%02x:%02x (give each its own --net-mac)",
				         d->hello.mac[0], d->hello.mac[1], d->hello.mac[2],
				         d->hello.mac[3], d->hello.mac[4], d->hello.mac[5]);
			else if (nodes[i].hello.speed != d->hello.speed ||
			         nodes[i].hello.latency_ns != d->hello.latency_ns)
				snprintf(why, sizeof why, "machines disagree on --net-speed or "
				         "--net-latency");
			if (why[0]) {
				fprintf(stderr, "simnet: %s\n", why);
				refuse(d->fd, why);
				return 0;
			}
		}
	}
	return net_epoch_ns(nodes[0].hello.speed, nodes[0].hello.latency_ns);
}

static int frame_order(const void *a, const void *b)
{
	const struct frame *x = a, *y = b;
	int c;

	if (x->arrive != y->arrive)
		return x->arrive < y->arrive ? -1 : 1;
	c = memcmp(nodes[x->from].hello.mac, nodes[y->from].hello.mac, 6);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Node i's messages of this epoch, up to its DONE or BYE. */
static int collect(int i, uint64_t epoch)
{
	struct node *d = &nodes[i];
	uint32_t seq = 0;

	for (;;) {
		struct net_msg h;
		struct frame *f;

		if (net_read_all(d->fd, &h, sizeof h) || h.len > NET_MAX_PAYLOAD) {
			d->alive = false;          /* gone without a word: as BYE */
			return 0;
		}
		if (h.type == NET_BYE || h.type == NET_DONE) {
			if (h.type == NET_BYE)
				d->alive = false;
			return h.type == NET_DONE && h.time != epoch ? -1 : 0;
		}
		if (h.type != NET_FRAME)
			return -1;
		if (nframes == capframes) {
			size_t cap = capframes ? 2 * capframes : 64;
			void *p = realloc(frames, cap * sizeof *frames);
			if (!p)
				return -1;
			frames = p;
			capframes = cap;
		}
		f = &frames[nframes++];
		f->arrive = h.time;
		f->from = i;
		f->seq = seq++;
		f->len = h.len;
		if (net_read_all(d->fd, f->data, h.len))
			return -1;
	}
}

/* Serve the segment until every machine has stopped; 0 or EXIT_PROTO. */
static int serve(uint64_t epoch_ns)
{
	int alive = nnodes;

	for (int i = 0; i < nnodes; i++)
		if (net_msg_send(nodes[i].fd, NET_WELCOME, epoch_ns, NULL, 0))
			nodes[i].alive = false;
	for (uint64_t epoch = 0; alive; epoch++) {
		nframes = 0;
		for (int i = 0; i < nnodes; i++)
			if (nodes[i].alive && collect(i, epoch)) {
				fprintf(stderr, "simnet: machine %d broke the protocol at epoch "
				        "%llu\n", i + 1, (unsigned long long)epoch);
				return EXIT_PROTO;
			}
		qsort(frames, nframes, sizeof *frames, frame_order);
		alive = 0;
		for (int i = 0; i < nnodes; i++) {
			if (!nodes[i].alive)
				continue;
			for (size_t k = 0; k < nframes; k++)
				if (frames[k].from != i)
					net_msg_send(nodes[i].fd, NET_FRAME, frames[k].arrive,
					         frames[k].data, frames[k].len);
			net_msg_send(nodes[i].fd, NET_GO, epoch + 1, NULL, 0);
			alive++;
		}
	}
	return 0;
}

static int listen_on(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof a.sun_path) {
		fprintf(stderr, "simnet: socket path too long: %s\n", path);
		return -1;
	}
	strcpy(a.sun_path, path);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, MAX_NODES)) {
		fprintf(stderr, "simnet: cannot listen on %s: %s\n", path, strerror(errno));
		return -1;
	}
	return fd;
}

/* ---- Machines from a config ----------------------------------------- */

struct machine_line {
	char name[64];
	char *argv[64];
	int argc;
};

/* Parse CONFIG into lines; their number, or -1. */
static int read_config(const char *path, struct machine_line *ml, char *text, size_t textlen)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int n = 0, lineno = 0;
	size_t used = 0;

	if (!f) {
		fprintf(stderr, "simnet: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		char *hash = strchr(line, '#'), *w, *save;
		lineno++;
		if (hash)
			*hash = 0;
		w = strtok_r(line, " \t\r\n", &save);
		if (!w)
			continue;
		if (n == MAX_NODES || strlen(w) >= sizeof ml[n].name) {
			fprintf(stderr, "simnet: %s:%d: more than %d machines or a long name\n",
			        path, lineno, MAX_NODES);
			fclose(f);
			return -1;
		}
		strcpy(ml[n].name, w);
		ml[n].argc = 0;
		while ((w = strtok_r(NULL, " \t\r\n", &save)) != NULL) {
			size_t k = strlen(w) + 1;
			if (ml[n].argc == 60 || used + k > textlen) {
				fprintf(stderr, "simnet: %s:%d: too many arguments\n", path, lineno);
				fclose(f);
				return -1;
			}
			ml[n].argv[ml[n].argc++] = memcpy(text + used, w, k);
			used += k;
		}
		if (!ml[n].argc) {
			fprintf(stderr, "simnet: %s:%d: machine %s has no sim arguments\n", path,
			        lineno, ml[n].name);
			fclose(f);
			return -1;
		}
		n++;
	}
	fclose(f);
	if (n == 0)
		fprintf(stderr, "simnet: %s: no machines\n", path);
	return n ? n : -1;
}

/* The sim next to simnet, else from PATH. */
static const char *sim_path(const char *argv0, char *buf, size_t n)
{
	const char *slash = strrchr(argv0, '/');

	if (slash && (size_t)(slash - argv0) + 5 < n) {
		snprintf(buf, n, "%.*s/sim", (int)(slash - argv0), argv0);
		if (access(buf, X_OK) == 0)
			return buf;
	}
	return "sim";
}

static pid_t start(const char *sim, const char *sock, const struct machine_line *ml,
                   const char *dir)
{
	char link[256 + 16], out[512];
	char *argv[70];
	int a = 0;
	pid_t pid;

	snprintf(link, sizeof link, "link=%s", sock);
	argv[a++] = (char *)sim;
	argv[a++] = "--net";
	argv[a++] = link;
	for (int i = 0; i < ml->argc; i++)
		argv[a++] = ml->argv[i];
	argv[a] = NULL;
	pid = fork();
	if (pid != 0)
		return pid;
	if (dir) {
		int fd;
		snprintf(out, sizeof out, "%s/%s.out", dir, ml->name);
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0)
			dup2(fd, 1);
		snprintf(out, sizeof out, "%s/%s.err", dir, ml->name);
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0)
			dup2(fd, 2);
	}
	{
		int fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			dup2(fd, 0);
	}
	execvp(sim, argv);
	fprintf(stderr, "simnet: cannot run %s: %s\n", sim, strerror(errno));
	_exit(EXIT_BAD);
}

static int run_config(const char *argv0, const char *config, const char *dir)
{
	static struct machine_line ml[MAX_NODES];
	static char text[65536];
	char sock[256], simbuf[4096], tmpl[] = "/tmp/simnet-XXXXXX";
	pid_t pids[MAX_NODES];
	int n = read_config(config, ml, text, sizeof text), lfd, st = 0, r;
	uint64_t epoch;

	if (n < 0)
		return EXIT_BAD;
	if (!mkdtemp(tmpl)) {
		fprintf(stderr, "simnet: cannot make a directory for the socket\n");
		return EXIT_BAD;
	}
	snprintf(sock, sizeof sock, "%s/segment", tmpl);
	lfd = listen_on(sock);
	if (lfd < 0)
		return EXIT_BAD;
	for (int i = 0; i < n; i++)
		pids[i] = start(sim_path(argv0, simbuf, sizeof simbuf), sock, &ml[i], dir);
	children = pids;
	nchildren = n;
	epoch = gather(lfd, n);
	if (!epoch)          /* the others wait for a segment that will not start */
		for (int i = 0; i < n; i++)
			if (pids[i] > 0)
				kill(pids[i], SIGTERM);
	r = epoch ? serve(epoch) : EXIT_BAD;
	for (int i = 0; i < nnodes; i++)
		close(nodes[i].fd);
	close(lfd);
	unlink(sock);
	rmdir(tmpl);
	for (int i = 0; i < n; i++) {
		int ws;
		if (pids[i] > 0 && waitpid(pids[i], &ws, 0) == pids[i]) {
			int s = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
			if (s > st)
				st = s;
		}
	}
	return r > st ? r : st;
}

static void usage(FILE *f)
{
	fputs("usage: simnet [-o DIR] CONFIG\n"
	      "       simnet --hub SOCKET N\n"
	      "One Ethernet segment of sim machines in lockstep (docs/NET.md).\n"
	      "CONFIG: one machine a line, 'NAME sim-arguments...'.\n", f);
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc == 4 && strcmp(argv[1], "--hub") == 0) {
		char *end;
		long n = strtol(argv[3], &end, 10);
		int lfd, r;
		uint64_t epoch;
		if (*end || n < 1 || n > MAX_NODES) {
			fprintf(stderr, "simnet: '%s' is not a number of machines (1..%d)\n",
			        argv[3], MAX_NODES);
			return EXIT_BAD;
		}
		lfd = listen_on(argv[2]);
		if (lfd < 0)
			return EXIT_BAD;
		epoch = gather(lfd, (int)n);
		r = epoch ? serve(epoch) : EXIT_BAD;
		unlink(argv[2]);
		return r;
	}
	if (argc == 2 && argv[1][0] != '-')
		return run_config(argv[0], argv[1], NULL);
	if (argc == 4 && strcmp(argv[1], "-o") == 0)
		return run_config(argv[0], argv[3], argv[2]);
	if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return EXIT_BAD;
}
