/*
 * strings.c: the runtime's string and memory routines: overlapping and
 * unaligned copies, fills, comparisons and lengths; plus a word-at-a-
 * time copy that uses unaligned loads (LWL/LWR) through a packed struct.
 */
#include "rt.h"

static char buf[256], buf2[256];

struct __attribute__((packed)) unaligned {
	char c;
	uint32_t w;
};

static uint32_t sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;

	while (n--)
		s = s * 33 + *b++;
	return s;
}

int main(void)
{
	static volatile struct unaligned u[8];
	uint32_t acc = 0;
	int n;

	for (int i = 0; i < 256; i++)
		buf[i] = (char)(i * 7 + 3);
	for (int off = 0; off < 4; off++)
		for (int len = 0; len < 40; len += 3) {
			memset(buf2, 0, sizeof buf2);
			memcpy(buf2 + off, buf + 3 - off + 4, (size_t)len);
			acc = acc * 7 + sum(buf2, 64);
		}
	printf("memcpy %08x\n", acc);

	memset(buf2 + 5, 'z', 17);
	printf("memset %08x\n", sum(buf2, 64));

	printf("memcmp %d %d %d\n", memcmp("abc", "abd", 3) < 0, memcmp("abc", "abc", 3),
	       memcmp("b", "a", 1) > 0);
	printf("strcmp %d %d %d %d\n", strcmp("", "") == 0, strcmp("a", "") > 0,
	       strcmp("abc", "abcd") < 0, strcmp("\xff", "a") > 0);
	printf("strlen %u %u\n", (unsigned)strlen(""), (unsigned)strlen("hello, world"));

	for (int i = 0; i < 8; i++) {
		u[i].c = (char)i;
		u[i].w = 0x01020304u * (uint32_t)(i + 1);
	}
	acc = 0;
	for (int i = 0; i < 8; i++)
		acc = acc * 31 + u[i].w;
	printf("unaligned %08x\n", acc);

	n = snprintf(buf2, 8, "%s", "truncated string");
	printf("snprintf '%s' %d\n", buf2, n);
	n = snprintf(buf2, 4, "%d", 123456);
	printf("snprintf '%s' %d\n", buf2, n);
	return 0;
}
