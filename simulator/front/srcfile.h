/*
 * front/srcfile.h: the lines of a source file, read once and kept, for
 * the TUI's source pane.
 */
#ifndef FRONT_SRCFILE_H
#define FRONT_SRCFILE_H

struct srcfile;

/* The file at path (read on first use, then kept; NULL when it cannot
 * be read).  The cache holds a few files and frees them all at
 * srcfile_flush. */
const struct srcfile *srcfile_get(const char *path);
/* Line n (from 1) without its newline, or NULL past the end. */
const char *srcfile_line(const struct srcfile *f, int n);
int srcfile_nlines(const struct srcfile *f);
void srcfile_flush(void);

#endif
