/*
 * libc.h: ExOS's small C library for applications (exos/libc/): string
 * and memory functions, character classes, number conversion, a heap
 * (malloc over pages from the kernel), console input.  The runtime
 * already has memcpy, memset, memcmp, strlen, strcmp, the formatter
 * (printf, snprintf, vsnprintf: %d %i %u %x %X %o %c %s %p %%, widths,
 * 0 and - flags, l and ll) and the 64-bit helpers (target/libgcc.c:
 * division, remainder, multiplication, shifts, compares, which gcc
 * calls for MIPS I); exos.c has the console (printf's output waits in
 * a buffer until a newline) and exit.  This adds the rest, in separate
 * modules of libexos.a, so an application links only what it calls.
 */
#ifndef EXOS_LIBC_H
#define EXOS_LIBC_H

#include "exos.h"

/* The runtime's (target/rt.c). */
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* string.c */
void *memmove(void *d, const void *s, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strnlen(const char *s, size_t max);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
size_t strlcpy(char *d, const char *s, size_t n);
char *strcat(char *d, const char *s);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strdup(const char *s);                  /* malloc'd; 0 if out of memory */

/* Character classes (ASCII). */
static inline int isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline int isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int islower(int c) { return c >= 'a' && c <= 'z'; }
static inline int isalpha(int c) { return isupper(c) || islower(c); }
static inline int isalnum(int c) { return isalpha(c) || isdigit(c); }
static inline int isxdigit(int c) { return isdigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
static inline int isprint(int c) { return c >= 0x20 && c < 0x7f; }
static inline int toupper(int c) { return islower(c) ? c - 0x20 : c; }
static inline int tolower(int c) { return isupper(c) ? c + 0x20 : c; }

/* stdlib.c: conversions (base 0: 0x.. hex, 0.. octal, else decimal). */
unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
int atoi(const char *s);
int abs(int x);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/*
 * malloc.c: the heap, from EXOS_HEAP_BASE up in segment 1: pages from
 * SYS_PAGE_ALLOC entered in exos's page table (exos_map), so the
 * TLB-miss handler maps them on first touch.  Blocks carry their size
 * at both ends (boundary tags) and free ones are on a list, first fit,
 * merged with free neighbours when freed.  free() of a pointer malloc
 * did not return, or of one freed already, stops the program with a
 * message and exit status EXOS_HEAP_CORRUPT.
 */
#define EXOS_HEAP_BASE    0x10000000
#define EXOS_HEAP_MAX     (2u << 20)    /* bytes; exos's page table holds 511 pages */
#define EXOS_HEAP_CORRUPT 134
void *malloc(size_t n);
void free(void *p);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
struct exos_heap_stats { uint32_t pages, used, free_bytes, free_blocks, largest; };
void exos_heap_stats(struct exos_heap_stats *s);

/*
 * stdio.c: console input.  getchar waits (SYS_CWAIT) until a character
 * comes; input from a regular file that has ended never comes, so a
 * script ends with a command that exits.  ^D (EOF_CHAR) reads as -1.
 * readline reads up to a newline (not kept), at most n - 1 characters
 * (the rest of a longer line is dropped), erasing on backspace and DEL;
 * returns the length, or -1 at ^D on an empty line.  cputs writes at
 * once, not through printf's line buffer.
 */
#define EOF_CHAR 4
int getchar(void);
int readline(char *buf, int n);
int cputs(const char *s);
int putchar(int c);
int vprintf(const char *fmt, va_list ap);

#endif /* EXOS_LIBC_H */
