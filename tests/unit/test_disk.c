/*
 * test_disk.c: the testmips disk's registers (hw/testmips.h DISK_*) as
 * GXemul defines them: offset, its high half, id, operation, status, the
 * buffer at +0x4000; the offset's advance by 512 per operation; the
 * latency in virtual time; failures (no such disk, a write past the
 * end); --disk-snapshot; the registers in machine snapshots; images
 * refused by machine_new.  Expected values come from the image bytes the
 * test writes and from GXemul's register definitions.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

#define HI(pa) (((pa) | 0xa0000000u) >> 16)
#define SECTORS 2

/* Byte i of the test image: sector s holds bytes (s * 7 + i) & 0xff. */
static uint8_t pattern(unsigned i)
{
	return (uint8_t)((i / DISK_SECTOR) * 7 + i % DISK_SECTOR);
}

/* A temporary image of n bytes of pattern(); its path in `path`. */
static void make_image(char *path, size_t n)
{
	int fd = mkstemp(path);
	uint8_t *b = malloc(n ? n : 1);

	ck_assert_int_ge(fd, 0);
	for (size_t i = 0; i < n; i++)
		b[i] = pattern((unsigned)i);
	ck_assert_int_eq(write(fd, b, n), (ssize_t)n);
	close(fd);
	free(b);
}

/* The image's bytes now. */
static void read_image(const char *path, uint8_t *b, size_t n)
{
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(read(fd, b, n), (ssize_t)n);
	close(fd);
}

/* A machine with `path` as disk 0, in kernel mode at CODE_VA. */
static struct machine *disk_machine(const char *path, bool snapshot)
{
	struct sim_config cfg;
	char err[256];
	struct machine *m;

	sim_config_default(&cfg);
	cfg.mem_size = 4u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.disk_path[0] = path;
	cfg.disk_snapshot = snapshot;
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	machine_cp0_write(m, CP0_STATUS, 0);
	machine_cpu(m)->pc = CODE_VA;
	machine_cpu(m)->npc = CODE_VA + 4;
	return m;
}

/* Read sector 1: status, the offset advanced, the buffer, the stall. */
START_TEST(test_disk_read_registers)
{
	char path[] = "/tmp/exosim-disk-XXXXXX";
	struct machine *m;
	struct cpu_state *c;
	uint32_t want;

	make_image(path, SECTORS * DISK_SECTOR);
	m = disk_machine(path, false);
	c = machine_cpu(m);
	UM_CODE(m, a_lui(T0, HI(DISK_BASE)), a_addiu(T1, ZERO, DISK_SECTOR),
	        a_sw(T1, DISK_OFFSET, T0), a_sw(ZERO, DISK_ID, T0),
	        a_sw(ZERO, DISK_START, T0),                 /* READ */
	        a_lw(T2, DISK_STATUS, T0), a_lw(T3, DISK_OFFSET, T0),
	        a_lw(T4, DISK_BUFFER, T0), a_lbu(T5, DISK_BUFFER + DISK_SECTOR - 1, T0),
	        a_lw(T6, DISK_START, T0), a_lw(T7, DISK_OFFSET_HIGH32, T0),
	        a_lw(S0, 0x40, T0),                         /* no register: 0 */
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	c->r[S0] = 0x1234;
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_uint_eq(c->r[T2], 1);
	ck_assert_uint_eq(c->r[T3], 2 * DISK_SECTOR);
	want = pattern(512) | pattern(513) << 8 | pattern(514) << 16 | (uint32_t)pattern(515) << 24;
	ck_assert_uint_eq(c->r[T4], want);
	ck_assert_uint_eq(c->r[T5], pattern(1023));
	ck_assert_uint_eq(c->r[T6], DISK_OP_READ);
	ck_assert_uint_eq(c->r[T7], 0);
	ck_assert_uint_eq(c->r[S0], 0);
	/* 14 instructions, one operation of DISK_OP_USEC at 25 MHz. */
	ck_assert_uint_eq(c->cycle - c->insns, 25000000ull * DISK_OP_USEC / 1000000);
	machine_free(m);
	unlink(path);
}
END_TEST

/* Write sector 0 (a zero buffer but for one word) through to the file,
 * or to the overlay; either way the guest reads it back and sector 1 is
 * untouched.  A write past the end and an absent disk fail, status 0. */
static void write_test(bool snapshot)
{
	char path[] = "/tmp/exosim-disk-XXXXXX";
	uint8_t img[SECTORS * DISK_SECTOR];
	struct machine *m;
	struct cpu_state *c;

	make_image(path, sizeof img);
	m = disk_machine(path, snapshot);
	c = machine_cpu(m);
	UM_CODE(m, a_lui(T0, HI(DISK_BASE)), a_lui(T1, 0xcafe), a_ori(T1, T1, 0xf00d),
	        a_sw(T1, DISK_BUFFER + 8, T0), a_sw(ZERO, DISK_OFFSET, T0),
	        a_addiu(T1, ZERO, DISK_OP_WRITE), a_sw(T1, DISK_START, T0),
	        a_lw(T2, DISK_STATUS, T0),
	        a_addiu(T3, ZERO, SECTORS * DISK_SECTOR), a_sw(T3, DISK_OFFSET, T0),
	        a_sw(T1, DISK_START, T0), a_lw(T3, DISK_STATUS, T0),   /* past the end */
	        a_addiu(T4, ZERO, 5), a_sw(T4, DISK_ID, T0), a_sw(ZERO, DISK_OFFSET, T0),
	        a_sw(ZERO, DISK_START, T0), a_lw(T4, DISK_STATUS, T0), /* no disk 5 */
	        a_sw(ZERO, DISK_ID, T0), a_sw(ZERO, DISK_BUFFER + 8, T0),
	        a_sw(ZERO, DISK_OFFSET, T0), a_sw(ZERO, DISK_START, T0),
	        a_lw(T5, DISK_BUFFER + 8, T0),                         /* read back */
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_uint_eq(c->r[T2], 1);
	ck_assert_uint_eq(c->r[T3], 0);
	ck_assert_uint_eq(c->r[T4], 0);
	ck_assert_uint_eq(c->r[T5], 0xcafef00d);
	machine_free(m);
	read_image(path, img, sizeof img);
	for (unsigned i = 0; i < sizeof img; i++) {
		uint8_t want = pattern(i);
		if (!snapshot && i < DISK_SECTOR)     /* the buffer as written */
			want = i >= 8 && i < 12 ? (uint8_t)(0xcafef00du >> (8 * (i - 8))) : 0;
		ck_assert_msg(img[i] == want, "image byte %u is 0x%02x, want 0x%02x", i, img[i], want);
	}
	unlink(path);
}

START_TEST(test_disk_write_through) { write_test(false); }
END_TEST
START_TEST(test_disk_write_overlay) { write_test(true); }
END_TEST

/* OFFSET_HIGH32 sets the high half; a store to OFFSET clears it. */
START_TEST(test_disk_offset_high)
{
	char path[] = "/tmp/exosim-disk-XXXXXX";
	struct machine *m;
	struct cpu_state *c;

	make_image(path, DISK_SECTOR);
	m = disk_machine(path, false);
	c = machine_cpu(m);
	UM_CODE(m, a_lui(T0, HI(DISK_BASE)), a_addiu(T1, ZERO, 3),
	        a_sw(T1, DISK_OFFSET_HIGH32, T0), a_lw(T2, DISK_OFFSET_HIGH32, T0),
	        a_sw(T1, DISK_OFFSET, T0), a_lw(T3, DISK_OFFSET_HIGH32, T0),
	        a_lw(T4, DISK_OFFSET, T0),
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	ck_assert_int_eq(machine_run(m, 1000), STOP_HALT);
	ck_assert_uint_eq(c->r[T2], 3);
	ck_assert_uint_eq(c->r[T3], 0);
	ck_assert_uint_eq(c->r[T4], 3);
	machine_free(m);
	unlink(path);
}
END_TEST

/* A snapshot holds the registers: after a restore, the operation that
 * follows reads at the offset of the snapshot, not the later one. */
START_TEST(test_disk_in_snapshot)
{
	char path[] = "/tmp/exosim-disk-XXXXXX";
	struct machine *m;
	struct cpu_state *c;
	struct snapshot *s;
	uint64_t cyc;

	make_image(path, SECTORS * DISK_SECTOR);
	m = disk_machine(path, true);
	c = machine_cpu(m);
	UM_CODE(m, a_lui(T0, HI(DISK_BASE)), a_sw(ZERO, DISK_OFFSET, T0),
	        a_sw(ZERO, DISK_START, T0),           /* sector 0; offset 512 */
	        a_sw(ZERO, DISK_START, T0),           /* sector 1; offset 1024 */
	        a_lw(T3, DISK_OFFSET, T0), a_lbu(T4, DISK_BUFFER, T0),
	        a_lui(T0, HI(CONS_BASE)), a_sb(ZERO, CONS_HALT, T0));
	um_step(m, 3);
	s = machine_save(m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_uint_eq(c->r[T3], 2 * DISK_SECTOR);
	ck_assert_uint_eq(c->r[T4], pattern(DISK_SECTOR));
	cyc = c->cycle;
	machine_restore(m, s);
	c->r[T3] = c->r[T4] = 0;
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_uint_eq(c->r[T3], 2 * DISK_SECTOR);
	ck_assert_uint_eq(c->r[T4], pattern(DISK_SECTOR));
	ck_assert_uint_eq(c->cycle, cyc);
	snapshot_free(s);
	machine_free(m);
	unlink(path);
}
END_TEST

/* machine_new refuses a missing, empty or odd-sized image. */
START_TEST(test_disk_bad_images)
{
	char odd[] = "/tmp/exosim-disk-XXXXXX", empty[] = "/tmp/exosim-disk-XXXXXX";
	const char *paths[] = { "/nonexistent/exosim.img", odd, empty };
	const char *want[] = { "cannot open", "not a positive multiple of 512",
	                       "not a positive multiple of 512" };
	struct sim_config cfg;
	char err[256];

	make_image(odd, 1000);
	make_image(empty, 0);
	for (int i = 0; i < 3; i++) {
		sim_config_default(&cfg);
		cfg.console_echo = false;
		cfg.console_in_fd = -1;
		cfg.disk_path[2] = paths[i];
		err[0] = 0;
		ck_assert_ptr_null(machine_new(&cfg, err, sizeof err));
		ck_assert_msg(strstr(err, want[i]) && strstr(err, "disk 2"), "message: %s", err);
	}
	unlink(odd);
	unlink(empty);
}
END_TEST

Suite *disk_suite(void)
{
	Suite *s = suite_create("disk");

	UM_TEST(s, test_disk_read_registers);
	UM_TEST(s, test_disk_write_through);
	UM_TEST(s, test_disk_write_overlay);
	UM_TEST(s, test_disk_offset_high);
	UM_TEST(s, test_disk_in_snapshot);
	UM_TEST(s, test_disk_bad_images);
	return s;
}
