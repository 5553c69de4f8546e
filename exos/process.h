/*
 * process.h: ExOS's processes, built at user level on proc.h: an ELF
 * loader (from a boot module or any memory image), spawn, exec, wait,
 * process ids, arguments and an environment.
 *
 * A process is an environment; its pid is its envid (the kernel's
 * names cannot be forged or go stale), except across exec (below).  A
 * spawned program gets, pinned read-write at EXOS_ARGS_VA, a page
 * holding struct exos_args, its argument and environment strings and
 * the pointer vectors (argv[argc] and envp[n] are 0); main's first
 * argument is then EXOS_ARGS_VA, and exos_args(arg) returns the
 * structure (0 for an environment the kernel or SYS_ENV_CREATE made).
 *
 * Loading checks everything before it takes a page: a 32-bit
 * little-endian MIPS executable, headers and segments inside the file
 * (no sum of two untrusted words is formed before both are known to be
 * small), PT_LOAD segments in segment 2 from EXO_USER_BASE up to
 * EXOS_ARGS_VA, not overlapping, at most EXOS_IMAGE_PAGES pages, the
 * entry point a word in an executable segment.  A bad image is
 * -E_INVAL and exos_elf_why says why; nothing is left behind.
 *
 * exec runs a program in place of the caller's, in the same
 * environment (pid, parent, children, slices): the new image and its
 * arguments page are built in pages of the caller's first (an error
 * returns with the caller intact), then the caller's handlers and
 * upcall entries are cleared, what exos's page table maps in segment 1
 * is unbound (its own pages freed), and a trampoline copied to
 * EXOS_PROC_SCRATCH (exec.S) unmaps segment 2 from EXO_USER_BASE up,
 * pins the new image and enters it.  The old image's pages and save
 * area stay allocated to the process (their capabilities are not
 * known to it, unless its arguments page lists them: a spawned
 * process's are freed); output printf holds without its newline is
 * lost.
 */
#ifndef EXOS_PROCESS_H
#define EXOS_PROCESS_H

#include "proc.h"

#define EXOS_ARGS_VA     0x00fe0000       /* the arguments page */
#define EXOS_BOUNCE_VA   (EXOS_PROC_SCRATCH + PAGE_SIZE)  /* the loader's window on a module */
#define EXOS_ARGS_MAGIC  0x41524753       /* "SGRA" */
#define EXOS_IMAGE_PAGES (EXO_NPIN - 4)   /* the simctl page, save area, arguments, slack */
#define EXOS_MAXARG      64               /* argument and environment strings, each */

struct exos_args {
	uint32_t magic;                   /* EXOS_ARGS_MAGIC */
	uint32_t pid, ppid;               /* the process's and its parent's */
	int argc;
	char **argv, **envp;
	/*
	 * The pages of its image and of this page, with their write
	 * capabilities (the loader gave them): exec frees them, fork may
	 * share them.
	 */
	uint32_t npages;
	struct exo_map pages[EXOS_IMAGE_PAGES + 1];
};

/* main's arg -> its arguments, or 0; remembered for the calls below. */
struct exos_args *exos_args(uint32_t arg);
int exos_getpid(void);
int exos_getppid(void);                       /* 0 if not spawned */
const char *exos_getenv(const char *name);    /* its value, or 0 */

/* An ELF image's source: a memory image, or a boot module. */
struct exos_image {
	const uint8_t *mem;               /* the image, or 0: boot module `module` */
	int module;
	uint32_t size;
};
extern const char *exos_elf_why;      /* why the last load was refused */
int exos_module_find(const char *name);   /* "hello" or "hello.elf" -> index, or -E_INVAL */
int exos_module_name(int module, char *buf, int n);
int exos_image_module(struct exos_image *im, const char *name);
void exos_image_mem(struct exos_image *im, const void *mem, uint32_t size);

/* Build, start (a free slice) and return the pid of a new process. */
int exos_spawn_image(const struct exos_image *im, char *const argv[], char *const envp[],
		     uint32_t pid, uint32_t ppid);
int exos_spawn(const char *prog, char *const argv[], char *const envp[]);
int exos_exec(const char *prog, char *const argv[], char *const envp[]);  /* only errors return */
/* The pid of a child that ended (pid, or -1: any), its status in *status. */
int exos_wait(int pid, int *status);
int exos_wait_poll(int pid, int *status);   /* -E_BUSY if none has ended */

#endif /* EXOS_PROCESS_H */
