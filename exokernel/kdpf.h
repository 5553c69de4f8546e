/*
 * kdpf.h: DPF in the kernel (kdpf.c; docs/DPF.md).
 */
#ifndef KDPF_H
#define KDPF_H

#include "kern.h"

void kdpf_init(void);
/* The environment envid is being destroyed: delete its filters. */
void kdpf_env_gone(uint32_t envid);
/* The filter id accepting msg[0..len) (0 if none), by the generated code;
 * msg must be word-aligned kernel memory. */
int kdpf_demux(const void *msg, unsigned len);

sysret sys_dpf_insert(uint32_t uatoms, uint32_t n, uint32_t a2);
sysret sys_dpf_delete(uint32_t id, uint32_t a1, uint32_t a2);
sysret sys_dpf_demux(uint32_t umsg, uint32_t len, uint32_t a2);

#endif /* KDPF_H */
