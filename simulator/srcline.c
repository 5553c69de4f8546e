/*
 * srcline.c: source file and line of a guest address, from the DWARF
 * line tables of the loaded images, read with elfutils' libdw.
 *
 * Each image's debug information is opened on first use and kept: the
 * image itself when it carries .debug_line, else NAME.debug beside it
 * (the build splits a boot module's line information there, see
 * Makefile.in SPLIT_DEBUG, so that the module copied into guest memory
 * keeps its size).  An image with neither simply has no lines.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dwarf.h>
#include <elfutils/libdw.h>

#include "core.h"

struct srcinfo {
	Dwarf *dw;               /* NULL: the image has no line information */
	int fd;
	char **paths;            /* the absolute file names handed out */
	int npaths;
};

/* dwarf_begin on path, or NULL when it has no usable DWARF. */
static Dwarf *open_dwarf(const char *path, int *fd)
{
	Dwarf *dw;

	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return NULL;
	dw = dwarf_begin(*fd, DWARF_C_READ);
	if (!dw) {
		close(*fd);
		*fd = -1;
	}
	return dw;
}

static struct srcinfo *image_src(struct image *img)
{
	char dbg[4096];

	if (img->src)
		return img->src;
	img->src = calloc(1, sizeof *img->src);
	if (!img->src)
		return NULL;
	img->src->fd = -1;
	snprintf(dbg, sizeof dbg, "%s.debug", img->path);
	img->src->dw = open_dwarf(dbg, &img->src->fd);
	if (!img->src->dw)
		img->src->dw = open_dwarf(img->path, &img->src->fd);
	return img->src;
}

void srcline_free(struct image *img)
{
	if (!img->src)
		return;
	if (img->src->dw)
		dwarf_end(img->src->dw);
	if (img->src->fd >= 0)
		close(img->src->fd);
	for (int i = 0; i < img->src->npaths; i++)
		free(img->src->paths[i]);
	free(img->src->paths);
	free(img->src);
	img->src = NULL;
}

/*
 * name made absolute with the compilation unit's directory (the line
 * table holds names as the compiler was given them), kept in s so that
 * the pointer lives as long as the image; NULL when out of memory.
 */
static const char *abs_path(struct srcinfo *s, Dwarf_Die *cu, const char *name)
{
	Dwarf_Attribute at;
	const char *dir = name[0] == '/' ? NULL : dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &at));
	size_t n = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
	char *p, **np;

	for (int i = 0; i < s->npaths; i++) {
		const char *q = s->paths[i];
		if (dir ? strncmp(q, dir, strlen(dir)) == 0 && q[strlen(dir)] == '/' &&
		          strcmp(q + strlen(dir) + 1, name) == 0
		        : strcmp(q, name) == 0)
			return q;
	}
	p = malloc(n);
	np = realloc(s->paths, (size_t)(s->npaths + 1) * sizeof *np);
	if (!p || !np) {
		free(p);
		if (np)
			s->paths = np;
		return NULL;
	}
	snprintf(p, n, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	s->paths = np;
	s->paths[s->npaths++] = p;
	return p;
}

/* The line-table row for addr in one image; 0 when found. */
static int image_line(struct image *img, uint32_t addr, const char **file, int *line)
{
	struct srcinfo *s = image_src(img);
	Dwarf_Die cu;
	Dwarf_Line *l;

	if (!s || !s->dw || !dwarf_addrdie(s->dw, addr, &cu))
		return -1;
	l = dwarf_getsrc_die(&cu, addr);
	if (!l || dwarf_lineno(l, line) != 0 || *line <= 0)
		return -1;
	*file = dwarf_linesrc(l, NULL, NULL);
	if (*file)
		*file = abs_path(s, &cu, *file);
	return *file ? 0 : -1;
}

int machine_srcline(struct machine *m, uint32_t addr, const char **file, int *line)
{
	const struct symbol *sym = machine_sym_lookup(m, addr);

	/* The image whose symbol covers addr first (modules share user
	 * addresses, so that is the one the rest of the tools name), then
	 * every image in order. */
	if (sym && sym->image < m->nimg && image_line(&m->img[sym->image], addr, file, line) == 0)
		return 0;
	for (int i = 0; i < m->nimg; i++)
		if (image_line(&m->img[i], addr, file, line) == 0)
			return 0;
	return -1;
}
