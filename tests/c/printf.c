/*
 * printf.c: the runtime's formatting: every conversion rt.c supports,
 * widths, zero padding, left alignment, length modifiers, extremes.
 */
#include "rt.h"

int main(void)
{
	printf("[%d] [%i] [%d] [%d]\n", 0, 42, -42, -2147483647 - 1);
	printf("[%u] [%x] [%X] [%o]\n", 4294967295u, 0xdeadbeefu, 0xdeadbeefu, 8u);
	printf("[%5d] [%-5d] [%05d] [%-5d|]\n", 42, 42, 42, -42);
	printf("[%05d] [%8x] [%08x] [%-8x|]\n", -42, 0xabcu, 0xabcu, 0xabcu);
	printf("[%ld] [%lu] [%lx]\n", -123456789l, 123456789ul, 0x7fffffffl);
	printf("[%lld] [%llu] [%llx]\n", -9223372036854775807ll - 1,
	       18446744073709551615ull, 0x0123456789abcdefull);
	printf("[%c%c%c] [%s] [%10s] [%-10s|]\n", 'a', 'b', 'c', "str", "right", "left");
	printf("[%p] [%%] [%s]\n", (void *)0x80001234, "");
	for (int i = 1; i <= 1000000; i *= 10)
		printf("%7d|%-7d|%07d\n", i, -i, i);
	return 0;
}
