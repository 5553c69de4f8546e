/*
 * test_robust.c: whatever the guest does, the simulator neither crashes
 * nor hangs, and it stays deterministic.  Each case fills the low memory
 * (code, both exception vectors, data) with pseudo-random words, half of
 * them real MIPS I instructions with random registers and offsets (so
 * loads, stores, branches, CP0 and TLB instructions are frequent), gives
 * the TLB random entries and Status a random value, and runs a bounded
 * number of cycles.  Check runs each test in its own process: a crash is
 * a failure, and the per-test timeout catches a hang.
 */
#include "unit.h"

#define CASES 150
#define SPAN_WORDS 4096          /* 16 KiB from physical 0 */
#define RUN_CYCLES 20000

static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A random instruction: an opcode that exists, random fields. */
static uint32_t random_insn(uint32_t *s)
{
	static const uint8_t primary[] = {
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
		0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x20, 0x21, 0x22, 0x23, 0x24,
		0x25, 0x26, 0x28, 0x29, 0x2a, 0x2b, 0x2e, 0x00, 0x00, 0x00,
	};
	static const uint32_t cop0[] = {
		0x42000001, 0x42000002, 0x42000006, 0x42000008, 0x42000010,
	};
	uint32_t w = rng_next(s);
	uint32_t op = primary[w % sizeof primary];

	if (op == 0x10 && (w & 0x100))
		return cop0[(w >> 9) % 5];
	if (op == 0x10)       /* MFC0 / MTC0 of a real register */
		return 0x40000000u | ((w & 0x10) ? 0x00800000u : 0) |
		       (rng_next(s) & 0x001f0000u) | ((w >> 11 & 15) << 11);
	return (op << 26) | (rng_next(s) & 0x03ffffffu);
}

static struct machine *random_machine(uint32_t seed, const char *profile)
{
	struct sim_config cfg;
	char err[256];
	struct machine *m;
	struct cpu_state *c;
	uint32_t s = seed * 2654435761u + 1;

	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.wedge_limit = 1000;
	ck_assert_int_eq(sim_machine_profile(&cfg, profile, err, sizeof err), 0);
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	for (uint32_t i = 0; i < SPAN_WORDS; i++) {
		uint32_t w = (rng_next(&s) & 1) ? random_insn(&s) : rng_next(&s);
		um_poke(m, 4 * i, w);
	}
	c = machine_cpu(m);
	for (int i = 0; i < TLB_NENTRIES; i++) {
		c->tlb[i].hi = rng_next(&s) & (EHI_VPN_MASK | EHI_ASID_MASK);
		c->tlb[i].lo = rng_next(&s) & ELO_WRITABLE;
	}
	for (int i = 1; i < 32; i++)
		c->r[i] = (rng_next(&s) & 1) ? rng_next(&s) : KSEG0_BASE | (rng_next(&s) & 0x3ffc);
	machine_cp0_write(m, CP0_STATUS, rng_next(&s) & ~ST_BEV);
	machine_cp0_write(m, CP0_ENTRYHI, rng_next(&s));
	c->pc = KSEG0_BASE | ((rng_next(&s) % SPAN_WORDS) * 4);
	c->npc = c->pc + 4;
	return m;
}

static void run_cases(const char *profile)
{
	uint64_t insns = 0, exceptions = 0, stops[STOP_ERROR + 1] = { 0 };

	for (uint32_t seed = 1; seed <= CASES; seed++) {
		struct machine *m = random_machine(seed, profile);
		enum sim_stop why = machine_run(m, RUN_CYCLES);

		stops[why]++;
		insns += machine_cpu(m)->insns;
		for (unsigned i = 0; i < EXC_NCODES; i++)
			exceptions += machine_stats(m)->exceptions[i];
		ck_assert_msg(why == STOP_HALT || why == STOP_CYCLE_LIMIT || why == STOP_WEDGED,
		              "seed %u (%s): stop reason %d: %s", seed, profile, why,
		              machine_stop_message(m));
		/* The budget holds, give or take the longest stall. */
		ck_assert_uint_le(machine_cpu(m)->cycle, RUN_CYCLES + 1000);
		machine_free(m);
	}
	/* The random programs must really run and fault, or the test
	 * proves nothing. */
	ck_assert_msg(insns > CASES * 1000 && exceptions > CASES * 10 &&
	              stops[STOP_CYCLE_LIMIT] > CASES / 10,
	              "%s: %llu instructions, %llu exceptions, stops: halt %llu, "
	              "limit %llu, wedged %llu", profile, (unsigned long long)insns,
	              (unsigned long long)exceptions, (unsigned long long)stops[STOP_HALT],
	              (unsigned long long)stops[STOP_CYCLE_LIMIT],
	              (unsigned long long)stops[STOP_WEDGED]);
}

START_TEST(test_random_code_ideal_never_crashes)
{
	run_cases("ideal");
}
END_TEST

START_TEST(test_random_code_dec5000_never_crashes)
{
	run_cases("dec5000");
}
END_TEST

/* Same seed, same machine: identical cycles, registers and CP0. */
START_TEST(test_random_code_is_deterministic)
{
	for (uint32_t seed = 1; seed <= 20; seed++) {
		struct machine *a = random_machine(seed, "dec5000");
		struct machine *b = random_machine(seed, "dec5000");

		machine_run(a, RUN_CYCLES);
		machine_run(b, RUN_CYCLES);
		ck_assert_uint_eq(machine_cpu(a)->cycle, machine_cpu(b)->cycle);
		ck_assert_uint_eq(machine_cpu(a)->insns, machine_cpu(b)->insns);
		ck_assert_uint_eq(machine_cpu(a)->pc, machine_cpu(b)->pc);
		ck_assert_mem_eq(machine_cpu(a)->r, machine_cpu(b)->r, 32 * sizeof(uint32_t));
		ck_assert_mem_eq(machine_cpu(a)->cp0, machine_cpu(b)->cp0, sizeof machine_cpu(a)->cp0);
		machine_free(a);
		machine_free(b);
	}
}
END_TEST

Suite *robust_suite(void)
{
	Suite *s = suite_create("robust");

	/* A limit that catches a hang (each takes about a second) but not a
	 * busy machine: at Check's default 4 s they failed when the two
	 * cores ran eight other builds.  Scaled under the sanitizers. */
	UM_TEST_TIMED(s, test_random_code_ideal_never_crashes, 30);
	UM_TEST_TIMED(s, test_random_code_dec5000_never_crashes, 30);
	UM_TEST_TIMED(s, test_random_code_is_deterministic, 30);
	return s;
}
