/*
 * test_devices.c: the testmips devices as the guest sees them
 * (hw/testmips.h): console output and halt, console input and its
 * interrupt line, mp, simctl's exact counters, the RTC's periodic
 * interrupt and its one-shot timer (exosim's extension), bus errors for
 * addresses with no device, and the idle-loop rules (skipped exactly;
 * wedged when nothing can end it).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

/* kseg1 address of a device register, split for LUI + offset. */
#define HI(pa) (((pa) | 0xa0000000u) >> 16)

START_TEST(test_console_output_and_halt)
{
	struct sim_config cfg;
	struct machine *m;
	struct cpu_state *c;
	char err[256], buf[16] = "";
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_out_fd = p[1];
	cfg.console_in_fd = -1;
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_ptr_nonnull(m);
	c = machine_cpu(m);
	machine_cp0_write(m, CP0_STATUS, 0);
	c->pc = CODE_VA;
	c->npc = CODE_VA + 4;
	UM_CODE(m, a_lui(T0, HI(CONS_BASE)), a_addiu(T1, ZERO, 'h'), a_sb(T1, 0, T0),
	        a_addiu(T1, ZERO, 'i'), a_sb(T1, 0, T0), a_addiu(T1, ZERO, '\n'),
	        a_sb(T1, 0, T0), a_addiu(T1, ZERO, 0x107), a_sb(T1, CONS_HALT, T0),
	        a_addiu(T2, ZERO, 1));
	ck_assert_int_eq(machine_run(m, 1000), STOP_HALT);
	ck_assert_int_eq(machine_halt_status(m), 7);      /* the low byte */
	ck_assert_uint_eq(c->r[T2], 0);                   /* nothing ran after */
	ck_assert_int_eq(machine_run(m, 2000), STOP_HALT);  /* stays halted */
	machine_free(m);
	close(p[1]);
	ck_assert_int_eq(read(p[0], buf, sizeof buf - 1), 3);
	ck_assert_str_eq(buf, "hi\n");
	close(p[0]);
}
END_TEST

/* As GXemul: a load from the halt register halts (status 0); a NUL
 * byte is not written to the terminal. */
START_TEST(test_console_gxemul_details)
{
	struct sim_config cfg;
	struct machine *m;
	struct cpu_state *c;
	char err[256], buf[16] = "";
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_out_fd = p[1];
	cfg.console_in_fd = -1;
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_ptr_nonnull(m);
	c = machine_cpu(m);
	machine_cp0_write(m, CP0_STATUS, 0);
	c->pc = CODE_VA;
	c->npc = CODE_VA + 4;
	c->r[T3] = 5;
	UM_CODE(m, a_lui(T0, HI(CONS_BASE)), a_addiu(T1, ZERO, 'a'), a_sb(T1, 0, T0),
	        a_sb(ZERO, 0, T0), a_addiu(T1, ZERO, 'b'), a_sb(T1, 0, T0),
	        a_lw(T3, CONS_HALT, T0), a_addiu(T2, ZERO, 1));
	ck_assert_int_eq(machine_run(m, 1000), STOP_HALT);
	ck_assert_int_eq(machine_halt_status(m), 0);
	ck_assert_uint_eq(c->r[T2], 0);                   /* nothing ran after */
	machine_free(m);
	close(p[1]);
	ck_assert_int_eq(read(p[0], buf, sizeof buf - 1), 2);
	ck_assert_str_eq(buf, "ab");
	close(p[0]);
}
END_TEST

/* Input from a regular file: one byte per load, then 0; IP2 while a
 * byte waits. */
START_TEST(test_console_input)
{
	struct sim_config cfg;
	struct machine *m;
	struct cpu_state *c;
	char err[256], path[] = "/tmp/exosim-unit-XXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "xy", 2), 2);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = fd;
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_ptr_nonnull(m);
	c = machine_cpu(m);
	machine_cp0_write(m, CP0_STATUS, 0);
	c->pc = CODE_VA;
	c->npc = CODE_VA + 4;
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_IP(CONS_IRQ), CAUSE_IP(CONS_IRQ));
	UM_CODE(m, a_lui(T0, HI(CONS_BASE)), a_lbu(T1, 0, T0), a_lbu(T2, 0, T0),
	        a_lbu(T3, 0, T0), a_nop());
	um_step(m, 5);
	ck_assert_uint_eq(c->r[T1], 'x');
	ck_assert_uint_eq(c->r[T2], 'y');
	ck_assert_uint_eq(c->r[T3], 0);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_IP(CONS_IRQ), 0);
	machine_free(m);
	close(fd);
	unlink(path);
}
END_TEST

START_TEST(test_mp_and_simctl)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	uint32_t ram;
	uint64_t at;

	machine_ram(m, &ram);
	UM_CODE(m, a_lui(S0, HI(MP_BASE)), a_lui(S1, HI(SIMCTL_BASE)),
	        a_lw(T0, MP_NCPUS, S0), a_lw(T1, MP_MEMORY, S0),
	        a_lw(T2, SIMCTL_CYCLE_LO, S1), a_lw(T3, SIMCTL_CYCLE_HI, S1),
	        a_lw(T4, SIMCTL_INSN_LO, S1), a_nop());
	um_step(m, 4);
	at = c->cycle;
	um_step(m, 4);
	ck_assert_uint_eq(c->r[T0], 1);
	ck_assert_uint_eq(c->r[T1], ram);
	ck_assert_uint_eq(c->r[T2], (uint32_t)at);       /* the cycle of that load */
	ck_assert_uint_eq(c->r[T3], (uint32_t)(at >> 32));
	ck_assert_uint_eq(c->r[T4], 6);                  /* instructions before it */
	machine_free(m);

	/* The latched high half of a counter past 2^32. */
	m = um_new();
	c = machine_cpu(m);
	c->cycle = 0x500000000ull;
	c->random_base = c->cycle;
	UM_CODE(m, a_lui(S1, HI(SIMCTL_BASE)), a_lw(T2, SIMCTL_CYCLE_LO, S1),
	        a_lw(T3, SIMCTL_CYCLE_HI, S1), a_nop());
	um_step(m, 4);
	ck_assert_uint_eq(c->r[T2], 1);
	ck_assert_uint_eq(c->r[T3], 5);
	machine_free(m);
}
END_TEST

/* Physical addresses with neither RAM nor a device: DBE on data (no
 * BadVAddr), IBE on fetch. */
START_TEST(test_bus_errors)
{
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);

	c->r[T1] = 0xb8000000;
	UM_CODE(m, a_lw(T0, 1, T1), a_lw(T0, 0, T1));    /* AdEL sets BadVAddr first */
	um_step(m, 1);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_BADVADDR), 0xb8000001);
	c->pc = CODE_VA + 4;
	c->npc = CODE_VA + 8;
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_EXC_MASK, EXC_DBE << CAUSE_EXC_SHIFT);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), CODE_VA + 4);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_BADVADDR), 0xb8000001);
	machine_free(m);

	m = um_new();
	c = machine_cpu(m);
	c->pc = 0x88000000;                             /* beyond 4 MiB of RAM */
	c->npc = 0x88000004;
	um_step(m, 1);
	ck_assert_uint_eq(c->pc, VEC_GENERAL);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_CAUSE) & CAUSE_EXC_MASK, EXC_IBE << CAUSE_EXC_SHIFT);
	ck_assert_uint_eq(machine_cp0_read(m, CP0_EPC), 0x88000000);
	machine_free(m);
}
END_TEST

/*
 * A guest that sets the RTC to 25 kHz (a tick every 1000 cycles at
 * 25 MHz), enables its interrupt and idles in `b .`.  The handler at
 * the general vector halts the machine with status 9.
 */
static struct machine *rtc_idle_machine(uint32_t status)
{
	struct machine *m = um_new();
	uint32_t h[] = {
		a_lui(K0, HI(CONS_BASE)), a_addiu(K1, ZERO, 9), a_sb(K1, CONS_HALT, K0), a_nop(),
	};

	um_put(m, VEC_GENERAL & KSEG_PHYS_MASK, h, 4);
	UM_CODE(m, a_lui(T0, HI(RTC_BASE)), a_ori(T1, ZERO, 25000), a_sw(T1, RTC_HZ, T0),
	        a_ori(T1, ZERO, status), a_mtc0(T1, CP0_STATUS),
	        a_beq(ZERO, ZERO, -1), a_nop());
	return m;
}

/* The idle loop is skipped to the tick exactly: the same cycle and
 * EPC as stepping through every iteration. */
START_TEST(test_rtc_idle_exact)
{
	struct machine *a = rtc_idle_machine(ST_IM(RTC_IRQ) | ST_IEC);
	struct machine *b = rtc_idle_machine(ST_IM(RTC_IRQ) | ST_IEC);
	uint64_t tick;

	ck_assert_int_eq(machine_run(a, 1000000), STOP_HALT);
	ck_assert_int_eq(machine_halt_status(a), 9);
	while (machine_step(b) == STOP_STEP)
		;
	ck_assert_int_eq(machine_halt_status(b), 9);
	ck_assert_uint_eq(machine_cpu(a)->cycle, machine_cpu(b)->cycle);
	ck_assert_uint_eq(machine_cpu(a)->insns, machine_cpu(b)->insns);
	ck_assert_uint_eq(machine_cp0_read(a, CP0_EPC), machine_cp0_read(b, CP0_EPC));
	/* The RTC was set by the store at cycle 2; its tick is 1000 later.
	 * The aborted instruction's cycle and the handler's three
	 * instructions precede the halt. */
	tick = machine_cpu(a)->cycle - 4;
	ck_assert_uint_eq(tick, 2 + 1000);
	ck_assert_uint_gt(machine_stats(a)->idle_skipped_cycles, 900);
	machine_free(a);
	machine_free(b);
}
END_TEST

/* The same idle loop with interrupts off can never end: wedged. */
START_TEST(test_idle_wedged)
{
	struct machine *m = rtc_idle_machine(ST_IM(RTC_IRQ));

	ck_assert_int_eq(machine_run(m, 1000000), STOP_WEDGED);
	ck_assert_ptr_nonnull(strstr(machine_stop_message(m), "idle loop"));
	ck_assert_uint_lt(machine_cpu(m)->cycle, 100);
	machine_free(m);
}
END_TEST

/*
 * The one-shot timer, polled with interrupts off (1 cycle an
 * instruction on the fixture's ideal machine, so instruction i runs at
 * cycle i until the first loop): armed for 1000 cycles at cycle 2,
 * re-armed for 500 at cycle 4 (due at 504, the first never fires),
 * read back, acknowledged, armed and cancelled; the second loop runs
 * past every cancelled or replaced due time.
 */
static struct machine *oneshot_machine(void)
{
	struct machine *m = um_new();

	UM_CODE(m,
		/* 0 */ a_lui(T0, HI(RTC_BASE)),
		/* 1 */ a_ori(T1, ZERO, 1000),
		/* 2 */ a_sw(T1, RTC_ONESHOT, T0),
		/* 3 */ a_ori(T1, ZERO, 500),
		/* 4 */ a_sw(T1, RTC_ONESHOT, T0),
		/* 5 */ a_lw(T3, RTC_ONESHOT, T0),
		/* 6 */ a_ori(T2, ZERO, 200),
		/* 7 */ a_addiu(T2, T2, -1),
		/* 8 */ a_bne(T2, ZERO, -2),
		/* 9 */ a_nop(),
		/* 10 */ a_lw(T4, RTC_ONESHOT, T0),
		/* 11 */ a_mfc0(T5, CP0_CAUSE),
		/* 12 */ a_sw(ZERO, RTC_ONESHOT_ACK, T0),
		/* 13 */ a_mfc0(T6, CP0_CAUSE),
		/* 14 */ a_ori(T1, ZERO, 100),
		/* 15 */ a_sw(T1, RTC_ONESHOT, T0),
		/* 16 */ a_sw(ZERO, RTC_ONESHOT, T0),
		/* 17 */ a_lw(T7, RTC_ONESHOT, T0),
		/* 18 */ a_ori(T2, ZERO, 400),
		/* 19 */ a_addiu(T2, T2, -1),
		/* 20 */ a_bne(T2, ZERO, -2),
		/* 21 */ a_nop(),
		/* 22 */ a_mfc0(S0, CP0_CAUSE),
		/* 23 */ a_lui(T0, HI(CONS_BASE)),
		/* 24 */ a_sb(ZERO, CONS_HALT, T0));
	return m;
}

static bool oneshot_line(struct machine *m)
{
	return machine_cp0_read(m, CP0_CAUSE) & CAUSE_IP(ONESHOT_IRQ);
}

/* The line goes up at exactly store cycle + N, stays up until the
 * acknowledgement; cancel and re-arm replace the pending one. */
START_TEST(test_oneshot_exact)
{
	struct machine *m = oneshot_machine();
	struct cpu_state *c = machine_cpu(m);

	ck_assert_int_eq(machine_run(m, 503), STOP_CYCLE_LIMIT);
	ck_assert(!oneshot_line(m));
	ck_assert_uint_eq(c->r[T3], 499);                /* read at cycle 5 */
	ck_assert_int_eq(machine_run(m, 504), STOP_CYCLE_LIMIT);
	ck_assert(oneshot_line(m));
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_int_eq(machine_halt_status(m), 0);
	ck_assert_uint_eq(c->r[T4], 0);                  /* none pending once fired */
	ck_assert_uint_eq(c->r[T5] & CAUSE_IP(ONESHOT_IRQ), CAUSE_IP(ONESHOT_IRQ));
	ck_assert_uint_eq(c->r[T6] & CAUSE_IP(ONESHOT_IRQ), 0);   /* acknowledged */
	ck_assert_uint_eq(c->r[T7], 0);                  /* cancelled */
	ck_assert_uint_gt(c->cycle, 1002 + 100);
	ck_assert_uint_eq(c->r[S0] & CAUSE_IP_MASK, 0);  /* nothing else fired */
	ck_assert_uint_eq(machine_stats(m)->exceptions[EXC_INT], 0);
	machine_free(m);
}
END_TEST

/* A snapshot taken while the one-shot is pending, and one taken while
 * its line is up, restored in the same machine and in a fresh one,
 * give the same line at the same cycles. */
START_TEST(test_oneshot_snapshot)
{
	struct machine *m = oneshot_machine(), *b = um_new();
	struct snapshot *pending, *raised;

	ck_assert_int_eq(machine_run(m, 300), STOP_CYCLE_LIMIT);
	pending = machine_save(m);
	ck_assert_ptr_nonnull(pending);
	ck_assert_int_eq(machine_run(m, 550), STOP_CYCLE_LIMIT);
	ck_assert(oneshot_line(m));
	raised = machine_save(m);
	ck_assert_ptr_nonnull(raised);
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert(!oneshot_line(m));

	machine_restore(m, raised);
	ck_assert_uint_eq(machine_cpu(m)->cycle, 550);
	ck_assert(oneshot_line(m));
	machine_restore(m, pending);
	ck_assert_uint_eq(machine_cpu(m)->cycle, 300);
	ck_assert(!oneshot_line(m));
	ck_assert_int_eq(machine_run(m, 503), STOP_CYCLE_LIMIT);
	ck_assert(!oneshot_line(m));
	ck_assert_int_eq(machine_run(m, 504), STOP_CYCLE_LIMIT);
	ck_assert(oneshot_line(m));

	machine_restore(b, pending);
	ck_assert(!oneshot_line(b));
	ck_assert_int_eq(machine_run(b, 503), STOP_CYCLE_LIMIT);
	ck_assert(!oneshot_line(b));
	ck_assert_int_eq(machine_run(b, 504), STOP_CYCLE_LIMIT);
	ck_assert(oneshot_line(b));
	ck_assert_int_eq(machine_run(b, 100000), STOP_HALT);
	ck_assert_uint_eq(machine_cpu(b)->r[T4], 0);
	ck_assert_uint_eq(machine_cpu(b)->r[T6] & CAUSE_IP(ONESHOT_IRQ), 0);
	ck_assert_uint_eq(machine_cpu(b)->r[S0] & CAUSE_IP_MASK, 0);
	snapshot_free(pending);
	snapshot_free(raised);
	machine_free(m);
	machine_free(b);
}
END_TEST

/*
 * Taken as an interrupt: armed for 1000 cycles by the store at cycle
 * 2, with IP5 enabled, the guest idles in `b .`; the handler halts with
 * status 9.  The idle loop is skipped to the interrupt exactly.
 */
static struct machine *oneshot_idle_machine(void)
{
	struct machine *m = um_new();
	uint32_t h[] = {
		a_lui(K0, HI(CONS_BASE)), a_addiu(K1, ZERO, 9), a_sb(K1, CONS_HALT, K0), a_nop(),
	};

	um_put(m, VEC_GENERAL & KSEG_PHYS_MASK, h, 4);
	UM_CODE(m, a_lui(T0, HI(RTC_BASE)), a_ori(T1, ZERO, 1000), a_sw(T1, RTC_ONESHOT, T0),
	        a_ori(T1, ZERO, ST_IM(ONESHOT_IRQ) | ST_IEC), a_mtc0(T1, CP0_STATUS),
	        a_beq(ZERO, ZERO, -1), a_nop());
	return m;
}

START_TEST(test_oneshot_interrupt)
{
	struct machine *a = oneshot_idle_machine();
	struct machine *b = oneshot_idle_machine();

	ck_assert_int_eq(machine_run(a, 1000000), STOP_HALT);
	ck_assert_int_eq(machine_halt_status(a), 9);
	while (machine_step(b) == STOP_STEP)
		;
	ck_assert_int_eq(machine_halt_status(b), 9);
	ck_assert_uint_eq(machine_cpu(a)->cycle, machine_cpu(b)->cycle);
	ck_assert_uint_eq(machine_cp0_read(a, CP0_EPC), machine_cp0_read(b, CP0_EPC));
	/* Raised at 2 + 1000; the aborted instruction's cycle and the
	 * handler's three instructions precede the halt. */
	ck_assert_uint_eq(machine_cpu(a)->cycle - 4, 2 + 1000);
	ck_assert_uint_eq(machine_stats(a)->interrupts[ONESHOT_IRQ], 1);
	ck_assert_uint_gt(machine_stats(a)->idle_skipped_cycles, 900);
	machine_free(a);
	machine_free(b);
}
END_TEST

Suite *devices_suite(void)
{
	Suite *s = suite_create("devices");

	UM_TEST(s, test_console_output_and_halt);
	UM_TEST(s, test_console_gxemul_details);
	UM_TEST(s, test_console_input);
	UM_TEST(s, test_mp_and_simctl);
	UM_TEST(s, test_bus_errors);
	UM_TEST(s, test_rtc_idle_exact);
	UM_TEST(s, test_idle_wedged);
	UM_TEST(s, test_oneshot_exact);
	UM_TEST(s, test_oneshot_snapshot);
	UM_TEST(s, test_oneshot_interrupt);
	return s;
}
