/*
 * front/gdbstub.c: gdb's remote serial protocol over TCP (gdbstub.h).
 *
 * Registers follow gdb's raw MIPS numbering for a 32-bit target: 0..31
 * the GPRs, 32 sr, 33 lo, 34 hi, 35 bad, 36 cause, 37 pc, 38..69 the FP
 * registers, 70 fsr, 71 fir; the R3000 here has no FPU, so 38..71 read
 * as zero and writes to them are dropped.  72..78 are the other CP0
 * registers: index, random, entrylo, context, entryhi, epc, prid.  The
 * target description (qXfer:features:read, tdesc[] below) names them
 * all, so gdb asks for no register the stub lacks.  Writes go through
 * MTC0's masks, except that BadVAddr and EPC (read-only to MTC0) take
 * the value as written, and Random and PRId ignore writes (still OK):
 * a debugger may redirect an exception return, not change the chip.
 * Memory goes through the TLB as the CPU would see it
 * (machine_read_virt).  Breakpoints and watchpoints are debug.c's, so
 * guest memory is never patched.  While the machine runs, the socket is
 * polled between slices for gdb's Ctrl-C (a 0x03 byte).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "debug.h"
#include "gdbstub.h"

#define NREGS     79
#define REG_SR    32
#define REG_LO    33
#define REG_HI    34
#define REG_BAD   35
#define REG_CAUSE 36
#define REG_PC    37
#define REG_CP0X  72         /* first of index..prid, in cp0x[] order */
#define PKTMAX    4096

struct gdb {
	struct machine *m;
	struct dbg *d;
	int fd;
	bool closed;         /* gdb went away */
	bool libs_told;      /* a stop reply said "library:" (read the list) */
	char pkt[PKTMAX + 1];
	char out[2 * PKTMAX + 64];
};

static const char hexd[] = "0123456789abcdef";

/* ---- Transport ----------------------------------------------------- */

/* One byte from gdb, or -1 when the connection is gone. */
static int get_byte(struct gdb *g)
{
	unsigned char ch;
	ssize_t n;

	do
		n = read(g->fd, &ch, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1) {
		g->closed = true;
		return -1;
	}
	return ch;
}

/* Write all of s; a gdb that hung up marks the connection closed.
 * MSG_NOSIGNAL: writing to a closed socket must not raise SIGPIPE,
 * which would end sim with its trace and profile files unfinished. */
static void put_all(struct gdb *g, const char *s, size_t n)
{
	while (n > 0 && !g->closed) {
		ssize_t k = send(g->fd, s, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			g->closed = true;
			return;
		}
		s += k;
		n -= (size_t)k;
	}
}

/* Send a packet; gdb's '+' acknowledgements are skipped where packets
 * are read, so this does not wait for one. */
static void send_pkt(struct gdb *g, const char *data)
{
	size_t n = strlen(data);
	unsigned sum = 0;
	char tail[4];

	for (size_t i = 0; i < n; i++)
		sum += (unsigned char)data[i];
	put_all(g, "$", 1);
	put_all(g, data, n);
	snprintf(tail, sizeof tail, "#%02x", sum & 0xff);
	put_all(g, tail, 3);
}

static int hexval(int c);

/* Read the next packet into g->pkt; returns false when gdb is gone.
 * A stray 0x03 between packets (Ctrl-C while stopped) is ignored.  A
 * packet whose checksum does not match is answered with '-' (gdb sends
 * it again) and dropped. */
static bool recv_pkt(struct gdb *g)
{
	int ch, hi, lo;
	unsigned sum;
	size_t n;

	for (;;) {
		do
			ch = get_byte(g);
		while (ch >= 0 && ch != '$');
		if (ch < 0)
			return false;
		n = 0;
		sum = 0;
		while ((ch = get_byte(g)) >= 0 && ch != '#') {
			sum += (unsigned)ch;
			if (n < PKTMAX)
				g->pkt[n++] = (char)ch;
		}
		if (ch < 0 || (hi = get_byte(g)) < 0 || (lo = get_byte(g)) < 0)
			return false;
		if (hexval(hi) < 0 || hexval(lo) < 0 ||
		    (unsigned)(hexval(hi) << 4 | hexval(lo)) != (sum & 0xff)) {
			put_all(g, "-", 1);
			continue;
		}
		g->pkt[n] = 0;
		put_all(g, "+", 1);
		return true;
	}
}

/* Between run slices: has gdb sent Ctrl-C (or hung up)? */
static bool poll_interrupt(void *ctx)
{
	struct gdb *g = ctx;
	struct pollfd p = { .fd = g->fd, .events = POLLIN };

	while (poll(&p, 1, 0) > 0) {
		int ch = get_byte(g);
		if (ch < 0 || ch == 0x03)
			return true;
	}
	return false;
}

/* ---- Encoding ------------------------------------------------------ */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A hex number at *s, advancing *s past it; false if there is none. */
static bool parse_hex(const char **s, uint32_t *v)
{
	const char *p = *s;

	*v = 0;
	while (hexval(*p) >= 0)
		*v = (*v << 4) | (uint32_t)hexval(*p++);
	if (p == *s)
		return false;
	*s = p;
	return true;
}

/* A 32-bit register in target (little-endian) byte order. */
static char *put_reg(char *o, uint32_t v)
{
	for (int i = 0; i < 4; i++, v >>= 8) {
		*o++ = hexd[(v >> 4) & 15];
		*o++ = hexd[v & 15];
	}
	return o;
}

static bool get_reg(const char *s, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		*v |= (uint32_t)(hi << 4 | lo) << (8 * i);
	}
	return true;
}

/* ---- Registers ----------------------------------------------------- */

/* CP0 numbers of gdb registers REG_CP0X.. (the tdesc's r3000.cp0). */
static const int cp0x[] = { CP0_INDEX, CP0_RANDOM, CP0_ENTRYLO, CP0_CONTEXT,
                            CP0_ENTRYHI, CP0_EPC, CP0_PRID };

static uint32_t reg_read(struct gdb *g, int n)
{
	struct cpu_state *c = machine_cpu(g->m);

	if (n < 32)
		return c->r[n];
	switch (n) {
	case REG_SR: return machine_cp0_read(g->m, CP0_STATUS);
	case REG_LO: return c->lo;
	case REG_HI: return c->hi;
	case REG_BAD: return machine_cp0_read(g->m, CP0_BADVADDR);
	case REG_CAUSE: return machine_cp0_read(g->m, CP0_CAUSE);
	case REG_PC: return c->pc;
	default: break;
	}
	if (n >= REG_CP0X && n < NREGS)
		return machine_cp0_read(g->m, cp0x[n - REG_CP0X]);
	return 0;
}

/* Writing the PC restarts straight-line execution there.  See the top
 * of the file for which CP0 writes are masked, taken or ignored. */
static void reg_write(struct gdb *g, int n, uint32_t v)
{
	struct cpu_state *c = machine_cpu(g->m);
	int r = n >= REG_CP0X && n < NREGS ? cp0x[n - REG_CP0X] : -1;

	if (n > 0 && n < 32)
		c->r[n] = v;
	switch (n) {
	case REG_SR: machine_cp0_write(g->m, CP0_STATUS, v); break;
	case REG_LO: c->lo = v; break;
	case REG_HI: c->hi = v; break;
	case REG_BAD: c->cp0[CP0_BADVADDR] = v; break;
	case REG_CAUSE: machine_cp0_write(g->m, CP0_CAUSE, v); break;
	case REG_PC:
		c->pc = v;
		c->npc = v + 4;
		c->delay_slot = 0;
		break;
	default: break;
	}
	if (r == CP0_EPC)
		c->cp0[r] = v;
	else if (r >= 0)
		machine_cp0_write(g->m, r, v);   /* Random, PRId: ignored */
}

static void cmd_read_regs(struct gdb *g)
{
	char *o = g->out;

	for (int i = 0; i < NREGS; i++)
		o = put_reg(o, reg_read(g, i));
	*o = 0;
	send_pkt(g, g->out);
}

static void cmd_write_regs(struct gdb *g, const char *s)
{
	uint32_t v;

	for (int i = 0; i < NREGS && strlen(s) >= 8; i++, s += 8) {
		if (!get_reg(s, &v)) {
			send_pkt(g, "E01");
			return;
		}
		reg_write(g, i, v);
	}
	send_pkt(g, "OK");
}

static void cmd_read_reg(struct gdb *g, const char *s)
{
	uint32_t n;

	if (!parse_hex(&s, &n) || n >= NREGS) {
		send_pkt(g, "E01");
		return;
	}
	*put_reg(g->out, reg_read(g, (int)n)) = 0;
	send_pkt(g, g->out);
}

static void cmd_write_reg(struct gdb *g, const char *s)
{
	uint32_t n, v;

	if (!parse_hex(&s, &n) || *s++ != '=' || !get_reg(s, &v) || n >= NREGS) {
		send_pkt(g, "E01");
		return;
	}
	reg_write(g, (int)n, v);
	send_pkt(g, "OK");
}

/* ---- Memory -------------------------------------------------------- */

static void cmd_read_mem(struct gdb *g, const char *s)
{
	uint32_t addr, len;
	uint8_t b;
	char *o = g->out;

	if (!parse_hex(&s, &addr) || *s++ != ',' || !parse_hex(&s, &len)) {
		send_pkt(g, "E01");
		return;
	}
	if (len > PKTMAX / 2)
		len = PKTMAX / 2;
	for (uint32_t i = 0; i < len; i++) {
		if (machine_read_virt(g->m, addr + i, &b, 1))
			break;
		*o++ = hexd[b >> 4];
		*o++ = hexd[b & 15];
	}
	*o = 0;
	send_pkt(g, o == g->out && len ? "E14" : g->out);
}

static void cmd_write_mem(struct gdb *g, const char *s)
{
	uint32_t addr, len;

	if (!parse_hex(&s, &addr) || *s++ != ',' || !parse_hex(&s, &len) || *s++ != ':' ||
	    strlen(s) < 2 * (size_t)len) {
		send_pkt(g, "E01");
		return;
	}
	for (uint32_t i = 0; i < len; i++, s += 2) {
		int hi = hexval(s[0]), lo = hexval(s[1]);
		uint8_t b = (uint8_t)(hi << 4 | lo);
		if (hi < 0 || lo < 0 || machine_write_virt(g->m, addr + i, &b, 1)) {
			send_pkt(g, "E14");
			return;
		}
	}
	send_pkt(g, "OK");
}

/* ---- Target description -------------------------------------------- */

/* The XML gdb reads with qXfer:features:read: gdb's MIPS features with
 * its register numbers (mips-tdep.c requires cpu, cp0 and fpu), and
 * the R3000's other CP0 registers in a feature of their own.  No file
 * holds a '$', '#', '}' or '*', so they go out unescaped. */
static const struct xmlfile {
	const char *annex, *text;
} tdesc[] = {
	{ "target.xml",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	  "<target version=\"1.0\">\n<architecture>mips:3000</architecture>\n<osabi>none</osabi>\n"
	  "<xi:include href=\"mips-cpu.xml\"/>\n<xi:include href=\"mips-cp0.xml\"/>\n"
	  "<xi:include href=\"mips-fpu.xml\"/>\n<xi:include href=\"r3000-cp0.xml\"/>\n"
	  "</target>\n" },
	{ "mips-cpu.xml",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	  "<feature name=\"org.gnu.gdb.mips.cpu\">\n"
#define R(name, num) "<reg name=\"" name "\" bitsize=\"32\" regnum=\"" #num "\"/>\n"
	  R("r0", 0) R("r1", 1) R("r2", 2) R("r3", 3) R("r4", 4) R("r5", 5) R("r6", 6)
	  R("r7", 7) R("r8", 8) R("r9", 9) R("r10", 10) R("r11", 11) R("r12", 12)
	  R("r13", 13) R("r14", 14) R("r15", 15) R("r16", 16) R("r17", 17) R("r18", 18)
	  R("r19", 19) R("r20", 20) R("r21", 21) R("r22", 22) R("r23", 23) R("r24", 24)
	  R("r25", 25) R("r26", 26) R("r27", 27) R("r28", 28) R("r29", 29) R("r30", 30)
	  R("r31", 31) R("lo", 33) R("hi", 34) R("pc", 37)
	  "</feature>\n" },
	{ "mips-cp0.xml",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	  "<feature name=\"org.gnu.gdb.mips.cp0\">\n"
	  R("status", 32) R("badvaddr", 35) R("cause", 36)
	  "</feature>\n" },
	{ "mips-fpu.xml",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	  "<feature name=\"org.gnu.gdb.mips.fpu\">\n"
#define F(n, num) "<reg name=\"f" #n "\" bitsize=\"32\" type=\"ieee_single\" regnum=\"" #num "\"/>\n"
	  F(0, 38) F(1, 39) F(2, 40) F(3, 41) F(4, 42) F(5, 43) F(6, 44) F(7, 45)
	  F(8, 46) F(9, 47) F(10, 48) F(11, 49) F(12, 50) F(13, 51) F(14, 52) F(15, 53)
	  F(16, 54) F(17, 55) F(18, 56) F(19, 57) F(20, 58) F(21, 59) F(22, 60) F(23, 61)
	  F(24, 62) F(25, 63) F(26, 64) F(27, 65) F(28, 66) F(29, 67) F(30, 68) F(31, 69)
#undef F
	  "<reg name=\"fcsr\" bitsize=\"32\" group=\"float\" regnum=\"70\"/>\n"
	  "<reg name=\"fir\" bitsize=\"32\" group=\"float\" regnum=\"71\"/>\n"
	  "</feature>\n" },
	{ "r3000-cp0.xml",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	  "<feature name=\"org.exosim.r3000.cp0\">\n"
	  R("index", 72) R("random", 73) R("entrylo", 74) R("context", 75)
	  R("entryhi", 76) R("epc", 77) R("prid", 78)
#undef R
	  "</feature>\n" },
};

/*
 * The reply to a qXfer read of `text` at "OFFSET,LENGTH" (s): 'm' and a
 * chunk when more follows, 'l' and the rest when it ends there; E00 for
 * a bad request.  '$', '#', '}' and '*' are escaped as binary data
 * ('}' then the byte xor 0x20): a module's path may hold them.  A chunk
 * takes at most LENGTH bytes of packet, escapes included.
 */
static void xfer_reply(struct gdb *g, const char *text, const char *s)
{
	size_t size = strlen(text), o = 1;
	uint32_t off, len;

	if (!parse_hex(&s, &off) || *s++ != ',' || !parse_hex(&s, &len) || *s) {
		send_pkt(g, "E00");
		return;
	}
	if (len > PKTMAX - 2)
		len = PKTMAX - 2;
	if (off > size)
		off = (uint32_t)size;
	while (off < size && o + 2 <= (size_t)len + 1) {
		char ch = text[off];
		if (ch == '$' || ch == '#' || ch == '}' || ch == '*') {
			g->out[o++] = '}';
			ch ^= 0x20;
		}
		g->out[o++] = ch;
		off++;
	}
	g->out[0] = off < size ? 'm' : 'l';
	g->out[o] = 0;
	send_pkt(g, g->out);
}

/* qXfer:features:read:ANNEX:OFFSET,LENGTH */
static void cmd_xfer_features(struct gdb *g, const char *s)
{
	const char *colon = strchr(s, ':');

	if (colon)
		for (size_t i = 0; i < sizeof tdesc / sizeof tdesc[0]; i++)
			if (strlen(tdesc[i].annex) == (size_t)(colon - s) &&
			    strncmp(tdesc[i].annex, s, (size_t)(colon - s)) == 0) {
				xfer_reply(g, tdesc[i].text, colon + 1);
				return;
			}
	send_pkt(g, "E00");
}

/* Append s to the growing buffer *b (of *len bytes), XML-escaped. */
static void xml_cat(char **b, size_t *len, const char *s, bool escape)
{
	for (; *s; s++) {
		const char *rep = NULL;
		char one[2] = { *s, 0 };
		if (escape)
			rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
			      *s == '"' ? "&quot;" : *s == '\'' ? "&apos;" : NULL;
		if (!rep)
			rep = one;
		size_t n = strlen(rep);
		char *nb = realloc(*b, *len + n + 1);
		if (!nb)
			return;
		memcpy(nb + *len, rep, n + 1);
		*b = nb;
		*len += n;
	}
}

/*
 * qXfer:libraries:read::OFFSET,LENGTH: the boot modules that are ELF
 * files, as gdb's library list (a segment address is where the first
 * PT_LOAD segment lies: its link address, since the kernel loads a
 * module where it is linked), so gdb reads their symbols and line
 * information itself, with no add-symbol-file.  Paths are absolute, so
 * gdb finds the files whatever its working directory.
 */
static void cmd_xfer_libraries(struct gdb *g, const char *s)
{
	char *xml = NULL, addr[64], *abs;
	size_t len = 0;
	const char *path;
	uint32_t vaddr;

	if (*s++ != ':') {
		send_pkt(g, "E00");
		return;
	}
	xml_cat(&xml, &len, "<library-list>\n", false);
	for (int i = 1; machine_image_path(g->m, i); i++) {
		if (machine_module_elf(g->m, i, &path, &vaddr))
			continue;
		abs = realpath(path, NULL);
		xml_cat(&xml, &len, "<library name=\"", false);
		xml_cat(&xml, &len, abs ? abs : path, true);
		snprintf(addr, sizeof addr, "\"><segment address=\"0x%08x\"/>", vaddr);
		xml_cat(&xml, &len, addr, false);
		xml_cat(&xml, &len, "</library>\n", false);
		free(abs);
	}
	xml_cat(&xml, &len, "</library-list>\n", false);
	xfer_reply(g, xml ? xml : "", s);
	free(xml);
}

/* ---- Breakpoints and watchpoints ----------------------------------- */

static void cmd_point(struct gdb *g, const char *s, bool insert)
{
	static const int kinds[5] = { 0, 0, WP_WRITE, WP_READ, WP_READ | WP_WRITE };
	uint32_t type, addr, len;
	int r;

	if (!parse_hex(&s, &type) || *s++ != ',' || !parse_hex(&s, &addr) || *s++ != ',' ||
	    !parse_hex(&s, &len) || type > 4) {
		send_pkt(g, "");
		return;
	}
	if (type < 2)
		r = insert ? dbg_break_add(g->d, addr) : dbg_break_del(g->d, addr);
	else if (insert)
		r = dbg_watch_add(g->d, addr, len, kinds[type], false);
	else
		r = dbg_watch_del(g->d, addr, len, kinds[type], false);
	send_pkt(g, r ? "E01" : "OK");
}


/* ---- Monitor commands (qRcmd) -------------------------------------- */

/* One line of a monitor command's output, as an O packet (hex text) that
 * gdb prints on its console. */
static void mon_printf(struct gdb *g, const char *fmt, ...)
{
	char line[256];
	char *o = g->out;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	*o++ = 'O';
	for (const char *p = line; *p; p++) {
		*o++ = hexd[(unsigned char)*p >> 4];
		*o++ = hexd[*p & 15];
	}
	*o = 0;
	send_pkt(g, g->out);
}

/* monitor tlb: the 64 entries as the TUI shows them; W marks the one
 * written last, M the one the last mapped access matched. */
static void mon_tlb(struct gdb *g)
{
	const struct cpu_state *c = machine_cpu(g->m);
	int matched = dbg_tlb_matched(g->d);

	mon_printf(g, "nn   vpn/asid   pfn flags\n");
	for (int n = 0; n < TLB_NENTRIES; n++) {
		const struct tlb_entry *e = &c->tlb[n];
		mon_printf(g, "%02d %05x/%02x %05x %c%c%c%c %c%c\n", n, e->hi >> 12,
		           (e->hi & EHI_ASID_MASK) >> EHI_ASID_SHIFT, e->lo >> 12,
		           (e->lo & ELO_N) ? 'N' : '-', (e->lo & ELO_D) ? 'D' : '-',
		           (e->lo & ELO_V) ? 'V' : '-', (e->lo & ELO_G) ? 'G' : '-',
		           n == g->d->tlb_written ? 'W' : ' ', n == matched ? 'M' : ' ');
	}
}

/* monitor machine: the profile and the parameters that set the timing. */
static void mon_machine(struct gdb *g)
{
	const struct sim_config *cf = machine_config(g->m);
	const struct sim_timing *t = &cf->timing;

	mon_printf(g, "profile %s, clock %" PRIu32 " Hz, RAM %" PRIu32 " bytes\n",
	           t->enabled ? t->name : "ideal", cf->clock_hz, cf->mem_size);
	if (t->enabled)
		mon_printf(g, "icache %" PRIu32 " B, dcache %" PRIu32 " B, refill %" PRIu32
		           " words, read miss %" PRIu32 " cycles, write buffer %" PRIu32
		           " x %" PRIu32 " cycles\n", t->icache_bytes, t->dcache_bytes,
		           t->refill_words, t->read_miss_cycles, t->wbuf_depth,
		           t->wbuf_retire_cycles);
	if (cf->max_cycles)
		mon_printf(g, "max cycles %" PRIu64 "\n", cf->max_cycles);
}

/* monitor exceptions: those taken and not yet returned from (debug.c
 * keeps the innermost DBG_EXCSTK), innermost last. */
static void mon_exceptions(struct gdb *g)
{
	const struct dbg *d = g->d;

	mon_printf(g, "exceptions taken: %" PRIu64 ", not returned from: %d\n", d->excs,
	           d->nexc);
	for (int i = 0; i < d->nexc && i < DBG_EXCSTK; i++) {
		const struct dbg_exc *x = &d->exc[i];
		mon_printf(g, "cycle %" PRIu64 ": %s from %s, epc 0x%08x%s, badvaddr 0x%08x, "
		           "vector 0x%08x\n", x->cycle, exc_name(x->code),
		           x->from_user ? "user" : "kernel", x->epc, x->bd ? " (BD)" : "",
		           x->badvaddr, x->vector);
	}
}

/* monitor next-exception: run to the next exception taken, whatever its
 * code, and stop at its vector.  gdb does not know the machine moved:
 * `maint flush register-cache` makes it read the registers again. */
static void mon_next_exception(struct gdb *g)
{
	uint32_t mask = g->d->catch_mask;
	bool user = g->d->catch_user, kernel = g->d->catch_kernel;
	struct dbg_stop st;
	char msg[256];

	g->d->catch_mask = ~0u;
	g->d->catch_user = g->d->catch_kernel = true;
	st = dbg_to_exception(g->d, poll_interrupt, g);
	g->d->catch_mask = mask;
	g->d->catch_user = user;
	g->d->catch_kernel = kernel;
	mon_printf(g, "%s\n", dbg_describe(g->d, &st, msg, sizeof msg));
}

/* qRcmd,HEX: a monitor command; its output in O packets, then OK. */
static void cmd_monitor(struct gdb *g, const char *s)
{
	const struct cpu_state *c = machine_cpu(g->m);
	char cmd[128];
	size_t n = 0;

	for (; s[0] && s[1] && n < sizeof cmd - 1; s += 2) {
		int hi = hexval(s[0]), lo = hexval(s[1]);
		if (hi < 0 || lo < 0)
			break;
		cmd[n++] = (char)(hi << 4 | lo);
	}
	cmd[n] = 0;
	if (strcmp(cmd, "tlb") == 0)
		mon_tlb(g);
	else if (strcmp(cmd, "counters") == 0)
		mon_printf(g, "cycles %" PRIu64 ", instructions %" PRIu64 "\n", c->cycle, c->insns);
	else if (strcmp(cmd, "machine") == 0)
		mon_machine(g);
	else if (strcmp(cmd, "exceptions") == 0)
		mon_exceptions(g);
	else if (strcmp(cmd, "next-exception") == 0)
		mon_next_exception(g);
	else if (strcmp(cmd, "help") == 0)
		mon_printf(g, "monitor tlb | counters | machine | exceptions | next-exception\n");
	else
		mon_printf(g, "unknown monitor command \"%.60s\": monitor help lists them\n", cmd);
	send_pkt(g, "OK");
}

/* ---- Running ------------------------------------------------------- */

/* The exit status of a stop after which the machine can run no more,
 * with its message on stderr; -1 for any other stop. */
static int end_status(struct machine *m, const struct dbg_stop *s)
{
	switch (s->why) {
	case DBG_HALTED:
		return machine_halt_status(m);
	case DBG_LIMIT:
		fprintf(stderr, "sim: cycle limit of %llu reached at pc 0x%08x\n",
		        (unsigned long long)machine_config(m)->max_cycles, machine_cpu(m)->pc);
		return SIM_EXIT_CYCLE_LIMIT;
	case DBG_WEDGED:
		fprintf(stderr, "sim: guest wedged: %s\n", machine_stop_message(m));
		return SIM_EXIT_WEDGED;
	case DBG_ERROR:
		fprintf(stderr, "sim: internal error: %s\n", machine_stop_message(m));
		return SIM_EXIT_INTERNAL;
	default:
		return -1;
	}
}

/* Report a stop; returns the exit status when the machine can run no
 * more (gdb sees the process exit with it), else -1. */
static int report(struct gdb *g, const struct dbg_stop *s)
{
	const char *kind;
	char *o = g->out;
	int st = end_status(g->m, s);

	if (st >= 0) {
		snprintf(g->out, sizeof g->out, "W%02x", st & 0xff);
		send_pkt(g, g->out);
		return st;
	}
	o += sprintf(o, "T%02x", s->why == DBG_INTERRUPTED ? 2 : 5);
	if (s->why == DBG_NO_HISTORY)
		o += sprintf(o, "replaylog:begin;");
	if (!g->libs_told) {
		/* gdb reads the module list (qXfer:libraries) when told */
		o += sprintf(o, "library:;");
		g->libs_told = true;
	}
	if (s->why == DBG_WATCH) {
		kind = s->kind == WP_WRITE ? "watch" : "rwatch";
		for (int i = 0; i < g->d->nwp; i++)
			if (g->d->wp[i].kind == (WP_READ | WP_WRITE))
				kind = "awatch";
		o += sprintf(o, "%s:%08x;", kind, s->addr);
	}
	o += sprintf(o, "%02x:", REG_PC);
	o = put_reg(o, machine_cpu(g->m)->pc);
	o += sprintf(o, ";%02x:", 29);
	o = put_reg(o, machine_cpu(g->m)->r[29]);
	strcpy(o, ";");
	send_pkt(g, g->out);
	return -1;
}


/* "s [addr]" or "c [addr]". */
static struct dbg_stop resume(struct gdb *g, const char *s, bool step)
{
	uint32_t addr;

	if (parse_hex(&s, &addr))
		reg_write(g, REG_PC, addr);
	if (step)
		return dbg_step(g->d);
	return dbg_continue(g->d, UINT64_MAX, poll_interrupt, g);
}

/* bs, bc: step or continue backwards (debug.c re-executes from its
 * checkpoints).  gdb's earlier register or memory writes cut the
 * history, see reg_write's callers. */
static bool cmd_reverse(struct gdb *g, const char *s, struct dbg_stop *stop)
{
	if (strcmp(s, "s") != 0 && strcmp(s, "c") != 0) {
		send_pkt(g, "");
		return false;
	}
	*stop = *s == 's' ? dbg_reverse_step(g->d) : dbg_reverse_continue(g->d);
	return true;
}

/* vCont;ACTION[:thread]...: the first action decides (one thread). */
static bool cmd_vcont(struct gdb *g, const char *s, struct dbg_stop *stop)
{
	if (strcmp(s, "?") == 0) {
		send_pkt(g, "vCont;c;C;s;S");
		return false;
	}
	if (*s++ != ';' || (*s != 'c' && *s != 'C' && *s != 's' && *s != 'S')) {
		send_pkt(g, "");
		return false;
	}
	*stop = resume(g, "", *s == 's' || *s == 'S');
	return true;
}

static bool query(struct gdb *g, const char *p)
{
	if (strncmp(p, "qSupported", 10) == 0)
		snprintf(g->out, sizeof g->out, "PacketSize=%x;hwbreak+;ReverseStep+;"
		         "ReverseContinue+;qXfer:features:read+;qXfer:libraries:read+", PKTMAX);
	else if (strncmp(p, "qXfer:features:read:", 20) == 0) {
		cmd_xfer_features(g, p + 20);
		return true;
	} else if (strncmp(p, "qXfer:libraries:read:", 21) == 0) {
		cmd_xfer_libraries(g, p + 21);
		return true;
	} else if (strncmp(p, "qRcmd,", 6) == 0) {
		cmd_monitor(g, p + 6);
		return true;
	} else if (strcmp(p, "qAttached") == 0)
		strcpy(g->out, "1");
	else if (strcmp(p, "qC") == 0)
		strcpy(g->out, "QC1");
	else if (strcmp(p, "qfThreadInfo") == 0)
		strcpy(g->out, "m1");
	else if (strcmp(p, "qsThreadInfo") == 0)
		strcpy(g->out, "l");
	else
		return false;
	send_pkt(g, g->out);
	return true;
}

/* Serve one connection; returns the exit status. */
static int serve(struct gdb *g)
{
	struct dbg_stop stop;
	bool ran;
	int st;

	while (recv_pkt(g)) {
		const char *p = g->pkt;
		ran = false;
		switch (p[0]) {
		case '?': stop = (struct dbg_stop){ .why = DBG_BREAKPOINT }; report(g, &stop); break;
		case 'g': cmd_read_regs(g); break;
		case 'G': cmd_write_regs(g, p + 1); dbg_history_changed(g->d); break;
		case 'p': cmd_read_reg(g, p + 1); break;
		case 'P': cmd_write_reg(g, p + 1); dbg_history_changed(g->d); break;
		case 'm': cmd_read_mem(g, p + 1); break;
		case 'M': cmd_write_mem(g, p + 1); dbg_history_changed(g->d); break;
		case 'b': ran = cmd_reverse(g, p + 1, &stop); break;
		case 'Z': cmd_point(g, p + 1, true); break;
		case 'z': cmd_point(g, p + 1, false); break;
		case 'H': send_pkt(g, "OK"); break;
		case 'T': send_pkt(g, "OK"); break;
		case 's': stop = resume(g, p + 1, true); ran = true; break;
		case 'c': stop = resume(g, p + 1, false); ran = true; break;
		case 'v':
			if (strncmp(p, "vCont", 5) == 0)
				ran = cmd_vcont(g, p + 5, &stop);
			else
				send_pkt(g, "");
			break;
		case 'q':
			if (!query(g, p))
				send_pkt(g, "");
			break;
		case 'D':
			send_pkt(g, "OK");
			return -1;
		case 'k':
			return SIM_EXIT_INTERRUPTED;
		default: send_pkt(g, ""); break;
		}
		if (ran && (st = report(g, &stop)) >= 0)
			return st;
	}
	return -1;
}

static int listen_on(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
	                         .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 1)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* After a detach or a hang-up the guest runs on to its end, or to the
 * machine's cycle bound (--max-cycles). */
static int run_free(struct dbg *d)
{
	struct dbg_stop s;
	int st;

	d->nbp = d->nwp = 0;
	s = dbg_continue(d, UINT64_MAX, NULL, NULL);
	st = end_status(d->m, &s);
	if (st >= 0)
		return st;
	if (s.why == DBG_INTERRUPTED)
		return SIM_EXIT_INTERRUPTED;
	fprintf(stderr, "sim: internal error: %s\n", machine_stop_message(d->m));
	return SIM_EXIT_INTERNAL;
}

int gdbstub_run(struct machine *m, int port)
{
	struct gdb *g;
	int lfd, st, one = 1;

	if (port <= 0 || port > 65535) {
		fprintf(stderr, "sim: --gdb %d: not a TCP port\n", port);
		return SIM_EXIT_BAD_INPUT;
	}
	lfd = listen_on(port);
	if (lfd < 0) {
		fprintf(stderr, "sim: --gdb: cannot listen on 127.0.0.1:%d: %s\n", port,
		        strerror(errno));
		return SIM_EXIT_BAD_INPUT;
	}
	g = calloc(1, sizeof *g);
	if (!g || !(g->d = dbg_new(m))) {
		fprintf(stderr, "sim: out of memory\n");
		free(g);
		close(lfd);
		return SIM_EXIT_INTERNAL;
	}
	g->m = m;
	fprintf(stderr, "sim: waiting for gdb on 127.0.0.1:%d\n", port);
	do
		g->fd = accept(lfd, NULL, NULL);
	while (g->fd < 0 && errno == EINTR);
	close(lfd);
	if (g->fd < 0) {
		fprintf(stderr, "sim: --gdb: accept: %s\n", strerror(errno));
		st = SIM_EXIT_INTERNAL;
	} else {
		setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		st = serve(g);
		close(g->fd);
		if (st < 0)
			st = run_free(g->d);
	}
	dbg_free(g->d);
	free(g);
	return st;
}
