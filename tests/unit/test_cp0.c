/*
 * test_cp0.c: the CP0 registers (r3000.md 2.1-2.2): write masks,
 * read-only registers, PRId, Random counting down from 63 to 8 once a
 * cycle, MTC0/MFC0 from the guest, RFE, and coprocessor usability.
 */
#include "unit.h"

/* Write all ones with MTC0 (via the tool interface) and read back. */
static uint32_t write_ones(struct machine *m, int reg)
{
	machine_cp0_write(m, reg, 0xffffffff);
	return machine_cp0_read(m, reg);
}

START_TEST(test_write_masks)
{
	struct machine *m = um_new();

	ck_assert_uint_eq(write_ones(m, CP0_INDEX), 0x00003f00);     /* P is not writable */
	ck_assert_uint_eq(write_ones(m, CP0_ENTRYLO), 0xffffff00);
	ck_assert_uint_eq(write_ones(m, CP0_CONTEXT), 0xffe00000);   /* BadVPN is read-only */
	ck_assert_uint_eq(write_ones(m, CP0_ENTRYHI), 0xffffffc0);
	ck_assert_uint_eq(write_ones(m, CP0_CAUSE), 0x00000300);     /* only IP1..0 */
	ck_assert_uint_eq(write_ones(m, CP0_BADVADDR), 0);
	ck_assert_uint_eq(write_ones(m, CP0_EPC), 0);
	ck_assert_uint_eq(write_ones(m, CP0_PRID), R3000A_PRID);
	ck_assert_uint_eq(write_ones(m, CP0_STATUS), 0xf27fff3f);
	machine_free(m);
}
END_TEST

START_TEST(test_reset_state)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	machine_reset(m);
	ck_assert_uint_eq(c->pc, VEC_RESET);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS) & (ST_BEV | ST_KUC | ST_IEC | ST_TS),
	                  ST_BEV);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_PRID), 0x230);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE), 0);
	/* Registers the R3000 lacks read as zero. */
	for (int r = 0; r < 16; r++)
		if (r == 3 || r == 5 || r == 6 || r == 7 || r == 9 || r == 11) {
			machine_cp0_write(m, r, 0xffffffff);
			ck_assert_uint_eq(machine_cp0_read(m, r), 0);
		}
	machine_free(m);
}
END_TEST

/* Random = 63 - (cycles since reset) mod 56: 63 down to 8, then 63. */
START_TEST(test_random)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	uint64_t base = c->random_base;
	static const struct { uint64_t cycle; uint32_t random; } t[] = {
		{ 0, 63 }, { 1, 62 }, { 55, 8 }, { 56, 63 }, { 57, 62 }, { 1000, 15 },
		{ 56 * 1000000 + 55, 8 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		c->cycle = base + t[i].cycle;
		ck_assert_uint_eq(machine_cp0_read(m, CP0_RANDOM), t[i].random << 8);
	}
	for (uint64_t k = 0; k < 200; k++) {
		uint32_t r;
		c->cycle = base + k;
		r = machine_cp0_read(m, CP0_RANDOM);
		ck_assert_uint_eq(r & ~0x3f00u, 0);
		ck_assert_uint_ge(r >> 8, 8);
		ck_assert_uint_le(r >> 8, 63);
	}
	machine_free(m);
}
END_TEST

/* The guest's MFC0 of Random sees the value of its own cycle. */
START_TEST(test_random_from_guest)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	uint64_t at;

	UM_CODE(m, a_nop(), a_nop(), a_nop(), a_mfc0(T0, CP0_RANDOM), a_nop());
	um_step(m, 3);
	at = c->cycle - c->random_base;
	um_step(m, 2);
	ck_assert_uint_eq(c->r[T0], (63 - at % 56) << 8);
	machine_free(m);
}
END_TEST

START_TEST(test_mtc0_mfc0)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = 0xffffffff;
	UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_mfc0(T2, CP0_ENTRYHI), a_nop(),
	        a_mtc0(T1, CP0_EPC), a_mfc0(T3, CP0_EPC), a_nop());
	um_step(m, 6);
	ck_assert_uint_eq(c->r[T2], 0xffffffc0);
	ck_assert_uint_eq(c->r[T3], 0);
	machine_free(m);
}
END_TEST

/* RFE pops the KU/IE stack: Status[3:0] = Status[5:2]; KUo/IEo stay. */
START_TEST(test_rfe)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	machine_cp0_write(m, CP0_STATUS, 0x00000034);   /* KUo IEo IEp */
	UM_CODE(m, a_rfe(), a_nop());
	um_step(m, 1);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS), 0x0000003d);
	ck_assert_uint_eq(c->pc, CODE_VA + 4);          /* RFE does not jump */
	machine_free(m);

	m = um_new();
	machine_cp0_write(m, CP0_STATUS, 0x0040ff2c);   /* BEV IM KUo KUp IEp */
	UM_CODE(m, a_rfe());
	um_step(m, 1);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS), 0x0040ff2b);
	machine_free(m);
}
END_TEST

/* Map kuseg 0x00400000 to the code page so user mode can run it. */
static void user_mode(struct machine *m, uint32_t extra_status)
{
	struct cpu_state *c = machine_cpu(m);

	c->tlb[8] = (struct tlb_entry){ 0x00400000, CODE_PA | ELO_V | ELO_D | ELO_G };
	machine_cp0_write(m, CP0_STATUS, ST_KUC | extra_status);
	c->pc = 0x00400000;
	c->npc = 0x00400004;
}

/* User mode needs CU0 for COP0; kernel mode never does. */
START_TEST(test_cop0_usability)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = 0x12345000;
	UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_nop());
	user_mode(m, 0);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & (CAUSE_EXC_MASK | CAUSE_CE_MASK),
	                  EXC_CPU << CAUSE_EXC_SHIFT);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), 0x00400000);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_ENTRYHI), 0);
	/* Exception entry pushed KUc = 1 into KUp and left kernel mode. */
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS) & 0x3f, ST_KUP);
	machine_free(m);

	m = um_new();
	c = machine_cpu(m);
	c->r[T1] = 0x12345000;
	UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_nop());
	user_mode(m, ST_CU0);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, 0x00400004);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_ENTRYHI), 0x12345000);
	machine_free(m);

	/* COP1 without CU1: CpU with CE = 1. */
	m = um_new();
	c = machine_cpu(m);
	UM_CODE(m, 0x44024000u /* mfc1 v0, $8 */);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & (CAUSE_EXC_MASK | CAUSE_CE_MASK),
	                  (EXC_CPU << CAUSE_EXC_SHIFT) | (1u << CAUSE_CE_SHIFT));
	machine_free(m);
}
END_TEST

Suite *cp0_suite(void)
{
	Suite *s = suite_create("cp0");

	UM_TEST(s, test_write_masks);
	UM_TEST(s, test_reset_state);
	UM_TEST(s, test_random);
	UM_TEST(s, test_random_from_guest);
	UM_TEST(s, test_mtc0_mfc0);
	UM_TEST(s, test_rfe);
	UM_TEST(s, test_cop0_usability);
	return s;
}
