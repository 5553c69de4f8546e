/*
 * front/display.h: showing the framebuffer (dev/fb.c, docs/DISPLAY.md).
 *
 * Screenshots: `--screenshot FILE.png@CYCLE` writes the framebuffer as
 * a PNG (libpng) at the first instruction boundary at or after CYCLE of
 * virtual time, `FILE.png@end` when the run stops; the same run gives
 * the same files, byte for byte, whatever else is asked.
 *
 * The window: `--display` shows the framebuffer in an SDL2 window,
 * scaled (--display-scale, and the window can be resized), redrawn at
 * DISPLAY_HZ of host time from the rows the bus marked as changed;
 * keys typed there become console input; closing it stops the machine
 * as an interruption (SIM_EXIT_INTERRUPTED) after which the trace and
 * profile files are completed as on any other stop.  With
 * --display-hold the window stays after the machine stops, showing the
 * last picture, until it is closed.
 */
#ifndef FRONT_DISPLAY_H
#define FRONT_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "../exosim.h"

#define DISPLAY_HZ 60
#define DISPLAY_MAX_SHOTS 64

struct shot {
	const char *path;
	uint64_t cycle;          /* UINT64_MAX with at_end */
	bool at_end, done;
};

struct display_config {
	struct shot shots[DISPLAY_MAX_SHOTS];
	int nshots;
	bool window;             /* --display */
	int scale;               /* --display-scale, 1.. */
	bool hold;               /* --display-hold */
	int key_fd;              /* write end of the console input pipe */
	bool window_failed;      /* set by display_run: no window could open */
};

/* Parse one --screenshot argument into cfg; 0, or -1 with a message.
 * The path stays in arg, whose '@' becomes its end. */
int display_add_shot(struct display_config *cfg, char *arg, char *err, size_t n);

/* Write the framebuffer of m to path as an 8-bit RGB PNG; 0, or -1
 * with a message. */
int screenshot_write(struct machine *m, const char *path, char *err, size_t n);

/* Run m to max_cycle (absolute) as machine_run does, taking the
 * screenshots on the way and, with cfg->window, showing the window.
 * *closed is set when the user closed the window (the machine was
 * then stopped with STOP_USER); *failed when a screenshot could not be
 * written or the window not opened (with a message on stderr). */
enum sim_stop display_run(struct machine *m, struct display_config *cfg,
                          uint64_t max_cycle, bool *closed, bool *failed);

#endif /* FRONT_DISPLAY_H */
