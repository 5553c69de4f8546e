/*
 * loader.c: ELF loading through libelf, boot modules and the
 * boot-information block (hw/testmips.h).
 *
 * The kernel must be a 32-bit little-endian MIPS I executable whose
 * PT_LOAD segments lie in kseg0 or kseg1; they are copied to physical
 * memory (address & 0x1fffffff) and the rest of each segment zeroed.
 * Only PT_LOAD is loaded: .reginfo, .MIPS.abiflags and notes are not.
 * Modules are copied as they are, page aligned, after the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"

#define EF_ARCH_MASK 0xf0000000u   /* e_flags architecture field */
#define EF_ARCH_1    0x00000000u   /* MIPS I */

struct elf_file {
	int fd;
	Elf *e;
	off_t size;
	const char *path;
	char *err;
	size_t errlen;
};

static int fail(struct elf_file *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail(struct elf_file *f, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(f->err, f->errlen, "%s: ", f->path);

	if (n < 0 || (size_t)n >= f->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(f->err + n, f->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static void elf_close(struct elf_file *f)
{
	if (f->e)
		elf_end(f->e);
	if (f->fd >= 0)
		close(f->fd);
	f->e = NULL;
	f->fd = -1;
}

/* Open a regular file; f->size gets its size. */
static int file_open(struct elf_file *f)
{
	struct stat st;

	f->fd = open(f->path, O_RDONLY);
	if (f->fd < 0)
		return fail(f, "cannot open: %s", strerror(errno));
	if (fstat(f->fd, &st) < 0)
		return fail(f, "cannot stat: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(f, "is a directory, not an ELF file");
	if (!S_ISREG(st.st_mode))
		return fail(f, "not a regular file");
	f->size = st.st_size;
	return 0;
}

static const char *machine_name(unsigned em)
{
	switch (em) {
	case EM_386: return "x86";
	case EM_X86_64: return "x86-64";
	case EM_ARM: return "ARM";
	case EM_AARCH64: return "AArch64";
	case EM_RISCV: return "RISC-V";
	case EM_PPC: return "PowerPC";
	default: return "another architecture";
	}
}

/* Check that f is a little-endian 32-bit MIPS I executable. */
static int elf_check(struct elf_file *f, GElf_Ehdr *eh)
{
	const char *ident;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(f, "libelf: %s", elf_errmsg(-1));
	f->e = elf_begin(f->fd, ELF_C_READ, NULL);
	if (!f->e || elf_kind(f->e) != ELF_K_ELF)
		return fail(f, "not an ELF file");
	ident = elf_getident(f->e, NULL);
	if (!ident || !gelf_getehdr(f->e, eh))
		return fail(f, "truncated or corrupt ELF header: %s", elf_errmsg(-1));
	if (eh->e_machine != EM_MIPS)
		return fail(f, "an ELF for %s (e_machine %u), not for MIPS",
		            machine_name(eh->e_machine), eh->e_machine);
	if (ident[EI_CLASS] != ELFCLASS32)
		return fail(f, "a 64-bit ELF; the R3000 runs 32-bit MIPS ELF files");
	if (ident[EI_DATA] != ELFDATA2LSB)
		return fail(f, "a big-endian MIPS ELF; this machine is little-endian "
		            "(build with mipsel-linux-gnu-gcc)");
	if ((eh->e_flags & EF_ARCH_MASK) != EF_ARCH_1)
		return fail(f, "not MIPS I code (e_flags 0x%08x); build with -march=r3000",
		            (unsigned)eh->e_flags);
	if (eh->e_type != ET_EXEC)
		return fail(f, "not an executable ELF (e_type %u)", eh->e_type);
	return 0;
}

static int load_segment(struct machine *m, struct elf_file *f, const GElf_Phdr *ph)
{
	uint32_t va = (uint32_t)ph->p_vaddr, pa;

	if (ph->p_memsz == 0)
		return 0;
	if (va < KSEG0_BASE || va >= KSEG2_BASE || ph->p_vaddr + ph->p_memsz > KSEG2_BASE)
		return fail(f, "segment at 0x%08x is not in kseg0/kseg1", va);
	pa = va & KSEG_PHYS_MASK;
	if (ph->p_filesz > ph->p_memsz || ph->p_memsz > m->ram_size ||
	    pa > m->ram_size - ph->p_memsz)
		return fail(f, "segment at 0x%08x (%llu bytes) does not fit in %u bytes of RAM",
		            va, (unsigned long long)ph->p_memsz, m->ram_size);
	if ((off_t)ph->p_offset > f->size || (off_t)ph->p_filesz > f->size - (off_t)ph->p_offset)
		return fail(f, "truncated: segment at 0x%08x extends past the end of the file", va);
	if (pread(f->fd, m->ram + pa, ph->p_filesz, (off_t)ph->p_offset) != (ssize_t)ph->p_filesz)
		return fail(f, "cannot read segment at 0x%08x: %s", va, strerror(errno));
	memset(m->ram + pa + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
	machine_write_phys(m, pa, m->ram + pa, ph->p_memsz);  /* re-decode code */
	if (pa + ph->p_memsz > m->kernel_end)
		m->kernel_end = (uint32_t)(pa + ph->p_memsz);
	return 0;
}

static int load_segments(struct machine *m, struct elf_file *f)
{
	size_t n;
	int loaded = 0;

	if (elf_getphdrnum(f->e, &n) < 0)
		return fail(f, "truncated or corrupt program headers: %s", elf_errmsg(-1));
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(f->e, (int)i, &ph))
			return fail(f, "truncated or corrupt program header %zu", i);
		if (ph.p_type != PT_LOAD)
			continue;
		if (load_segment(m, f, &ph))
			return -1;
		loaded++;
	}
	if (!loaded)
		return fail(f, "no PT_LOAD segment to load");
	return 0;
}

/* The link address of the first PT_LOAD segment, or -1 if none. */
static int first_load_vaddr(struct elf_file *f, uint32_t *vaddr)
{
	size_t n;

	if (elf_getphdrnum(f->e, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(f->e, (int)i, &ph) && ph.p_type == PT_LOAD) {
			*vaddr = (uint32_t)ph.p_vaddr;
			return 0;
		}
	}
	return -1;
}

int machine_module_elf(const struct machine *m, int image, const char **path, uint32_t *vaddr)
{
	if (image < 1 || image >= m->nimg || !m->img[image].is_elf)
		return -1;
	*path = m->img[image].path;
	*vaddr = m->img[image].link_vaddr;
	return 0;
}

/* Keep function, object and untyped global symbols. */
static void read_symbols(struct elf_file *f, struct symtab *t, int image)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(f->e, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *name;
			int type;
			if (!gelf_getsym(data, (int)i, &s))
				break;
			type = GELF_ST_TYPE(s.st_info);
			name = elf_strptr(f->e, sh.sh_link, s.st_name);
			if (!name || !*name || s.st_shndx == SHN_UNDEF || s.st_shndx == SHN_ABS)
				continue;
			if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
				continue;
			symtab_add(t, (uint32_t)s.st_value, (uint32_t)s.st_size, name, image);
		}
	}
	symtab_finish(t);
}

static struct image *new_image(struct machine *m, const char *path)
{
	struct image *img;

	if (m->nimg == MAX_IMAGES)
		return NULL;
	img = &m->img[m->nimg];
	memset(img, 0, sizeof *img);
	img->path = strdup(path);
	if (!img->path)
		return NULL;
	m->nimg++;
	return img;
}

int machine_load_kernel(struct machine *m, const char *path, char *err, size_t errlen)
{
	struct elf_file f = { .fd = -1, .path = path, .err = err, .errlen = errlen };
	GElf_Ehdr eh;
	struct image *img;

	if (m->nimg)
		return fail(&f, "a kernel is already loaded");
	if (file_open(&f) || elf_check(&f, &eh) || load_segments(m, &f)) {
		elf_close(&f);
		return -1;
	}
	if (eh.e_entry < KSEG0_BASE || eh.e_entry >= KSEG2_BASE) {
		fail(&f, "entry point 0x%08x is not in kseg0/kseg1", (unsigned)eh.e_entry);
		elf_close(&f);
		return -1;
	}
	m->entry = (uint32_t)eh.e_entry;
	img = new_image(m, path);
	if (img) {
		img->start = 0;
		img->size = m->kernel_end;
		read_symbols(&f, &img->syms, 0);
	}
	m->load_end = m->kernel_end;
	elf_close(&f);
	return 0;
}

static uint32_t page_up(uint32_t x)
{
	return (x + PAGE_SIZE - 1) & ~(uint32_t)(PAGE_SIZE - 1);
}

int machine_add_module(struct machine *m, const char *path, char *err, size_t errlen)
{
	struct elf_file f = { .fd = -1, .path = path, .err = err, .errlen = errlen };
	GElf_Ehdr eh;
	uint32_t at = page_up(m->load_end);
	struct image *img;

	if (!m->nimg)
		return fail(&f, "load the kernel before modules");
	if (m->nimg - 1 >= BOOTINFO_MAXMOD)
		return fail(&f, "too many boot modules (at most %d)", BOOTINFO_MAXMOD);
	if (file_open(&f)) {
		elf_close(&f);
		return -1;
	}
	if (f.size > (off_t)(m->ram_size - at) || at > m->ram_size) {
		fail(&f, "%lld bytes do not fit in RAM after 0x%08x", (long long)f.size, at);
		elf_close(&f);
		return -1;
	}
	if (pread(f.fd, m->ram + at, (size_t)f.size, 0) != (ssize_t)f.size) {
		fail(&f, "cannot read: %s", strerror(errno));
		elf_close(&f);
		return -1;
	}
	img = new_image(m, path);
	if (!img) {
		fail(&f, "out of memory");
		elf_close(&f);
		return -1;
	}
	img->start = at;
	img->size = (uint32_t)f.size;
	machine_write_phys(m, at, m->ram + at, img->size);
	/* A module need not be an ELF; if it is a valid one, keep its symbols. */
	if (elf_check(&f, &eh) == 0) {
		read_symbols(&f, &img->syms, m->nimg - 1);
		img->is_elf = first_load_vaddr(&f, &img->link_vaddr) == 0;
	}
	if (err)
		err[0] = 0;
	m->load_end = at + img->size;
	elf_close(&f);
	return 0;
}

static void put32(struct machine *m, uint32_t pa, uint32_t v)
{
	machine_write_phys(m, pa, &v, 4);
}

/* Copy a string into RAM at *at; returns its address. */
static uint32_t put_str(struct machine *m, uint32_t *at, const char *s)
{
	uint32_t pa = *at;
	size_t n = strlen(s) + 1;

	machine_write_phys(m, pa, s, n);
	*at += (uint32_t)((n + 3) & ~(size_t)3);
	return pa;
}

int machine_boot(struct machine *m, const char *cmdline, char *err, size_t errlen)
{
	struct cpu_state *c = &m->cpu;
	uint32_t bi = page_up(m->load_end), at, strings = 0;
	int nmod = m->nimg - 1;

	if (!m->nimg) {
		snprintf(err, errlen, "no kernel loaded");
		return -1;
	}
	if (!cmdline)
		cmdline = "";
	for (int i = 0; i < m->nimg; i++)
		strings += (uint32_t)strlen(m->img[i].path) + 4;
	strings += (uint32_t)strlen(cmdline) + 4;
	if (bi >= m->ram_size || m->ram_size - bi < BI_MODULES + BI_MOD_SIZE * 16 + strings + 64) {
		snprintf(err, errlen, "no room for the boot-information block in %u bytes of RAM",
		         m->ram_size);
		return -1;
	}
	m->bootinfo_pa = bi;
	at = bi + BI_MODULES + BI_MOD_SIZE * (uint32_t)nmod;
	put32(m, bi + BI_MAGIC, BOOTINFO_MAGIC);
	put32(m, bi + BI_VERSION, BOOTINFO_VERSION);
	put32(m, bi + BI_MEMSIZE, m->ram_size);
	put32(m, bi + BI_KERNEL_END, m->kernel_end);
	put32(m, bi + BI_CLOCK_HZ, m->cfg.clock_hz);
	put32(m, bi + BI_NMODULES, (uint32_t)nmod);
	put32(m, bi + BI_CMDLINE, put_str(m, &at, cmdline));
	put32(m, bi + BI_SEED_LO, (uint32_t)m->cfg.boot_seed);
	put32(m, bi + BI_SEED_HI, (uint32_t)(m->cfg.boot_seed >> 32));
	for (int i = 0; i < nmod; i++) {
		const struct image *img = &m->img[i + 1];
		uint32_t rec = bi + BI_MODULES + BI_MOD_SIZE * (uint32_t)i;
		const char *base = strrchr(img->path, '/');
		put32(m, rec + 0, img->start);
		put32(m, rec + 4, img->size);
		put32(m, rec + 8, put_str(m, &at, base ? base + 1 : img->path));
		put32(m, rec + 12, 0);
	}
	put32(m, bi + BI_FREE_START, page_up(at));
	c->pc = m->entry;
	c->npc = m->entry + 4;
	c->delay_slot = 0;
	c->r[4] = KSEG0_BASE | bi;                       /* a0 */
	c->r[29] = KSEG0_BASE | (m->ram_size - 16);      /* sp */
	m->fetch_vpage = FETCH_NONE;
	return 0;
}

/* ---- Symbols ------------------------------------------------------ */

const struct symbol *machine_sym_lookup(const struct machine *m, uint32_t addr)
{
	for (int i = 0; i < m->nimg; i++) {
		const struct symbol *s = symtab_lookup(&m->img[i].syms, addr);
		if (s)
			return s;
	}
	return NULL;
}

int machine_sym_find(const struct machine *m, const char *name, uint32_t *addr)
{
	for (int i = 0; i < m->nimg; i++) {
		const struct symbol *s = symtab_find(&m->img[i].syms, name);
		if (s) {
			*addr = s->addr;
			return 0;
		}
	}
	return -1;
}

const char *machine_sym_format(const struct machine *m, uint32_t addr, char *buf, size_t n)
{
	const struct symbol *s = machine_sym_lookup(m, addr);

	if (!s)
		snprintf(buf, n, "0x%08x", addr);
	else if (addr == s->addr)
		snprintf(buf, n, "%s", s->name);
	else
		snprintf(buf, n, "%s+0x%x", s->name, addr - s->addr);
	return buf;
}

const char *machine_image_path(const struct machine *m, int image)
{
	return image >= 0 && image < m->nimg ? m->img[image].path : NULL;
}
