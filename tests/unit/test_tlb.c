/*
 * test_tlb.c: TLBWI, TLBWR, TLBR, TLBP and translation (r3000.md 2.4,
 * 2.5): the match rule (VPN and ASID, or G), the V and D bits, Index.P
 * on a failed probe, TLBWR writing entry Random, and the tools' view
 * through machine_virt_to_phys.
 */
#include "unit.h"

#define ASID(n) ((uint32_t)(n) << EHI_ASID_SHIFT)

/* Guest code: EntryHi = t1, EntryLo = t2, Index = t3, then `op`. */
static void tlb_op(struct machine *m, uint32_t op)
{
	UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_mtc0(T2, CP0_ENTRYLO),
	        a_mtc0(T3, CP0_INDEX), a_nop(), op, a_nop());
	um_step(m, 6);
}

START_TEST(test_tlbwi)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = 0x00400000 | ASID(7);
	c->r[T2] = 0x00123000 | ELO_V | ELO_D;
	c->r[T3] = 17 << INDEX_SHIFT;
	tlb_op(m, a_tlbwi());
	ck_assert_uint_eq(c->tlb[17].hi, 0x00400000 | ASID(7));
	ck_assert_uint_eq(c->tlb[17].lo, 0x00123000 | ELO_V | ELO_D);
	ck_assert_uint_eq(machine_stats(m)->tlb_writes, 1);
	machine_free(m);
}
END_TEST

/* TLBWR writes entry Random, i.e. 63 - (cycle mod 56) at its cycle. */
START_TEST(test_tlbwr)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	uint64_t at;
	unsigned idx;

	c->r[T1] = 0x00777000;
	c->r[T2] = 0x00555000 | ELO_V;
	UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_mtc0(T2, CP0_ENTRYLO), a_nop(),
	        a_tlbwr(), a_nop());
	um_step(m, 3);
	at = c->cycle - c->random_base;
	idx = 63 - (unsigned)(at % 56);
	um_step(m, 2);
	ck_assert_uint_eq(c->tlb[idx].hi, 0x00777000);
	ck_assert_uint_eq(c->tlb[idx].lo, 0x00555000 | ELO_V);
	for (unsigned i = 0; i < TLB_NENTRIES; i++)
		if (i != idx)
			ck_assert_uint_eq(c->tlb[i].hi, 0);
	machine_free(m);

	/* Over 56 consecutive cycles TLBWR never picks entries 0..7. */
	m = um_new();
	c = machine_cpu(m);
	for (int i = 0; i < 56; i++) {
		c->cycle = c->random_base + (uint64_t)i;
		c->pc = CODE_VA;
		c->npc = CODE_VA + 4;
		c->r[T1] = 0x01000000 + ((uint32_t)i << PAGE_SHIFT);
		UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_tlbwr());
		um_step(m, 2);
	}
	for (unsigned i = 0; i < TLB_NWIRED; i++)
		ck_assert_uint_eq(c->tlb[i].hi, 0);
	for (unsigned i = TLB_NWIRED; i < TLB_NENTRIES; i++)
		ck_assert_uint_ne(c->tlb[i].hi, 0);
	machine_free(m);
}
END_TEST

/* TLBR loads EntryHi and EntryLo, ASID included. */
START_TEST(test_tlbr)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->tlb[5] = (struct tlb_entry){ 0x7fffe000 | ASID(63), 0xfffff000 | ELO_N | ELO_G };
	machine_cp0_write(m, CP0_ENTRYHI, ASID(3));
	machine_cp0_write(m, CP0_INDEX, 5 << INDEX_SHIFT);
	UM_CODE(m, a_tlbr(), a_nop());
	um_step(m, 2);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_ENTRYHI), 0x7fffe000 | ASID(63));
	ck_assert_uint_eq(machine_cp0_read(m, CP0_ENTRYLO), 0xfffff000 | ELO_N | ELO_G);
	machine_free(m);
}
END_TEST

/* Probe EntryHi = hi; returns Index. */
static uint32_t probe(struct machine *m, uint32_t hi)
{
	struct cpu_state *c = machine_cpu(m);

	c->pc = CODE_VA;
	c->npc = CODE_VA + 4;
	c->r[T1] = hi;
	UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_nop(), a_tlbp(), a_nop());
	um_step(m, 4);
	return machine_cp0_read(m, CP0_INDEX);
}

START_TEST(test_tlbp)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->tlb[0].hi = 0x80000000;                       /* kseg0 VPNs: never match */
	c->tlb[9] = (struct tlb_entry){ 0x00400000 | ASID(2), 0x2000 | ELO_V };
	c->tlb[40] = (struct tlb_entry){ 0x00800000 | ASID(9), 0x3000 | ELO_G };  /* V = 0 */
	ck_assert_uint_eq(probe(m, 0x00400000 | ASID(2)), 9 << INDEX_SHIFT);
	ck_assert_uint_eq(probe(m, 0x00400000 | ASID(3)) & INDEX_P, INDEX_P);
	ck_assert_uint_eq(probe(m, 0x00401000 | ASID(2)) & INDEX_P, INDEX_P);
	/* G matches any ASID; V does not stop a match. */
	ck_assert_uint_eq(probe(m, 0x00800000 | ASID(1)), 40 << INDEX_SHIFT);
	/* A hit clears P again. */
	machine_cp0_write(m, CP0_INDEX, 0);
	ck_assert_uint_eq(probe(m, 0x00123000) & INDEX_P, INDEX_P);
	ck_assert_uint_eq(probe(m, 0x00400000 | ASID(2)), 9 << INDEX_SHIFT);
	machine_free(m);
}
END_TEST

START_TEST(test_virt_to_phys)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	uint32_t pa = 0;

	c->tlb[8] = (struct tlb_entry){ 0x00400000 | ASID(1), 0x00005000 | ELO_V | ELO_D };
	c->tlb[9] = (struct tlb_entry){ 0x00400000 | ASID(2), 0x00006000 | ELO_V };
	c->tlb[10] = (struct tlb_entry){ 0xc0001000, 0x00007000 | ELO_V | ELO_G };
	c->tlb[11] = (struct tlb_entry){ 0x00500000, 0x00008000 | ELO_G };        /* V = 0 */

	ck_assert_int_eq(machine_virt_to_phys(m, 0x80123456, &pa), 0);
	ck_assert_uint_eq(pa, 0x00123456);
	ck_assert_int_eq(machine_virt_to_phys(m, 0xbfc00180, &pa), 0);
	ck_assert_uint_eq(pa, 0x1fc00180);
	machine_cp0_write(m, CP0_ENTRYHI, ASID(1));
	ck_assert_int_eq(machine_virt_to_phys(m, 0x00400abc, &pa), 0);
	ck_assert_uint_eq(pa, 0x00005abc);
	machine_cp0_write(m, CP0_ENTRYHI, ASID(2));
	ck_assert_int_eq(machine_virt_to_phys(m, 0x00400abc, &pa), 0);
	ck_assert_uint_eq(pa, 0x00006abc);
	machine_cp0_write(m, CP0_ENTRYHI, ASID(3));
	ck_assert_int_eq(machine_virt_to_phys(m, 0x00400abc, &pa), -1);
	ck_assert_int_eq(machine_virt_to_phys(m, 0xc0001ffc, &pa), 0);
	ck_assert_uint_eq(pa, 0x00007ffc);
	ck_assert_int_eq(machine_virt_to_phys(m, 0x00500000, &pa), -1);
	ck_assert_int_eq(machine_virt_to_phys(m, 0xc0002000, &pa), -1);
	machine_free(m);
}
END_TEST

/* Guest loads through the TLB follow the ASID in EntryHi. */
START_TEST(test_asid_switch)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	um_poke(m, 0x5010, 0x11111111);
	um_poke(m, 0x6010, 0x22222222);
	c->tlb[8] = (struct tlb_entry){ 0x00400000 | ASID(1), 0x00005000 | ELO_V };
	c->tlb[9] = (struct tlb_entry){ 0x00400000 | ASID(2), 0x00006000 | ELO_V };
	c->r[T1] = ASID(1);
	c->r[T2] = ASID(2);
	c->r[T3] = 0x00400010;
	UM_CODE(m, a_mtc0(T1, CP0_ENTRYHI), a_lw(T4, 0, T3), a_mtc0(T2, CP0_ENTRYHI),
	        a_lw(T5, 0, T3), a_nop());
	um_step(m, 5);
	ck_assert_uint_eq(c->r[T4], 0x11111111);
	ck_assert_uint_eq(c->r[T5], 0x22222222);
	machine_free(m);
}
END_TEST

/* Two entries matching one address set Status.TS. */
START_TEST(test_duplicate_shuts_down)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->tlb[8] = (struct tlb_entry){ 0x00400000, 0x00005000 | ELO_V | ELO_G };
	c->tlb[9] = (struct tlb_entry){ 0x00400000, 0x00006000 | ELO_V | ELO_G };
	c->r[T3] = 0x00400000;
	UM_CODE(m, a_lw(T4, 0, T3), a_nop());
	um_step(m, 1);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_STATUS) & ST_TS, ST_TS);
	machine_free(m);
}
END_TEST

Suite *tlb_suite(void)
{
	Suite *s = suite_create("tlb");

	UM_TEST(s, test_tlbwi);
	UM_TEST(s, test_tlbwr);
	UM_TEST(s, test_tlbr);
	UM_TEST(s, test_tlbp);
	UM_TEST(s, test_virt_to_phys);
	UM_TEST(s, test_asid_switch);
	UM_TEST(s, test_duplicate_shuts_down);
	return s;
}
