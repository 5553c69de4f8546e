/*
 * process.c: ExOS's processes (process.h): the ELF loader, spawn,
 * exec, wait, process ids, arguments and environment.
 */
#include "process.h"
#include "libc/libc.h"

#define PT_LOAD   1
#define PF_X      1
#define ELF_MAXPH 16

struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr { uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align; };

/* A page of the image being built: where it goes, and its page. */
struct lpage { uint32_t va, ppn, cap; };

const char *exos_elf_why;
static struct exos_args *self_args;

/* ---- arguments and ids ------------------------------------------------- */

struct exos_args *exos_args(uint32_t arg)
{
	struct exos_args *a = (struct exos_args *)EXOS_ARGS_VA;

	self_args = arg == EXOS_ARGS_VA && a->magic == EXOS_ARGS_MAGIC ? a : 0;
	return self_args;
}

int exos_getpid(void)
{
	return self_args ? (int)self_args->pid : sys_getenvid();
}

int exos_getppid(void)
{
	return self_args ? (int)self_args->ppid : 0;
}

const char *exos_getenv(const char *name)
{
	size_t n = strlen(name);
	char **e;

	if (!self_args)
		return 0;
	for (e = self_args->envp; *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

/* ---- images -------------------------------------------------------- */

void exos_image_mem(struct exos_image *im, const void *mem, uint32_t size)
{
	im->mem = mem;
	im->module = -1;
	im->size = size;
}

/*
 * Copy n bytes at offset off of the image to dst (the caller checked
 * the range): memory directly, a module a page at a time through the
 * bounce page (ppn: the caller's, mapped at EXOS_BOUNCE_VA).
 */
static int image_read(const struct exos_image *im, uint32_t bounce, uint32_t off, void *dst,
		      uint32_t n)
{
	uint8_t *d = dst;
	int got;

	if (im->mem) {
		memcpy(d, im->mem + off, n);
		return 0;
	}
	while (n > 0) {
		if ((got = sys_module_read(im->module, off, bounce, 0)) <= 0)
			return got < 0 ? got : -E_INVAL;
		if ((uint32_t)got > n)
			got = n;
		memcpy(d, (void *)EXOS_BOUNCE_VA, got);
		d += got, off += got, n -= got;
	}
	return 0;
}

/* Module i's file name into buf (n bytes); its length, or -E_INVAL. */
int exos_module_name(int module, char *buf, int n)
{
	uint32_t ppn, cap;
	int len = sys_module_read(module | EXO_MODULE_NAME, 0, -1, 0), r;

	if (len < 0 || module < 0 || module >= EXO_MODULE_NAME)
		return -E_INVAL;
	if ((r = exos_page_new(EXOS_BOUNCE_VA, TLB_WRITE | TLB_PIN, &ppn, &cap)) < 0)
		return r;
	r = sys_module_read(module | EXO_MODULE_NAME, 0, ppn, 0);
	if (r >= 0)
		r = strlcpy(buf, (const char *)EXOS_BOUNCE_VA, n);
	sys_tlb_delete(EXOS_BOUNCE_VA, 0);
	sys_page_free(ppn, cap);
	return r;
}

/* The boot module named name or name.elf. */
int exos_module_find(const char *name)
{
	char have[256];
	size_t n = strlen(name);
	int i;

	for (i = 0; exos_module_name(i, have, sizeof have) >= 0; i++)
		if (strcmp(have, name) == 0
		    || (strncmp(have, name, n) == 0 && strcmp(have + n, ".elf") == 0))
			return i;
	return -E_INVAL;
}

int exos_image_module(struct exos_image *im, const char *name)
{
	int m = exos_module_find(name), size;

	if (m < 0 || (size = sys_module_read(m, 0, -1, 0)) < 0)
		return -E_INVAL;
	im->mem = 0;
	im->module = m;
	im->size = size;
	return 0;
}

/* ---- the ELF loader ---------------------------------------------------- */

static uint32_t seg_first(const struct phdr *p) { return p->vaddr >> PAGE_SHIFT; }
static uint32_t seg_last(const struct phdr *p) { return (p->vaddr + p->memsz - 1) >> PAGE_SHIFT; }

/* Why PT_LOAD segment ph[i] of a size-byte image cannot be loaded, or 0. */
static const char *seg_check(const struct phdr *ph, int i, uint32_t size)
{
	const struct phdr *s = &ph[i];
	int j;

	if (s->offset > size || s->filesz > size - s->offset)
		return "segment outside the file";
	if (s->memsz < s->filesz)
		return "segment smaller in memory than in the file";
	if (s->vaddr < EXO_USER_BASE || s->vaddr >= EXOS_ARGS_VA
	    || s->memsz > EXOS_ARGS_VA - s->vaddr)
		return "segment outside EXO_USER_BASE..EXOS_ARGS_VA";
	for (j = 0; j < i; j++)
		if (ph[j].type == PT_LOAD && s->memsz && ph[j].memsz
		    && s->vaddr < ph[j].vaddr + ph[j].memsz && ph[j].vaddr < s->vaddr + s->memsz)
			return "segments overlap";
	return 0;
}

/*
 * Why the image (header eh, program headers ph) cannot be loaded, or
 * 0; *npages: the pages its segments cover (a page two segments share
 * counted twice: a bound, not a count).
 */
static const char *elf_check(const struct ehdr *eh, const struct phdr *ph, uint32_t size)
{
	const char *why;
	uint32_t pages = 0;
	int i, entry_ok = 0, loads = 0;

	for (i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD)
			continue;
		if ((why = seg_check(ph, i, size)))
			return why;
		if (ph[i].memsz == 0)
			continue;
		loads++;
		pages += seg_last(&ph[i]) - seg_first(&ph[i]) + 1;
		if ((ph[i].flags & PF_X) && eh->entry - ph[i].vaddr < ph[i].memsz)
			entry_ok = 1;
	}
	if (loads == 0)
		return "no segment to load";
	if (pages > EXOS_IMAGE_PAGES)
		return "more pages than a process may pin";
	if (!entry_ok || eh->entry % 4)
		return "entry point outside the executable segments";
	return 0;
}

/* Read and check the headers into eh and ph; 0 or -E_INVAL (exos_elf_why). */
static int read_headers(const struct exos_image *im, uint32_t bounce, struct ehdr *eh,
			struct phdr *ph)
{
	const char *why = 0;

	if (im->size < sizeof *eh)
		why = "truncated ELF header";
	else if (image_read(im, bounce, 0, eh, sizeof *eh) < 0)
		why = "cannot read the module";
	else if (memcmp(eh->ident, "\177ELF\1\1", 6) != 0 || eh->type != 2 || eh->machine != 8)
		why = "not a 32-bit little-endian MIPS executable";
	else if (eh->phentsize != sizeof *ph || eh->phoff > im->size
		 || eh->phnum > (im->size - eh->phoff) / sizeof *ph)
		why = "program header table outside the file";
	else if (eh->phnum > ELF_MAXPH)
		why = "more than 16 program headers";
	else if (image_read(im, bounce, eh->phoff, ph, eh->phnum * sizeof *ph) < 0)
		why = "cannot read the module";
	else
		why = elf_check(eh, ph, im->size);
	exos_elf_why = why;
	return why ? -E_INVAL : 0;
}

/* The page of the image at va: the one made already, or a new one (0: none left). */
static struct lpage *image_page(struct lpage *lp, int *n, uint32_t va)
{
	uint32_t cap;
	int i, p;

	for (i = 0; i < *n; i++)
		if (lp[i].va == va)
			return &lp[i];
	if (*n == EXOS_IMAGE_PAGES || (p = sys_page_alloc(-1, &cap)) < 0)
		return 0;
	lp[*n].va = va;
	lp[*n].ppn = p;
	lp[*n].cap = cap;
	return &lp[(*n)++];
}

static void free_pages(struct lpage *lp, int n)
{
	while (n-- > 0)
		sys_page_free(lp[n].ppn, lp[n].cap);
}

/* Fill the pages of PT_LOAD segment p (file bytes, zeros after them). */
static int load_segment(const struct exos_image *im, uint32_t bounce, const struct phdr *p,
			struct lpage *lp, int *n)
{
	uint32_t va, lo, hi, fend = p->vaddr + p->filesz;
	struct lpage *pg;
	int r;

	for (va = p->vaddr & ~(PAGE_SIZE - 1); va < p->vaddr + p->memsz; va += PAGE_SIZE) {
		if (!(pg = image_page(lp, n, va)))
			return -E_NOMEM;
		lo = va < p->vaddr ? p->vaddr : va;        /* this page's file bytes: [lo, hi) */
		hi = va + PAGE_SIZE < fend ? va + PAGE_SIZE : fend;
		if (lo >= hi)
			continue;
		if ((r = sys_tlb_write(EXOS_PROC_SCRATCH, pg->ppn << PAGE_SHIFT | TLB_WRITE | TLB_PIN,
				       pg->cap)) < 0)
			return r;
		r = image_read(im, bounce, p->offset + (lo - p->vaddr),
			       (void *)(EXOS_PROC_SCRATCH + (lo - va)), hi - lo);
		sys_tlb_delete(EXOS_PROC_SCRATCH, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * The arguments page of a new process: struct exos_args (with its
 * image's pages lp[0..n-1] and this page, aptr), then the argv and
 * envp vectors, then the strings, with the child's addresses.
 * -E_INVAL if they do not fit in a page or there are too many.
 */
static int build_args(uint8_t *page, char *const argv[], char *const envp[], uint32_t pid,
		      uint32_t ppid, const struct lpage *lp, int n, uint32_t aptr, uint32_t acap)
{
	struct exos_args *a = (struct exos_args *)page;
	int argc = 0, envc = 0, i;
	uint32_t at, len, *vec;

	while (argv && argv[argc])
		if (++argc > EXOS_MAXARG)
			return -E_INVAL;
	while (envp && envp[envc])
		if (++envc > EXOS_MAXARG)
			return -E_INVAL;
	memset(page, 0, PAGE_SIZE);
	vec = (uint32_t *)(a + 1);
	at = sizeof *a + 4 * (argc + 1 + envc + 1);
	a->magic = EXOS_ARGS_MAGIC;
	a->pid = pid;
	a->ppid = ppid;
	a->argc = argc;
	a->argv = (char **)(EXOS_ARGS_VA + sizeof *a);
	a->envp = (char **)(EXOS_ARGS_VA + sizeof *a + 4 * (argc + 1));
	for (i = 0; i < n; i++) {
		a->pages[i].va = lp[i].va;
		a->pages[i].pte = lp[i].ppn << PAGE_SHIFT | TLB_WRITE | TLB_PIN;
		a->pages[i].cap = lp[i].cap;
	}
	a->pages[n].va = EXOS_ARGS_VA;
	a->pages[n].pte = aptr << PAGE_SHIFT | TLB_WRITE | TLB_PIN;
	a->pages[n].cap = acap;
	a->npages = n + 1;
	for (i = 0; i < argc + envc; i++) {
		const char *s = i < argc ? argv[i] : envp[i - argc];
		len = strlen(s) + 1;
		if (len > PAGE_SIZE - at)
			return -E_INVAL;
		memcpy(page + at, s, len);
		vec[i < argc ? i : i + 1] = EXOS_ARGS_VA + at;
		at += len;
	}
	return 0;
}

/*
 * Load the image into pages of the caller's (lp[0..*n-1], each filled
 * through EXOS_PROC_SCRATCH): all of them or, on an error, none (the
 * pages taken are freed).
 */
static int load_pages(const struct exos_image *im, struct lpage *lp, int *n, uint32_t *entry)
{
	struct ehdr eh;
	struct phdr ph[ELF_MAXPH];
	uint32_t bounce = 0, bcap = 0;
	int i, r;

	*n = 0;
	if (!im->mem && (r = exos_page_new(EXOS_BOUNCE_VA, TLB_WRITE | TLB_PIN, &bounce, &bcap)) < 0)
		return r;
	r = read_headers(im, bounce, &eh, ph);
	for (i = 0; r == 0 && i < eh.phnum; i++)
		if (ph[i].type == PT_LOAD && ph[i].memsz)
			r = load_segment(im, bounce, &ph[i], lp, n);
	if (!im->mem) {
		sys_tlb_delete(EXOS_BOUNCE_VA, 0);
		sys_page_free(bounce, bcap);
	}
	if (r < 0) {
		free_pages(lp, *n);
		*n = 0;
		return r;
	}
	*entry = eh.entry;
	return 0;
}

/*
 * The arguments page, in a new page of the caller's (*aptr, *acap),
 * filled through EXOS_PROC_SCRATCH.
 */
static int args_page(char *const argv[], char *const envp[], uint32_t pid, uint32_t ppid,
		     const struct lpage *lp, int n, uint32_t *aptr, uint32_t *acap)
{
	static uint8_t page[PAGE_SIZE];
	int r;

	if ((r = build_args(page, argv, envp, pid, ppid, lp, n, 0, 0)) < 0) {
		if (!exos_elf_why)
			exos_elf_why = "argument list too long";
		return r;
	}
	if ((r = exos_page_new(EXOS_PROC_SCRATCH, TLB_WRITE | TLB_PIN, aptr, acap)) < 0)
		return r;
	build_args(page, argv, envp, pid, ppid, lp, n, *aptr, *acap);
	memcpy((void *)EXOS_PROC_SCRATCH, page, PAGE_SIZE);
	sys_tlb_delete(EXOS_PROC_SCRATCH, 0);
	return 0;
}

int exos_spawn_image(const struct exos_image *im, char *const argv[], char *const envp[],
		     uint32_t pid, uint32_t ppid)
{
	struct lpage lp[EXOS_IMAGE_PAGES + 1];
	struct exos_child c;
	uint32_t entry;
	int n, i, r;

	exos_elf_why = 0;
	if ((r = exos_child_alloc(&c)) < 0)
		return r;
	if ((r = load_pages(im, lp, &n, &entry)) < 0) {
		exos_child_abandon(&c);
		return r;
	}
	if ((r = args_page(argv, envp, pid ? pid : c.id, ppid, lp, n, &lp[n].ppn, &lp[n].cap)) < 0) {
		free_pages(lp, n);
		exos_child_abandon(&c);
		return r;
	}
	lp[n++].va = EXOS_ARGS_VA;
	/* Every page to the child; those not queued when one fails are still ours. */
	for (i = 0; i < n; i++)
		if ((r = exos_child_share(&c, lp[i].va, lp[i].ppn << PAGE_SHIFT | TLB_WRITE | TLB_PIN
					  | EXOS_GIVE, lp[i].cap)) < 0)
			break;
	if (r < 0)
		free_pages(lp + i, n - i);
	if (r < 0
	    || (r = exos_child_set(&c, EXO_SET_REG(4), EXOS_ARGS_VA)) < 0
	    || (r = exos_child_set(&c, EXO_SET_REG(5), c.id)) < 0
	    || (r = exos_child_set(&c, EXO_SET_PC, entry)) < 0
	    || (r = exos_child_start(&c, -1, 0)) < 0) {
		exos_child_abandon(&c);
		return r;
	}
	return c.id;
}

int exos_spawn(const char *prog, char *const argv[], char *const envp[])
{
	struct exos_image im;

	if (exos_image_module(&im, prog) < 0) {
		exos_elf_why = "no such program";
		return -E_INVAL;
	}
	return exos_spawn_image(&im, argv, envp, 0, exos_getpid());
}

/*
 * exec's last step (exec.S): drop every mapping of segment 2 from
 * EXO_USER_BASE up but its own page, free the old image's pages it
 * knows, install the table's, and enter the new program.  It runs from a copy at EXOS_PROC_SCRATCH, since it
 * unmaps the image it was linked in.
 */
extern const char exos_exec_tramp[], exos_exec_tramp_end[];
_Static_assert(EXOS_PROC_SCRATCH == 0x00ff0000, "exec.S's SCRATCH");
struct exec_table {
	uint32_t entry, a0, a1, nmap, nfree, freeoff;   /* exec.S reads these offsets */
	struct exo_map map[EXOS_IMAGE_PAGES + 1];
	struct { uint32_t ppn, cap; } fr[EXOS_IMAGE_PAGES + 1];
};
_Static_assert(__builtin_offsetof(struct exec_table, map) == 24, "exec.S's table");

/*
 * What exos's page table maps (segment 1: the heap, ...) is unbound,
 * and the pages that are the caller's are freed: the new program
 * starts with an empty page table of its own, and no old binding may
 * answer for it.
 */
static void drop_segment1(void)
{
	int i;

	for (i = 0; i < EXOS_NPTE; i++)
		if (exos_ptab[i].key) {
			sys_tlb_delete((exos_ptab[i].key - 1) << PAGE_SHIFT, 0);
			sys_page_free(exos_ptab[i].pte >> PAGE_SHIFT, exos_ptab[i].cap);
		}
}

/* A copy of the trampoline and its table in a new page pinned at EXOS_PROC_SCRATCH. */
static int place_trampoline(const struct exec_table *t)
{
	uint32_t ppn, cap, code = exos_exec_tramp_end - exos_exec_tramp;
	int r;

	if ((r = exos_page_new(EXOS_PROC_SCRATCH, TLB_WRITE | TLB_PIN, &ppn, &cap)) < 0)
		return r;
	memcpy((void *)EXOS_PROC_SCRATCH, exos_exec_tramp, code);
	memcpy((void *)(EXOS_PROC_SCRATCH + ((code + 15) & ~15u)), t, sizeof *t);
	return 0;
}

/*
 * Run prog in place of the caller: the same environment (pid, parent,
 * children, slices), a new image.  Everything is built before anything
 * is dropped, so any error returns with the caller intact.
 */
int exos_exec(const char *prog, char *const argv[], char *const envp[])
{
	static struct exec_table t;
	struct exos_image im;
	struct lpage lp[EXOS_IMAGE_PAGES];
	uint32_t aptr, acap, code = exos_exec_tramp_end - exos_exec_tramp, i;
	int n, r;

	if (exos_image_module(&im, prog) < 0) {
		exos_elf_why = "no such program";
		return -E_INVAL;
	}
	exos_elf_why = 0;
	if ((r = load_pages(&im, lp, &n, &t.entry)) < 0)
		return r;
	if ((r = args_page(argv, envp, exos_getpid(), exos_getppid(), lp, n, &aptr, &acap)) < 0) {
		free_pages(lp, n);
		return r;
	}
	for (i = 0; i < (uint32_t)n; i++) {
		t.map[i].va = lp[i].va;
		t.map[i].pte = lp[i].ppn << PAGE_SHIFT | TLB_WRITE | TLB_PIN;
		t.map[i].cap = lp[i].cap;
	}
	t.map[n].va = EXOS_ARGS_VA;
	t.map[n].pte = aptr << PAGE_SHIFT | TLB_WRITE | TLB_PIN;
	t.map[n].cap = acap;
	t.nmap = n + 1;
	t.nfree = 0;                            /* the old image's pages, if it knows them */
	for (i = 0; self_args && i < self_args->npages && i <= EXOS_IMAGE_PAGES; i++) {
		t.fr[i].ppn = self_args->pages[i].pte >> PAGE_SHIFT;
		t.fr[i].cap = self_args->pages[i].cap;
		t.nfree++;
	}
	t.freeoff = __builtin_offsetof(struct exec_table, fr);
	t.a0 = EXOS_ARGS_VA;
	t.a1 = sys_getenvid();
	if ((r = place_trampoline(&t)) < 0) {
		free_pages(lp, n);
		sys_page_free(aptr, acap);
		return r;
	}
	/* No way back from here: no upcall or handler of the old image may run. */
	for (i = EXO_ENTRY_SYNC; i < EXO_NENTRY; i++)
		sys_set_entry(i, 0);
	for (i = EXC_MOD; i <= EXC_OV; i++)
		if (i != EXC_SYS)
			sys_set_handler(i, 0);
	drop_segment1();
	((void (*)(uint32_t))EXOS_PROC_SCRATCH)(EXOS_PROC_SCRATCH + ((code + 15) & ~15u));
	for (;;)
		sys_exit(126);                 /* not reached: the trampoline does not return */
}

int exos_wait(int pid, int *status)
{
	uint32_t st = 0;
	int r = sys_env_wait((uint32_t)pid, 0, &st);

	if (r >= 0 && status)
		*status = (int)st;
	return r;
}

int exos_wait_poll(int pid, int *status)
{
	uint32_t st = 0;
	int r = sys_env_wait((uint32_t)pid, 1, &st);

	if (r >= 0 && status)
		*status = (int)st;
	return r;
}
