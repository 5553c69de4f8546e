/*
 * symtab.h: an ELF image's function and object symbols, sorted by
 * address, for the profiler, the tracer and the debuggers.
 */
#ifndef SIM_SYMTAB_H
#define SIM_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

struct symbol;

struct symtab {
	struct symbol *v;
	size_t n, cap;
	char *names;             /* all names, back to back */
	size_t names_len, names_cap;
};

/* Add a symbol (name copied). Returns 0 or -1 (out of memory). */
int symtab_add(struct symtab *t, uint32_t addr, uint32_t size, const char *name, int image);
/* Sort and fix the name pointers; call after the last add. */
void symtab_finish(struct symtab *t);
/* The symbol containing addr (or the nearest below, if it has no size),
 * or NULL. */
const struct symbol *symtab_lookup(const struct symtab *t, uint32_t addr);
const struct symbol *symtab_find(const struct symtab *t, const char *name);
void symtab_free(struct symtab *t);

#endif /* SIM_SYMTAB_H */
