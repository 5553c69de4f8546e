/*
 * sh.c: ExOS's shell.  Boot it with its programs as the modules after
 * it, running only itself:
 *
 *     ./sim build/exokernel.elf build/workloads/sh.elf \
 *           build/workloads/echo.elf ... -- boot=1
 *
 * It reads command lines from the console (SYS_CGETC, waiting in
 * SYS_CWAIT), runs a boot module by name with its arguments as an
 * ExOS process (exos_spawn), in the foreground or, with a trailing &,
 * in the background, and shows how each ended:
 *
 *     [pid] exit N
 *     [pid] killed: <what the kernel says: exception, excess time>
 *     [pid] killed by the shell: over its time limit (foreground)
 *
 * Builtins: help, programs, jobs, wait (for every background job),
 * kill PID, limit N (the foreground time limit: N million cycles of
 * virtual time, the simctl counter's, 0 for none; default 250, 10 s at
 * 25 MHz), export NAME=VALUE (passed
 * to programs as their environment), exit [N].  A line may quote an
 * argument with "...".  Input that ends without exit leaves the shell
 * waiting for more; ^D on an empty line exits.
 */
#include "exos.h"
#include "libc/libc.h"
#include "process.h"

#define MAXLINE 256
#define MAXARGS 16
#define MAXJOBS 16
#define MAXENV  8

static int jobs[MAXJOBS], njobs;
static uint32_t limit_mc = 250;      /* million cycles; 0: none */
static char envbuf[MAXENV][64];
static char *envp[MAXENV + 1];
static int nenv;

static const char *const exc_names[EXC_NCODES] = {
	"interrupt", "TLB modified", "TLB load", "TLB store", "address error load",
	"address error store", "bus error fetch", "bus error data", "syscall",
	"break", "reserved instruction", "coprocessor unusable", "overflow",
};

/* How process pid ended, one line. */
static void report(int pid, int st)
{
	if (st < 0x100)
		printf("[%x] exit %d\n", pid, st);
	else if ((st & ~0xff) == EXO_DIED_FAULT)
		printf("[%x] killed: unhandled %s\n", pid,
		       (st & 0xff) < EXC_NCODES ? exc_names[st & 0xff] : "exception");
	else if (st == EXO_DIED_EXCESS)
		printf("[%x] killed: excess time (did not give back its slice)\n", pid);
	else
		printf("[%x] killed\n", pid);
}

static void job_del(int pid)
{
	int i;

	for (i = 0; i < njobs; i++)
		if (jobs[i] == pid) {
			jobs[i] = jobs[--njobs];
			return;
		}
}

/* Report background jobs that have ended. */
static void reap_background(void)
{
	int pid, st;

	while (njobs > 0 && (pid = exos_wait_poll(-1, &st)) > 0) {
		job_del(pid);
		report(pid, st);
	}
}

/*
 * Run pid in the foreground: give it the rest of each slice the shell
 * gets, until it ends or overruns the limit (then destroy it).
 */
static void foreground(int pid)
{
	uint32_t start = EXOS_CYCLES(), lim = limit_mc * 1000000u;
	int st, r;

	while ((r = exos_wait_poll(pid, &st)) == -E_BUSY) {
		if (limit_mc && EXOS_CYCLES() - start > lim) {
			sys_env_destroy(pid);
			exos_wait(pid, &st);
			printf("[%x] killed by the shell: over its limit of %u million cycles\n",
			       pid, (unsigned)limit_mc);
			return;
		}
		if (sys_yield(pid) < 0)         /* it waits (for input): pass the slice on */
			sys_yield(-1);
	}
	if (r == pid)
		report(pid, st);
	else
		printf("sh: lost process %x (%d)\n", pid, r);
}

/* Split line into argv (quotes keep spaces); returns argc or -1. */
static int split(char *line, char **argv)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (isspace(*p))
			p++;
		if (!*p)
			break;
		if (argc == MAXARGS)
			return -1;
		if (*p == '"') {
			argv[argc++] = ++p;
			while (*p && *p != '"')
				p++;
		} else {
			argv[argc++] = p;
			while (*p && !isspace(*p))
				p++;
		}
		if (*p)
			*p++ = 0;
	}
	argv[argc] = 0;
	return argc;
}

static void programs(void)
{
	char name[64];
	int i;

	for (i = 1; exos_module_name(i, name, sizeof name) >= 0; i++)
		printf("%s%s", i > 1 ? " " : "programs: ", name);
	printf(i > 1 ? "\n" : "programs: none\n");
}

static void export(const char *kv)
{
	if (!strchr(kv, '=') || nenv == MAXENV || strlen(kv) >= sizeof envbuf[0]) {
		printf("sh: export NAME=VALUE (at most %d, %u bytes each)\n", MAXENV,
		       (unsigned)sizeof envbuf[0] - 1);
		return;
	}
	strcpy(envbuf[nenv], kv);
	envp[nenv] = envbuf[nenv];
	nenv++;
}

/* The builtins; 1 if argv was one. */
static int builtin(int argc, char **argv)
{
	int st, pid;

	if (strcmp(argv[0], "exit") == 0) {
		exit(argc > 1 ? atoi(argv[1]) : 0);
	} else if (strcmp(argv[0], "help") == 0) {
		printf("builtins: help programs jobs wait kill limit export exit; "
		       "PROGRAM [ARGS] [&]\n");
	} else if (strcmp(argv[0], "programs") == 0) {
		programs();
	} else if (strcmp(argv[0], "jobs") == 0) {
		for (st = 0; st < njobs; st++)
			printf("[%x] running\n", jobs[st]);
	} else if (strcmp(argv[0], "wait") == 0) {
		while (njobs > 0 && (pid = exos_wait(-1, &st)) > 0) {
			job_del(pid);
			report(pid, st);
		}
	} else if (strcmp(argv[0], "kill") == 0 && argc == 2) {
		pid = (int)strtoul(argv[1], 0, 16);
		printf("sh: kill %x: %s\n", pid, sys_env_destroy(pid) == 0 ? "done" : "no such job");
	} else if (strcmp(argv[0], "limit") == 0 && argc == 2) {
		limit_mc = strtoul(argv[1], 0, 10);
		if (limit_mc > 4000)            /* the counter's low word wraps at 4295 */
			limit_mc = 4000;
	} else if (strcmp(argv[0], "export") == 0 && argc == 2) {
		export(argv[1]);
	} else {
		return 0;
	}
	return 1;
}

static void run(int argc, char **argv)
{
	int bg = argc > 1 && strcmp(argv[argc - 1], "&") == 0, pid;

	if (bg)
		argv[--argc] = 0;
	if (bg && njobs == MAXJOBS) {
		printf("sh: %d jobs already\n", MAXJOBS);
		return;
	}
	pid = exos_spawn(argv[0], argv, envp);
	if (pid < 0) {
		printf("sh: %s: %s (%d)\n", argv[0], exos_elf_why ? exos_elf_why : "cannot run", pid);
		return;
	}
	if (bg) {
		jobs[njobs++] = pid;
		printf("[%x] %s &\n", pid, argv[0]);
	} else {
		foreground(pid);
	}
}

int main(uint32_t arg, uint32_t self)
{
	char line[MAXLINE], *argv[MAXARGS + 1];
	int argc;

	exos_upcalls();                     /* give slices back at their end */
	exos_args(arg);
	printf("ExOS shell (pid %x); help lists the builtins\n", exos_getpid());
	programs();
	for (;;) {
		reap_background();
		cputs("$ ");
		if (readline(line, sizeof line) < 0)
			break;
		if ((argc = split(line, argv)) < 0) {
			printf("sh: more than %d arguments\n", MAXARGS);
			continue;
		}
		if (argc == 0 || builtin(argc, argv))
			continue;
		run(argc, argv);
	}
	printf("\n");
	return 0;
}
