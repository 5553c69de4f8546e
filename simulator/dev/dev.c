/*
 * dev/dev.c: the device table and snapshots of device state.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dev.h"

/* States this large (the framebuffer's) come from mmap: fresh zero
 * pages, touched only where the guest draws.  calloc would clear them
 * with memset once glibc serves such sizes from its heap, which made
 * every machine_new 0.9 MB of memset slower. */
#define DEV_MMAP_MIN (64u << 10)

static void *state_alloc(size_t n)
{
	void *p;

	if (n < DEV_MMAP_MIN)
		return calloc(1, n ? n : 1);
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static void state_free(void *p, size_t n)
{
	if (n < DEV_MMAP_MIN)
		free(p);
	else if (p)
		munmap(p, n);
}

struct device *dev_add(struct machine *m, const char *name, uint32_t base,
                       uint32_t size, size_t state_size,
                       int (*read)(struct machine *, struct device *, uint32_t, int, uint32_t *),
                       int (*write)(struct machine *, struct device *, uint32_t, int, uint32_t))
{
	struct device *d;

	if (m->ndev == MAX_DEVICES)
		return NULL;
	d = &m->dev[m->ndev];
	*d = (struct device){ .name = name, .state_size = state_size, .base = base,
	                      .size = size, .read = read, .write = write };
	d->state = state_alloc(state_size);
	if (!d->state)
		return NULL;
	m->ndev++;
	return d;
}

void dev_event(struct machine *m, const char *dev, const char *what, uint32_t val)
{
	struct sim_event ev = { .kind = EV_DEVICE, .cycle = m->cpu.cycle,
	                        .pc = m->cpu.pc, .device = dev, .what = what, .arg = val };
	machine_emit(m, &ev);
}

void devices_init(struct machine *m)
{
	console_attach(m);
	mp_attach(m);
	rtc_attach(m);
	simctl_attach(m);
	fb_attach(m);
}

void devices_flush(struct machine *m)
{
	if (m->ndev)
		console_flush(m);
}

void devices_free(struct machine *m)
{
	devices_flush(m);
	for (int i = 0; i < m->ndev; i++)
		state_free(m->dev[i].state, m->dev[i].state_size);
	m->ndev = 0;
	disk_free(m);
	net_close(m);
}

void dev_save(struct machine *m, void **state, size_t *size)
{
	for (int i = 0; i < MAX_DEVICES; i++) {
		state[i] = NULL;
		size[i] = 0;
		if (i >= m->ndev)
			continue;
		state[i] = malloc(m->dev[i].state_size ? m->dev[i].state_size : 1);
		if (state[i]) {
			memcpy(state[i], m->dev[i].state, m->dev[i].state_size);
			size[i] = m->dev[i].state_size;
		}
	}
}

void dev_restore(struct machine *m, void *const *state, const size_t *size)
{
	for (int i = 0; i < m->ndev; i++)
		if (state[i] && size[i] == m->dev[i].state_size)
			memcpy(m->dev[i].state, state[i], size[i]);
	fb_mark_all(m);
}
