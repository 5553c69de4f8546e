/*
 * disktest.c: the testmips disk through its registers, as a driver for
 * GXemul's machine would use it.  tests/run-disk.sh runs it with disk 0
 * a 64 KiB image and disk 1 a 4 KiB one, both of text lines "host disk
 * D sector S" padded to 512 bytes, on ./sim (write-through and
 * --disk-snapshot) and on gxemul, and checks the console and the images.
 * The guest writes sectors 5 and 6 of disk 0 (lines "guest sector S")
 * and reads them back; it reads what the host wrote; it reads past the
 * end of a disk and from a disk that does not exist.  (A write past the
 * end differs: gxemul grows the file, exosim fails it; tests/unit.)
 */
#include "rt.h"
#include "hw/testmips.h"

#define REG(off) (*(volatile uint32_t *)TM_KSEG1(DISK_BASE + (off)))
#define BUF ((volatile uint8_t *)TM_KSEG1(DISK_BASE + DISK_BUFFER))

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL %s\n", what);
		failures++;
	}
}

/* One operation on disk `id` at byte offset `off`; the status. */
static uint32_t op(uint32_t id, uint32_t off, uint32_t what)
{
	REG(DISK_ID) = id;
	REG(DISK_OFFSET) = off;
	REG(DISK_START) = what;
	return REG(DISK_STATUS);
}

/* The buffer's text up to its first newline, on the console. */
static void print_line(const char *tag)
{
	char line[64];
	int i;

	for (i = 0; i < 63 && BUF[i] != '\n' && BUF[i] != 0; i++)
		line[i] = (char)BUF[i];
	line[i] = 0;
	printf("%s: %s\n", tag, line);
}

/* Fill the buffer as the host fills its images: a line, then dots. */
static void fill(const char *text)
{
	int n = (int)strlen(text);

	for (int i = 0; i < DISK_SECTOR; i++)
		BUF[i] = i < n ? (uint8_t)text[i] : i == n ? '\n' : i == DISK_SECTOR - 1 ? '\n' : '.';
}

int main(void)
{
	int zeros = 1;

	/* Read what the host wrote; the registers after the operation. */
	check(op(0, 1 * DISK_SECTOR, DISK_OP_READ) == 1, "read disk 0 sector 1");
	print_line("disk 0 sector 1");
	check(REG(DISK_OFFSET) == 2 * DISK_SECTOR, "offset advanced by 512");
	check(REG(DISK_OFFSET_HIGH32) == 0, "offset high half");
	check(REG(DISK_ID) == 0 && REG(DISK_START) == DISK_OP_READ, "id and operation read back");
	REG(DISK_START) = DISK_OP_READ;        /* the next sector, by the advance */
	check(REG(DISK_STATUS) == 1, "read disk 0 sector 2");
	print_line("disk 0 sector 2");
	check(op(1, 3 * DISK_SECTOR, DISK_OP_READ) == 1, "read disk 1 sector 3");
	print_line("disk 1 sector 3");

	/* Write sectors 5 and 6 (the second by the advance), read back. */
	fill("guest sector 5");
	check(op(0, 5 * DISK_SECTOR, DISK_OP_WRITE) == 1, "write sector 5");
	fill("guest sector 6");
	REG(DISK_START) = DISK_OP_WRITE;
	check(REG(DISK_STATUS) == 1, "write sector 6");
	fill("clobbered");
	check(op(0, 5 * DISK_SECTOR, DISK_OP_READ) == 1, "read back sector 5");
	print_line("disk 0 sector 5");
	check(BUF[DISK_SECTOR - 2] == '.' && BUF[DISK_SECTOR - 1] == '\n', "sector 5's tail");
	check(op(0, 6 * DISK_SECTOR, DISK_OP_READ) == 1, "read back sector 6");
	print_line("disk 0 sector 6");
	check(op(0, 7 * DISK_SECTOR, DISK_OP_READ) == 1, "read sector 7");
	print_line("disk 0 sector 7");

	/* Past the end: zeros and status 1 (as gxemul); no disk 2: 0. */
	fill("stale");
	check(op(1, 8 * DISK_SECTOR, DISK_OP_READ) == 1, "read past the end");
	for (int i = 0; i < DISK_SECTOR; i++)
		zeros &= BUF[i] == 0;
	check(zeros, "a read past the end gives zeros");
	check(op(2, 0, DISK_OP_READ) == 0, "no disk 2");
	REG(DISK_STATUS) = 7;
	check(REG(DISK_STATUS) == 7, "status is writable");
	printf("disk test %s\n", failures ? "FAILED" : "done");
	return failures ? 1 : 0;
}
