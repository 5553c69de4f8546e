/*
 * libctest.c: the unit test of ExOS's C library (exos/libc/libc.h;
 * tests/kernel/libc.t): strings and memory, conversions, qsort, the
 * formatter, the 64-bit helpers, and the heap: a seeded random run of
 * malloc, realloc and free with every block's bytes checked, merging
 * back to one free block, exhaustion and recovery, and a bad free
 * stopping the program that makes it (a child) with a message.
 */
#include "exos.h"
#include "libc/libc.h"

#define NSLOT 96
#define BAD_FREE 1                     /* main's arg: the child that frees badly */

static int fails, checks;

static void check(const char *what, int ok)
{
	checks++;
	if (!ok) {
		printf("%s: WRONG\n", what);
		fails++;
	}
}

static void strings(void)
{
	char buf[64], *end;
	char *d;

	strcpy(buf, "0123456789");
	memmove(buf + 2, buf, 8);
	check("memmove up, overlapping", strcmp(buf, "0101234567") == 0);
	strcpy(buf, "0123456789");
	memmove(buf, buf + 3, 7);
	check("memmove down, overlapping", strcmp(buf, "3456789789") == 0);
	check("memchr finds", *(const char *)memchr("abcdef", 'd', 6) == 'd'
	      && memchr("abcdef", 'z', 6) == 0 && memchr("abc", 'c', 2) == 0);
	check("strnlen", strnlen("hello", 3) == 3 && strnlen("hi", 9) == 2);
	check("strncmp", strncmp("abcd", "abcz", 3) == 0 && strncmp("abcd", "abcz", 4) < 0
	      && strncmp("b", "a", 5) > 0);
	memset(buf, 'x', sizeof buf);
	strncpy(buf, "ab", 5);
	check("strncpy pads with NULs", buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'x');
	check("strlcpy truncates", strlcpy(buf, "truncated", 5) == 9 && strcmp(buf, "trun") == 0);
	strcpy(buf, "con");
	check("strcat", strcmp(strcat(buf, "cat"), "concat") == 0);
	check("strchr, strrchr", strchr("a/b/c", '/') - "a/b/c" >= 0
	      && *(strchr("a/b/c", '/') + 1) == 'b' && *(strrchr("a/b/c", '/') + 1) == 'c'
	      && strchr("abc", 0) != 0 && strchr("abc", 'z') == 0);
	check("strstr", strcmp(strstr("haystack needle hay", "needle"), "needle hay") == 0
	      && strstr("abc", "abd") == 0);
	check("strspn, strcspn", strspn("  \tx", " \t") == 3 && strcspn("abc;def", ";") == 3);
	d = strdup("duplicate");
	check("strdup", d && strcmp(d, "duplicate") == 0);
	free(d);
	check("strtol: space and sign", strtol("  -42", 0, 10) == -42);
	check("strtoul: base 0, hex", strtoul("0x1F", 0, 0) == 31);
	check("strtoul: base 0, octal", strtoul("077", 0, 0) == 63);
	check("strtol: stops at a non-digit", strtol("12abc", &end, 10) == 12 && *end == 'a');
	check("strtol: no digits", strtol("xyz", &end, 10) == 0 && *end == 'x');
	check("strtoul: saturates", strtoul("99999999999", 0, 10) == 0xffffffffu);
	check("strtol: the extremes", strtol("-2147483648", 0, 10) == (long)0x80000000u
	      && strtol("2147483648", 0, 10) == 0x7fffffff);
	check("atoi, abs", atoi("1234") == 1234 && abs(-5) == 5 && abs(5) == 5);
	check("ctype", isdigit('7') && !isdigit('a') && isspace('\n') && isalpha('Q')
	      && toupper('q') == 'Q' && tolower('Q') == 'q' && isxdigit('F') && !isprint(1));
	snprintf(buf, sizeof buf, "%5d|%-5d|%05d|%x|%s|%c|%lld", 42, 42, -42, 0xbeef, "s", 'c',
		 -1234567890123ll);
	check("snprintf", strcmp(buf, "   42|42   |-0042|beef|s|c|-1234567890123") == 0);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

static void sorting(void)
{
	int v[100], i, ok = 1;

	for (i = 0; i < 100; i++)
		v[i] = (int)(rnd() % 1000) - 500;
	qsort(v, 100, sizeof v[0], cmp_int);
	for (i = 1; i < 100; i++)
		ok &= v[i - 1] <= v[i];
	check("qsort", ok);
}

/* The 64-bit helpers (volatile: computed at run time, by libgcc.c). */
static void wide(void)
{
	volatile uint64_t a = 0x123456789abcdef0ull, b = 0x12345, k = 0x9e3779b97f4a7c15ull;
	volatile int64_t c = -0x7edcba9876543210ll, d = 1000003;
	volatile int sh = 13, sh2 = 29, sh3 = 7;

	check("64-bit divide, remainder", a / b == 0x100005b00205ull && a % b == 0xa497);
	check("64-bit signed divide, remainder", c / d == -9141359083561ll && c % d == -38229);
	check("64-bit multiply", a * k == 0xc93a7b79aeda89b0ull);
	check("64-bit shifts", a << sh == 0x8acf13579bde0000ull && a >> sh2 == 0x91a2b3c4ull
	      && (uint64_t)(c >> sh3) == 0xff02468acf13579bull);
	check("64-bit compares", a > b && c < d && (uint64_t)c > a);
}

/* Every byte of a block: its slot's tag. */
static int holds(const uint8_t *p, uint32_t n, uint8_t tag)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (p[i] != tag)
			return 0;
	return 1;
}

static void heap(void)
{
	uint8_t *slot[NSLOT] = { 0 };
	uint32_t size[NSLOT] = { 0 }, i, k, n, bad = 0, pages;
	struct exos_heap_stats st;
	void *big[600];
	int nbig = 0;

	for (k = 0; k < 3000; k++) {
		i = rnd() % NSLOT;
		if (slot[i]) {
			bad += !holds(slot[i], size[i], (uint8_t)i);
			if (rnd() % 3 == 0) {           /* grow or shrink it */
				n = 1 + rnd() % 3000;
				uint8_t *q = realloc(slot[i], n);
				if (!q) {
					bad++;
					continue;
				}
				bad += !holds(q, n < size[i] ? n : size[i], (uint8_t)i);
				slot[i] = q;
				size[i] = n;
				memset(q, (uint8_t)i, n);
				continue;
			}
			free(slot[i]);
			slot[i] = 0;
			continue;
		}
		size[i] = 1 + rnd() % (rnd() % 8 == 0 ? 20000 : 300);
		slot[i] = malloc(size[i]);
		bad += slot[i] == 0 || ((uint32_t)slot[i] & 7) != 0;
		if (slot[i])
			memset(slot[i], (uint8_t)i, size[i]);
	}
	check("heap: 3000 random mallocs, reallocs and frees, every byte kept", bad == 0);
	for (i = 0; i < NSLOT; i++)
		free(slot[i]);
	exos_heap_stats(&st);
	printf("heap: %u pages, after freeing all: %u free blocks, %u bytes used\n",
	       (unsigned)st.pages, (unsigned)st.free_blocks, (unsigned)st.used);
	check("heap: all merged back into one block", st.free_blocks == 1);
	pages = st.pages;
	slot[0] = malloc(st.largest - 8);
	exos_heap_stats(&st);
	check("heap: the whole block reused, no new page", slot[0] != 0 && st.pages == pages);
	free(slot[0]);
	check("heap: calloc zeroes, refuses overflow", (slot[1] = calloc(100, 10)) != 0
	      && holds(slot[1], 1000, 0) && calloc(0x10000, 0x10001) == 0);
	free(slot[1]);
	while (nbig < 600 && (big[nbig] = malloc(8000)) != 0)
		nbig++;
	exos_heap_stats(&st);
	printf("heap: full after %d blocks of 8000 bytes, %u pages\n", nbig, (unsigned)st.pages);
	check("heap: malloc says 0 when full", nbig < 600 && malloc(EXOS_HEAP_MAX / 2) == 0);
	while (nbig > 0)
		free(big[--nbig]);
	exos_heap_stats(&st);
	check("heap: all free again, one block", st.free_blocks == 1 && (slot[2] = malloc(100000)) != 0);
	free(slot[2]);
}

int main(uint32_t arg, uint32_t self)
{
	int kid;
	char *p;

	if (arg == BAD_FREE) {
		p = malloc(64);
		free(p);
		free(p);                       /* stops here */
		printf("bad free: still running: WRONG\n");
		return 0;
	}
	strings();
	sorting();
	wide();
	heap();
	kid = sys_env_create(0, BAD_FREE);
	while (kid > 0 && sys_yield(kid) == 0)
		;
	printf("libc: %d checks, %d wrong\n", checks, fails);
	return fails != 0;
}
