/*
 * gzout.h: output files that are gzip-compressed when their name ends
 * in ".gz" (zlib), as stdio streams, so that writers need not know.
 */
#ifndef EXOSIM_GZOUT_H
#define EXOSIM_GZOUT_H

#include <stdbool.h>
#include <stdio.h>

/* Open path for writing: through zlib when it ends in ".gz", else plain
 * fopen.  NULL with errno set on failure; fclose finishes the file. */
FILE *gzout_open(const char *path);
/* Does path end in ".gz"? */
bool gzout_is_gz(const char *path);

#endif
