/*
 * dev/dev.c: the device table and snapshots of device state.
 */
#include <stdlib.h>
#include <string.h>

#include "dev.h"

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
	d->state = calloc(1, state_size ? state_size : 1);
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
		free(m->dev[i].state);
	m->ndev = 0;
	disk_free(m);
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
