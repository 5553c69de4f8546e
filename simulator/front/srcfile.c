/*
 * front/srcfile.c: source files split into lines (srcfile.h).  A step
 * redraws the source pane every time, so a file is read once; the
 * cache is small because a session looks at a handful of files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srcfile.h"

#define SRC_CACHE 8
#define SRC_MAXBYTES (8u << 20)   /* larger files are not shown */

struct srcfile {
	char *path, *text;
	char **line;
	int nlines;
};

static struct srcfile *cache[SRC_CACHE];
static int next_slot;

static void srcfile_free(struct srcfile *f)
{
	if (!f)
		return;
	free(f->path);
	free(f->text);
	free(f->line);
	free(f);
}

/* The whole file as a NUL-terminated string, or NULL. */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && (unsigned long)n < SRC_MAXBYTES &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else
			buf[n] = 0;
	}
	fclose(fp);
	return buf;
}

/* Cut text at its newlines into f->line. */
static int split(struct srcfile *f)
{
	int cap = 256;

	f->line = malloc((size_t)cap * sizeof *f->line);
	for (char *p = f->text; f->line && *p;) {
		if (f->nlines == cap) {
			char **nl = realloc(f->line, (size_t)(cap *= 2) * sizeof *nl);
			if (!nl)
				return -1;
			f->line = nl;
		}
		f->line[f->nlines++] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = 0;
	}
	return f->line ? 0 : -1;
}

const struct srcfile *srcfile_get(const char *path)
{
	struct srcfile *f;

	for (int i = 0; i < SRC_CACHE; i++)
		if (cache[i] && strcmp(cache[i]->path, path) == 0)
			return cache[i];
	f = calloc(1, sizeof *f);
	if (!f || !(f->path = strdup(path)) || !(f->text = slurp(path)) || split(f)) {
		srcfile_free(f);
		return NULL;
	}
	srcfile_free(cache[next_slot]);
	cache[next_slot] = f;
	next_slot = (next_slot + 1) % SRC_CACHE;
	return f;
}

const char *srcfile_line(const struct srcfile *f, int n)
{
	return n >= 1 && n <= f->nlines ? f->line[n - 1] : NULL;
}

int srcfile_nlines(const struct srcfile *f)
{
	return f->nlines;
}

void srcfile_flush(void)
{
	for (int i = 0; i < SRC_CACHE; i++) {
		srcfile_free(cache[i]);
		cache[i] = NULL;
	}
	next_slot = 0;
}
