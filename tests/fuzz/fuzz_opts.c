/*
 * fuzz_opts.c: libFuzzer target for sim's command line: the option
 * parser and what it calls (sizes, seeds, machine profiles and
 * parameters, trace filters, probes, spans, profile options).  Each
 * input is an argument vector, arguments separated by NUL bytes.  An
 * exit() from the parser (--help, --version) returns to the target.
 */
#include <setjmp.h>
#include <stdlib.h>

static jmp_buf fuzz_exit_jb;
static void fuzz_exit(int st) { (void)st; longjmp(fuzz_exit_jb, 1); }
#define exit(st) fuzz_exit(st)
#define main sim_main
#include "../../simulator/front/main.c"
#undef main
#undef exit

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[4096];
	char *argv[64];
	int argc = 1;
	struct options o;

	if (size >= sizeof buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	argv[0] = "sim";
	for (size_t i = 0; i <= size && argc < 63; ) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	memset(&o, 0, sizeof o);
	sim_config_default(&o.cfg);
	trace_config_init(&o.trace);
	profile_config_init(&o.prof);
	o.max_cycles = UINT64_MAX;
	optind = 0;
	opterr = 0;
	if (!setjmp(fuzz_exit_jb))
		parse_args(argc, argv, &o);
	if (o.debug_input > 0) {         /* --debug's console pipe */
		close(o.debug_input);
		close(o.cfg.console_in_fd);
	}
	trace_config_free(&o.trace);
	free(o.cmdline);
	return 0;
}
