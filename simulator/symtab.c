/*
 * symtab.c: sorted symbol tables.  Names live in one buffer; symbols
 * keep offsets into it until symtab_finish() turns them into pointers
 * (the buffer may move while growing).
 */
#include <stdlib.h>
#include <string.h>

#include "exosim.h"
#include "symtab.h"

int symtab_add(struct symtab *t, uint32_t addr, uint32_t size, const char *name, int image)
{
	size_t len = strlen(name) + 1;

	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		struct symbol *v = realloc(t->v, cap * sizeof *v);
		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	if (t->names_len + len > t->names_cap) {
		size_t cap = t->names_cap ? 2 * t->names_cap : 4096;
		char *p;
		while (cap < t->names_len + len)
			cap *= 2;
		p = realloc(t->names, cap);
		if (!p)
			return -1;
		t->names = p;
		t->names_cap = cap;
	}
	memcpy(t->names + t->names_len, name, len);
	t->v[t->n++] = (struct symbol){ addr, size, (const char *)(uintptr_t)t->names_len, image };
	t->names_len += len;
	return 0;
}

static int by_addr(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* Prefer sized symbols (functions) at the same address. */
	return (y->size > 0) - (x->size > 0);
}

void symtab_finish(struct symtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		t->v[i].name = t->names + (uintptr_t)t->v[i].name;
	if (t->n)        /* no symbols: t->v is NULL, which qsort may not get */
		qsort(t->v, t->n, sizeof *t->v, by_addr);
}

const struct symbol *symtab_lookup(const struct symtab *t, uint32_t addr)
{
	size_t lo = 0, hi = t->n;
	const struct symbol *s;

	while (lo < hi) {                 /* first symbol with addr > target */
		size_t mid = (lo + hi) / 2;
		if (t->v[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	s = &t->v[lo - 1];
	while (s > t->v && s[-1].addr == s->addr)
		s--;                       /* the preferred one of equals */
	if (s->size && addr - s->addr >= s->size)
		return NULL;
	if (!s->size && addr - s->addr >= 0x10000)
		return NULL;
	return s;
}

const struct symbol *symtab_find(const struct symtab *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}

void symtab_free(struct symtab *t)
{
	free(t->v);
	free(t->names);
	memset(t, 0, sizeof *t);
}
