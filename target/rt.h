/*
 * rt.h: the tiny runtime of bare-metal test programs and workloads:
 * console output, formatted printing, memory and string helpers, exit,
 * and access to the simctl counters.  Runs unchanged under GXemul's
 * testmips (simctl reads as zero there).
 */
#ifndef TARGET_RT_H
#define TARGET_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/mips.h"
#include "hw/testmips.h"

#define MMIO32(pa) (*(volatile uint32_t *)TM_KSEG1(pa))
#define MMIO8(pa)  (*(volatile uint8_t *)TM_KSEG1(pa))

void putchar_(int c);
int puts(const char *s);                 /* with a newline */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void exit(int status) __attribute__((noreturn));

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* Exact counters from simctl (0 under GXemul). */
uint64_t rt_cycles(void);
uint64_t rt_insns(void);
void rt_marker(uint32_t id, uint32_t arg);

#endif /* TARGET_RT_H */
