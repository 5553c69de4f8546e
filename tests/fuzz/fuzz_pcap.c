/*
 * fuzz_pcap.c: libFuzzer target for --net pcap-in.  Each input is a
 * capture: machine_new must accept it or refuse it with a message,
 * never crash.  An accepted one is replayed into two machines, one
 * taking frames through GXemul's receive command, one through the rx
 * ring's DMA (4 descriptors, so that later frames overflow), each run
 * long enough for frames at the start of the capture to arrive.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exosim.h"
#include "hw/testmips.h"

#define RING 0x10000u
#define BUFS 0x20000u

/* lui t0, 0xb400; then a loop: RX command, read STATUS. */
static const uint32_t gxemul_loop[] = {
	0x3c08b400, 0xad004020, 0x8d0b4000, 0x1000fffd, 0x00000000,
};
/* lui t0, 0xb400; rx ring at RING, 4 descriptors, ring mode; then a
 * loop acknowledging the interrupt causes. */
static const uint32_t ring_loop[] = {
	0x3c08b400, 0x3c090001, 0xad094120, 0x340a0004, 0xad0a4124,
	0x340a0001, 0xad0a4104, 0x8d0b4108, 0xad0b4108, 0x1000fffd, 0x00000000,
};

static void replay(const char *path, const uint32_t *code, size_t n)
{
	struct sim_config cfg;
	struct machine *m;
	char err[256];

	sim_config_default(&cfg);
	cfg.mem_size = 1u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.max_cycles = 200000;
	cfg.net_pcap_in = path;
	m = machine_new(&cfg, err, sizeof err);
	if (!m)
		return;
	machine_write_phys(m, 0x1000, code, n * 4);
	for (uint32_t i = 0; i < 4; i++) {
		uint32_t d[4] = { BUFS + i * 2048, 2048, ETH_DESC_OWN, 0 };
		machine_write_phys(m, RING + i * ETH_DESC_SIZE, d, sizeof d);
	}
	machine_cp0_write(m, 12, 0);
	machine_cpu(m)->pc = 0x80001000;
	machine_cpu(m)->npc = 0x80001004;
	machine_run(m, UINT64_MAX);
	machine_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	char path[64];

	if (fd < 0 && (fd = memfd_create("fuzz-pcap", 0)) < 0)
		return 0;
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	replay(path, gxemul_loop, sizeof gxemul_loop / 4);
	replay(path, ring_loop, sizeof ring_loop / 4);
	return 0;
}
