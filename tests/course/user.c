/*
 * user.c: the course kernel's user program, run in user mode from kuseg
 * (UBASE), its pages mapped on first touch by the TLB refill handler.
 * Through system calls only: prints, reads a sector the host wrote,
 * writes one, reads it back, and checks that the kernel refuses buffers
 * outside the user region.  Exits 0 if all went as expected, else 1.
 */
#include <stdint.h>
#include "course.h"

int sys_print(const char *buf, uint32_t len);
int sys_disk_read(uint32_t sector, void *buf);
int sys_disk_write(uint32_t sector, const void *buf);

static char sector[512];       /* .bss */
static int failures;

/* Print a NUL-terminated string. */
static void say(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	sys_print(s, n);
}

/* Print tag, then the sector buffer's first line. */
static void show(const char *tag)
{
	uint32_t n = 0;

	say(tag);
	while (n < sizeof sector - 1 && sector[n] != '\n' && sector[n] != 0)
		n++;
	sys_print(sector, n);
	say("\n");
}

/* Report a failed check. */
static void check(int ok, const char *what)
{
	if (!ok) {
		say("user: FAIL ");
		say(what);
		say("\n");
		failures++;
	}
}

/* Fill the sector buffer as the host fills its image: text, a newline,
 * dots, a newline. */
static void fill(const char *text)
{
	uint32_t i = 0;

	for (; text[i]; i++)
		sector[i] = text[i];
	sector[i++] = '\n';
	for (; i < sizeof sector - 1; i++)
		sector[i] = '.';
	sector[i] = '\n';
}

int main(void)
{
	say("user: hello from kuseg\n");
	check(sys_disk_read(1, sector) == 0, "read sector 1");
	show("user: sector 1: ");
	fill("written by the user program");
	check(sys_disk_write(2, sector) == 0, "write sector 2");
	fill("clobbered");
	check(sys_disk_read(2, sector) == 0, "read sector 2");
	show("user: sector 2: ");
	check(sys_disk_read(3, sector) == 0, "read sector 3");
	show("user: sector 3: ");
	/* Kernel memory, and a buffer running past the region's end. */
	check(sys_print((const char *)0x80010000, 4) == -1, "print from kseg0 refused");
	check(sys_disk_read(4, (void *)0x80010000) == -1, "read into kseg0 refused");
	check(sys_disk_write(4, (const void *)0x80010000) == -1, "write from kseg0 refused");
	check(sys_disk_read(4, (void *)(UEND - 256)) == -1, "read past the region refused");
	say(failures ? "user: done, with failures\n" : "user: done\n");
	return failures ? 1 : 0;
}
