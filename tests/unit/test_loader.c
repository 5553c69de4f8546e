/*
 * test_loader.c: machine_load_kernel, machine_add_module and
 * machine_boot on good and bad files.  The test writes its own small
 * ELF files (one PT_LOAD segment), so each defect is exactly one field.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#define LOAD_VA 0x80010000u

struct elf_opts {
	bool big_endian;
	uint16_t machine, type;
	uint32_t flags, ptype, vaddr, entry, bss;
	long cut;                         /* truncate the file to this size */
};

static struct elf_opts good(void)
{
	return (struct elf_opts){ false, EM_MIPS, ET_EXEC, 0x1000, PT_LOAD, LOAD_VA,
	                          LOAD_VA, 0x200, -1 };
}

static uint16_t h16(const struct elf_opts *o, uint16_t v) { return o->big_endian ? __builtin_bswap16(v) : v; }
static uint32_t h32(const struct elf_opts *o, uint32_t v) { return o->big_endian ? __builtin_bswap32(v) : v; }

/* The program: print "OK\n", halt with 42 + the first word of .bss. */
static size_t program(uint32_t *w)
{
	size_t n = 0;

	w[n++] = a_lui(T0, 0xb000);
	w[n++] = a_addiu(T1, ZERO, 'O');
	w[n++] = a_sb(T1, 0, T0);
	w[n++] = a_addiu(T1, ZERO, 'K');
	w[n++] = a_sb(T1, 0, T0);
	w[n++] = a_addiu(T1, ZERO, '\n');
	w[n++] = a_sb(T1, 0, T0);
	w[n++] = a_lui(T3, LOAD_VA >> 16);
	w[n++] = a_lw(T2, 0x100, T3);
	w[n++] = a_nop();
	w[n++] = a_addiu(T1, T2, 42);
	w[n++] = a_sb(T1, CONS_HALT, T0);
	w[n++] = a_beq(ZERO, ZERO, -1);
	w[n++] = a_nop();
	return n;
}

/* Write the ELF to a temporary file; returns its path (static buffer). */
static const char *write_elf(const struct elf_opts *o)
{
	static char path[64];
	uint32_t code[32];
	size_t n = program(code);
	Elf32_Ehdr eh = { 0 };
	Elf32_Phdr ph = { 0 };
	FILE *f;
	int fd;

	strcpy(path, "/tmp/exosim-unit-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = o->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = h16(o, o->type);
	eh.e_machine = h16(o, o->machine);
	eh.e_version = h32(o, EV_CURRENT);
	eh.e_entry = h32(o, o->entry);
	eh.e_phoff = h32(o, sizeof eh);
	eh.e_flags = h32(o, o->flags);
	eh.e_ehsize = h16(o, sizeof eh);
	eh.e_phentsize = h16(o, sizeof ph);
	eh.e_phnum = h16(o, 1);
	ph.p_type = h32(o, o->ptype);
	ph.p_offset = h32(o, sizeof eh + sizeof ph);
	ph.p_vaddr = ph.p_paddr = h32(o, o->vaddr);
	ph.p_filesz = h32(o, (uint32_t)(n * 4));
	ph.p_memsz = h32(o, (uint32_t)(n * 4) + o->bss);
	ph.p_flags = h32(o, PF_R | PF_X);
	ph.p_align = h32(o, 4096);
	f = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(&eh, sizeof eh, 1, f);
	fwrite(&ph, sizeof ph, 1, f);
	fwrite(code, 4, n, f);
	fclose(f);
	if (o->cut >= 0)
		ck_assert_int_eq(truncate(path, o->cut), 0);
	return path;
}

/* Loading `path` must fail with a message containing `what`. */
static void load_fails(const char *path, const char *what)
{
	struct machine *m = um_new();
	char err[512] = "";

	ck_assert_int_eq(machine_load_kernel(m, path, err, sizeof err), -1);
	ck_assert_msg(strstr(err, what) != NULL, "message '%s' lacks '%s'", err, what);
	ck_assert_msg(strstr(err, path) != NULL, "message '%s' lacks the file name", err);
	machine_free(m);
}

static void elf_fails(struct elf_opts o, const char *what)
{
	const char *path = write_elf(&o);

	load_fails(path, what);
	unlink(path);
}

START_TEST(test_good_elf_runs)
{
	struct elf_opts o = good();
	const char *path = write_elf(&o);
	struct machine *m = um_new();
	struct cpu_state *c = machine_cpu(m);
	char err[512] = "";
	uint32_t bi[3], ram;
	uint8_t junk[0x200];

	/* Garbage where .bss will be: the loader must zero it. */
	memset(junk, 0xff, sizeof junk);
	ck_assert_int_eq(machine_write_phys(m, 0x10100, junk, sizeof junk), 0);
	machine_reset(m);
	ck_assert_int_eq(machine_load_kernel(m, path, err, sizeof err), 0);
	ck_assert_int_eq(machine_boot(m, "a b", err, sizeof err), 0);
	ck_assert_uint_eq(c->pc, LOAD_VA);
	machine_ram(m, &ram);
	ck_assert_uint_eq(c->r[SP], KSEG0_BASE | (ram - 16));
	ck_assert_uint_eq(c->r[A0] & 0xe0000fff, KSEG0_BASE);
	ck_assert_int_eq(machine_read_phys(m, c->r[A0] & KSEG_PHYS_MASK, bi, sizeof bi), 0);
	ck_assert_uint_eq(bi[0], BOOTINFO_MAGIC);
	ck_assert_uint_eq(bi[1], BOOTINFO_VERSION);
	ck_assert_uint_eq(bi[2], ram);
	ck_assert_int_eq(machine_run(m, 100000), STOP_HALT);
	ck_assert_int_eq(machine_halt_status(m), 42);
	/* A second kernel is refused. */
	ck_assert_int_eq(machine_load_kernel(m, path, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "already"));
	machine_free(m);
	unlink(path);
}
END_TEST

START_TEST(test_bad_headers)
{
	struct elf_opts o;

	o = good(); o.big_endian = true; elf_fails(o, "big-endian");
	o = good(); o.machine = EM_386; elf_fails(o, "x86");
	o = good(); o.machine = EM_X86_64; elf_fails(o, "x86-64");
	o = good(); o.flags = 0x70001000; elf_fails(o, "MIPS I");     /* MIPS32R2 */
	o = good(); o.flags = 0x10000000; elf_fails(o, "MIPS I");     /* MIPS II */
	o = good(); o.type = ET_REL; elf_fails(o, "executable");
	o = good(); o.ptype = PT_NOTE; elf_fails(o, "PT_LOAD");
	o = good(); o.vaddr = 0x00400000; elf_fails(o, "is in kuseg: this is an application for a kernel");
	o = good(); o.vaddr = 0xc0000000; elf_fails(o, "kseg0");
	o = good(); o.entry = 0x00400000; elf_fails(o, "entry");
	o = good(); o.bss = 64u << 20; elf_fails(o, "does not fit");
}
END_TEST

START_TEST(test_truncated)
{
	struct elf_opts o;

	o = good(); o.cut = 30; elf_fails(o, "");
	o = good(); o.cut = 60; elf_fails(o, "");
	o = good(); o.cut = 52 + 32 + 8; elf_fails(o, "truncated");
}
END_TEST

START_TEST(test_not_elf)
{
	char path[] = "/tmp/exosim-unit-XXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	load_fails(path, "not an ELF");                       /* empty */
	ck_assert_int_eq(write(fd, "hello, world\n", 13), 13);
	load_fails(path, "not an ELF");                       /* text */
	close(fd);
	unlink(path);
	load_fails("/nonexistent/kernel.elf", "cannot open");
	load_fails("/tmp", "directory");
	if (access("/bin/true", R_OK) == 0)
		load_fails("/bin/true", "not for MIPS");
}
END_TEST

START_TEST(test_boot_and_modules_need_kernel)
{
	struct machine *m = um_new();
	char err[512] = "";

	ck_assert_int_eq(machine_boot(m, "", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "kernel"));
	ck_assert_int_eq(machine_add_module(m, "/bin/true", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "kernel"));
	machine_free(m);
}
END_TEST

/* A module lands page aligned after the kernel and is listed in the
 * boot-information block. */
START_TEST(test_module_in_bootinfo)
{
	struct elf_opts o = good();
	const char *kpath = write_elf(&o);
	char kernel[64], mpath[] = "/tmp/exosim-unit-XXXXXX", err[512] = "";
	struct machine *m = um_new();
	uint32_t bi, rec[3], nmod, start, got;
	int fd;

	strcpy(kernel, kpath);
	fd = mkstemp(mpath);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "\x11\x22\x33\x44\x55", 5), 5);
	close(fd);
	ck_assert_int_eq(machine_load_kernel(m, kernel, err, sizeof err), 0);
	ck_assert_int_eq(machine_add_module(m, mpath, err, sizeof err), 0);
	ck_assert_int_eq(machine_boot(m, NULL, err, sizeof err), 0);
	bi = machine_cpu(m)->r[A0] & KSEG_PHYS_MASK;
	ck_assert_int_eq(machine_read_phys(m, bi + BI_NMODULES, &nmod, 4), 0);
	ck_assert_uint_eq(nmod, 1);
	ck_assert_int_eq(machine_read_phys(m, bi + BI_MODULES, rec, sizeof rec), 0);
	/* The kernel ends at 0x10000 + code + bss; the module follows. */
	start = rec[0];
	ck_assert_uint_eq(start & 0xfff, 0);
	ck_assert_uint_ge(start, 0x10000 + 0x200);
	ck_assert_uint_eq(rec[1], 5);
	ck_assert_int_eq(machine_read_phys(m, start, &got, 4), 0);
	ck_assert_uint_eq(got, 0x44332211);
	machine_free(m);
	unlink(kernel);
	unlink(mpath);
}
END_TEST

/* The boot seed reaches the boot-information block, both halves, in a
 * version 2 block: the default, then one set in the configuration. */
START_TEST(test_seed_in_bootinfo)
{
	struct elf_opts o = good();
	const char *kpath = write_elf(&o);
	struct sim_config cfg;
	char err[512] = "";
	uint32_t bi, w[3];

	sim_config_default(&cfg);
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	for (int pass = 0; pass < 2; pass++) {
		struct machine *m;
		uint64_t want = pass ? 0x0123456789abcdefull : SIM_SEED_DEFAULT;

		if (pass)
			cfg.boot_seed = want;
		m = machine_new(&cfg, err, sizeof err);
		ck_assert_ptr_nonnull(m);
		ck_assert_int_eq(machine_load_kernel(m, kpath, err, sizeof err), 0);
		ck_assert_int_eq(machine_boot(m, NULL, err, sizeof err), 0);
		bi = machine_cpu(m)->r[A0] & KSEG_PHYS_MASK;
		ck_assert_int_eq(machine_read_phys(m, bi + BI_VERSION, &w[0], 4), 0);
		ck_assert_uint_eq(w[0], 2);
		ck_assert_int_eq(machine_read_phys(m, bi + BI_SEED_LO, &w[1], 8), 0);
		ck_assert_uint_eq(w[1], (uint32_t)want);
		ck_assert_uint_eq(w[2], (uint32_t)(want >> 32));
		machine_free(m);
	}
	unlink(kpath);
}
END_TEST

Suite *loader_suite(void)
{
	Suite *s = suite_create("loader");

	UM_TEST(s, test_good_elf_runs);
	UM_TEST(s, test_bad_headers);
	UM_TEST(s, test_truncated);
	UM_TEST(s, test_not_elf);
	UM_TEST(s, test_boot_and_modules_need_kernel);
	UM_TEST(s, test_module_in_bootinfo);
	UM_TEST(s, test_seed_in_bootinfo);
	return s;
}
