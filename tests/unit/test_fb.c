/*
 * test_fb.c: the framebuffer (dev/fb.c) as plain memory with a summary
 * of changed rows: stores show in machine_framebuffer at (y * 640 + x)
 * * 3, a store marks its row, a store of
 * what is already there marks nothing, SWL changes only its bytes, taking the summary clears it, a
 * snapshot restore marks every row, an access past the 640x480 pixels
 * is a bus error, and the control ports keep what is stored.
 */
#include "unit.h"

#define HI(pa) (((pa) | 0xa0000000u) >> 16)
#define ROW (FB_WIDTH * 3)

static bool row_set(const uint32_t *rows, int y)
{
	return rows[y >> 5] & (1u << (y & 31));
}

/* A fresh machine has every row marked; taking them clears them. */
static struct machine *fb_machine(void)
{
	struct machine *m = um_new();
	uint32_t rows[FB_HEIGHT / 32];

	ck_assert_int_eq(machine_fb_take_dirty(m, rows), FB_HEIGHT);
	ck_assert_int_eq(machine_fb_take_dirty(m, rows), 0);
	return m;
}

START_TEST(test_fb_store_marks_row)
{
	struct machine *m = fb_machine();
	uint32_t rows[FB_HEIGHT / 32];
	const uint8_t *fb = machine_framebuffer(m);

	/* A word in row 7, a byte in row 31: two rows marked. */
	UM_CODE(m, a_lui(T0, HI(FB_BASE)), a_lui(T1, 0x1122), a_ori(T1, T1, 0x3344),
	        a_sw(T1, 7 * ROW + 12, T0),                 /* row 7 */
	        a_addiu(T2, T0, 0x7000), a_sb(T1, 0x7ffc, T2),
	        a_lw(T3, 7 * ROW + 12, T0),
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_uint_eq(machine_cpu(m)->r[T3], 0x11223344);
	ck_assert_uint_eq(fb[7 * ROW + 12], 0x44);
	ck_assert_uint_eq(fb[7 * ROW + 15], 0x11);
	ck_assert_uint_eq(fb[0x7000 + 0x7ffc], 0x44);
	ck_assert_int_eq(machine_fb_take_dirty(m, rows), 2);
	ck_assert(row_set(rows, 7));
	ck_assert(row_set(rows, (0x7000 + 0x7ffc) / ROW));
	machine_free(m);
}
END_TEST

/* A store of the bytes already there changes nothing on the screen. */
START_TEST(test_fb_same_value_no_mark)
{
	struct machine *m = fb_machine();
	uint32_t rows[FB_HEIGHT / 32];

	UM_CODE(m, a_lui(T0, HI(FB_BASE)), a_sw(ZERO, 10 * ROW, T0),
	        a_sh(ZERO, 12 * ROW, T0), a_sb(ZERO, 15 * ROW, T0),
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_int_eq(machine_fb_take_dirty(m, rows), 0);
	machine_free(m);
}
END_TEST

/* SWL is a read-modify-write of the aligned word: only the bytes it
 * stores change, and its row is marked. */
START_TEST(test_fb_partial_store)
{
	struct machine *m = fb_machine();
	uint32_t rows[FB_HEIGHT / 32];
	const uint8_t *fb = machine_framebuffer(m);

	UM_CODE(m, a_lui(T0, HI(FB_BASE)), a_lui(T1, 0xaabb), a_ori(T1, T1, 0xccdd),
	        a_swl(T1, 5 * ROW + 1, T0),      /* bytes 5*ROW..+1 = 0xbb 0xaa */
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_uint_eq(fb[5 * ROW], 0xbb);
	ck_assert_uint_eq(fb[5 * ROW + 1], 0xaa);
	ck_assert_uint_eq(fb[5 * ROW + 2], 0);
	ck_assert_int_eq(machine_fb_take_dirty(m, rows), 1);
	ck_assert(row_set(rows, 5));
	machine_free(m);
}
END_TEST

/* Past the last pixel: a bus error (DBE), as for any address with no
 * device. */
START_TEST(test_fb_past_end)
{
	struct machine *m = fb_machine();

	UM_CODE(m, a_lui(T0, HI(FB_BASE + FB_BYTES)), a_lw(T1, FB_BYTES & 0xffff, T0), a_nop());
	um_step(m, 2);
	ck_assert_uint_eq((machine_cp0_read(m, CP0_CAUSE) >> 2) & 31, EXC_DBE);
	machine_free(m);
}
END_TEST

START_TEST(test_fb_restore_marks_all)
{
	struct machine *m = fb_machine();
	uint32_t rows[FB_HEIGHT / 32];
	struct snapshot *s = machine_save(m);

	ck_assert_ptr_nonnull(s);
	machine_restore(m, s);
	ck_assert_int_eq(machine_fb_take_dirty(m, rows), FB_HEIGHT);
	snapshot_free(s);
	machine_free(m);
}
END_TEST

/* PORT selects, DATA reads and writes; a resolution other than 640x480
 * is refused; an unknown port reads 0. */
START_TEST(test_fbctrl_ports)
{
	struct machine *m = fb_machine();
	struct cpu_state *c = machine_cpu(m);

	UM_CODE(m, a_lui(T0, HI(FB_CTRL_BASE)),
	        a_addiu(T1, ZERO, FBCTRL_PORT_X1), a_sw(T1, FBCTRL_PORT, T0),
	        a_addiu(T1, ZERO, 800), a_sw(T1, FBCTRL_DATA, T0),
	        a_addiu(T1, ZERO, FBCTRL_PORT_COMMAND), a_sw(T1, FBCTRL_PORT, T0),
	        a_addiu(T1, ZERO, FBCTRL_CMD_CHANGE_RESOLUTION), a_sw(T1, FBCTRL_DATA, T0),
	        a_lw(T2, FBCTRL_DATA, T0), a_lw(T3, FBCTRL_PORT, T0),
	        a_addiu(T1, ZERO, 9), a_sw(T1, FBCTRL_PORT, T0), a_lw(T4, FBCTRL_DATA, T0),
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	c->r[T4] = 0x1234;
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_uint_eq(c->r[T2], FBCTRL_STATUS_REFUSED);
	ck_assert_uint_eq(c->r[T3], FBCTRL_PORT_COMMAND);
	ck_assert_uint_eq(c->r[T4], 0);
	machine_free(m);
}
END_TEST

Suite *fb_suite(void)
{
	Suite *s = suite_create("fb");

	UM_TEST(s, test_fb_store_marks_row);
	UM_TEST(s, test_fb_same_value_no_mark);
	UM_TEST(s, test_fb_partial_store);
	UM_TEST(s, test_fb_past_end);
	UM_TEST(s, test_fb_restore_marks_all);
	UM_TEST(s, test_fbctrl_ports);
	return s;
}
