/*
 * front/display.c: the run loop of `sim` when it shows or photographs
 * the framebuffer (display.h), and the SDL2 window.
 *
 * The machine runs in slices between the points where something must
 * happen: the next screenshot's cycle and, with a window, a slice of
 * SLICE_CYCLES after which the window's requests are looked at (see
 * struct window: the window is drawn by a thread of its own).
 * Slicing does not change the run: machine_run stops and resumes at
 * instruction boundaries with all state in the machine
 * (tests/run-display.sh checks that a screenshot is the same with and
 * without others, and with and without the window).
 */
#include <SDL.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "display.h"
#include "hw/testmips.h"

/* Cycles between looks at the window's requests: about 1 ms of host
 * time at the interpreter's speed (docs/BENCH.md), short enough for a
 * steady DISPLAY_HZ and long enough that the look costs nothing. */
#define SLICE_CYCLES 100000

/*
 * The window lives in its own thread, which owns everything SDL: it
 * handles events and redraws at DISPLAY_HZ, so that drawing never
 * holds up the simulation.  The two threads share `pix`, a copy of the
 * framebuffer, and `dirty`, the rows of it not yet drawn, under `lock`:
 * between slices the machine's thread, when the window asked for a
 * frame (`want`), copies the rows the bus marked into `pix`.
 */
struct window {
	pthread_t thread;
	pthread_mutex_t lock;
	uint8_t pix[FB_BYTES];
	uint32_t dirty[FB_HEIGHT / 32];
	atomic_bool want;        /* the window is ready for rows */
	atomic_bool closed;      /* the user closed it */
	atomic_bool done;        /* the machine stopped; last rows posted */
	atomic_int ready;        /* 1 open, -1 failed, 0 not yet */
	bool hold;
	int scale, key_fd;
	SDL_Window *win;         /* the window thread's own */
	SDL_Renderer *ren;
	SDL_Texture *tex;
	uint64_t frames;
};

static int sdl_open(struct window *w)
{
	if (SDL_Init(SDL_INIT_VIDEO)) {
		fprintf(stderr, "sim: --display: %s\n", SDL_GetError());
		return -1;
	}
	SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
	/* SDL's software renderer: no OpenGL driver (with no GPU, Mesa's
	 * llvmpipe adds threads that compete for the host's CPUs, and its
	 * libraries leak on unload under LeakSanitizer).  SDL_RENDER_DRIVER
	 * in the environment still chooses another. */
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
	w->win = SDL_CreateWindow("exosim", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
	                          FB_WIDTH * w->scale, FB_HEIGHT * w->scale,
	                          SDL_WINDOW_RESIZABLE);
	if (w->win)
		w->ren = SDL_CreateRenderer(w->win, -1, 0);
	if (w->ren)
		w->tex = SDL_CreateTexture(w->ren, SDL_PIXELFORMAT_RGB24,
		                           SDL_TEXTUREACCESS_STREAMING, FB_WIDTH, FB_HEIGHT);
	if (!w->tex || SDL_RenderSetLogicalSize(w->ren, FB_WIDTH, FB_HEIGHT)) {
		fprintf(stderr, "sim: --display: %s\n", SDL_GetError());
		return -1;
	}
	SDL_StartTextInput();
	return 0;
}

static void sdl_close(struct window *w)
{
	if (w->tex)
		SDL_DestroyTexture(w->tex);
	if (w->ren)
		SDL_DestroyRenderer(w->ren);
	if (w->win)
		SDL_DestroyWindow(w->win);
	SDL_Quit();
}

/* Upload the rows not yet drawn, in runs of consecutive rows; false
 * when there were none. */
static bool upload_dirty(struct window *w)
{
	bool any = false;

	pthread_mutex_lock(&w->lock);
	for (int y = 0; y < FB_HEIGHT; ) {
		int y1;
		if (!(w->dirty[y >> 5] & (1u << (y & 31)))) {
			y++;
			continue;
		}
		for (y1 = y + 1; y1 < FB_HEIGHT && (w->dirty[y1 >> 5] & (1u << (y1 & 31))); y1++)
			;
		SDL_Rect r = { 0, y, FB_WIDTH, y1 - y };
		SDL_UpdateTexture(w->tex, &r, w->pix + (size_t)y * FB_WIDTH * 3, FB_WIDTH * 3);
		any = true;
		y = y1;
	}
	memset(w->dirty, 0, sizeof w->dirty);
	pthread_mutex_unlock(&w->lock);
	return any;
}

static void send_key(struct window *w, char c)
{
	if (w->key_fd >= 0 && write(w->key_fd, &c, 1) != 1 && errno != EAGAIN)
		w->key_fd = -1;
}

/* Keys that produce no text event: Return, Backspace, Tab, Escape,
 * and Ctrl with a letter (as a terminal sends them). */
static void key_down(struct window *w, const SDL_KeyboardEvent *k)
{
	SDL_Keycode s = k->keysym.sym;

	if (s == SDLK_RETURN || s == SDLK_KP_ENTER)
		send_key(w, '\n');
	else if (s == SDLK_BACKSPACE)
		send_key(w, '\b');
	else if (s == SDLK_TAB)
		send_key(w, '\t');
	else if (s == SDLK_ESCAPE)
		send_key(w, 27);
	else if ((k->keysym.mod & KMOD_CTRL) && s >= SDLK_a && s <= SDLK_z)
		send_key(w, (char)(s - SDLK_a + 1));
}

/* Events; true when the window was closed. */
static bool handle_events(struct window *w)
{
	SDL_Event e;

	while (SDL_PollEvent(&e)) {
		if (e.type == SDL_QUIT)
			return true;
		if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE)
			return true;
		if (e.type == SDL_KEYDOWN)
			key_down(w, &e.key);
		if (e.type == SDL_TEXTINPUT)
			for (const char *p = e.text.text; *p; p++)
				if ((unsigned char)*p < 0x80)   /* the console is ASCII */
					send_key(w, *p);
		if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_EXPOSED)
			w->frames = 0;                  /* redraw even if nothing changed */
	}
	return false;
}

/* One frame: events, the changed rows, the picture if it changed (or
 * the window needs it); true when the window was closed. */
static bool frame(struct window *w)
{
	bool changed;

	if (handle_events(w))
		return true;
	changed = upload_dirty(w);
	if (changed || w->frames == 0) {
		SDL_RenderClear(w->ren);
		SDL_RenderCopy(w->ren, w->tex, NULL, NULL);
		SDL_RenderPresent(w->ren);
	}
	w->frames++;
	return false;
}

/* The window's thread: frames at DISPLAY_HZ until the machine stops
 * (then the last picture, held until closed with --display-hold) or
 * the window is closed. */
static void *window_main(void *arg)
{
	struct window *w = arg;
	bool done = false;

	if (sdl_open(w)) {
		sdl_close(w);
		atomic_store(&w->ready, -1);
		return NULL;
	}
	atomic_store(&w->ready, 1);
	for (;;) {
		uint32_t t0 = SDL_GetTicks(), spent;
		done = atomic_load(&w->done);
		atomic_store(&w->want, true);
		if (frame(w)) {
			atomic_store(&w->closed, true);
			break;
		}
		if (done && !w->hold)
			break;
		spent = SDL_GetTicks() - t0;
		if (spent < 1000 / DISPLAY_HZ)
			SDL_Delay(1000 / DISPLAY_HZ - spent);
	}
	sdl_close(w);
	return NULL;
}

/* Start the window's thread and wait until it has opened the window;
 * NULL (with a message) when it could not. */
static struct window *window_open(const struct display_config *cfg)
{
	struct window *w = calloc(1, sizeof *w);

	if (!w) {
		fprintf(stderr, "sim: --display: out of host memory\n");
		return NULL;
	}
	w->hold = cfg->hold;
	w->scale = cfg->scale;
	w->key_fd = cfg->key_fd;
	pthread_mutex_init(&w->lock, NULL);
	if (pthread_create(&w->thread, NULL, window_main, w)) {
		fprintf(stderr, "sim: --display: cannot start the window's thread\n");
		free(w);
		return NULL;
	}
	while (atomic_load(&w->ready) == 0)
		SDL_Delay(1);
	if (atomic_load(&w->ready) < 0) {
		pthread_join(w->thread, NULL);
		free(w);
		return NULL;
	}
	return w;
}

/* The machine's side: if the window asked (or `force`), copy the rows
 * the bus marked into the shared picture.  Returns true when the window
 * was closed. */
static bool window_post(struct window *w, struct machine *m, bool force)
{
	uint32_t rows[FB_HEIGHT / 32];
	const uint8_t *fb = machine_framebuffer(m);

	if (atomic_load(&w->closed))
		return true;
	if (!force && !atomic_load(&w->want))
		return false;
	atomic_store(&w->want, false);
	if (!machine_fb_take_dirty(m, rows))
		return false;
	pthread_mutex_lock(&w->lock);
	for (int i = 0; i < FB_HEIGHT / 32; i++) {
		for (uint32_t b = rows[i]; b; b &= b - 1) {
			size_t y = (size_t)i * 32 + (size_t)__builtin_ctz(b);
			memcpy(w->pix + y * FB_WIDTH * 3, fb + y * FB_WIDTH * 3, FB_WIDTH * 3);
		}
		w->dirty[i] |= rows[i];
	}
	pthread_mutex_unlock(&w->lock);
	return false;
}

/* The machine stopped: post the last rows, let the thread finish. */
static void window_finish(struct window *w, struct machine *m)
{
	window_post(w, m, true);
	atomic_store(&w->done, true);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

/* Write the screenshots due at the current cycle (all, at the end). */
static void take_shots(struct machine *m, struct display_config *cfg, bool end, bool *failed)
{
	uint64_t now = machine_cpu(m)->cycle;
	char err[512];

	for (int i = 0; i < cfg->nshots; i++) {
		struct shot *s = &cfg->shots[i];
		if (s->done || (s->at_end ? !end : s->cycle > now))
			continue;
		s->done = true;
		if (screenshot_write(m, s->path, err, sizeof err)) {
			fprintf(stderr, "sim: --screenshot: %s\n", err);
			*failed = true;
		}
	}
}

/* The next cycle at which the loop must look: a screenshot, a slice. */
static uint64_t next_stop(struct machine *m, const struct display_config *cfg, uint64_t max)
{
	uint64_t now = machine_cpu(m)->cycle, lim = max;

	for (int i = 0; i < cfg->nshots; i++)
		if (!cfg->shots[i].done && !cfg->shots[i].at_end && cfg->shots[i].cycle < lim)
			lim = cfg->shots[i].cycle;
	if (cfg->window && now + SLICE_CYCLES < lim)
		lim = now + SLICE_CYCLES;
	return lim;
}

enum sim_stop display_run(struct machine *m, struct display_config *cfg,
                          uint64_t max_cycle, bool *closed, bool *failed)
{
	struct window *w = NULL;
	enum sim_stop why;

	*closed = *failed = false;
	if (cfg->window && !(w = window_open(cfg))) {
		cfg->window_failed = *failed = true;
		return STOP_ERROR;
	}
	for (;;) {
		uint64_t lim;
		take_shots(m, cfg, false, failed);
		lim = next_stop(m, cfg, max_cycle);
		why = machine_run(m, lim);
		if (w && window_post(w, m, false)) {
			*closed = true;
			why = STOP_USER;
			break;
		}
		if (why != STOP_CYCLE_LIMIT || lim == max_cycle ||
		    machine_cpu(m)->cycle >= max_cycle)
			break;
	}
	take_shots(m, cfg, true, failed);
	for (int i = 0; i < cfg->nshots; i++)
		if (!cfg->shots[i].done)
			fprintf(stderr, "sim: --screenshot %s@%" PRIu64 ": the run stopped at cycle %"
			        PRIu64 ", before it; not written\n", cfg->shots[i].path,
			        cfg->shots[i].cycle, machine_cpu(m)->cycle);
	if (w)
		window_finish(w, m);
	return why;
}
