/*
 * loadmem.c: ExOS's ELF loader from a memory image (exos_spawn_image;
 * tests/kernel/loadmem.t).  It copies boot module 1 (a program) into
 * its heap, runs it from there with arguments and collects its status,
 * then runs corrupted copies: each must be refused with its reason,
 * leaving no page or environment behind.
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

#define READ_VA 0x00c00000

static uint8_t *image;
static uint32_t size;

/* Boot module 1 into the heap. */
static int read_module(void)
{
	uint32_t ppn, cap, off;
	int n;

	size = sys_module_read(1, 0, -1, 0);
	if ((int)size <= 0 || !(image = malloc(size))
	    || exos_page_new(READ_VA, TLB_WRITE | TLB_PIN, &ppn, &cap) < 0)
		return -1;
	for (off = 0; off < size; off += n)
		if ((n = sys_module_read(1, off, ppn, 0)) <= 0)
			return -1;
		else
			memcpy(image + off, (void *)READ_VA, n);
	return 0;
}

static uint32_t get32(const uint8_t *p, uint32_t off) { return *(const uint32_t *)(p + off); }
static void put32(uint8_t *p, uint32_t off, uint32_t v) { *(uint32_t *)(p + off) = v; }

/* Run a copy of the image after corrupting it (how); print the outcome. */
static void try(const char *what, void (*how)(uint8_t *c, uint32_t *n))
{
	uint8_t *c = malloc(size);
	uint32_t n = size, before = exos_ram_pages(), free0 = 0, free1 = 0, p;
	struct exos_image im;
	char *argv[] = { "mem", 0 };
	int pid, st;

	for (p = 0; p < before; p++)
		free0 += sys_page_owner(p) == 0;
	memcpy(c, image, size);
	how(c, &n);
	exos_image_mem(&im, c, n);
	pid = exos_spawn_image(&im, argv, 0, 0, sys_getenvid());
	if (pid > 0) {
		exos_wait(pid, &st);
		printf("%s: ran, status %d\n", what, st);
	} else {
		for (p = 0; p < before; p++)
			free1 += sys_page_owner(p) == 0;
		printf("%s: refused: %s (%d), pages left behind: %d\n", what, exos_elf_why, pid,
		       (int)(free0 - free1));
	}
	free(c);
}

static void as_is(uint8_t *c, uint32_t *n) { (void)c, (void)n; }
static void truncated(uint8_t *c, uint32_t *n) { *n = 40; }
static void magic(uint8_t *c, uint32_t *n) { c[1] = 'X'; }
static void machine(uint8_t *c, uint32_t *n) { c[18] = 3; }      /* EM_386 */
static void phoff_wrap(uint8_t *c, uint32_t *n) { put32(c, 28, 0xffffffe0); }
static void seg_offset_wrap(uint8_t *c, uint32_t *n)
{
	uint32_t ph = get32(c, 28);

	put32(c, ph + 4, 0xfffff000);                               /* p_offset */
}
static void seg_kernel(uint8_t *c, uint32_t *n)
{
	uint32_t ph = get32(c, 28);

	put32(c, ph + 8, 0x80000000);                               /* p_vaddr */
}
static void seg_huge(uint8_t *c, uint32_t *n)
{
	uint32_t ph = get32(c, 28);

	put32(c, ph + 20, 0x7fffffff);                              /* p_memsz */
}
static void entry_data(uint8_t *c, uint32_t *n) { put32(c, 24, 0x00f00000); }

int main(uint32_t arg, uint32_t self)
{
	if (read_module() < 0) {
		printf("loadmem: cannot read module 1: WRONG\n");
		return 1;
	}
	printf("loadmem: module 1 is %u bytes, in the heap\n", (unsigned)size);
	try("as is", as_is);
	try("truncated", truncated);
	try("bad magic", magic);
	try("another machine", machine);
	try("phoff wraps", phoff_wrap);
	try("segment offset wraps", seg_offset_wrap);
	try("segment in the kernel", seg_kernel);
	try("segment 2 GB", seg_huge);
	try("entry outside the text", entry_data);
	try("as is, again", as_is);
	return 0;
}
