/*
 * disasm.c: one-instruction disassembly for the debuggers, traces and
 * messages.  Capstone (a MIPS32 disassembler) does the ALU, load/store
 * and branch words; the coprocessor words are ours, because capstone
 * does not know MIPS I's CP0 (RFE, register names) and would show
 * MIPS32's meanings for the rest.  Words that MIPS I does not define
 * are shown as such even when capstone knows them, because on the R3000
 * they raise RI.  mips_disasm_sym also names branch and jump targets
 * and absolute load/store addresses.
 */
#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "exosim.h"

#define RESERVED "  # reserved on the R3000"

static csh handle;
static int opened;   /* 0 not yet, 1 open, -1 failed */

static const char *const gpr[32] = {
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
};

/* CP0 register rd's name ("Status"), or "$rd" in buf for the unnamed. */
static const char *cp0_name(unsigned rd, char *buf, size_t n)
{
	static const char *const names[16] = {
		[0] = "Index", [1] = "Random", [2] = "EntryLo", [4] = "Context",
		[8] = "BadVAddr", [10] = "EntryHi", [12] = "Status", [13] = "Cause",
		[14] = "EPC", [15] = "PRId",
	};

	if (rd < 16 && names[rd])
		return names[rd];
	snprintf(buf, n, "$%u", rd);
	return buf;
}

/* An immediate as capstone prints it: decimal below 10, else hex. */
static const char *imm_str(int32_t v, char *buf, size_t n)
{
	if (v > -10 && v < 10)
		snprintf(buf, n, "%d", v);
	else if (v < 0)
		snprintf(buf, n, "-0x%x", -(uint32_t)v);
	else
		snprintf(buf, n, "0x%x", (uint32_t)v);
	return buf;
}

/* COP0..3 (op 0x10..0x13): MFCz, CFCz, MTCz, CTCz, BCzF/T, the CP0
 * operations and COPz's coprocessor operations. */
static void disasm_cop(uint32_t w, uint32_t pc, char *buf, size_t n)
{
	unsigned z = (w >> 26) & 3, rs = (w >> 21) & 31, rt = (w >> 16) & 31;
	unsigned rd = (w >> 11) & 31;
	const char *ri = z == 0 && decode(w).op == OP_RI ? RESERVED : "";
	char r[16];

	if (rs & 0x10) {
		static const char *const ops[0x11] = {
			[0x01] = "tlbr", [0x02] = "tlbwi", [0x06] = "tlbwr",
			[0x08] = "tlbp", [0x10] = "rfe",
		};
		if (z != 0)
			snprintf(buf, n, "cop%u 0x%x", z, w & 0x01ffffff);
		else if (!*ri)
			snprintf(buf, n, "%s", ops[w & 0x01ffffff]);
		else
			snprintf(buf, n, ".word 0x%08x" RESERVED, w);
		return;
	}
	snprintf(r, sizeof r, "$%u", rd);
	switch (rs) {
	case 0x00: case 0x04:
		snprintf(buf, n, "%s%u $%s, %s", rs ? "mtc" : "mfc", z, gpr[rt],
		         z == 0 ? cp0_name(rd, r, sizeof r) : r);
		return;
	case 0x02: case 0x06:
		snprintf(buf, n, "%s%u $%s, $%u%s", rs == 2 ? "cfc" : "ctc", z,
		         gpr[rt], rd, ri);
		return;
	case 0x08:
		if (rt < 2) {
			snprintf(buf, n, "bc%u%c 0x%x", z, rt ? 't' : 'f',
			         pc + 4 + ((uint32_t)(int16_t)w << 2));
			return;
		}
		break;
	}
	snprintf(buf, n, ".word 0x%08x%s", w, ri);
}

/* LWCz and SWCz (op 0x30..0x33, 0x38..0x3b). */
static void disasm_lswc(uint32_t w, char *buf, size_t n)
{
	char off[16];

	snprintf(buf, n, "%swc%u $%u, %s($%s)%s", w >> 29 == 7 ? "s" : "l",
	         (w >> 26) & 3, (w >> 16) & 31,
	         imm_str((int16_t)w, off, sizeof off), gpr[(w >> 21) & 31],
	         decode(w).op == OP_RI ? RESERVED : "");
}

/* Capstone's text for the other words. */
static void disasm_capstone(uint32_t w, uint32_t pc, char *buf, size_t n)
{
	cs_insn *insn;
	uint8_t bytes[4] = { (uint8_t)w, (uint8_t)(w >> 8),
	                     (uint8_t)(w >> 16), (uint8_t)(w >> 24) };

	if (!opened)
		opened = cs_open(CS_ARCH_MIPS, CS_MODE_MIPS32 | CS_MODE_LITTLE_ENDIAN,
		                 &handle) == CS_ERR_OK ? 1 : -1;
	if (opened < 0 || cs_disasm(handle, bytes, 4, pc, 1, &insn) != 1) {
		snprintf(buf, n, ".word 0x%08x", w);
		return;
	}
	if (insn->op_str[0])
		snprintf(buf, n, "%s %s", insn->mnemonic, insn->op_str);
	else
		snprintf(buf, n, "%s", insn->mnemonic);
	cs_free(insn, 1);
}

/* REGIMM words other than the four documented ones: the R3000 runs
 * them as one of the four (decode.c), so they are shown as what runs,
 * not as capstone's MIPS32 reading (bltzl, tgei, ...). */
static void disasm_regimm(uint32_t w, uint32_t pc, char *buf, size_t n)
{
	snprintf(buf, n, "%s $%s, 0x%x  # rt %u runs as this on the R3000",
	         op_name(decode(w).op), gpr[(w >> 21) & 31],
	         pc + 4 + ((uint32_t)(int16_t)w << 2), (w >> 16) & 31);
}

const char *mips_disasm(uint32_t word, uint32_t pc, char *buf, size_t n)
{
	unsigned op = word >> 26, rt = (word >> 16) & 31;

	if (op == 0x01 && rt != 0x00 && rt != 0x01 && rt != 0x10 && rt != 0x11)
		disasm_regimm(word, pc, buf, n);
	else if (op >= 0x10 && op <= 0x13)
		disasm_cop(word, pc, buf, n);
	else if ((op >= 0x30 && op <= 0x33) || (op >= 0x38 && op <= 0x3b))
		disasm_lswc(word, buf, n);
	else if (decode(word).op == OP_RI)
		snprintf(buf, n, ".word 0x%08x" RESERVED, word);
	else
		disasm_capstone(word, pc, buf, n);
	return buf;
}

/* The address word names, if known without running it: a branch or
 * jump target, or a load/store address off $zero (or $gp, if given).
 * Returns 1 and sets *addr, or 0. */
static int known_addr(uint32_t w, uint32_t pc, const struct disasm_syms *s,
                      uint32_t *addr)
{
	struct dinsn d = decode(w);
	unsigned base = (w >> 21) & 31;

	switch (d.op) {
	case OP_J: case OP_JAL:
		*addr = ((pc + 4) & 0xf0000000) | (w & 0x03ffffff) << 2;
		return 1;
	case OP_BEQ: case OP_BNE: case OP_BLEZ: case OP_BGTZ: case OP_BLTZ:
	case OP_BGEZ: case OP_BLTZAL: case OP_BGEZAL: case OP_BC0F: case OP_BC0T:
		*addr = pc + 4 + d.imm;
		return 1;
	case OP_LB: case OP_LH: case OP_LWL: case OP_LW: case OP_LBU: case OP_LHU:
	case OP_LWR: case OP_SB: case OP_SH: case OP_SWL: case OP_SW: case OP_SWR:
		if (base == 0 || (base == 28 && s->gp_known)) {
			*addr = (base ? s->gp : 0) + (uint32_t)(int16_t)w;
			return 1;
		}
		return 0;
	default:
		return 0;
	}
}

const char *mips_disasm_sym(uint32_t word, uint32_t pc, const struct disasm_syms *s,
                            char *buf, size_t n)
{
	char name[128];
	uint32_t addr;
	size_t len;

	mips_disasm(word, pc, buf, n);
	if (!s || !s->sym || strchr(buf, '#') || !known_addr(word, pc, s, &addr) ||
	    !s->sym(s->arg, addr, name, sizeof name))
		return buf;
	len = strlen(buf);
	if (len < n)
		snprintf(buf + len, n - len, " <%s>", name);
	return buf;
}

/* disasm_syms callback over a machine's symbols. */
static const char *machine_sym(void *arg, uint32_t addr, char *buf, size_t n)
{
	const struct machine *m = arg;

	return machine_sym_lookup(m, addr) ? machine_sym_format(m, addr, buf, n) : NULL;
}

const char *machine_disasm(const struct machine *m, uint32_t word, uint32_t pc,
                           char *buf, size_t n)
{
	struct disasm_syms s = { machine_sym, (void *)m, 0, 0 };

	return mips_disasm_sym(word, pc, &s, buf, n);
}
