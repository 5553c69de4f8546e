/*
 * front/tui.c: the ncurses debugger (tui.h).
 *
 * The screen is redrawn from the machine's state after every command;
 * nothing is cached but the console output (captured from the console
 * device's "putc" events), the registers at the last stop (to show what
 * changed) and the user's view settings.  The layout fits 80x24 and
 * gives extra rows to the disassembly and the console:
 *
 *   header: profile, cycle and instruction counters
 *   registers (GPRs by ABI name, HI/LO, PC)   | CP0 decoded
 *   disassembly around the PC    [| source]   | stack/memory/TLB/points
 *   console output (and the simulator's own messages, see below)
 *   exception in progress, last stop reason, prompt or key summary
 *
 * Extra columns go to a source pane (from the images' DWARF line
 * tables) beside the disassembly once the terminal is wide enough; the
 * `l` key cycles layouts: that one, source in place of the disassembly,
 * and the whole TLB across the right-hand side.  Colour follows the
 * terminal, and NO_COLOR (any value) turns it off; without colour the
 * same roles are shown in bold, underline and reverse video.
 *
 * While the TUI owns the terminal, the simulator's stderr (hazard
 * reports, warnings) goes into a pipe drained into a message ring shown
 * under the console; at exit the ring is written to the real stderr.
 * Typed console input goes to the pipe the machine reads as its console
 * (main.c makes it), so the guest reads it when it polls the device.
 */
#include <ctype.h>
#include <curses.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "debug.h"
#include "srcfile.h"
#include "tui.h"

#define CON_LINES 64
#define CON_COLS  160
#define MSG_LINES 32
#define LEFT_W    53          /* registers and disassembly */
#define AUX_W     38          /* the side pane, when a source pane is beside it */
#define WIDE_COLS 132         /* from here the source pane has room of its own */
#define TLB_COL_W 28          /* one TLB row in the whole-TLB layout */

enum pane { P_STACK, P_MEM, P_TLB, P_POINTS, P_NPANES };
enum layout { L_AUTO, L_SOURCE, L_TLB, L_NLAYOUTS };

/* What a piece of the screen is, for colour (or its monochrome form). */
enum role { R_TITLE = 1, R_CHANGED, R_PC, R_BREAK, R_SYMBOL, R_MESSAGE, R_KEYS, R_NROLES };

struct tui {
	struct machine *m;
	struct dbg *d;
	char con[CON_LINES][CON_COLS + 1];
	int con_cur, con_col;     /* line being written (ring) and its length */
	enum pane pane;
	uint32_t mem_addr;
	bool mem_phys;
	int tlb_top;
	char msg[256];
	bool ended;               /* the guest halted or wedged */
	int status;
	int input_fd;             /* guest console input pipe, or -1 */
	int err_fd, saved_err;    /* our stderr pipe and the real stderr */
	char sim[MSG_LINES][CON_COLS + 1];    /* simulator messages (ring) */
	int nsim;                 /* messages received in all */
	char part[CON_COLS + 1];  /* a message line not yet complete */
	size_t partlen;
	enum layout layout;
	bool colour;
	uint32_t prev_r[32], prev_hi, prev_lo;   /* registers at the stop before */
	bool have_prev;
	int ignored;              /* keys typed during the current run */
};

static const char *const abi[32] = {
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
};

/* ---- Console capture ----------------------------------------------- */

static void on_console(void *ctx, int ch)
{
	struct tui *t = ctx;

	if (ch == '\n' || t->con_col == CON_COLS) {
		t->con_cur = (t->con_cur + 1) % CON_LINES;
		t->con[t->con_cur][0] = 0;
		t->con_col = 0;
		if (ch == '\n')
			return;
	}
	if (ch == '\r')
		return;
	t->con[t->con_cur][t->con_col++] = isprint(ch) ? (char)ch : '.';
	t->con[t->con_cur][t->con_col] = 0;
}

/* ---- Simulator messages (our stderr) ---------------------------------- */

static void sim_line(struct tui *t)
{
	t->part[t->partlen] = 0;
	snprintf(t->sim[t->nsim++ % MSG_LINES], CON_COLS + 1, "%s", t->part);
	t->partlen = 0;
}

static void drain_stderr(struct tui *t)
{
	char buf[512];
	ssize_t n;

	if (t->err_fd < 0)
		return;
	while ((n = read(t->err_fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n' || t->partlen == CON_COLS)
				sim_line(t);
			if (buf[i] != '\n')
				t->part[t->partlen++] = buf[i];
		}
}

/* Take over stderr: a pipe, non-blocking at both ends (a full pipe
 * drops messages rather than stopping the machine). */
static void capture_stderr(struct tui *t)
{
	int p[2];

	t->err_fd = t->saved_err = -1;
	fflush(stderr);
	if (pipe(p))
		return;
	t->saved_err = dup(2);
	if (t->saved_err < 0 || dup2(p[1], 2) < 0) {
		close(p[0]);
		close(p[1]);
		return;
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	fcntl(2, F_SETFL, O_NONBLOCK);
	t->err_fd = p[0];
}

/* Give stderr back and repeat there what it said meanwhile. */
static void release_stderr(struct tui *t)
{
	int first;

	if (t->err_fd < 0)
		return;
	fflush(stderr);
	drain_stderr(t);
	if (t->partlen)
		sim_line(t);
	dup2(t->saved_err, 2);
	close(t->saved_err);
	close(t->err_fd);
	first = t->nsim > MSG_LINES ? t->nsim - MSG_LINES : 0;
	if (first)
		fprintf(stderr, "sim: (%d earlier messages not kept)\n", first);
	for (int i = first; i < t->nsim; i++)
		fprintf(stderr, "%s\n", t->sim[i % MSG_LINES]);
}

/* ---- Drawing helpers ----------------------------------------------- */

/* Print at (y, x), clipped to `w` columns. */
static void put(int y, int x, int w, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void put(int y, int x, int w, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (w <= 0 || y >= LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if ((int)strlen(buf) > w)
		buf[w] = 0;
	mvaddstr(y, x, buf);
}

static bool use_colour;

/* Colour pairs for the roles, when the terminal has colour and NO_COLOR
 * is not set (https://no-color.org: any value turns colour off). */
static bool colour_init(void)
{
	static const short fg[R_NROLES] = {
		[R_TITLE] = COLOR_WHITE, [R_CHANGED] = COLOR_YELLOW, [R_PC] = COLOR_BLACK,
		[R_BREAK] = COLOR_RED, [R_SYMBOL] = COLOR_CYAN, [R_MESSAGE] = COLOR_MAGENTA,
		[R_KEYS] = COLOR_GREEN,
	};
	static const short bg[R_NROLES] = { [R_TITLE] = COLOR_BLUE, [R_PC] = COLOR_CYAN };

	if (getenv("NO_COLOR") || !has_colors() || start_color() == ERR)
		return false;
	use_default_colors();
	for (int r = 1; r < R_NROLES; r++)
		init_pair((short)r, fg[r], bg[r] ? bg[r] : -1);
	return true;
}

/* The attributes of a role: its colour, or a monochrome equivalent. */
static int role(enum role r)
{
	static const int mono[R_NROLES] = {
		[R_TITLE] = A_REVERSE, [R_CHANGED] = A_BOLD | A_UNDERLINE, [R_PC] = A_REVERSE,
		[R_BREAK] = A_BOLD, [R_SYMBOL] = A_BOLD, [R_MESSAGE] = A_BOLD, [R_KEYS] = A_BOLD,
	};
	static const int extra[R_NROLES] = { [R_CHANGED] = A_BOLD, [R_BREAK] = A_BOLD,
	                                      [R_SYMBOL] = A_BOLD, [R_KEYS] = A_BOLD };

	return use_colour ? (int)COLOR_PAIR(r) | extra[r] : mono[r];
}

static void title(int y, int x, int w, const char *s)
{
	attron(role(R_TITLE));
	mvhline(y, x, ' ', w);
	put(y, x, w, "%s", s);
	attroff(role(R_TITLE));
}

/* ---- Panes --------------------------------------------------------- */

static void draw_header(struct tui *t)
{
	const struct cpu_state *c = machine_cpu(t->m);
	const struct sim_config *cfg = machine_config(t->m);
	char s[256];

	snprintf(s, sizeof s, " exosim R3000 %.2f MHz %uM | cycle %llu | insns %llu | %s",
	         cfg->clock_hz / 1e6, cfg->mem_size >> 20, (unsigned long long)c->cycle,
	         (unsigned long long)c->insns, t->ended ? "ENDED" : "h: help");
	title(0, 0, COLS, s);
}

/* "label value" at (y, x), the value in R_CHANGED when the last run
 * changed it. */
static void put_reg(struct tui *t, int y, int x, const char *label, uint32_t v, uint32_t old)
{
	bool changed = t->have_prev && v != old;
	int n = (int)strlen(label);

	put(y, x, n, "%s", label);
	if (changed)
		attron(role(R_CHANGED));
	put(y, x + n, 8, "%08x", v);
	if (changed)
		attroff(role(R_CHANGED));
}

static void draw_regs(struct tui *t, int y)
{
	const struct cpu_state *c = machine_cpu(t->m);

	char label[8];

	for (int i = 0; i < 32; i++) {
		snprintf(label, sizeof label, "%4s ", abi[i]);
		put_reg(t, y + i % 8, (i / 8) * 13, label, c->r[i], t->prev_r[i]);
	}
	put_reg(t, y + 8, 0, "hi ", c->hi, t->prev_hi);
	put_reg(t, y + 8, 12, "lo ", c->lo, t->prev_lo);
	put(y + 8, 24, LEFT_W - 24, "pc %08x", c->pc);
	if (c->ld_reg != REG_SINK)
		put(y + 8, 37, LEFT_W - 37, "ld %s<-%08x", abi[c->ld_reg], c->ld_val);
}

/* Keep the registers as they are now, to mark what the next run changes. */
static void remember_regs(struct tui *t)
{
	const struct cpu_state *c = machine_cpu(t->m);

	memcpy(t->prev_r, c->r, sizeof t->prev_r);
	t->prev_hi = c->hi;
	t->prev_lo = c->lo;
	t->have_prev = true;
}

/* Names of the set bits among `names` (bit 31 first). */
static void bit_names(uint32_t v, const uint32_t *bits, const char *const *names, int n,
                      char *out, size_t len)
{
	out[0] = 0;
	for (int i = 0; i < n; i++)
		if (v & bits[i]) {
			strncat(out, names[i], len - strlen(out) - 1);
			strncat(out, " ", len - strlen(out) - 1);
		}
}

static void draw_cp0(struct tui *t, int y, int x)
{
	static const uint32_t hb[] = { ST_CU3, ST_CU2, ST_CU1, ST_CU0, ST_RE, ST_BEV, ST_TS,
	                               ST_PE, ST_CM, ST_PZ, ST_SWC, ST_ISC };
	static const char *const hn[] = { "CU3", "CU2", "CU1", "CU0", "RE", "BEV", "TS",
	                                  "PE", "CM", "PZ", "SwC", "IsC" };
	static const uint32_t lb[] = { ST_KUO, ST_IEO, ST_KUP, ST_IEP, ST_KUC, ST_IEC };
	static const char *const ln[] = { "KUo", "IEo", "KUp", "IEp", "KUc", "IEc" };
	struct machine *m = t->m;
	uint32_t sr = machine_cp0_read(m, CP0_STATUS), cause = machine_cp0_read(m, CP0_CAUSE);
	int w = COLS - x;
	char s[128], ip[64] = "";

	put(y, x, w, "Status %08x %s", sr, (sr & ST_KUC) ? "user" : "kernel");
	bit_names(sr, hb, hn, 12, s, sizeof s);
	put(y + 1, x, w, " %s", s[0] ? s : "-");
	bit_names(sr, lb, ln, 6, s, sizeof s);
	put(y + 2, x, w, " IM %02x %s", (sr & ST_IM_MASK) >> ST_IM_SHIFT, s);
	put(y + 3, x, w, "Cause  %08x %s%s", cause,
	    exc_name((cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT), (cause & CAUSE_BD) ? " BD" : "");
	for (int i = 0; i < 8; i++)
		if (cause & CAUSE_IP(i))
			snprintf(ip + strlen(ip), sizeof ip - strlen(ip), "IP%d ", i);
	put(y + 4, x, w, " pending %s", ip[0] ? ip : "-");
	put(y + 5, x, w, "EPC    %08x", machine_cp0_read(m, CP0_EPC));
	put(y + 6, x, w, "BadVA  %08x", machine_cp0_read(m, CP0_BADVADDR));
	put(y + 7, x, w, "EHi %08x ELo %08x", machine_cp0_read(m, CP0_ENTRYHI),
	    machine_cp0_read(m, CP0_ENTRYLO));
	put(y + 8, x, w, "Ctx %08x Ix %02u Rn %02u", machine_cp0_read(m, CP0_CONTEXT),
	    (machine_cp0_read(m, CP0_INDEX) & INDEX_MASK) >> INDEX_SHIFT,
	    (machine_cp0_read(m, CP0_RANDOM) >> RANDOM_SHIFT) & 63);
}

/* Does the word branch or jump (so that the next word is a delay slot)? */
static bool has_delay_slot(uint32_t w)
{
	unsigned op = w >> 26, fn = w & 0x3f;

	return (op >= 1 && op <= 7) || (op == 0 && (fn == 8 || fn == 9)) ||
	       ((op & 0x3c) == 0x10 && ((w >> 21) & 31) == 8);     /* BCzT/F */
}

static void draw_disasm(struct tui *t, int y, int h)
{
	const struct cpu_state *c = machine_cpu(t->m);
	uint32_t a = c->pc - 4 * (uint32_t)(h / 3), prev = 0, w;
	bool have_prev = machine_read_virt(t->m, a - 4, &prev, 4) == 0;
	char text[96];

	for (int row = 0; row < h; row++, a += 4) {
		const struct symbol *sym = machine_sym_lookup(t->m, a);
		bool ok = machine_read_virt(t->m, a, &w, 4) == 0;
		bool slot = have_prev && has_delay_slot(prev);

		int attr = a == c->pc ? role(R_PC) : dbg_break_at(t->d, a) ? role(R_BREAK) : 0;

		if (sym && sym->addr == a && row + 1 < h) {
			attron(role(R_SYMBOL));
			put(y + row++, 0, LEFT_W, "%s:", sym->name);
			attroff(role(R_SYMBOL));
		}
		attron(attr);
		if (ok)
			machine_disasm(t->m, w, a, text, sizeof text);
		else
			strcpy(text, "(not mapped)");
		put(y + row, 0, LEFT_W, "%c%c%c %08x %s%s", dbg_break_at(t->d, a) ? 'B' : ' ',
		    a == c->pc ? '>' : ' ', slot ? '|' : ' ', a, text,
		    a == c->pc && c->ld_reg != REG_SINK ? "  ; load pending" : "");
		attroff(attr);
		prev = w;
		have_prev = ok;
	}
}

static void draw_stack(struct tui *t, int y, int x, int h)
{
	uint32_t sp = machine_cpu(t->m)->r[29], v;
	char s[96];

	for (int i = 0; i < h; i++) {
		if (machine_read_virt(t->m, sp + 4 * (uint32_t)i, &v, 4)) {
			put(y + i, x, COLS - x, "sp+%02x --------", 4 * i);
			continue;
		}
		const struct symbol *sym = machine_sym_lookup(t->m, v);
		put(y + i, x, COLS - x, "sp+%02x %08x %s", 4 * i, v,
		    sym ? machine_sym_format(t->m, v, s, sizeof s) : "");
	}
}

static void draw_mem(struct tui *t, int y, int x, int h)
{
	for (int i = 0; i < h; i++) {
		uint32_t a = t->mem_addr + 8 * (uint32_t)i, v[2];
		int r = t->mem_phys ? machine_read_phys(t->m, a, v, 8)
		                    : machine_read_virt(t->m, a, v, 8);
		if (r)
			put(y + i, x, COLS - x, "%08x -------- --------", a);
		else
			put(y + i, x, COLS - x, "%08x %08x %08x", a, v[0], v[1]);
	}
}

/* h TLB rows from entry `top` at (y, x), w columns wide. */
static void draw_tlb_rows(struct tui *t, int y, int x, int w, int h, int top)
{
	const struct cpu_state *c = machine_cpu(t->m);
	int matched = dbg_tlb_matched(t->d);

	for (int i = 0; i < h && top + i < TLB_NENTRIES; i++) {
		int n = top + i;
		const struct tlb_entry *e = &c->tlb[n];
		int attr = (n == t->d->tlb_written ? A_REVERSE : 0) | (n == matched ? A_UNDERLINE : 0);
		attron(attr);
		put(y + i, x, w, "%02d %05x/%02x %05x %c%c%c%c %c%c", n, e->hi >> 12,
		    (e->hi & EHI_ASID_MASK) >> EHI_ASID_SHIFT, e->lo >> 12,
		    (e->lo & ELO_N) ? 'N' : '-', (e->lo & ELO_D) ? 'D' : '-',
		    (e->lo & ELO_V) ? 'V' : '-', (e->lo & ELO_G) ? 'G' : '-',
		    n == t->d->tlb_written ? 'W' : ' ', n == matched ? 'M' : ' ');
		attroff(attr);
	}
}

static void draw_tlb(struct tui *t, int y, int x, int h)
{
	if (t->tlb_top > TLB_NENTRIES - h)
		t->tlb_top = TLB_NENTRIES - h > 0 ? TLB_NENTRIES - h : 0;
	draw_tlb_rows(t, y, x, COLS - x, h, t->tlb_top);
}

static void draw_points(struct tui *t, int y, int x, int h)
{
	struct dbg *d = t->d;
	char s[96];
	int row = 0;

	for (int i = 0; i < d->nbp && row < h; i++)
		put(y + row++, x, COLS - x, "b %s", machine_sym_format(t->m, d->bp[i], s, sizeof s));
	for (int i = 0; i < d->nwp && row < h; i++)
		put(y + row++, x, COLS - x, "w%d %s%s %s%08x+%u", i,
		    (d->wp[i].kind & WP_READ) ? "r" : "", (d->wp[i].kind & WP_WRITE) ? "w" : "",
		    d->wp[i].phys ? "pa " : "", d->wp[i].addr, d->wp[i].len);
	if (d->catch_mask && row < h) {
		s[0] = 0;
		for (unsigned i = 0; i < EXC_NCODES; i++)
			if (d->catch_mask & (1u << i))
				snprintf(s + strlen(s), sizeof s - strlen(s), "%s ", exc_name(i));
		put(y + row++, x, COLS - x, "catch %s%s", s,
		    d->catch_user && d->catch_kernel ? "" : d->catch_user ? "(user)" : "(kernel)");
	}
	if (row == 0)
		put(y, x, COLS - x, "(no breakpoints)");
}

/* src with tabs expanded to 8 columns, into out (n bytes). */
static void untab(const char *src, char *out, size_t n)
{
	size_t o = 0;

	for (; *src && o + 1 < n; src++)
		if (*src == '\t')
			do
				out[o++] = ' ';
			while (o % 8 && o + 1 < n);
		else
			out[o++] = isprint((unsigned char)*src) ? *src : '?';
	out[o] = 0;
}

/* The source around the PC's line, from the images' line tables. */
static void draw_source(struct tui *t, int y, int x, int w, int h)
{
	uint32_t pc = machine_cpu(t->m)->pc;
	const struct srcfile *f = NULL;
	const char *file, *base;
	char s[256], text[256];
	int line, first;

	if (machine_srcline(t->m, pc, &file, &line) == 0)
		f = srcfile_get(file);
	if (!f) {
		title(y, x, w, " source");
		put(y + 1, x, w, machine_srcline(t->m, pc, &file, &line) == 0
		    ? "(cannot read the source file)" : "(no line information for the pc)");
		return;
	}
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	snprintf(s, sizeof s, " source %s:%d", base, line);
	title(y, x, w, s);
	first = line - (h - 1) / 3 > 1 ? line - (h - 1) / 3 : 1;
	for (int row = 1; row < h; row++) {
		const char *l = srcfile_line(f, first + row - 1);
		if (!l)
			break;
		untab(l, text, sizeof text);
		if (first + row - 1 == line)
			attron(role(R_PC));
		put(y + row, x, w, "%c%5d %s", first + row - 1 == line ? '>' : ' ', first + row - 1,
		    text);
		if (first + row - 1 == line)
			attroff(role(R_PC));
	}
}

/* Every TLB entry, in as many columns as the width allows. */
static void draw_tlb_all(struct tui *t, int y, int x, int w, int h)
{
	int cols = w / TLB_COL_W > 0 ? w / TLB_COL_W : 1;
	int rows = (TLB_NENTRIES + cols - 1) / cols;

	title(y, x, w, " TLB (whole) W=written M=matched");
	if (rows > h - 1)
		rows = h - 1;
	for (int c = 0; c < cols; c++)
		draw_tlb_rows(t, y + 1, x + c * TLB_COL_W, TLB_COL_W - 1, rows,
		              t->tlb_top + c * rows);
}

static void draw_aux(struct tui *t, int y, int x, int h)
{
	static const char *const names[P_NPANES] = { "1 stack", "2 memory", "3 TLB", "4 points" };
	char s[64];

	snprintf(s, sizeof s, " %s%s", names[t->pane],
	         t->pane == P_MEM ? (t->mem_phys ? " (phys)" : " (virt)") :
	         t->pane == P_TLB ? " W=written M=matched" : "");
	title(y, x, COLS - x, s);
	switch (t->pane) {
	case P_STACK: draw_stack(t, y + 1, x, h - 1); break;
	case P_MEM: draw_mem(t, y + 1, x, h - 1); break;
	case P_TLB: draw_tlb(t, y + 1, x, h - 1); break;
	default: draw_points(t, y + 1, x, h - 1); break;
	}
}

/* The guest's output, and under it the last simulator messages. */
static void draw_console(struct tui *t, int y, int h)
{
	int nm = t->nsim < 2 ? t->nsim : 2, rows = h - 1 - nm;
	char s[80];

	snprintf(s, sizeof s, " console%s", t->nsim ? " | simulator messages below" : "");
	title(y, 0, COLS, s);
	for (int i = 0; i < rows; i++) {
		int n = (t->con_cur - (rows - 1) + i + CON_LINES) % CON_LINES;
		put(y + 1 + i, 0, COLS, "%s", t->con[n]);
	}
	attron(role(R_MESSAGE));
	for (int i = 0; i < nm; i++)
		put(y + 1 + rows + i, 0, COLS, "%s", t->sim[(t->nsim - nm + i) % MSG_LINES]);
	attroff(role(R_MESSAGE));
}

/* The innermost exception not yet returned from, and its latency. */
static void draw_exception(struct tui *t, int y)
{
	const struct dbg *d = t->d;
	const struct dbg_exc *e;

	if (!d->nexc)
		return;
	e = &d->exc[d->nexc - 1];
	put(y, 0, COLS, "in %s from %s, EPC %08x, vector %08x: %llu cycles so far (depth %d)",
	    exc_name(e->code), e->from_user ? "user" : "kernel", e->epc, e->vector,
	    (unsigned long long)(machine_cpu(t->m)->cycle - e->cycle), d->nexc);
}

/*
 * The rows between the registers and the console (h of them from y),
 * by layout.  L_AUTO is the 80-column layout (disassembly | side pane),
 * with a source pane between the two from WIDE_COLS columns on;
 * L_SOURCE puts the source where the disassembly was (wider when the
 * terminal is); L_TLB gives the whole right-hand side to the TLB.
 */
static void draw_middle(struct tui *t, int y, int h)
{
	int src_w = COLS - LEFT_W - 1 - AUX_W - 1;

	if (t->layout == L_SOURCE) {
		int w = COLS >= WIDE_COLS ? COLS - AUX_W - 1 : LEFT_W;
		draw_source(t, y, 0, w, h);
		draw_aux(t, y, w + 1, h);
		return;
	}
	title(y, 0, LEFT_W, " disassembly");
	draw_disasm(t, y + 1, h - 1);
	if (t->layout == L_TLB)
		draw_tlb_all(t, y, LEFT_W + 1, COLS - LEFT_W - 1, h);
	else if (COLS >= WIDE_COLS) {
		draw_source(t, y, LEFT_W + 1, src_w, h);
		draw_aux(t, y, COLS - AUX_W, h);
	} else
		draw_aux(t, y, LEFT_W + 1, h);
}

static void draw(struct tui *t)
{
	int mid, con_h;

	erase();
	if (COLS < 80 || LINES < 24) {
		put(0, 0, COLS, "exosim: the debugger needs 80x24 (now %dx%d)", COLS, LINES);
		refresh();
		return;
	}
	con_h = 4 + (LINES - 24) / 3;
	mid = LINES - 3 - con_h - 10;
	draw_header(t);
	draw_regs(t, 1);
	draw_cp0(t, 1, LEFT_W + 1);
	draw_middle(t, 10, mid);
	draw_console(t, 10 + mid, con_h);
	draw_exception(t, LINES - 3);
	put(LINES - 2, 0, COLS, "%s", t->msg);
	attron(role(R_KEYS));
	put(LINES - 1, 0, COLS, "s step n over c cont f fin x exc r rfe p/P back i input "
	    ": cmd h help q quit");
	attroff(role(R_KEYS));
	refresh();
}

static void help(void)
{
	static const char *const lines[] = {
		"exosim debugger: keys",
		"",
		"  s        step one instruction (into an exception: stops at the vector)",
		"  n        step over a call (jal/jalr/bal: runs to the return)",
		"  c        continue (Esc or Ctrl-C interrupts; other keys are ignored",
		"           while it runs, and the stop line says how many)",
		"  f        finish the current function",
		"  x        run to the next exception taken, stop at its vector",
		"  r        run to the innermost exception's return (rfe, resumed insn)",
		"  p        step back one instruction (re-executes from a checkpoint)",
		"  P        run back to the previous breakpoint or watchpoint hit",
		"           (going back does not take back console output or input)",
		"  i        type a line for the guest's console input",
		"  1 2 3 4  pane: stack, memory, TLB, breakpoints     Tab: next pane",
		"  l        layout: automatic (a source pane from 132 columns), source in",
		"           place of the disassembly, the whole TLB    (NO_COLOR: no colour)",
		"  PgUp/PgDn  scroll the memory or TLB pane",
		"  b w e u m t  start the command below in the prompt",
		"  q        quit",
		"",
		"commands (after ':'):",
		"  break SYM|ADDR       delete SYM|ADDR       until SYM|ADDR",
		"  watch [r|w|rw] [phys] ADDR [LEN]           unwatch N",
		"  catch any|CODE... [user|kernel]  (CODE: Int Mod TLBL TLBS AdEL AdES",
		"        IBE DBE Sys Bp RI CpU Ov)            uncatch",
		"  mem [phys] ADDR      cycles N (run N cycles)   input TEXT (a line)",
		"",
		"press any key",
	};
	erase();
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		put((int)i, 0, COLS, "%s", lines[i]);
	refresh();
	while (getch() == KEY_RESIZE)
		;
}

/* ---- Running --------------------------------------------------------- */

/* Is the run to stop?  Esc or Ctrl-C (raw mode passes it as a key)
 * stops it; any other key typed meanwhile is counted, said on the
 * running line at once and in the stop line, and otherwise ignored, so
 * that a stray key never ends a long run unnoticed. */
static bool key_pressed(void *ctx)
{
	struct tui *t = ctx;
	int ch;

	drain_stderr(t);
	nodelay(stdscr, TRUE);
	while ((ch = getch()) != ERR) {
		if (ch == 27 || ch == 3)
			break;
		if (ch != KEY_RESIZE) {
			t->ignored++;
			put(LINES - 2, 0, COLS, "running... (Esc or Ctrl-C stops; %d key%s ignored)",
			    t->ignored, t->ignored == 1 ? "" : "s");
			clrtoeol();
			refresh();
		}
	}
	nodelay(stdscr, FALSE);
	return ch == 27 || ch == 3;
}

/* Before a run: what it changes will be marked, and keys counted. */
static void run_starts(struct tui *t)
{
	remember_regs(t);
	t->ignored = 0;
}

static void stopped(struct tui *t, const struct dbg_stop *s)
{
	drain_stderr(t);
	dbg_describe(t->d, s, t->msg, sizeof t->msg);
	if (s->why == DBG_INTERRUPTED)
		snprintf(t->msg + strlen(t->msg), sizeof t->msg - strlen(t->msg), " (Esc or Ctrl-C)");
	if (t->ignored)
		snprintf(t->msg + strlen(t->msg), sizeof t->msg - strlen(t->msg),
		         " [%d key%s typed while running ignored]", t->ignored,
		         t->ignored == 1 ? "" : "s");
	if (s->why == DBG_HALTED || s->why == DBG_WEDGED || s->why == DBG_ERROR ||
	    s->why == DBG_LIMIT) {
		t->ended = true;
		t->status = s->why == DBG_HALTED ? machine_halt_status(t->m)
		          : s->why == DBG_WEDGED ? SIM_EXIT_WEDGED
		          : s->why == DBG_LIMIT ? SIM_EXIT_CYCLE_LIMIT : SIM_EXIT_INTERNAL;
		if (t->status > SIM_EXIT_GUEST_MAX && s->why == DBG_HALTED)
			t->status = SIM_EXIT_GUEST_MAX;
	}
}

/* Step back ('p') or run back to the previous breakpoint ('P') by
 * re-execution; the console pane keeps what the guest printed. */
static void reverse(struct tui *t, int key)
{
	struct dbg_stop s;
	size_t n;

	put(LINES - 2, 0, COLS, "re-executing from a checkpoint...");
	clrtoeol();
	refresh();
	run_starts(t);
	s = key == 'p' ? dbg_reverse_step(t->d) : dbg_reverse_continue(t->d);
	t->ended = false;
	stopped(t, &s);
	n = strlen(t->msg);
	snprintf(t->msg + n, sizeof t->msg - n, " [back; console output stays]");
}

/* Run one of the dbg_* functions unless the guest has ended. */
static void go(struct tui *t, int key)
{
	struct dbg_stop s;

	if (key == 'p' || key == 'P') {
		reverse(t, key);
		return;
	}
	if (t->ended) {
		snprintf(t->msg, sizeof t->msg, "the guest has ended; p steps back, q quits");
		return;
	}
	if (key == 'r' && !t->d->nexc) {
		snprintf(t->msg, sizeof t->msg, "no exception in progress");
		return;
	}
	put(LINES - 2, 0, COLS, "running... (Esc or Ctrl-C stops)");
	clrtoeol();
	refresh();
	run_starts(t);
	switch (key) {
	case 's': s = dbg_step(t->d); break;
	case 'n': s = dbg_step_over(t->d, key_pressed, t); break;
	case 'f': s = dbg_finish(t->d, key_pressed, t); break;
	case 'x': s = dbg_to_exception(t->d, key_pressed, t); break;
	case 'r': s = dbg_to_return(t->d, key_pressed, t); break;
	default: s = dbg_continue(t->d, UINT64_MAX, key_pressed, t); break;
	}
	stopped(t, &s);
}

/* ---- Commands ---------------------------------------------------------- */

static int exc_code(const char *s)
{
	for (unsigned i = 0; i < EXC_NCODES; i++)
		if (strcasecmp(s, exc_name(i)) == 0)
			return (int)i;
	return -1;
}

static void cmd_catch(struct tui *t, char **argv, int argc)
{
	struct dbg *d = t->d;
	uint32_t mask = 0;
	bool user = true, kernel = true;

	for (int i = 1; i < argc; i++) {
		int code = exc_code(argv[i]);
		if (strcmp(argv[i], "any") == 0)
			mask = (1u << EXC_NCODES) - 1;
		else if (strcmp(argv[i], "user") == 0)
			kernel = false;
		else if (strcmp(argv[i], "kernel") == 0)
			user = false;
		else if (code >= 0)
			mask |= 1u << code;
		else {
			snprintf(t->msg, sizeof t->msg, "catch: '%s' is not an ExcCode name", argv[i]);
			return;
		}
	}
	if (!mask)
		mask = (1u << EXC_NCODES) - 1;
	d->catch_mask = mask;
	d->catch_user = user;
	d->catch_kernel = kernel;
	t->pane = P_POINTS;
	snprintf(t->msg, sizeof t->msg, "catching exceptions (%s mode)",
	         user && kernel ? "any" : user ? "user" : "kernel");
}

static void cmd_watch(struct tui *t, char **argv, int argc)
{
	int kind = WP_WRITE, i = 1;
	bool phys = false;
	uint32_t addr, len = 4;
	char *end;

	if (i < argc && strspn(argv[i], "rw") == strlen(argv[i])) {
		kind = (strchr(argv[i], 'r') ? WP_READ : 0) | (strchr(argv[i], 'w') ? WP_WRITE : 0);
		i++;
	}
	if (i < argc && strcmp(argv[i], "phys") == 0) {
		phys = true;
		i++;
	}
	if (i >= argc || dbg_parse_addr(t->d, argv[i], &addr)) {
		snprintf(t->msg, sizeof t->msg, "watch: need an address or symbol");
		return;
	}
	if (i + 1 < argc) {
		len = (uint32_t)strtoul(argv[i + 1], &end, 0);
		if (*end || len == 0) {
			snprintf(t->msg, sizeof t->msg, "watch: bad length '%s'", argv[i + 1]);
			return;
		}
	}
	if (dbg_watch_add(t->d, addr, len, kind, phys))
		snprintf(t->msg, sizeof t->msg, "watch: too many watchpoints");
	else
		snprintf(t->msg, sizeof t->msg, "watching %s 0x%08x+%u", phys ? "physical" : "virtual",
		         addr, len);
	t->pane = P_POINTS;
}

/* Commands that take an address: break, delete, until, mem. */
static void cmd_addr(struct tui *t, char **argv, int argc)
{
	uint32_t a;
	int i = 1;
	bool phys = strcmp(argv[0], "mem") == 0 && argc > 2 && strcmp(argv[1], "phys") == 0;
	struct dbg_stop s;

	if (phys)
		i++;
	if (i >= argc || dbg_parse_addr(t->d, argv[i], &a)) {
		snprintf(t->msg, sizeof t->msg, "%s: '%s' is not a symbol or address", argv[0],
		         i < argc ? argv[i] : "");
		return;
	}
	if (strcmp(argv[0], "break") == 0 || strcmp(argv[0], "b") == 0) {
		snprintf(t->msg, sizeof t->msg, dbg_break_add(t->d, a) ? "too many breakpoints"
		         : "breakpoint at 0x%08x", a);
	} else if (strcmp(argv[0], "delete") == 0) {
		snprintf(t->msg, sizeof t->msg, dbg_break_del(t->d, a) ? "no breakpoint at 0x%08x"
		         : "deleted breakpoint at 0x%08x", a);
	} else if (strcmp(argv[0], "until") == 0) {
		if (t->ended) {
			go(t, 'u');
			return;
		}
		run_starts(t);
		s = dbg_run_to(t->d, a, key_pressed, t);
		stopped(t, &s);
	} else {
		t->mem_addr = a & ~7u;
		t->mem_phys = phys;
		t->pane = P_MEM;
	}
}

static void cmd_cycles(struct tui *t, const char *arg)
{
	char *end;
	unsigned long long n = arg ? strtoull(arg, &end, 0) : 0;
	struct dbg_stop s;

	if (!arg || *end || n == 0) {
		snprintf(t->msg, sizeof t->msg, "cycles: need a positive count");
		return;
	}
	if (t->ended) {
		go(t, 'c');
		return;
	}
	run_starts(t);
	s = dbg_continue(t->d, machine_cpu(t->m)->cycle + n, key_pressed, t);
	stopped(t, &s);
}

/* A line for the guest: the machine reads it from the pipe when the
 * console device next polls (every 100000 cycles). */
static void send_input(struct tui *t, const char *text)
{
	char buf[160];
	int n = snprintf(buf, sizeof buf, "%s\n", text);

	if (t->input_fd < 0) {
		snprintf(t->msg, sizeof t->msg, "input: no console input pipe");
		return;
	}
	if (n >= (int)sizeof buf || write(t->input_fd, buf, (size_t)n) != n) {
		snprintf(t->msg, sizeof t->msg, "input: could not send (line too long or pipe full)");
		return;
	}
	snprintf(t->msg, sizeof t->msg, "sent %d bytes to the console input; the guest reads "
	         "them when it runs", n);
}

static void command(struct tui *t, char *line)
{
	char *argv[12];
	int argc = 0;

	if (strncmp(line, "input", 5) == 0 && (line[5] == ' ' || line[5] == 0)) {
		send_input(t, line[5] ? line + 6 : "");
		return;
	}
	for (char *p = strtok(line, " \t"); p && argc < 12; p = strtok(NULL, " \t"))
		argv[argc++] = p;
	if (argc == 0)
		return;
	if (strcmp(argv[0], "catch") == 0)
		cmd_catch(t, argv, argc);
	else if (strcmp(argv[0], "uncatch") == 0) {
		t->d->catch_mask = 0;
		snprintf(t->msg, sizeof t->msg, "not catching exceptions");
	} else if (strcmp(argv[0], "watch") == 0)
		cmd_watch(t, argv, argc);
	else if (strcmp(argv[0], "unwatch") == 0) {
		int n = argc > 1 ? atoi(argv[1]) : -1;
		if (n < 0 || n >= t->d->nwp)
			snprintf(t->msg, sizeof t->msg, "unwatch: no watchpoint w%d", n);
		else
			t->d->wp[n] = t->d->wp[--t->d->nwp];
	} else if (strcmp(argv[0], "cycles") == 0)
		cmd_cycles(t, argc > 1 ? argv[1] : NULL);
	else if (!strcmp(argv[0], "break") || !strcmp(argv[0], "b") || !strcmp(argv[0], "delete") ||
	         !strcmp(argv[0], "until") || !strcmp(argv[0], "mem"))
		cmd_addr(t, argv, argc);
	else
		snprintf(t->msg, sizeof t->msg, "unknown command '%s' (h for help)", argv[0]);
}

/* Read a command line at the bottom row, starting with `init`. */
static bool prompt(struct tui *t, const char *init, char *buf, size_t n)
{
	size_t len = strlen(init);
	int ch;

	snprintf(buf, n, "%s", init);
	curs_set(1);
	for (;;) {
		move(LINES - 1, 0);
		clrtoeol();
		put(LINES - 1, 0, COLS, ":%s", buf);
		refresh();
		ch = getch();
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if (ch == 27) {
			curs_set(0);
			return false;
		}
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len > 0)
			buf[--len] = 0;
		else if (ch == KEY_RESIZE)
			draw(t);
		else if (ch >= ' ' && ch < 127 && len + 1 < n) {
			buf[len++] = (char)ch;
			buf[len] = 0;
		}
	}
	curs_set(0);
	return true;
}

/* One key; returns false to quit. */
static bool key(struct tui *t, int ch)
{
	static const struct { int key; const char *init; } starters[] = {
		{ ':', "" }, { 'b', "break " }, { 'w', "watch " }, { 'e', "catch " },
		{ 'u', "until " }, { 'm', "mem " }, { 't', "cycles " }, { 'i', "input " },
	};
	char line[128];

	for (size_t i = 0; i < sizeof starters / sizeof starters[0]; i++)
		if (ch == starters[i].key) {
			if (prompt(t, starters[i].init, line, sizeof line))
				command(t, line);
			return true;
		}
	switch (ch) {
	case 's': case 'n': case 'c': case 'f': case 'x': case 'r': case 'p': case 'P':
		go(t, ch);
		break;
	case '1': case '2': case '3': case '4': t->pane = (enum pane)(ch - '1'); break;
	case '\t': t->pane = (enum pane)((t->pane + 1) % P_NPANES); break;
	case 'l':
		t->layout = (enum layout)((t->layout + 1) % L_NLAYOUTS);
		snprintf(t->msg, sizeof t->msg, "layout: %s", t->layout == L_SOURCE ? "source" :
		         t->layout == L_TLB ? "whole TLB" : "automatic");
		break;
	case KEY_NPAGE:
		t->mem_addr += 64;
		t->tlb_top += 8;
		break;
	case KEY_PPAGE:
		t->mem_addr -= 64;
		t->tlb_top = t->tlb_top >= 8 ? t->tlb_top - 8 : 0;
		break;
	case 'h': case '?': help(); break;
	case 'q': return false;
	default: break;
	}
	return true;
}

int tui_run(struct machine *m, int input_fd)
{
	struct tui *t;
	SCREEN *scr;
	const char *term = getenv("TERM");
	int st;

	if (!isatty(0) || !isatty(1) || !term || !*term || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "sim: --debug needs a terminal (stdin and stdout a tty, TERM set)\n");
		return SIM_EXIT_BAD_INPUT;
	}
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "sim: --debug: terminal type '%s' is not usable\n", term);
		return SIM_EXIT_BAD_INPUT;
	}
	t = calloc(1, sizeof *t);
	if (!t || !(t->d = dbg_new(m))) {
		endwin();
		delscreen(scr);
		fprintf(stderr, "sim: out of memory\n");
		free(t);
		return SIM_EXIT_INTERNAL;
	}
	t->m = m;
	t->input_fd = input_fd;
	if (input_fd >= 0)
		fcntl(input_fd, F_SETFL, O_NONBLOCK);
	capture_stderr(t);
	t->d->on_console = on_console;
	t->d->console_ctx = t;
	t->mem_addr = machine_cpu(m)->pc & ~7u;
	t->pane = P_STACK;
	snprintf(t->msg, sizeof t->msg, "stopped at entry; h for help");
	use_colour = colour_init();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	do
		draw(t);
	while (key(t, getch()));
	endwin();
	delscreen(scr);
	srcfile_flush();
	release_stderr(t);
	st = t->ended ? t->status : SIM_EXIT_INTERRUPTED;
	dbg_free(t->d);
	free(t);
	return st;
}
