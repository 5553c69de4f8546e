/*
 * test_exceptions.c: exception entry (r3000.md 1.5, 2.3, 2.6): EPC and
 * Cause.BD in delay slots, ExcCode, BadVAddr/Context/EntryHi on TLB
 * faults, the KU/IE stack, UTLB versus general vector, BEV vectors,
 * address errors from user mode, and interrupts with IM/IE masking.
 */
#include "unit.h"

#define ASID(n) ((uint32_t)(n) << EHI_ASID_SHIFT)

static uint32_t exc_code(struct machine *m)
{
	return (machine_cp0_read(m, CP0_CAUSE) & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT;
}

static bool cause_bd(struct machine *m)
{
	return machine_cp0_read(m, CP0_CAUSE) & CAUSE_BD;
}

START_TEST(test_syscall_break_ri)
{
	static const struct { uint32_t insn; uint32_t code; } t[] = {
		{ 0x0000000c, EXC_SYS }, { 0x0007000d, EXC_BP },
		{ 0x7c000000, EXC_RI },                 /* op 0x1f: not MIPS I */
		{ 0x50000000, EXC_RI },                 /* BEQL: MIPS II */
		{ 0x00000001, EXC_RI },                 /* SPECIAL funct 1 */
		{ 0x42000020, EXC_RI },                 /* COP0 function 0x20 */
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct machine *m = um_new();
		struct cpu_state *c = machine_cpu(m);
		c->r[T0] = 0x1234;
		UM_CODE(m, a_nop(), t[i].insn, a_addiu(T0, ZERO, 1));
		um_step(m, 2);
		ck_assert_uint_eq(c->pc, VEC_GENERAL);
		ck_assert_uint_eq(c->npc, VEC_GENERAL + 4);
		ck_assert_uint_eq(exc_code(m), t[i].code);
		ck_assert(!cause_bd(m));
		ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA + 4);
		ck_assert_uint_eq(c->r[T0], 0x1234);     /* the next one did not run */
		ck_assert_uint_eq(machine_stats(m)->exceptions[t[i].code], 1);
		machine_free(m);
	}
}
END_TEST

/* In a delay slot, taken or not: EPC = the branch, BD = 1. */
START_TEST(test_delay_slot_exception)
{
	for (int taken = 0; taken < 2; taken++) {
		struct machine *m = um_new();
		struct cpu_state *c = machine_cpu(m);
		UM_CODE(m, a_nop(), taken ? a_beq(ZERO, ZERO, 5) : a_bne(ZERO, ZERO, 5),
		        a_syscall());
		um_step(m, 3);
		ck_assert_uint_eq(c->pc, VEC_GENERAL);
		ck_assert_uint_eq(exc_code(m), EXC_SYS);
		ck_assert(cause_bd(m));
		ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA + 4);
		ck_assert_uint_eq(c->delay_slot, 0);
		machine_free(m);
	}
}
END_TEST

/* Exception entry pushes the KU/IE stack: Status[5:0] = Status[3:0] << 2. */
START_TEST(test_status_stack)
{
	struct machine *m = um_new();

	machine_cp0_write(m, CP0_STATUS, ST_CU0 | 0x19);
	UM_CODE(m, a_syscall());
	um_step(m, 1);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS), ST_CU0 | 0x24);
	/* A nested exception pushes again; the old pair is lost. */
	um_poke(m, VEC_GENERAL & KSEG_PHYS_MASK, a_break(0));
	um_step(m, 1);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS), ST_CU0 | 0x10);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), VEC_GENERAL);
	ck_assert_uint_eq(exc_code(m), EXC_BP);
	machine_free(m);
}
END_TEST

/* A TLB fault at `va`; returns the machine stopped at the vector. */
static struct machine *tlb_fault(uint32_t insn, uint32_t va, uint32_t status)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->tlb[0].hi = 0x80000000;   /* keep VPN 0 from matching */
	c->tlb[8] = (struct tlb_entry){ 0x00600000, 0x00005000 | ELO_G };              /* V = 0 */
	c->tlb[9] = (struct tlb_entry){ 0x00700000, 0x00006000 | ELO_V | ELO_G };      /* D = 0 */
	c->tlb[10] = (struct tlb_entry){ 0x00800000 | ASID(4), 0x7000 | ELO_V | ELO_D };
	machine_cp0_write(m, CP0_STATUS, status);
	machine_cp0_write(m, CP0_CONTEXT, 0xc0000000);
	machine_cp0_write(m, CP0_ENTRYHI, ASID(5));
	c->r[T1] = va;
	UM_CODE(m, insn);
	um_step(m, 1);
	return m;
}

static void check_tlb_fault(struct machine *m, uint32_t va, uint32_t code, uint32_t vector)
{
	ck_assert_uint_eq(machine_cpu(m)->pc, vector);
	ck_assert_uint_eq(exc_code(m), code);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_BADVADDR), va);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CONTEXT),
	                  0xc0000000 | ((va >> 10) & CTX_BADVPN_MASK));
	ck_assert_uint_eq(machine_cp0_read(m, CP0_ENTRYHI), (va & EHI_VPN_MASK) | ASID(5));
	machine_free(m);
}

START_TEST(test_tlb_vectors)
{
	/* kuseg with no matching entry: the UTLB vector. */
	check_tlb_fault(tlb_fault(a_lw(T0, 0, T1), 0x00400010, 0), 0x00400010, EXC_TLBL, VEC_UTLB);
	check_tlb_fault(tlb_fault(a_sw(T0, 0, T1), 0x7ffffffc, 0), 0x7ffffffc, EXC_TLBS, VEC_UTLB);
	/* Another ASID's entry does not match: still UTLB. */
	check_tlb_fault(tlb_fault(a_lw(T0, 0, T1), 0x00800000, 0), 0x00800000, EXC_TLBL, VEC_UTLB);
	/* kseg2 misses, invalid entries and Mod: the general vector. */
	check_tlb_fault(tlb_fault(a_lw(T0, 0, T1), 0xc0001008, 0), 0xc0001008, EXC_TLBL, VEC_GENERAL);
	check_tlb_fault(tlb_fault(a_lw(T0, 0, T1), 0x00600004, 0), 0x00600004, EXC_TLBL, VEC_GENERAL);
	check_tlb_fault(tlb_fault(a_sb(T0, 0, T1), 0x00600003, 0), 0x00600003, EXC_TLBS, VEC_GENERAL);
	check_tlb_fault(tlb_fault(a_sw(T0, 0, T1), 0x00700ffc, 0), 0x00700ffc, EXC_MOD, VEC_GENERAL);
	/* With BEV set: the ROM vectors. */
	check_tlb_fault(tlb_fault(a_lw(T0, 0, T1), 0x00400010, ST_BEV), 0x00400010, EXC_TLBL,
	                VEC_BEV_UTLB);
	check_tlb_fault(tlb_fault(a_lw(T0, 0, T1), 0xc0001008, ST_BEV), 0xc0001008, EXC_TLBL,
	                VEC_BEV_GENERAL);
}
END_TEST

START_TEST(test_bev_general)
{
	struct machine *m = um_new();

	machine_cp0_write(m, CP0_STATUS, ST_BEV);
	UM_CODE(m, a_syscall());
	um_step(m, 1);
	ck_assert_uint_eq(machine_cpu(m)->pc, VEC_BEV_GENERAL);
	machine_free(m);
}
END_TEST

/* Context.BadVPN is VA[30:12]; checked on two addresses by hand. */
START_TEST(test_context_layout)
{
	struct machine *m = tlb_fault(a_lw(T0, 0, T1), 0xc0001008, 0);

	ck_assert_uint_eq(machine_cp0_read(m, CP0_CONTEXT), 0xc0100004);
	machine_free(m);
	m = tlb_fault(a_lw(T0, 0, T1), 0x7ffff000, 0);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CONTEXT), 0xc01ffffc);
	machine_free(m);
}
END_TEST

/* User mode touching kseg: AdEL/AdES, BadVAddr = the address. */
START_TEST(test_user_address_errors)
{
	static const struct { uint32_t insn; uint32_t code; } t[] = {
		{ 0x8d280000 /* lw t0, 0(t1) */, EXC_ADEL },
		{ 0xad280000 /* sw t0, 0(t1) */, EXC_ADES },
	};

	for (int i = 0; i < 2; i++) {
		struct machine *m = um_new();
		struct cpu_state *c = machine_cpu(m);
		c->tlb[8] = (struct tlb_entry){ 0x00400000, CODE_PA | ELO_V | ELO_D | ELO_G };
		machine_cp0_write(m, CP0_STATUS, ST_KUC);
		c->pc = 0x00400000;
		c->npc = 0x00400004;
		c->r[T1] = DATA_VA;
		ck_assert_uint_eq(t[i].insn, i ? a_sw(T0, 0, T1) : a_lw(T0, 0, T1));
		UM_CODE(m, t[i].insn);
		um_step(m, 1);
		ck_assert_uint_eq(c->pc, VEC_GENERAL);
		ck_assert_uint_eq(exc_code(m), t[i].code);
		ck_assert_uint_eq(machine_cp0_read(m, CP0_BADVADDR), DATA_VA);
		ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), 0x00400000);
		ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS) & 0x3f, ST_KUP);
		machine_free(m);
	}

	/* A user-mode fetch from kseg0: AdEL, EPC = BadVAddr = the PC. */
	struct machine *m = um_new();
	machine_cp0_write(m, CP0_STATUS, ST_KUC);
	um_step(m, 1);
	ck_assert_uint_eq(machine_cpu(m)->pc, VEC_GENERAL);
	ck_assert_uint_eq(exc_code(m), EXC_ADEL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_BADVADDR), CODE_VA);
	machine_free(m);
}
END_TEST

/* Hardware interrupt lines: masked by IM and by IEc; taken before an
 * instruction, with EPC = that instruction. */
START_TEST(test_interrupt_masking)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_nop(), a_nop(), a_nop(), a_nop(), a_nop(), a_nop(), a_nop(), a_nop());
	machine_cp0_write(m, CP0_STATUS, ST_IM(5) | ST_IEC);     /* line 4 masked */
	machine_set_irq(m, 4, true);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_IP_MASK, CAUSE_IP(4));
	um_step(m, 4);
	ck_assert_uint_eq(c->pc, CODE_VA + 16);
	machine_cp0_write(m, CP0_STATUS, ST_IM(4));               /* IEc off */
	um_step(m, 3);
	ck_assert_uint_eq(c->pc, CODE_VA + 28);
	ck_assert_uint_eq(machine_stats(m)->exceptions[EXC_INT], 0);
	machine_free(m);
}
END_TEST

/* MTC0 enabling a pending interrupt: one more instruction runs, then
 * the interrupt is taken (the model documented in cp0.c). */
START_TEST(test_interrupt_taken)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = ST_IM(4) | ST_IEC | 0x8;              /* KUp set, to see it move */
	UM_CODE(m, a_mtc0(T1, CP0_STATUS), a_addiu(T2, ZERO, 1), a_addiu(T3, ZERO, 1));
	machine_set_irq(m, 4, true);
	um_step(m, 2);
	ck_assert_uint_eq(c->r[T2], 1);
	ck_assert_uint_eq(c->pc, CODE_VA + 8);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(c->r[T3], 0);
	ck_assert_uint_eq(exc_code(m), EXC_INT);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA + 8);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_IP_MASK, CAUSE_IP(4));
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS), ST_IM(4) | 0x24);
	ck_assert_uint_eq(machine_stats(m)->interrupts[4], 1);
	/* IP follows the line's level. */
	machine_set_irq(m, 4, false);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_IP_MASK, 0);
	machine_free(m);
}
END_TEST

/* A software interrupt (Cause.IP0) set by MTC0 Cause. */
START_TEST(test_software_interrupt)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	machine_cp0_write(m, CP0_STATUS, ST_IM(0) | ST_IEC);
	c->r[T1] = CAUSE_IP(0);
	UM_CODE(m, a_nop(), a_nop(), a_mtc0(T1, CP0_CAUSE), a_nop(), a_nop());
	um_step(m, 4);
	ck_assert_uint_eq(c->pc, CODE_VA + 16);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(exc_code(m), EXC_INT);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA + 16);
	ck_assert_uint_eq(machine_stats(m)->interrupts[0], 1);
	machine_free(m);
}
END_TEST

/* An interrupt before a delay-slot instruction: EPC = the branch, BD. */
START_TEST(test_interrupt_in_delay_slot)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	machine_cp0_write(m, CP0_STATUS, ST_IM(6) | ST_IEC);
	UM_CODE(m, a_nop(), a_nop(), a_beq(ZERO, ZERO, 4), a_nop());
	um_step(m, 3);
	ck_assert_uint_eq(c->delay_slot, 1);
	machine_set_irq(m, 6, true);
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA + 8);
	ck_assert(cause_bd(m));
	machine_free(m);
}
END_TEST

/* Code that faults at its own vector can never progress: wedged. */
START_TEST(test_wedge_at_vector)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	machine_cp0_write(m, CP0_STATUS, ST_BEV);
	c->pc = 0xbe000000;                 /* no RAM, no device */
	c->npc = 0xbe000004;
	ck_assert_int_eq(machine_run(m, 100000), STOP_WEDGED);
	ck_assert_ptr_nonnull(strstr(machine_stop_message(m), "IBE"));
	ck_assert_uint_lt(c->cycle, 100);
	machine_free(m);
}
END_TEST

Suite *exceptions_suite(void)
{
	Suite *s = suite_create("exceptions");

	UM_TEST(s, test_syscall_break_ri);
	UM_TEST(s, test_delay_slot_exception);
	UM_TEST(s, test_status_stack);
	UM_TEST(s, test_tlb_vectors);
	UM_TEST(s, test_bev_general);
	UM_TEST(s, test_context_layout);
	UM_TEST(s, test_user_address_errors);
	UM_TEST(s, test_interrupt_masking);
	UM_TEST(s, test_interrupt_taken);
	UM_TEST(s, test_software_interrupt);
	UM_TEST(s, test_interrupt_in_delay_slot);
	UM_TEST(s, test_wedge_at_vector);
	return s;
}
