/*
 * test_srcline.c: machine_srcline on the build's own images: the
 * kernel (line information inside the ELF), a boot module (its lines
 * split into NAME.elf.debug), a copy of the module without that file,
 * and an address no image covers.  The file and line found must be what
 * binutils' addr2line says for the same address (an independent reader
 * of the same tables).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#define KERNEL "build/exokernel.elf"
#define MODULE "build/workloads/hello.elf"

static struct machine *boot(const char *module)
{
	struct sim_config cfg;
	char err[256];
	struct machine *m;

	sim_config_default(&cfg);
	m = machine_new(&cfg, err, sizeof err);
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	ck_assert_msg(machine_load_kernel(m, KERNEL, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(machine_add_module(m, module, err, sizeof err) == 0, "%s", err);
	return m;
}

/* "FILE:LINE" of addr in elf, as mipsel-linux-gnu-addr2line reads it. */
static void addr2line(const char *elf, uint32_t addr, char *out, size_t n)
{
	char cmd[512];
	FILE *p;

	snprintf(cmd, sizeof cmd, "mipsel-linux-gnu-addr2line -e %s 0x%08x", elf, addr);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(out, (int)n, p));
	out[strcspn(out, " \n")] = 0;
	pclose(p);
}

static void expect_line(struct machine *m, const char *sym, const char *elf, const char *suffix)
{
	uint32_t a;
	const char *file;
	int line;
	char want[1024], got[1024];

	ck_assert_int_eq(machine_sym_find(m, sym, &a), 0);
	ck_assert_msg(machine_srcline(m, a, &file, &line) == 0, "no line for %s", sym);
	ck_assert_msg(file[0] == '/', "%s: %s is not absolute", sym, file);
	ck_assert_msg(strlen(file) > strlen(suffix) &&
	              strcmp(file + strlen(file) - strlen(suffix), suffix) == 0,
	              "%s: file %s", sym, file);
	addr2line(elf, a, want, sizeof want);
	snprintf(got, sizeof got, "%s:%d", file, line);
	ck_assert_msg(strcmp(got, want) == 0, "%s: %s, addr2line says %s", sym, got, want);
}

START_TEST(test_srcline_images)
{
	struct machine *m = boot(MODULE);
	const char *file;
	int line;

	expect_line(m, "trap_syscall", KERNEL, "/exokernel/trap.c");
	expect_line(m, "utlb_refill", KERNEL, "/exokernel/vec.S");
	expect_line(m, "main", MODULE ".debug", "/workloads/hello.c");
	ck_assert_int_eq(machine_srcline(m, 0x12345670, &file, &line), -1);
	machine_free(m);
}
END_TEST

/* A module whose NAME.debug is missing has symbols but no lines. */
START_TEST(test_srcline_no_debug)
{
	char path[] = "/tmp/exosim-srcline-XXXXXX", cmd[128];
	int fd = mkstemp(path);
	struct machine *m;
	const char *file;
	int line;
	uint32_t a;

	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "cp %s %s", MODULE, path);
	ck_assert_int_eq(system(cmd), 0);
	m = boot(path);
	ck_assert_int_eq(machine_sym_find(m, "main", &a), 0);
	ck_assert_int_eq(machine_srcline(m, a, &file, &line), -1);
	machine_free(m);
	unlink(path);
}
END_TEST

Suite *srcline_suite(void)
{
	Suite *s = suite_create("srcline");

	UM_TEST(s, test_srcline_images);
	UM_TEST(s, test_srcline_no_debug);
	return s;
}
