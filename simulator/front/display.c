/*
 * front/display.c: the run loop of `sim` when it shows or photographs
 * the framebuffer (display.h), and the SDL2 window.
 *
 * The machine runs in slices between the points where something must
 * happen: the next screenshot's cycle and, with a window, a slice of
 * SLICE_CYCLES after which the host clock is read.  When 1/DISPLAY_HZ
 * of host time has passed since the last frame, the rows the bus
 * marked as changed are copied into a streaming texture and the window
 * is redrawn; events (keys, close) are handled at the same moments.
 * Slicing does not change the run: machine_run stops and resumes at
 * instruction boundaries with all state in the machine
 * (tests/run-display.sh checks that a screenshot is the same with and
 * without others, and with and without the window).
 */
#include <SDL.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "display.h"
#include "hw/testmips.h"

/* Cycles between looks at the host clock: about 1 ms of host time at
 * the interpreter's speed (docs/BENCH.md), short enough for a steady
 * 60 Hz and long enough that the look costs nothing. */
#define SLICE_CYCLES 100000

struct window {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *tex;
	uint64_t next_frame_ns;
	uint64_t frames;
	int key_fd;
};

static uint64_t host_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int window_open(struct window *w, const struct display_config *cfg)
{
	*w = (struct window){ .key_fd = cfg->key_fd };
	if (SDL_Init(SDL_INIT_VIDEO)) {
		fprintf(stderr, "sim: --display: %s\n", SDL_GetError());
		return -1;
	}
	SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
	w->win = SDL_CreateWindow("exosim", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
	                          FB_WIDTH * cfg->scale, FB_HEIGHT * cfg->scale,
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

static void window_close(struct window *w)
{
	if (w->tex)
		SDL_DestroyTexture(w->tex);
	if (w->ren)
		SDL_DestroyRenderer(w->ren);
	if (w->win)
		SDL_DestroyWindow(w->win);
	SDL_Quit();
}

/* Copy the changed rows, in runs of consecutive rows, to the texture. */
static void upload_dirty(struct window *w, struct machine *m)
{
	uint32_t rows[FB_HEIGHT / 32];
	const uint8_t *fb = machine_framebuffer(m);

	if (!machine_fb_take_dirty(m, rows))
		return;
	for (int y = 0; y < FB_HEIGHT; ) {
		int y1;
		if (!(rows[y >> 5] & (1u << (y & 31)))) {
			y++;
			continue;
		}
		for (y1 = y + 1; y1 < FB_HEIGHT && (rows[y1 >> 5] & (1u << (y1 & 31))); y1++)
			;
		SDL_Rect r = { 0, y, FB_WIDTH, y1 - y };
		SDL_UpdateTexture(w->tex, &r, fb + (size_t)y * FB_WIDTH * 3, FB_WIDTH * 3);
		y = y1;
	}
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
	}
	return false;
}

/* A frame if one is due; true when the window was closed. */
static bool window_tick(struct window *w, struct machine *m, bool force)
{
	uint64_t now = host_ns();

	if (!force && now < w->next_frame_ns)
		return false;
	w->next_frame_ns = now + 1000000000u / DISPLAY_HZ;
	if (handle_events(w))
		return true;
	upload_dirty(w, m);
	SDL_RenderClear(w->ren);
	SDL_RenderCopy(w->ren, w->tex, NULL, NULL);
	SDL_RenderPresent(w->ren);
	w->frames++;
	return false;
}

/* The machine stopped: show the last picture and, with --display-hold,
 * keep showing it until the window is closed. */
static void window_hold(struct window *w, struct machine *m, bool hold)
{
	window_tick(w, m, true);
	while (hold && !window_tick(w, m, true))
		SDL_Delay(1000 / DISPLAY_HZ);
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
	struct window w;
	enum sim_stop why;

	*closed = *failed = false;
	if (cfg->window && window_open(&w, cfg)) {
		window_close(&w);
		cfg->window_failed = *failed = true;
		return STOP_ERROR;
	}
	for (;;) {
		uint64_t lim;
		take_shots(m, cfg, false, failed);
		lim = next_stop(m, cfg, max_cycle);
		why = machine_run(m, lim);
		if (cfg->window && window_tick(&w, m, false)) {
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
	if (cfg->window) {
		if (!*closed)
			window_hold(&w, m, cfg->hold);
		window_close(&w);
	}
	return why;
}
