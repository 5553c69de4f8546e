/*
 * exo/kstat.h: the kernel statistics page (SYS_KSTAT, exo/exo.h).  One
 * page of the kernel's, which SYS_KSTAT refreshes and maps read-only at
 * the caller's chosen address: what any environment may know about the
 * machine's use, and nothing more.  It holds no capability, no key, no
 * register or save-area content and no page number of anyone's: only
 * counts, envids (public: SYS_PAGE_OWNER names owners) and the slice
 * vector (public: SYS_SLICE_ALLOC names slices).
 */
#ifndef EXO_KSTAT_H
#define EXO_KSTAT_H

#include <stdint.h>

#include "exo/exo.h"

#define KSTAT_VERSION 1

struct kstat_env {
	uint32_t id;             /* envid, 0: the slot is free */
	uint32_t parent;         /* the envid that created it, 0 for the first */
	uint32_t pages;          /* physical pages it owns */
	uint32_t slices;         /* slices of the vector it owns */
};

struct kstat {
	uint32_t version;        /* KSTAT_VERSION */
	uint32_t refreshes;      /* SYS_KSTAT calls since boot */
	uint32_t cur_slice;      /* the slice running, EXO_NSLICE while one is
	                            lent by a protected control transfer */
	uint32_t nenv;           /* live environments */
	uint32_t npages;         /* physical pages of RAM */
	uint32_t slice[EXO_NSLICE];        /* each slice's owner, 0 free */
	struct kstat_env env[EXO_NENV];    /* by slot */
};

_Static_assert(sizeof(struct kstat) <= 4096, "one page");

#endif /* EXO_KSTAT_H */
