/*
 * decode.c: MIPS I instruction decoding (r3000.md section 1.2).
 * Every encoding that MIPS I does not define decodes to OP_RI.
 */
#include "decode.h"
#include "exosim.h"

#define F_OP(w)    ((w) >> 26)
#define F_RS(w)    (((w) >> 21) & 31)
#define F_RT(w)    (((w) >> 16) & 31)
#define F_RD(w)    (((w) >> 11) & 31)
#define F_SA(w)    (((w) >> 6) & 31)
#define F_FUNCT(w) ((w) & 63)
#define SEXT16(w)  ((uint32_t)(int32_t)(int16_t)(w))
#define ZEXT16(w)  ((w) & 0xffff)

static const uint8_t special_ops[64] = {
	[0x00] = OP_SLL, [0x02] = OP_SRL, [0x03] = OP_SRA, [0x04] = OP_SLLV,
	[0x06] = OP_SRLV, [0x07] = OP_SRAV, [0x08] = OP_JR, [0x09] = OP_JALR,
	[0x0c] = OP_SYSCALL, [0x0d] = OP_BREAK, [0x10] = OP_MFHI,
	[0x11] = OP_MTHI, [0x12] = OP_MFLO, [0x13] = OP_MTLO, [0x18] = OP_MULT,
	[0x19] = OP_MULTU, [0x1a] = OP_DIV, [0x1b] = OP_DIVU, [0x20] = OP_ADD,
	[0x21] = OP_ADDU, [0x22] = OP_SUB, [0x23] = OP_SUBU, [0x24] = OP_AND,
	[0x25] = OP_OR, [0x26] = OP_XOR, [0x27] = OP_NOR, [0x2a] = OP_SLT,
	[0x2b] = OP_SLTU,
};

static const uint8_t primary_ops[64] = {
	[0x02] = OP_J, [0x03] = OP_JAL, [0x04] = OP_BEQ, [0x05] = OP_BNE,
	[0x06] = OP_BLEZ, [0x07] = OP_BGTZ, [0x08] = OP_ADDI, [0x09] = OP_ADDIU,
	[0x0a] = OP_SLTI, [0x0b] = OP_SLTIU, [0x0c] = OP_ANDI, [0x0d] = OP_ORI,
	[0x0e] = OP_XORI, [0x0f] = OP_LUI, [0x20] = OP_LB, [0x21] = OP_LH,
	[0x22] = OP_LWL, [0x23] = OP_LW, [0x24] = OP_LBU, [0x25] = OP_LHU,
	[0x26] = OP_LWR, [0x28] = OP_SB, [0x29] = OP_SH, [0x2a] = OP_SWL,
	[0x2b] = OP_SW, [0x2e] = OP_SWR,
};

static uint8_t dest(unsigned r)
{
	return r ? (uint8_t)r : REG_SINK;
}

static struct dinsn mk(enum op op, unsigned rs, unsigned rt, unsigned rd, uint32_t imm)
{
	struct dinsn d = { (uint8_t)op, (uint8_t)rs, (uint8_t)rt, (uint8_t)rd, imm };
	return d;
}

static struct dinsn ri(void)
{
	return mk(OP_RI, 0, 0, REG_SINK, 0);
}

/* ALU results written to $zero are dropped, so such instructions are
 * NOPs unless they can trap (ADD, SUB) or touch HI/LO. */
static struct dinsn alu_or_nop(struct dinsn d)
{
	if (d.rd == REG_SINK && d.op != OP_ADD && d.op != OP_SUB &&
	    d.op != OP_ADDI)
		d.op = OP_NOP;
	return d;
}

static struct dinsn decode_special(uint32_t w)
{
	unsigned f = F_FUNCT(w);
	enum op op = special_ops[f];

	if (op == 0 && f != 0)
		return ri();
	if (f == 0)
		op = OP_SLL;
	switch (op) {
	case OP_SLL: case OP_SRL: case OP_SRA:
		return alu_or_nop(mk(op, 0, F_RT(w), dest(F_RD(w)), F_SA(w)));
	case OP_JR:
		return mk(op, F_RS(w), 0, REG_SINK, 0);
	case OP_JALR:
		return mk(op, F_RS(w), 0, dest(F_RD(w)), 0);
	case OP_SYSCALL: case OP_BREAK:
		return mk(op, 0, 0, REG_SINK, (w >> 6) & 0xfffff);
	case OP_MFHI: case OP_MFLO:
		return mk(op, 0, 0, dest(F_RD(w)), 0);
	case OP_MTHI: case OP_MTLO:
		return mk(op, F_RS(w), 0, REG_SINK, 0);
	case OP_MULT: case OP_MULTU: case OP_DIV: case OP_DIVU:
		return mk(op, F_RS(w), F_RT(w), REG_SINK, 0);
	default:
		return alu_or_nop(mk(op, F_RS(w), F_RT(w), dest(F_RD(w)), 0));
	}
}

/*
 * REGIMM as MIPS-I silicon decodes it (r3000.md 1.2; PSXN, which the
 * b_0xXX tests of Amidog's CPU test check on the R3000A): rt bit 0
 * chooses BGEZ over BLTZ, and the branch links only when rt is 10000 or
 * 10001; every other rt value is the plain branch, never RI.
 */
static struct dinsn decode_regimm(uint32_t w)
{
	bool ge = F_RT(w) & 1, link = (F_RT(w) & 0x1e) == 0x10;
	enum op op = link ? (ge ? OP_BGEZAL : OP_BLTZAL) : (ge ? OP_BGEZ : OP_BLTZ);

	return mk(op, F_RS(w), 0, REG_SINK, SEXT16(w) << 2);
}

static struct dinsn decode_cop0(uint32_t w)
{
	unsigned rs = F_RS(w);

	if (rs & 0x10) {               /* CO: a coprocessor operation */
		switch (w & 0x01ffffff) {
		case 0x01: return mk(OP_TLBR, 0, 0, REG_SINK, 0);
		case 0x02: return mk(OP_TLBWI, 0, 0, REG_SINK, 0);
		case 0x06: return mk(OP_TLBWR, 0, 0, REG_SINK, 0);
		case 0x08: return mk(OP_TLBP, 0, 0, REG_SINK, 0);
		case 0x10: return mk(OP_RFE, 0, 0, REG_SINK, 0);
		default: return ri();
		}
	}
	switch (rs) {
	case 0x00:
		return mk(OP_MFC0, 0, 0, dest(F_RT(w)), F_RD(w));
	case 0x04:
		return mk(OP_MTC0, 0, F_RT(w), REG_SINK, F_RD(w));
	case 0x08:
		if (F_RT(w) == 0)
			return mk(OP_BC0F, 0, 0, REG_SINK, SEXT16(w) << 2);
		if (F_RT(w) == 1)
			return mk(OP_BC0T, 0, 0, REG_SINK, SEXT16(w) << 2);
		return ri();
	default:                       /* CFC0, CTC0 and the rest */
		return ri();
	}
}

/* COP1..3 and LWCz/SWCz: imm = z, so the interpreter can raise CpU. */
static struct dinsn decode_copz(unsigned z)
{
	return mk(OP_COPZ, 0, 0, REG_SINK, z);
}

struct dinsn decode(uint32_t w)
{
	unsigned op = F_OP(w);
	enum op o;

	switch (op) {
	case 0x00: return decode_special(w);
	case 0x01: return decode_regimm(w);
	case 0x10: return decode_cop0(w);
	case 0x11: case 0x12: case 0x13:
		return decode_copz(op - 0x10);
	case 0x31: case 0x32: case 0x33:
		return decode_copz(op - 0x30);
	case 0x39: case 0x3a: case 0x3b:
		return decode_copz(op - 0x38);
	default:
		break;
	}
	o = primary_ops[op];
	switch (o) {
	case 0:
		return ri();
	case OP_J: case OP_JAL:
		return mk(o, 0, 0, REG_SINK, (w & 0x03ffffff) << 2);
	case OP_BEQ: case OP_BNE:
		return mk(o, F_RS(w), F_RT(w), REG_SINK, SEXT16(w) << 2);
	case OP_BLEZ: case OP_BGTZ:
		return mk(o, F_RS(w), 0, REG_SINK, SEXT16(w) << 2);
	case OP_ANDI: case OP_ORI: case OP_XORI:
		return alu_or_nop(mk(o, F_RS(w), 0, dest(F_RT(w)), ZEXT16(w)));
	case OP_LUI:
		return alu_or_nop(mk(o, 0, 0, dest(F_RT(w)), ZEXT16(w) << 16));
	case OP_ADDI: case OP_ADDIU: case OP_SLTI: case OP_SLTIU:
		return alu_or_nop(mk(o, F_RS(w), 0, dest(F_RT(w)), SEXT16(w)));
	case OP_SB: case OP_SH: case OP_SW: case OP_SWL: case OP_SWR:
		return mk(o, F_RS(w), F_RT(w), REG_SINK, SEXT16(w));
	default:                       /* loads: rt is also read (LWL/LWR) */
		return mk(o, F_RS(w), F_RT(w), dest(F_RT(w)), SEXT16(w));
	}
}

static const char *const names[OP_NOPS] = {
	"(reserved)", "nop", "sll", "srl", "sra", "sllv", "srlv",
	"srav", "jr", "jalr", "syscall", "break", "mfhi", "mthi", "mflo",
	"mtlo", "mult", "multu", "div", "divu", "add", "addu", "sub", "subu",
	"and", "or", "xor", "nor", "slt", "sltu", "bltz", "bgez", "bltzal",
	"bgezal", "j", "jal", "beq", "bne", "blez", "bgtz", "addi", "addiu",
	"slti", "sltiu", "andi", "ori", "xori", "lui", "mfc0", "mtc0", "tlbr",
	"tlbwi", "tlbwr", "tlbp", "rfe", "bc0f", "bc0t", "copz", "lb", "lh",
	"lwl", "lw", "lbu", "lhu", "lwr", "sb", "sh", "swl", "sw", "swr",
};

const char *op_name(enum op op)
{
	return (unsigned)op < OP_NOPS ? names[op] : "?";
}

int insn_is_load(uint32_t w)
{
	struct dinsn d = decode(w);
	return (d.op >= OP_LB && d.op <= OP_LWR) || d.op == OP_MFC0;
}

int insn_load_dest(uint32_t w)
{
	if (!insn_is_load(w))
		return -1;
	return (int)F_RT(w);
}

int insn_is_lwlr(uint32_t w)
{
	struct dinsn d = decode(w);
	return d.op == OP_LWL || d.op == OP_LWR;
}

/* Which registers an instruction reads as operands. */
int insn_reads_reg(uint32_t w, int reg)
{
	struct dinsn d = decode(w);

	if (reg == 0)
		return 0;
	switch (d.op) {
	case OP_RI: case OP_NOP: case OP_J: case OP_JAL:
	case OP_SYSCALL: case OP_BREAK: case OP_MFHI: case OP_MFLO:
	case OP_LUI: case OP_MFC0: case OP_TLBR: case OP_TLBWI: case OP_TLBWR:
	case OP_TLBP: case OP_RFE: case OP_BC0F: case OP_BC0T: case OP_COPZ:
		return 0;
	case OP_SLL: case OP_SRL: case OP_SRA: case OP_MTC0:
		return d.rt == reg;
	case OP_JR: case OP_JALR: case OP_MTHI: case OP_MTLO:
	case OP_BLTZ: case OP_BGEZ: case OP_BLTZAL: case OP_BGEZAL:
	case OP_BLEZ: case OP_BGTZ: case OP_ADDI: case OP_ADDIU: case OP_SLTI:
	case OP_SLTIU: case OP_ANDI: case OP_ORI: case OP_XORI:
	case OP_LB: case OP_LH: case OP_LW: case OP_LBU: case OP_LHU:
		return d.rs == reg;
	default:                       /* two-source ALU, BEQ/BNE, stores, LWL/LWR */
		return d.rs == reg || d.rt == reg;
	}
}

int insn_writes_hilo(uint32_t w)
{
	enum op op = decode(w).op;
	return op == OP_MULT || op == OP_MULTU || op == OP_DIV ||
	       op == OP_DIVU || op == OP_MTHI || op == OP_MTLO;
}

int insn_reads_hilo(uint32_t w)
{
	enum op op = decode(w).op;
	return op == OP_MFHI || op == OP_MFLO;
}

int insn_is_tlbop(uint32_t w)
{
	enum op op = decode(w).op;
	return op == OP_TLBR || op == OP_TLBWI || op == OP_TLBWR || op == OP_TLBP;
}

int insn_is_mtc0(uint32_t w)
{
	return decode(w).op == OP_MTC0;
}
