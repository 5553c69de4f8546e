/*
 * exoview.c: a view of the machine from what the kernel lets any
 * application read (SYS_KSTAT, exo/kstat.h), printed as text frames on
 * the console: the slice vector (each slice's owner, by slot letter),
 * the running slice, and each environment with its parent, slices and
 * pages.  To have something to watch, it manages resources the
 * exokernel way, from the application: it starts three workers, gives
 * the k-th of them k - 1 slices more than the one it is born with, and
 * a frame follows each change; then it takes the slices back, destroys
 * the workers and shows the vector as it found it.
 *
 * (docs/DISPLAY.md: the framebuffer cannot be mapped by an application
 * yet, so the frames go to the console.)
 */
#include "exos.h"
#include "exo/kstat.h"

#define KSTAT_VA   0x00c00000
#define WORKER_ARG 0x77
#define NWORKER    3
#define SLOT(id)   (((id) >> 10) & (EXO_NENV - 1))

static const volatile struct kstat *k = (const volatile struct kstat *)KSTAT_VA;

/* A worker spins, yielding its slice, until it is destroyed. */
static int worker(void)
{
	while (sys_yield(-1) >= 0)
		;
	return 0;
}

static char letter(uint32_t envid)
{
	return envid ? (char)('a' + SLOT(envid) % 26) : '.';
}

/* One frame: the vector on one line, then one line per environment. */
static void frame(const char *what)
{
	char vec[EXO_NSLICE + 1];
	uint32_t i;

	sys_kstat(KSTAT_VA);
	for (i = 0; i < EXO_NSLICE; i++)
		vec[i] = letter(k->slice[i]);
	vec[EXO_NSLICE] = 0;
	printf("== %s (refresh %u, %u environments)\n", what, (unsigned)k->refreshes,
	       (unsigned)k->nenv);
	printf("slices  %s\n", vec);
	for (i = 0; i < k->cur_slice && i < EXO_NSLICE; i++)
		vec[i] = ' ';
	vec[i] = 0;
	printf("running %s^ slice %u\n", vec, (unsigned)k->cur_slice);
	for (i = 0; i < EXO_NENV; i++)
		if (k->env[i].id)
			printf("  %c env %05x parent %05x: %2u slices %4u pages\n",
			       letter(k->env[i].id), (unsigned)k->env[i].id,
			       (unsigned)k->env[i].parent, (unsigned)k->env[i].slices,
			       (unsigned)k->env[i].pages);
}

int main(uint32_t arg, uint32_t self)
{
	int kid[NWORKER], got[NWORKER * NWORKER], ngot = 0, i, j, s;

	(void)self;

	if (arg == WORKER_ARG)
		return worker();
	frame("at the start");
	for (i = 0; i < NWORKER; i++) {
		kid[i] = sys_env_create(0, WORKER_ARG);
		for (j = 0; j < i && kid[i] > 0; j++)
			if ((s = sys_slice_alloc(-1)) >= 0)
				got[ngot++] = s;
		frame(kid[i] > 0 ? "a worker more" : "no worker: refused");
	}
	for (i = 0; i < ngot; i++)
		sys_slice_free(got[i]);
	frame("spare slices freed");
	for (i = 0; i < NWORKER; i++)
		sys_env_destroy(kid[i]);
	frame("workers gone");
	return 0;
}
