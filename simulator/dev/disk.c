/*
 * dev/disk.c: the testmips disk, GXemul's "disk" device register for
 * register (hw/testmips.h gives the registers; docs/GXEMUL.md the
 * differences).  Up to DISK_MAX image files, by id (sim --disk), each
 * written through to its file or, with --disk-snapshot, to a
 * copy-on-write overlay of 512-byte sectors in host memory that is
 * dropped at exit.
 *
 * The registers and the 4 KiB buffer are the device state, so machine
 * snapshots (reverse execution) carry them; the images' contents, like
 * console output, are not rewound.  An operation stalls the CPU for
 * DISK_OP_USEC of virtual time at the machine's clock: the store to
 * START completes that many cycles later, with the transfer done, so a
 * driver written for GXemul (store START, then read STATUS) runs as is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev.h"

_Static_assert(DISK_MAX == sizeof ((struct sim_config *)0)->disk_path /
               sizeof ((struct sim_config *)0)->disk_path[0], "one path per disk id");

/* An image file: host state, outside the snapshots. */
struct disk_image {
	int fd;                  /* -1: no disk with this id */
	uint64_t size;           /* bytes, a multiple of DISK_SECTOR */
	bool writable;
	uint8_t **overlay;       /* --disk-snapshot: written sectors, or NULL */
};

/* The registers, as the guest sees them. */
struct disk {
	uint64_t offset;
	uint32_t id, command, status;
	uint8_t buf[DISK_BUFFER_SIZE];
};

/* Read n bytes at off from the file; 0 or -1. */
static int file_read(int fd, uint64_t off, uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = pread(fd, p, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		off += (uint64_t)k;
		n -= (size_t)k;
	}
	return 0;
}

static int file_write(int fd, uint64_t off, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = pwrite(fd, p, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		off += (uint64_t)k;
		n -= (size_t)k;
	}
	return 0;
}

/* Copy n bytes at off (inside the image) to p, the overlay's sectors
 * first.  The range may straddle sectors when off is not aligned. */
static int image_read(struct disk_image *im, uint64_t off, uint8_t *p, size_t n)
{
	while (n) {
		uint64_t s = off / DISK_SECTOR;
		size_t in = (size_t)(off % DISK_SECTOR), k = DISK_SECTOR - in;

		if (k > n)
			k = n;
		if (im->overlay && im->overlay[s])
			memcpy(p, im->overlay[s] + in, k);
		else if (file_read(im->fd, off, p, k))
			return -1;
		off += k;
		p += k;
		n -= k;
	}
	return 0;
}

/* Write n bytes at off (inside the image): through to the file, or into
 * the overlay's copies of the sectors, made on first write. */
static int image_write(struct disk_image *im, uint64_t off, const uint8_t *p, size_t n)
{
	if (!im->overlay)
		return im->writable ? file_write(im->fd, off, p, n) : -1;
	while (n) {
		uint64_t s = off / DISK_SECTOR;
		size_t in = (size_t)(off % DISK_SECTOR), k = DISK_SECTOR - in;

		if (k > n)
			k = n;
		if (!im->overlay[s]) {
			uint8_t *sec = malloc(DISK_SECTOR);
			if (!sec || file_read(im->fd, s * DISK_SECTOR, sec, DISK_SECTOR)) {
				free(sec);
				return -1;
			}
			im->overlay[s] = sec;
		}
		memcpy(im->overlay[s] + in, p, k);
		off += k;
		p += k;
		n -= k;
	}
	return 0;
}

/* One operation: 1 done, 0 failed.  As gxemul 0.7.0 does (measured), a
 * read that runs past the end keeps what lies inside, zeros the rest
 * and succeeds.  A write past the end fails: the image keeps its size
 * (gxemul grows the file). */
static uint32_t disk_op(struct machine *m, struct disk *d)
{
	struct disk_image *im;
	uint64_t inside;

	if (d->id >= DISK_MAX || m->disk_img[d->id].fd < 0)
		return 0;
	im = &m->disk_img[d->id];
	inside = d->offset >= im->size ? 0 : im->size - d->offset;
	if (d->command == DISK_OP_WRITE)
		return inside >= DISK_SECTOR && !image_write(im, d->offset, d->buf, DISK_SECTOR);
	if (inside > DISK_SECTOR)
		inside = DISK_SECTOR;
	memset(d->buf + inside, 0, DISK_SECTOR - inside);
	if (inside && image_read(im, d->offset, d->buf, (size_t)inside)) {
		memset(d->buf, 0, DISK_SECTOR);
		return 0;
	}
	return 1;
}

/* The store to START: the operation, its latency, the offset advanced. */
static void disk_start(struct machine *m, struct disk *d, uint32_t op)
{
	d->command = op;
	if (op != DISK_OP_READ && op != DISK_OP_WRITE) {
		d->offset += DISK_SECTOR;
		return;
	}
	d->status = disk_op(m, d);
	dev_event(m, "disk", op == DISK_OP_READ ? "read" : "write", (uint32_t)d->offset);
	d->offset += DISK_SECTOR;
	/* The stall: the cycles pass, no instruction completes. */
	m->cpu.cycle += (uint64_t)m->cfg.clock_hz * DISK_OP_USEC / 1000000;
}

static int disk_read(struct machine *m, struct device *dv, uint32_t off, int size, uint32_t *val)
{
	struct disk *d = dv->state;

	(void)m;
	if (off >= DISK_BUFFER) {
		off -= DISK_BUFFER;
		*val = size == 1 ? d->buf[off] : size == 2 ? *(uint16_t *)(d->buf + off)
		                                           : *(uint32_t *)(d->buf + off);
		return 0;
	}
	switch (off) {
	case DISK_OFFSET: *val = (uint32_t)d->offset; break;
	case DISK_OFFSET_HIGH32: *val = (uint32_t)(d->offset >> 32); break;
	case DISK_ID: *val = d->id; break;
	case DISK_START: *val = d->command; break;
	case DISK_STATUS: *val = d->status; break;
	default: *val = 0; return 0;
	}
	if (size < 4)
		*val &= (1u << (size * 8)) - 1;
	return 0;
}

static int disk_write(struct machine *m, struct device *dv, uint32_t off, int size, uint32_t val)
{
	struct disk *d = dv->state;

	if (off >= DISK_BUFFER) {
		off -= DISK_BUFFER;
		if (size == 1)
			d->buf[off] = (uint8_t)val;
		else if (size == 2)
			*(uint16_t *)(d->buf + off) = (uint16_t)val;
		else
			*(uint32_t *)(d->buf + off) = val;
		return 0;
	}
	if (size < 4)
		val &= (1u << (size * 8)) - 1;
	switch (off) {
	case DISK_OFFSET: d->offset = val; break;
	case DISK_OFFSET_HIGH32: d->offset = (uint32_t)d->offset | (uint64_t)val << 32; break;
	case DISK_ID: d->id = val; break;
	case DISK_START: disk_start(m, d, val); break;
	case DISK_STATUS: d->status = val; break;
	default: break;
	}
	return 0;
}

/* Open image i for the disk, or say why not. */
static int image_open(struct machine *m, int i, char *err, size_t errlen)
{
	struct disk_image *im = &m->disk_img[i];
	const char *path = m->cfg.disk_path[i];
	struct stat st;

	im->writable = !m->cfg.disk_snapshot;
	im->fd = open(path, im->writable ? O_RDWR : O_RDONLY);
	if (im->fd < 0 && im->writable && (errno == EACCES || errno == EROFS)) {
		im->writable = false;       /* as GXemul: reads only */
		im->fd = open(path, O_RDONLY);
	}
	if (im->fd < 0) {
		sim_seterr(err, errlen, "disk %d: cannot open '%s': %s", i, path, strerror(errno));
		return -1;
	}
	if (fstat(im->fd, &st) || !S_ISREG(st.st_mode)) {
		sim_seterr(err, errlen, "disk %d: '%s' is not a regular file", i, path);
		return -1;
	}
	if (st.st_size == 0 || st.st_size % DISK_SECTOR) {
		sim_seterr(err, errlen, "disk %d: '%s' is %lld bytes, not a positive multiple "
		           "of %d", i, path, (long long)st.st_size, DISK_SECTOR);
		return -1;
	}
	im->size = (uint64_t)st.st_size;
	if (m->cfg.disk_snapshot) {
		im->overlay = calloc(im->size / DISK_SECTOR, sizeof *im->overlay);
		if (!im->overlay) {
			sim_seterr(err, errlen, "disk %d: out of host memory", i);
			return -1;
		}
	}
	return 0;
}

int disk_attach(struct machine *m, char *err, size_t errlen)
{
	m->disk_img = calloc(DISK_MAX, sizeof *m->disk_img);
	if (!m->disk_img) {
		sim_seterr(err, errlen, "out of host memory");
		return -1;
	}
	for (int i = 0; i < DISK_MAX; i++)
		m->disk_img[i].fd = -1;
	for (int i = 0; i < DISK_MAX; i++)
		if (m->cfg.disk_path[i] && image_open(m, i, err, errlen))
			return -1;
	if (!dev_add(m, "disk", DISK_BASE, DISK_SIZE, sizeof(struct disk), disk_read, disk_write)) {
		sim_seterr(err, errlen, "device table full");
		return -1;
	}
	return 0;
}

void disk_free(struct machine *m)
{
	if (!m->disk_img)
		return;
	for (int i = 0; i < DISK_MAX; i++) {
		struct disk_image *im = &m->disk_img[i];
		if (im->overlay)
			for (uint64_t s = 0; s < im->size / DISK_SECTOR; s++)
				free(im->overlay[s]);
		free(im->overlay);
		if (im->fd >= 0)
			close(im->fd);
	}
	free(m->disk_img);
	m->disk_img = NULL;
}
