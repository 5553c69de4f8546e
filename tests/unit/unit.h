/*
 * unit.h: what the unit tests share: a tiny MIPS I assembler (one
 * function per instruction, so a test reads like the assembly it runs),
 * a machine fixture and the suite list.
 *
 * Tests use only the public API (exosim.h).  The fixture builds a
 * machine with console output off and no console input, clears BEV so
 * exceptions go to the RAM vectors, and places code at physical 0x1000
 * (kseg0 0x80001000).  Expected values come from the R3000 rules in
 * r3000.md, never from a run of the simulator.
 */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "exosim.h"
#include "hw/testmips.h"

/* Register names (o32). */
enum {
	ZERO, AT, V0, V1, A0, A1, A2, A3,
	T0, T1, T2, T3, T4, T5, T6, T7,
	S0, S1, S2, S3, S4, S5, S6, S7,
	T8, T9, K0, K1, GP, SP, FP, RA,
};

/* ---- Encoders --------------------------------------------------------- */

static inline uint32_t enc_r(unsigned funct, unsigned rs, unsigned rt, unsigned rd, unsigned sa)
{
	return (rs & 31) << 21 | (rt & 31) << 16 | (rd & 31) << 11 | (sa & 31) << 6 | (funct & 63);
}

static inline uint32_t enc_i(unsigned op, unsigned rs, unsigned rt, uint32_t imm)
{
	return (op & 63) << 26 | (rs & 31) << 21 | (rt & 31) << 16 | (imm & 0xffff);
}

static inline uint32_t enc_j(unsigned op, uint32_t target)
{
	return (op & 63) << 26 | ((target >> 2) & 0x03ffffff);
}

/* SPECIAL (R-format) instructions: rd, rs, rt as in assembly. */
#define R3(name, funct) \
	static inline uint32_t a_##name(unsigned rd, unsigned rs, unsigned rt) \
	{ return enc_r(funct, rs, rt, rd, 0); }
R3(add, 0x20) R3(addu, 0x21) R3(sub, 0x22) R3(subu, 0x23)
R3(and, 0x24) R3(or, 0x25) R3(xor, 0x26) R3(nor, 0x27)
R3(slt, 0x2a) R3(sltu, 0x2b)
#undef R3

/* Variable shifts: rd, rt, rs (the assembly order). */
#define RV(name, funct) \
	static inline uint32_t a_##name(unsigned rd, unsigned rt, unsigned rs) \
	{ return enc_r(funct, rs, rt, rd, 0); }
RV(sllv, 0x04) RV(srlv, 0x06) RV(srav, 0x07)
#undef RV

#define RS(name, funct) \
	static inline uint32_t a_##name(unsigned rd, unsigned rt, unsigned sa) \
	{ return enc_r(funct, 0, rt, rd, sa); }
RS(sll, 0x00) RS(srl, 0x02) RS(sra, 0x03)
#undef RS

#define RMD(name, funct) \
	static inline uint32_t a_##name(unsigned rs, unsigned rt) \
	{ return enc_r(funct, rs, rt, 0, 0); }
RMD(mult, 0x18) RMD(multu, 0x19) RMD(div, 0x1a) RMD(divu, 0x1b)
#undef RMD

static inline uint32_t a_mfhi(unsigned rd) { return enc_r(0x10, 0, 0, rd, 0); }
static inline uint32_t a_mthi(unsigned rs) { return enc_r(0x11, rs, 0, 0, 0); }
static inline uint32_t a_mflo(unsigned rd) { return enc_r(0x12, 0, 0, rd, 0); }
static inline uint32_t a_mtlo(unsigned rs) { return enc_r(0x13, rs, 0, 0, 0); }
static inline uint32_t a_jr(unsigned rs) { return enc_r(0x08, rs, 0, 0, 0); }
static inline uint32_t a_jalr(unsigned rd, unsigned rs) { return enc_r(0x09, rs, 0, rd, 0); }
static inline uint32_t a_syscall(void) { return 0x0000000c; }
static inline uint32_t a_break(unsigned code) { return (code & 0x3ff) << 16 | 0x0d; }
static inline uint32_t a_nop(void) { return 0; }

/* I-format: rt, rs, imm as in assembly. */
#define IA(name, op) \
	static inline uint32_t a_##name(unsigned rt, unsigned rs, uint32_t imm) \
	{ return enc_i(op, rs, rt, imm); }
IA(addi, 0x08) IA(addiu, 0x09) IA(slti, 0x0a) IA(sltiu, 0x0b)
IA(andi, 0x0c) IA(ori, 0x0d) IA(xori, 0x0e)
#undef IA
static inline uint32_t a_lui(unsigned rt, uint32_t imm) { return enc_i(0x0f, 0, rt, imm); }

/* Loads and stores: rt, offset(base). */
#define LS(name, op) \
	static inline uint32_t a_##name(unsigned rt, int32_t off, unsigned base) \
	{ return enc_i(op, base, rt, (uint32_t)off); }
LS(lb, 0x20) LS(lh, 0x21) LS(lwl, 0x22) LS(lw, 0x23) LS(lbu, 0x24)
LS(lhu, 0x25) LS(lwr, 0x26) LS(sb, 0x28) LS(sh, 0x29) LS(swl, 0x2a)
LS(sw, 0x2b) LS(swr, 0x2e)
#undef LS

/* Branches: `off` counts instructions from the delay slot, as encoded. */
static inline uint32_t a_beq(unsigned rs, unsigned rt, int off) { return enc_i(0x04, rs, rt, (uint32_t)off); }
static inline uint32_t a_bne(unsigned rs, unsigned rt, int off) { return enc_i(0x05, rs, rt, (uint32_t)off); }
static inline uint32_t a_blez(unsigned rs, int off) { return enc_i(0x06, rs, 0, (uint32_t)off); }
static inline uint32_t a_bgtz(unsigned rs, int off) { return enc_i(0x07, rs, 0, (uint32_t)off); }
static inline uint32_t a_bltz(unsigned rs, int off) { return enc_i(0x01, rs, 0x00, (uint32_t)off); }
static inline uint32_t a_bgez(unsigned rs, int off) { return enc_i(0x01, rs, 0x01, (uint32_t)off); }
static inline uint32_t a_bltzal(unsigned rs, int off) { return enc_i(0x01, rs, 0x10, (uint32_t)off); }
static inline uint32_t a_bgezal(unsigned rs, int off) { return enc_i(0x01, rs, 0x11, (uint32_t)off); }
static inline uint32_t a_j(uint32_t target) { return enc_j(0x02, target); }
static inline uint32_t a_jal(uint32_t target) { return enc_j(0x03, target); }

/* COP0. */
static inline uint32_t a_mfc0(unsigned rt, unsigned rd) { return 0x40000000u | (rt & 31) << 16 | (rd & 31) << 11; }
static inline uint32_t a_mtc0(unsigned rt, unsigned rd) { return 0x40800000u | (rt & 31) << 16 | (rd & 31) << 11; }
static inline uint32_t a_tlbr(void) { return 0x42000001u; }
static inline uint32_t a_tlbwi(void) { return 0x42000002u; }
static inline uint32_t a_tlbwr(void) { return 0x42000006u; }
static inline uint32_t a_tlbp(void) { return 0x42000008u; }
static inline uint32_t a_rfe(void) { return 0x42000010u; }

/* ---- Fixture ------------------------------------------------------------ */

#define CODE_PA   0x1000u
#define CODE_VA   (KSEG0_BASE | CODE_PA)
#define DATA_PA   0x8000u
#define DATA_VA   (KSEG0_BASE | DATA_PA)

/* A machine in kernel mode with BEV clear, PC at CODE_VA. */
static inline struct machine *um_new(void)
{
	struct sim_config cfg;
	char err[256];
	struct machine *m;

	sim_config_default(&cfg);
	cfg.mem_size = 4u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	machine_cp0_write(m, CP0_STATUS, 0);
	machine_cpu(m)->pc = CODE_VA;
	machine_cpu(m)->npc = CODE_VA + 4;
	return m;
}

/* Put n words at physical address pa. */
static inline void um_put(struct machine *m, uint32_t pa, const uint32_t *w, size_t n)
{
	ck_assert_int_eq(machine_write_phys(m, pa, w, n * 4), 0);
}

#define UM_CODE(m, ...) do { \
	const uint32_t code_[] = { __VA_ARGS__ }; \
	um_put((m), CODE_PA, code_, sizeof code_ / 4); \
} while (0)

static inline uint32_t um_word(struct machine *m, uint32_t pa)
{
	uint32_t w;
	ck_assert_int_eq(machine_read_phys(m, pa, &w, 4), 0);
	return w;
}

static inline void um_poke(struct machine *m, uint32_t pa, uint32_t w)
{
	um_put(m, pa, &w, 1);
}

/* Execute n instructions, each of which must finish its step. */
static inline void um_step(struct machine *m, int n)
{
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(machine_step(m), STOP_STEP);
}

/* ---- Suites --------------------------------------------------------- */

Suite *alu_suite(void);
Suite *branch_suite(void);
Suite *loadstore_suite(void);
Suite *muldiv_suite(void);
Suite *cp0_suite(void);
Suite *tlb_suite(void);
Suite *exceptions_suite(void);
Suite *snapshot_suite(void);
Suite *loader_suite(void);
Suite *devices_suite(void);
Suite *robust_suite(void);
Suite *disk_suite(void);
Suite *disasm_suite(void);
Suite *srcline_suite(void);
Suite *hist_suite(void);
Suite *ether_suite(void);
Suite *fb_suite(void);
Suite *silicon_suite(void);

/* Add a test case named after the test function. */
#define UM_TEST(s, fn) do { \
	TCase *tc_ = tcase_create(#fn); \
	tcase_add_test(tc_, fn); \
	suite_add_tcase((s), tc_); \
} while (0)

/* Under the sanitizers (make check-asan) code runs several times
 * slower: time limits scale by this. */
#if defined(__SANITIZE_ADDRESS__)
#define UNIT_TIME_SCALE 15
#else
#define UNIT_TIME_SCALE 1
#endif

/* The same, with a time limit of `secs` seconds (times UNIT_TIME_SCALE). */
#define UM_TEST_TIMED(s, fn, secs) do { \
	TCase *tc_ = tcase_create(#fn); \
	tcase_add_test(tc_, fn); \
	tcase_set_timeout(tc_, (secs) * UNIT_TIME_SCALE); \
	suite_add_tcase((s), tc_); \
} while (0)

#endif /* UNIT_H */
