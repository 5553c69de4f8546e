/*
 * dev/mp.c: the testmips "mp" device, for one CPU: CPU number and count,
 * RAM size, the cycle counter and a pseudo-random word (deterministic:
 * a fixed-seed generator, so runs repeat exactly).
 */
#include "dev.h"

struct mp {
	uint32_t rng;
};

static int mp_read(struct machine *m, struct device *d, uint32_t off, int size, uint32_t *val)
{
	struct mp *s = d->state;

	(void)size;
	switch (off) {
	case MP_NCPUS: *val = 1; break;
	case MP_MEMORY: *val = m->ram_size; break;
	case MP_NCYCLES: *val = (uint32_t)m->cpu.cycle; break;
	case MP_RANDOM:
		s->rng = s->rng * 1103515245u + 12345u;
		*val = s->rng;
		break;
	default: *val = 0; break;         /* WHOAMI = 0 and the rest */
	}
	return 0;
}

static int mp_write(struct machine *m, struct device *d, uint32_t off, int size, uint32_t val)
{
	/* Starting other CPUs and IPIs: there are no other CPUs. */
	(void)m; (void)d; (void)off; (void)size; (void)val;
	return 0;
}

void mp_attach(struct machine *m)
{
	struct device *d = dev_add(m, "mp", MP_BASE, MP_SIZE, sizeof(struct mp),
	                           mp_read, mp_write);
	if (d)
		((struct mp *)d->state)->rng = 0x2545f491u;
}
