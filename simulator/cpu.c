/*
 * cpu.c: the interpreter, the simulator's hot path.
 *
 * One loop (run_loop) is compiled three times: fast (no observers),
 * hooked (per-instruction observers: debugger, profiler, hazard checker)
 * and single-step.  Per instruction the fast loop does: compare the
 * cycle with next_event, check that the PC is in the cached fetch page,
 * read operands, retire the pending load, run the predecoded handler,
 * count.  Everything rare happens in events_service() (machine.c) or in
 * the slow memory paths (mem.c).
 *
 * Pipeline semantics (r3000.md 1.4): the load delay is not interlocked.
 * A load's value is held in cpu.ld_reg/ld_val and written to the
 * register file by the next instruction, after it has read its operands
 * (so it sees the old value) and before it writes its own result (so a
 * later write wins).  LWL/LWR read rt after that write, which merges
 * them with a load of the same register just before.  Exceptions retire
 * the pending load (cp0.c).
 */
#include "core.h"

#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define ALWAYS_INLINE inline __attribute__((always_inline))

#define MULT_CYCLES 12
#define DIV_CYCLES 35

/* Wait for the multiply/divide unit; count the stall. */
static ALWAYS_INLINE void muldiv_wait(struct machine *m)
{
	struct cpu_state *c = &m->cpu;

	if (UNLIKELY(c->cycle < c->muldiv_ready)) {
		m->stats.muldiv_stall_cycles += c->muldiv_ready - c->cycle;
		c->cycle = c->muldiv_ready;
	}
}

static void do_div(struct cpu_state *c, uint32_t a, uint32_t b)
{
	int32_t sa = (int32_t)a, sb = (int32_t)b;

	/* Division by zero and overflow give what the R3000A gives
	 * (r3000.md 1.8); no exception. */
	if (b == 0) {
		c->hi = a;
		c->lo = sa >= 0 ? 0xffffffffu : 1;
	} else if (a == 0x80000000u && b == 0xffffffffu) {
		c->hi = 0;
		c->lo = 0x80000000u;
	} else {
		c->lo = (uint32_t)(sa / sb);
		c->hi = (uint32_t)(sa % sb);
	}
}

static void do_divu(struct cpu_state *c, uint32_t a, uint32_t b)
{
	if (b == 0) {
		c->hi = a;
		c->lo = 0xffffffffu;
	} else {
		c->lo = a / b;
		c->hi = a % b;
	}
}

static uint32_t lwl_merge(uint32_t rt, uint32_t w, uint32_t va)
{
	unsigned sh = (3 - (va & 3)) * 8;
	return (rt & ~(0xffffffffu << sh)) | (w << sh);
}

static uint32_t lwr_merge(uint32_t rt, uint32_t w, uint32_t va)
{
	unsigned sh = (va & 3) * 8;
	return (rt & ~(0xffffffffu >> sh)) | (w >> sh);
}

/* Data loads: the host TLB hit is inline, the rest in mem.c.
 * Return 0, or -1 after raising an exception. */
static ALWAYS_INLINE int load(struct machine *m, uint32_t va, int size,
                              uint32_t pc, bool bd, uint32_t *val)
{
	struct htlb *h = &m->dtab_r[(va >> PAGE_SHIFT) & (HTLB_SIZE - 1)];

	if (LIKELY(h->tag == ((va & ~0xfffu) | cp0_asid(m)))) {
		const uint8_t *p = h->host + (va & 0xfff);
		if (m->timing) {
			/* D-cache compare (timing.h); misses and uncached
			 * reads are charged in timing.c. */
			uint32_t t = h->ctag + (va & 0xffc);
			if (UNLIKELY(m->dc->tag[cache_index(m->dc, t)] != t))
				return timing_load(m, t, va, size, val);
		}
		switch (size) {
		case 1: *val = *p; break;
		case 2: *val = *(const uint16_t *)p; break;
		default: *val = *(const uint32_t *)p; break;
		}
		return 0;
	}
	return mem_load_slow(m, va, size, pc, bd, val);
}

static ALWAYS_INLINE int store(struct machine *m, uint32_t va, int size,
                               uint32_t pc, bool bd, uint32_t val)
{
	struct htlb *h = &m->dtab_w[(va >> PAGE_SHIFT) & (HTLB_SIZE - 1)];

	if (LIKELY(h->tag == ((va & ~0xfffu) | cp0_asid(m)))) {
		uint8_t *p = h->host + (va & 0xfff);
		if (m->timing)
			timing_store(m, h->ctag + (va & 0xffc), size);
		switch (size) {
		case 1: *p = (uint8_t)val; break;
		case 2: *(uint16_t *)p = (uint16_t)val; break;
		default: *(uint32_t *)p = val; break;
		}
		return 0;
	}
	return mem_store_slow(m, va, size, pc, bd, val);
}

static ALWAYS_INLINE void branch(struct machine *m, uint32_t pc, bool taken,
                                 uint32_t target, const bool hooked)
{
	struct cpu_state *c = &m->cpu;

	c->delay_slot = 1;
	if (taken) {
		c->npc = target;
		if (UNLIKELY(target == pc) && !hooked)
			cpu_idle_loop(m, pc);
	}
}

/* Raise an exception caused by the instruction at pc. */
static void raise(struct machine *m, int code, uint32_t pc, bool bd)
{
	cp0_exception(m, code, pc, bd, 0, false, 0);
}

static void raise_ade(struct machine *m, int code, uint32_t pc, bool bd, uint32_t va)
{
	cp0_exception(m, code, pc, bd, va, false, 0);
}

/* Can the current mode use COP0?  Kernel mode always can. */
static ALWAYS_INLINE bool cop0_usable(const struct machine *m)
{
	return !cp0_user_mode(m) || (m->cpu.cp0[CP0_STATUS] & ST_CU0);
}

static ALWAYS_INLINE enum sim_stop run_loop(struct machine *m, const bool hooked,
                                            const bool single, const bool timed)
{
	struct cpu_state *const c = &m->cpu;
	uint32_t *const r = c->r;
	bool first = true;

	for (;;) {
		if (UNLIKELY(c->cycle >= m->next_event)) {
			uint64_t taken = m->exc_count;
			if (events_service(m))
				return m->stop;
			if (single && m->exc_count != taken)
				return STOP_STEP;      /* stopped at the vector */
		}
		const uint32_t pc = c->pc;
		const bool bd = c->delay_slot;
		if (UNLIKELY((pc & ~0xffcu) != m->fetch_vpage)) {
			if (mem_fetch_page(m, pc, bd) < 0) {
				c->cycle++;
				if (single)
					return STOP_STEP;
				continue;
			}
		}
		struct dinsn *d = &m->fetch_dpage[(pc >> 2) & 1023];
		if (timed) {
			/* I-cache compare (timing.h): misses, uncached fetches
			 * and stale lines are handled in timing.c. */
			uint32_t off = pc & 0xffc;
			if (UNLIKELY(m->ic->tag[cache_index(m->ic, m->fetch_pbase + off)] !=
			             m->fetch_itag + off)) {
				struct dinsn *stale = timing_ifetch(m, pc, m->fetch_itag + off);
				if (stale)
					d = stale;
			}
		}
		if (hooked) {
			uint32_t word = *(uint32_t *)(m->ram + m->fetch_pbase + (pc & 0xffc));
			if (machine_observe_insn(m, pc, word) && !first) {
				m->stop = STOP_BREAK;
				return STOP_BREAK;
			}
		}
		first = false;
		c->pc = c->npc;
		c->npc += 4;
		c->delay_slot = 0;

		const uint32_t a = r[d->rs], b = r[d->rt];
		uint32_t v, va;
		/* Retire the previous load (see the top of the file). */
		r[c->ld_reg] = c->ld_val;
		c->ld_reg = REG_SINK;

		switch ((enum op)d->op) {
		case OP_NOP: break;
		case OP_RI: raise(m, EXC_RI, pc, bd); goto exception;
		case OP_SLL: r[d->rd] = b << d->imm; break;
		case OP_SRL: r[d->rd] = b >> d->imm; break;
		case OP_SRA: r[d->rd] = (uint32_t)((int32_t)b >> d->imm); break;
		case OP_SLLV: r[d->rd] = b << (a & 31); break;
		case OP_SRLV: r[d->rd] = b >> (a & 31); break;
		case OP_SRAV: r[d->rd] = (uint32_t)((int32_t)b >> (a & 31)); break;
		case OP_JR:
			branch(m, pc, true, a, hooked);
			break;
		case OP_JALR:
			r[d->rd] = pc + 8;
			branch(m, pc, true, a, hooked);
			break;
		case OP_SYSCALL: raise(m, EXC_SYS, pc, bd); goto exception;
		case OP_BREAK: raise(m, EXC_BP, pc, bd); goto exception;
		case OP_MFHI: muldiv_wait(m); r[d->rd] = c->hi; break;
		case OP_MFLO: muldiv_wait(m); r[d->rd] = c->lo; break;
		case OP_MTHI: muldiv_wait(m); c->hi = a; break;
		case OP_MTLO: muldiv_wait(m); c->lo = a; break;
		case OP_MULT: {
			int64_t p = (int64_t)(int32_t)a * (int32_t)b;
			muldiv_wait(m);
			c->lo = (uint32_t)p;
			c->hi = (uint32_t)((uint64_t)p >> 32);
			c->muldiv_ready = c->cycle + MULT_CYCLES;
			break;
		}
		case OP_MULTU: {
			uint64_t p = (uint64_t)a * b;
			muldiv_wait(m);
			c->lo = (uint32_t)p;
			c->hi = (uint32_t)(p >> 32);
			c->muldiv_ready = c->cycle + MULT_CYCLES;
			break;
		}
		case OP_DIV:
			muldiv_wait(m);
			do_div(c, a, b);
			c->muldiv_ready = c->cycle + DIV_CYCLES;
			break;
		case OP_DIVU:
			muldiv_wait(m);
			do_divu(c, a, b);
			c->muldiv_ready = c->cycle + DIV_CYCLES;
			break;
		case OP_ADD:
			v = a + b;
			if (UNLIKELY(~(a ^ b) & (a ^ v) & 0x80000000u)) {
				raise(m, EXC_OV, pc, bd);
				goto exception;
			}
			r[d->rd] = v;
			break;
		case OP_ADDU: r[d->rd] = a + b; break;
		case OP_SUB:
			v = a - b;
			if (UNLIKELY((a ^ b) & (a ^ v) & 0x80000000u)) {
				raise(m, EXC_OV, pc, bd);
				goto exception;
			}
			r[d->rd] = v;
			break;
		case OP_SUBU: r[d->rd] = a - b; break;
		case OP_AND: r[d->rd] = a & b; break;
		case OP_OR: r[d->rd] = a | b; break;
		case OP_XOR: r[d->rd] = a ^ b; break;
		case OP_NOR: r[d->rd] = ~(a | b); break;
		case OP_SLT: r[d->rd] = (int32_t)a < (int32_t)b; break;
		case OP_SLTU: r[d->rd] = a < b; break;
		case OP_BLTZ: branch(m, pc, (int32_t)a < 0, pc + 4 + d->imm, hooked); break;
		case OP_BGEZ: branch(m, pc, (int32_t)a >= 0, pc + 4 + d->imm, hooked); break;
		case OP_BLTZAL:
			r[31] = pc + 8;
			branch(m, pc, (int32_t)a < 0, pc + 4 + d->imm, hooked);
			break;
		case OP_BGEZAL:
			r[31] = pc + 8;
			branch(m, pc, (int32_t)a >= 0, pc + 4 + d->imm, hooked);
			break;
		case OP_J:
			branch(m, pc, true, ((pc + 4) & 0xf0000000u) | d->imm, hooked);
			break;
		case OP_JAL:
			r[31] = pc + 8;
			branch(m, pc, true, ((pc + 4) & 0xf0000000u) | d->imm, hooked);
			break;
		case OP_BEQ: branch(m, pc, a == b, pc + 4 + d->imm, hooked); break;
		case OP_BNE: branch(m, pc, a != b, pc + 4 + d->imm, hooked); break;
		case OP_BLEZ: branch(m, pc, (int32_t)a <= 0, pc + 4 + d->imm, hooked); break;
		case OP_BGTZ: branch(m, pc, (int32_t)a > 0, pc + 4 + d->imm, hooked); break;
		case OP_ADDI:
			v = a + d->imm;
			if (UNLIKELY(~(a ^ d->imm) & (a ^ v) & 0x80000000u)) {
				raise(m, EXC_OV, pc, bd);
				goto exception;
			}
			r[d->rd] = v;
			break;
		case OP_ADDIU: r[d->rd] = a + d->imm; break;
		case OP_SLTI: r[d->rd] = (int32_t)a < (int32_t)d->imm; break;
		case OP_SLTIU: r[d->rd] = a < d->imm; break;
		case OP_ANDI: r[d->rd] = a & d->imm; break;
		case OP_ORI: r[d->rd] = a | d->imm; break;
		case OP_XORI: r[d->rd] = a ^ d->imm; break;
		case OP_LUI: r[d->rd] = d->imm; break;

		case OP_MFC0:
			if (!cop0_usable(m)) goto cpu0;
			c->ld_reg = d->rd;           /* MFC0 has a load delay */
			c->ld_val = cp0_read(m, (int)d->imm);
			break;
		case OP_MTC0:
			if (!cop0_usable(m)) goto cpu0;
			cp0_write(m, (int)d->imm, b);
			break;
		case OP_TLBR:
			if (!cop0_usable(m)) goto cpu0;
			cp0_tlbr(m);
			break;
		case OP_TLBWI:
			if (!cop0_usable(m)) goto cpu0;
			cp0_tlbwi(m, pc);
			break;
		case OP_TLBWR:
			if (!cop0_usable(m)) goto cpu0;
			cp0_tlbwr(m, pc);
			break;
		case OP_TLBP:
			if (!cop0_usable(m)) goto cpu0;
			cp0_tlbp(m, pc);
			break;
		case OP_RFE:
			if (!cop0_usable(m)) goto cpu0;
			cp0_rfe(m, pc);
			break;
		case OP_BC0F:
		case OP_BC0T:
			if (!cop0_usable(m)) goto cpu0;
			/* CpCond0 is the write buffer's "empty" signal; without
			 * a timing model the buffer is always empty. */
			/* Not branch(): a `bc0f .` spin waits for the buffer,
			 * not for an interrupt, so it is no idle loop. */
			c->delay_slot = 1;
			if ((d->op == OP_BC0T) == mem_wbuf_empty(m))
				c->npc = pc + 4 + d->imm;
			break;
		case OP_COPZ:
			if (!(c->cp0[CP0_STATUS] & (ST_CU0 << d->imm))) {
				cp0_exception(m, EXC_CPU, pc, bd, 0, false, (int)d->imm);
				goto exception;
			}
			raise(m, EXC_RI, pc, bd);     /* no coprocessor 1..3 */
			goto exception;

		case OP_LB:
			va = a + d->imm;
			if (load(m, va, 1, pc, bd, &v)) goto exception;
			c->ld_reg = d->rd; c->ld_val = (uint32_t)(int32_t)(int8_t)v;
			break;
		case OP_LBU:
			va = a + d->imm;
			if (load(m, va, 1, pc, bd, &v)) goto exception;
			c->ld_reg = d->rd; c->ld_val = v;
			break;
		case OP_LH:
			va = a + d->imm;
			if (va & 1) { raise_ade(m, EXC_ADEL, pc, bd, va); goto exception; }
			if (load(m, va, 2, pc, bd, &v)) goto exception;
			c->ld_reg = d->rd; c->ld_val = (uint32_t)(int32_t)(int16_t)v;
			break;
		case OP_LHU:
			va = a + d->imm;
			if (va & 1) { raise_ade(m, EXC_ADEL, pc, bd, va); goto exception; }
			if (load(m, va, 2, pc, bd, &v)) goto exception;
			c->ld_reg = d->rd; c->ld_val = v;
			break;
		case OP_LW:
			va = a + d->imm;
			if (va & 3) { raise_ade(m, EXC_ADEL, pc, bd, va); goto exception; }
			if (load(m, va, 4, pc, bd, &v)) goto exception;
			c->ld_reg = d->rd; c->ld_val = v;
			break;
		case OP_LWL:
			va = a + d->imm;
			if (load(m, va & ~3u, 4, pc, bd, &v)) goto exception;
			c->ld_reg = d->rd; c->ld_val = lwl_merge(r[d->rt], v, va);
			break;
		case OP_LWR:
			va = a + d->imm;
			if (load(m, va & ~3u, 4, pc, bd, &v)) goto exception;
			c->ld_reg = d->rd; c->ld_val = lwr_merge(r[d->rt], v, va);
			break;
		case OP_SB:
			if (store(m, a + d->imm, 1, pc, bd, b)) goto exception;
			break;
		case OP_SH:
			va = a + d->imm;
			if (va & 1) { raise_ade(m, EXC_ADES, pc, bd, va); goto exception; }
			if (store(m, va, 2, pc, bd, b)) goto exception;
			break;
		case OP_SW:
			va = a + d->imm;
			if (va & 3) { raise_ade(m, EXC_ADES, pc, bd, va); goto exception; }
			if (store(m, va, 4, pc, bd, b)) goto exception;
			break;
		case OP_SWL:
		case OP_SWR:
			va = a + d->imm;
			if (mem_store_partial(m, va, d->op == OP_SWL, pc, bd, b))
				goto exception;
			break;
		default:
			machine_wedged(m, "internal: bad predecoded op %u at 0x%08x", d->op, pc);
			m->stop = STOP_ERROR;
			return STOP_ERROR;
		}
		c->cycle++;
		c->insns++;
		if (single)
			return m->stop_request ? (enum sim_stop)m->stop_request : STOP_STEP;
		continue;
cpu0:
		cp0_exception(m, EXC_CPU, pc, bd, 0, false, 0);
exception:
		/* The faulting instruction used its cycle but did not complete. */
		c->cycle++;
		if (single)
			return STOP_STEP;
	}
}

enum sim_stop cpu_run(struct machine *m, bool single)
{
	if (single)
		return run_loop(m, true, true, m->timing);
	if (m->hooked)
		return run_loop(m, true, false, m->timing);
	if (m->timing)
		return run_loop(m, false, false, true);
	return run_loop(m, false, false, false);
}

/*
 * A taken branch to itself: an idle loop `b .; nop`, the usual way to
 * wait for an interrupt.  Once the loop is in its steady state (this
 * branch ran two cycles ago), skip whole iterations up to just before
 * the next event: the machine ends up exactly where running them would
 * have left it, cycle for cycle.  If no interrupt can ever end the
 * loop, the guest is wedged.
 */
void cpu_idle_loop(struct machine *m, uint32_t pc)
{
	struct cpu_state *c = &m->cpu;
	uint64_t now = c->cycle, k;
	uint32_t slot;

	if (((pc + 4) & 0xfff) == 0 ||
	    m->fetch_dpage[((pc + 4) >> 2) & 1023].op != OP_NOP)
		return;
	slot = m->idle_pc;
	m->idle_pc = pc;
	if (slot != pc || m->idle_cycle + 2 != now) {
		m->idle_cycle = now;
		return;
	}
	m->idle_cycle = now;
	if (!cp0_can_interrupt(m)) {
		machine_wedged(m, "idle loop at 0x%08x with no interrupt that can end it", pc);
		return;
	}
	if (m->next_event <= now + 2)
		return;
	k = (m->next_event - now - 1) / 2;
	c->cycle += 2 * k;
	c->insns += 2 * k;
	m->stats.idle_skipped_cycles += 2 * k;
	m->idle_cycle = c->cycle;
}
