/*
 * gzout.c: gzip-compressed output as a FILE (gzout.h), through glibc's
 * fopencookie and zlib's gzFile.  Traces of long runs are mostly the
 * same few keys and symbols over and over, which gzip shrinks about
 * ten-fold; Perfetto and Python's gzip module read the result directly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <zlib.h>

#include "gzout.h"

bool gzout_is_gz(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".gz") == 0;
}

static ssize_t gz_write(void *cookie, const char *buf, size_t n)
{
	size_t done = 0;

	/* gzwrite takes an unsigned length: write in pieces. */
	while (done < n) {
		unsigned piece = n - done > (1u << 30) ? 1u << 30 : (unsigned)(n - done);
		int w = gzwrite(cookie, buf + done, piece);
		if (w <= 0) {
			errno = EIO;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int gz_close(void *cookie)
{
	if (gzclose(cookie) != Z_OK) {
		errno = EIO;
		return -1;
	}
	return 0;
}

FILE *gzout_open(const char *path)
{
	cookie_io_functions_t io = { .write = gz_write, .close = gz_close };
	gzFile gz;
	FILE *f;

	if (!gzout_is_gz(path))
		return fopen(path, "w");
	gz = gzopen(path, "wb6");
	if (!gz) {
		if (!errno)
			errno = ENOMEM;
		return NULL;
	}
	f = fopencookie(gz, "w", io);
	if (!f) {
		gzclose(gz);
		errno = ENOMEM;
	}
	return f;
}
