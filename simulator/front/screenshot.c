/*
 * front/screenshot.c: the framebuffer as a PNG file, with libpng.
 * Nothing in the file depends on the host or the time (no tIME chunk),
 * so the same framebuffer gives the same bytes.
 */
#include <errno.h>
#include <inttypes.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "hw/testmips.h"

int display_add_shot(struct display_config *cfg, char *arg, char *err, size_t n)
{
	char *at = strrchr(arg, '@');
	struct shot *s;
	char *end;

	if (!at || at == arg) {
		snprintf(err, n, "--screenshot '%s': expected FILE.png@CYCLE or FILE.png@end", arg);
		return -1;
	}
	if (cfg->nshots == DISPLAY_MAX_SHOTS) {
		snprintf(err, n, "--screenshot: at most %d screenshots", DISPLAY_MAX_SHOTS);
		return -1;
	}
	s = &cfg->shots[cfg->nshots];
	*s = (struct shot){ 0 };
	if (strcmp(at + 1, "end") == 0) {
		s->at_end = true;
		s->cycle = UINT64_MAX;
	} else {
		errno = 0;
		s->cycle = strtoull(at + 1, &end, 0);
		if (errno || end == at + 1 || *end || at[1] == '-') {
			snprintf(err, n, "--screenshot '%s': '%s' is not a cycle count or 'end'",
			         arg, at + 1);
			return -1;
		}
	}
	*at = 0;                   /* the path ends there, in argv */
	s->path = arg;
	cfg->nshots++;
	return 0;
}

int screenshot_write(struct machine *m, const char *path, char *err, size_t n)
{
	const uint8_t *fb = machine_framebuffer(m);
	png_structp png = NULL;
	png_infop info = NULL;
	FILE *f;

	if (!fb) {
		snprintf(err, n, "%s: the machine has no framebuffer", path);
		return -1;
	}
	f = fopen(path, "wb");
	if (!f) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		fclose(f);
		snprintf(err, n, "%s: libpng could not write it", path);
		return -1;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, FB_WIDTH, FB_HEIGHT, 8, PNG_COLOR_TYPE_RGB,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < FB_HEIGHT; y++)
		png_write_row(png, (png_const_bytep)(fb + (size_t)y * FB_WIDTH * 3));
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	if (fclose(f)) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
