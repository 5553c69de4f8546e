/*
 * fuzz_gdb.c: libFuzzer target for the gdb stub's packet parser and
 * commands.  Each input is what a client sends, byte for byte, over a
 * socket that then closes; the stub serves it against a small machine
 * spinning in kseg0, bounded by max_cycles so that 'c' ends.
 */
#include <fcntl.h>

#include "../../simulator/front/gdbstub.c"

/* addiu t0, t0, 1; b .-4; nop: a loop that is not an idle loop. */
static const uint32_t spin[] = { 0x25080001, 0x1000fffe, 0x00000000 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_config cfg;
	struct gdb *g;
	int sv[2];
	char err[256];

	if (size > 60000 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 0;
	/* No one reads the stub's replies: a full socket buffer must end
	 * the session (send fails with EAGAIN: a hang-up), not block it. */
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	if (write(sv[1], data, size) != (ssize_t)size) {
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	shutdown(sv[1], SHUT_WR);
	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.max_cycles = 20000;
	g = calloc(1, sizeof *g);
	g->m = machine_new(&cfg, err, sizeof err);
	machine_write_phys(g->m, 0x1000, spin, sizeof spin);
	machine_cpu(g->m)->pc = 0x80001000;
	machine_cpu(g->m)->npc = 0x80001004;
	g->d = dbg_new(g->m);
	g->fd = sv[0];
	if (serve(g) < 0)
		run_free(g->d);
	dbg_free(g->d);
	machine_free(g->m);
	free(g);
	close(sv[0]);
	close(sv[1]);
	return 0;
}
