/*
 * owned.c: a shell program: prints how many pages its process owns
 * (SYS_PAGE_OWNER over all of RAM).  Run directly and through exec
 * (execer owned), it shows what exec leaves behind of the old image.
 */
#include "exos.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	uint32_t n = exos_ram_pages(), p, mine = 0;

	exos_args(arg);
	for (p = 0; p < n; p++)
		mine += sys_page_owner(p) == (int)self;
	printf("owned[%x]: %u pages\n", exos_getpid(), (unsigned)mine);
	return 0;
}
