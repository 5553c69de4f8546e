/*
 * decode.h: MIPS I instruction words predecoded for the interpreter.
 *
 * The interpreter never decodes a word twice: each physical page of code
 * has an array of `struct dinsn`, decoded when the page is first fetched
 * from and decoded again, word by word, when a store hits it.  Destination register 0 is rewritten to REG_SINK so that no
 * handler has to protect $zero.
 *
 * The same decoder tells the ELF checker (tools/mips1check) which words
 * are not MIPS I.
 */
#ifndef SIM_DECODE_H
#define SIM_DECODE_H

#include <stdint.h>

enum op {
	OP_RI = 0, OP_NOP,
	/* SPECIAL */
	OP_SLL, OP_SRL, OP_SRA, OP_SLLV, OP_SRLV, OP_SRAV, OP_JR, OP_JALR,
	OP_SYSCALL, OP_BREAK, OP_MFHI, OP_MTHI, OP_MFLO, OP_MTLO,
	OP_MULT, OP_MULTU, OP_DIV, OP_DIVU, OP_ADD, OP_ADDU, OP_SUB, OP_SUBU,
	OP_AND, OP_OR, OP_XOR, OP_NOR, OP_SLT, OP_SLTU,
	/* REGIMM and jumps/branches */
	OP_BLTZ, OP_BGEZ, OP_BLTZAL, OP_BGEZAL, OP_J, OP_JAL,
	OP_BEQ, OP_BNE, OP_BLEZ, OP_BGTZ,
	/* immediates */
	OP_ADDI, OP_ADDIU, OP_SLTI, OP_SLTIU, OP_ANDI, OP_ORI, OP_XORI, OP_LUI,
	/* COP0 */
	OP_MFC0, OP_MTC0, OP_TLBR, OP_TLBWI, OP_TLBWR, OP_TLBP, OP_RFE,
	OP_BC0F, OP_BC0T,
	/* COP1..3 (no such coprocessors: CpU, or RI when usable) */
	OP_COPZ,
	/* loads and stores */
	OP_LB, OP_LH, OP_LWL, OP_LW, OP_LBU, OP_LHU, OP_LWR,
	OP_SB, OP_SH, OP_SWL, OP_SW, OP_SWR,
	OP_NOPS
};

struct dinsn {
	uint8_t op;
	uint8_t rs;      /* first source */
	uint8_t rt;      /* second source (store data for stores) */
	uint8_t rd;      /* destination (REG_SINK for $zero) */
	uint32_t imm;    /* sext/zext immediate, shift amount, branch offset
	                    in bytes, jump target bits, CP0 reg, or z for COPz */
};

/* Decode one word. */
struct dinsn decode(uint32_t word);
/* Mnemonic of an op ("addiu"), for messages. */
const char *op_name(enum op op);

/* Properties used by the hazard checker. */
int insn_is_load(uint32_t word);               /* LB..LWR, MFC0 */
int insn_load_dest(uint32_t word);             /* its rt, or -1 */
int insn_reads_reg(uint32_t word, int reg);    /* as a source operand */
int insn_writes_hilo(uint32_t word);           /* MULT/DIV/MTHI/MTLO */
int insn_reads_hilo(uint32_t word);            /* MFHI/MFLO */
int insn_is_tlbop(uint32_t word);              /* TLBR/WI/WR/P */
int insn_is_mtc0(uint32_t word);
int insn_is_lwlr(uint32_t word);

#endif /* SIM_DECODE_H */
