/*
 * test_disasm.c: mips_disasm on one word of every MIPS I encoding class
 * (the R3000's CP0 among them, which capstone alone gets wrong) and
 * mips_disasm_sym's names for branch, jump and absolute load/store
 * addresses.  The expected text is the instruction as the MIPS I
 * manual spells it, in capstone's operand style (o32 register names,
 * immediates in decimal below 10, else hex).
 */
#include <stdio.h>

#include "unit.h"

#define PC 0x80001000u

struct dcase {
	uint32_t word;
	const char *text;
};

/* Check each word's text at PC. */
static void check_cases(const struct dcase *c, size_t n)
{
	char buf[128];

	for (size_t i = 0; i < n; i++)
		ck_assert_msg(strcmp(mips_disasm(c[i].word, PC, buf, sizeof buf), c[i].text) == 0,
		              "0x%08x: got \"%s\", expected \"%s\"", c[i].word, buf, c[i].text);
}

START_TEST(test_disasm_cpu)
{
	const struct dcase c[] = {
		/* R-type ALU */
		{ a_add(V0, A0, A1), "add $v0, $a0, $a1" },
		{ a_addu(V0, A0, A1), "addu $v0, $a0, $a1" },
		{ a_sub(V0, A0, A1), "sub $v0, $a0, $a1" },
		{ a_subu(V0, A0, A1), "subu $v0, $a0, $a1" },
		{ a_and(T0, T1, T2), "and $t0, $t1, $t2" },
		{ a_or(T0, T1, T2), "or $t0, $t1, $t2" },
		{ a_xor(T0, T1, T2), "xor $t0, $t1, $t2" },
		{ a_nor(T0, T1, T2), "nor $t0, $t1, $t2" },
		{ a_slt(V0, A0, A1), "slt $v0, $a0, $a1" },
		{ a_sltu(V0, A0, A1), "sltu $v0, $a0, $a1" },
		/* shifts */
		{ a_sll(T1, T2, 2), "sll $t1, $t2, 2" },
		{ a_srl(T1, T2, 31), "srl $t1, $t2, 0x1f" },
		{ a_sra(T1, T2, 4), "sra $t1, $t2, 4" },
		{ a_sllv(T1, T2, T3), "sllv $t1, $t2, $t3" },
		{ a_srlv(T1, T2, T3), "srlv $t1, $t2, $t3" },
		{ a_srav(T1, T2, T3), "srav $t1, $t2, $t3" },
		{ a_nop(), "nop" },
		/* multiply and divide, HI and LO */
		{ a_mult(A0, A1), "mult $a0, $a1" },
		{ a_multu(A0, A1), "multu $a0, $a1" },
		{ a_div(A0, A1), "div $zero, $a0, $a1" },
		{ a_divu(A0, A1), "divu $zero, $a0, $a1" },
		{ a_mfhi(V0), "mfhi $v0" },
		{ a_mthi(A0), "mthi $a0" },
		{ a_mflo(V1), "mflo $v1" },
		{ a_mtlo(A1), "mtlo $a1" },
		/* jumps */
		{ a_j(0x80000ffc), "j 0x80000ffc" },
		{ a_jal(0x80002000), "jal 0x80002000" },
		{ a_jr(RA), "jr $ra" },
		{ a_jalr(RA, T9), "jalr $t9" },
		/* branches, REGIMM among them */
		{ a_beq(A0, A1, 3), "beq $a0, $a1, 0x80001010" },
		{ a_bne(A0, A1, -1), "bne $a0, $a1, 0x80001000" },
		{ a_beq(ZERO, ZERO, 3), "b 0x80001010" },
		{ a_blez(A0, 2), "blez $a0, 0x8000100c" },
		{ a_bgtz(A0, 2), "bgtz $a0, 0x8000100c" },
		{ a_bltz(A0, 3), "bltz $a0, 0x80001010" },
		{ a_bgez(A0, 3), "bgez $a0, 0x80001010" },
		{ a_bltzal(A0, 3), "bltzal $a0, 0x80001010" },
		{ a_bgezal(A0, 3), "bgezal $a0, 0x80001010" },
		/* other REGIMM rt values run as one of the four (decode.c) */
		{ enc_i(0x01, A0, 0x02, 3), "bltz $a0, 0x80001010  # rt 2 runs as this on the R3000" },
		{ enc_i(0x01, A0, 0x13, 3), "bgez $a0, 0x80001010  # rt 19 runs as this on the R3000" },
		/* loads and stores */
		{ a_lb(T1, 1, SP), "lb $t1, 1($sp)" },
		{ a_lbu(T1, -1, SP), "lbu $t1, -1($sp)" },
		{ a_lh(T1, 0x10, SP), "lh $t1, 0x10($sp)" },
		{ a_lhu(T1, -0x10, SP), "lhu $t1, -0x10($sp)" },
		{ a_lw(T1, 0x1000, ZERO), "lw $t1, 0x1000($zero)" },
		{ a_lwl(T1, 3, A0), "lwl $t1, 3($a0)" },
		{ a_lwr(T1, 0, A0), "lwr $t1, ($a0)" },
		{ a_sb(T1, 2, A0), "sb $t1, 2($a0)" },
		{ a_sh(T1, 2, A0), "sh $t1, 2($a0)" },
		{ a_sw(RA, 0x1c, SP), "sw $ra, 0x1c($sp)" },
		{ a_swl(T1, 3, A0), "swl $t1, 3($a0)" },
		{ a_swr(T1, 0, A0), "swr $t1, ($a0)" },
		/* immediate ALU and LUI */
		{ a_addi(A1, A1, 0xffe0), "addi $a1, $a1, -0x20" },
		{ a_addiu(SP, SP, 0xffe0), "addiu $sp, $sp, -0x20" },
		{ a_slti(V0, A0, 5), "slti $v0, $a0, 5" },
		{ a_sltiu(V0, A0, 0xffff), "sltiu $v0, $a0, -1" },
		{ a_andi(V0, A0, 0xff), "andi $v0, $a0, 0xff" },
		{ a_ori(V0, A0, 0x8000), "ori $v0, $a0, 0x8000" },
		{ a_xori(V0, A0, 1), "xori $v0, $a0, 1" },
		{ a_lui(AT, 0x1234), "lui $at, 0x1234" },
		/* traps */
		{ a_syscall(), "syscall" },
		{ a_break(0), "break" },
		/* reserved: SPECIAL funct 0x3f, primary 0x1f, MIPS32's MUL */
		{ 0x0000003f, ".word 0x0000003f  # reserved on the R3000" },
		{ 0x7c000000, ".word 0x7c000000  # reserved on the R3000" },
		{ 0x70851002, ".word 0x70851002  # reserved on the R3000" },
	};

	check_cases(c, sizeof c / sizeof c[0]);
}
END_TEST

START_TEST(test_disasm_cop)
{
	const struct dcase c[] = {
		/* CP0 operations */
		{ a_rfe(), "rfe" },
		{ a_tlbr(), "tlbr" },
		{ a_tlbwi(), "tlbwi" },
		{ a_tlbwr(), "tlbwr" },
		{ a_tlbp(), "tlbp" },
		{ 0x42000018, ".word 0x42000018  # reserved on the R3000" },   /* ERET */
		/* MFC0/MTC0 name every register the R3000 has */
		{ a_mfc0(K0, 0), "mfc0 $k0, Index" },
		{ a_mfc0(K0, 1), "mfc0 $k0, Random" },
		{ a_mtc0(T0, 2), "mtc0 $t0, EntryLo" },
		{ a_mtc0(T0, 4), "mtc0 $t0, Context" },
		{ a_mfc0(K1, 8), "mfc0 $k1, BadVAddr" },
		{ a_mtc0(T0, 10), "mtc0 $t0, EntryHi" },
		{ a_mtc0(T4, 12), "mtc0 $t4, Status" },
		{ a_mfc0(K0, 13), "mfc0 $k0, Cause" },
		{ a_mfc0(K0, 14), "mfc0 $k0, EPC" },
		{ a_mfc0(V0, 15), "mfc0 $v0, PRId" },
		{ a_mfc0(V0, 3), "mfc0 $v0, $3" },
		{ a_mtc0(V0, 31), "mtc0 $v0, $31" },
		/* CFC0/CTC0 (no CP0 control registers: RI), BC0F/BC0T */
		{ 0x40486000, "cfc0 $t0, $12  # reserved on the R3000" },
		{ 0x40c86000, "ctc0 $t0, $12  # reserved on the R3000" },
		{ 0x41000003, "bc0f 0x80001010" },
		{ 0x4101ffff, "bc0t 0x80001000" },
		{ 0x41020003, ".word 0x41020003  # reserved on the R3000" },
		/* LWC0/SWC0 (RI), LWCz/SWCz and COP1..3 (CpU) */
		{ 0xc0020004, "lwc0 $2, 4($zero)  # reserved on the R3000" },
		{ 0xe0020004, "swc0 $2, 4($zero)  # reserved on the R3000" },
		{ 0xc4820010, "lwc1 $2, 0x10($a0)" },
		{ 0xe8820010, "swc2 $2, 0x10($a0)" },
		{ 0xec02fff0, "swc3 $2, -0x10($zero)" },
		{ 0x44026000, "mfc1 $v0, $12" },
		{ 0x48030000, "mfc2 $v1, $0" },
		{ 0x4c883000, "mtc3 $t0, $6" },
		{ 0x44486000, "cfc1 $t0, $12" },
		{ 0x48c86000, "ctc2 $t0, $12" },
		{ 0x49000003, "bc2f 0x80001010" },
		{ 0x4d010003, "bc3t 0x80001010" },
		{ 0x4a000018, "cop2 0x18" },
		{ 0x47ffffff, "cop1 0x1ffffff" },
	};

	check_cases(c, sizeof c / sizeof c[0]);
}
END_TEST

/* A symbol table for the tests: page_alloc at 0x80000f00..0x80001000,
 * counter at 0x1000..0x1010, nothing else. */
static const char *fake_sym(void *arg, uint32_t addr, char *buf, size_t n)
{
	(void)arg;
	if (addr >= 0x80000f00 && addr < 0x80001000)
		snprintf(buf, n, addr == 0x80000f00 ? "page_alloc" : "page_alloc+0x%x",
		         addr - 0x80000f00);
	else if (addr >= 0x1000 && addr < 0x1010)
		snprintf(buf, n, addr == 0x1000 ? "counter" : "counter+0x%x", addr - 0x1000);
	else
		return NULL;
	return buf;
}

START_TEST(test_disasm_symbols)
{
	struct disasm_syms s = { fake_sym, NULL, 0, 0 };
	struct disasm_syms g = { fake_sym, NULL, 1, 0x9000 };
	char buf[128];
	const struct dcase c[] = {
		{ a_jal(0x80000f00), "jal 0x80000f00 <page_alloc>" },
		{ a_j(0x80000ffc), "j 0x80000ffc <page_alloc+0xfc>" },
		{ a_beq(A0, A1, -2), "beq $a0, $a1, 0x80000ffc <page_alloc+0xfc>" },
		{ a_bgezal(A0, -64), "bgezal $a0, 0x80000f04 <page_alloc+0x4>" },
		{ 0x4100ffff, "bc0f 0x80001000" },                 /* no symbol */
		{ a_beq(A0, A1, 3), "beq $a0, $a1, 0x80001010" },
		{ a_lw(T1, 0x1004, ZERO), "lw $t1, 0x1004($zero) <counter+0x4>" },
		{ a_sb(T1, 0x1000, ZERO), "sb $t1, 0x1000($zero) <counter>" },
		{ a_swl(T1, 0x1003, ZERO), "swl $t1, 0x1003($zero) <counter+0x3>" },
		{ a_lw(T1, 0x1010, ZERO), "lw $t1, 0x1010($zero)" },   /* past it */
		{ a_lw(T1, 0x1004, A0), "lw $t1, 0x1004($a0)" },       /* base unknown */
		{ a_lw(T1, -0x8000, GP), "lw $t1, -0x8000($gp)" },     /* $gp not given */
		{ a_jr(RA), "jr $ra" },
		{ a_addiu(T1, ZERO, 0x1000), "addiu $t1, $zero, 0x1000" }, /* not an address */
	};

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		ck_assert_msg(strcmp(mips_disasm_sym(c[i].word, PC, &s, buf, sizeof buf),
		                     c[i].text) == 0,
		              "0x%08x: got \"%s\", expected \"%s\"", c[i].word, buf, c[i].text);
	/* With $gp known, gp-relative addresses are named too. */
	ck_assert_str_eq(mips_disasm_sym(a_lw(T1, -0x7ff8, GP), PC, &g, buf, sizeof buf),
	                 "lw $t1, -0x7ff8($gp) <counter+0x8>");
	/* No table: plain mips_disasm; a short buffer is cut, not overrun. */
	ck_assert_str_eq(mips_disasm_sym(a_jal(0x80000f00), PC, NULL, buf, sizeof buf),
	                 "jal 0x80000f00");
	memset(buf, 'x', sizeof buf);
	mips_disasm_sym(a_jal(0x80000f00), PC, &s, buf, 16);
	ck_assert_str_eq(buf, "jal 0x80000f00 ");
	ck_assert_int_eq(buf[16], 'x');
}
END_TEST

Suite *disasm_suite(void)
{
	Suite *s = suite_create("disasm");

	UM_TEST(s, test_disasm_cpu);
	UM_TEST(s, test_disasm_cop);
	UM_TEST(s, test_disasm_symbols);
	return s;
}
