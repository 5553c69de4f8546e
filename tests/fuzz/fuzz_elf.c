/*
 * fuzz_elf.c: libFuzzer target for the ELF loader.  Each input is a
 * kernel image: loaded, booted and, if it loads, run for a few thousand
 * cycles.  Bad input must give an error, never a crash.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exosim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	struct sim_config cfg;
	struct machine *m;
	char path[64], err[256];

	if (fd < 0 && (fd = memfd_create("fuzz-elf", 0)) < 0)
		return 0;
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	sim_config_default(&cfg);
	cfg.mem_size = 4u << 20;
	cfg.console_echo = false;
	cfg.console_in_fd = -1;
	cfg.max_cycles = 5000;
	m = machine_new(&cfg, err, sizeof err);
	if (!m)
		return 0;
	if (!machine_load_kernel(m, path, err, sizeof err) && !machine_boot(m, "", err, sizeof err))
		machine_run(m, UINT64_MAX);
	machine_free(m);
	return 0;
}
