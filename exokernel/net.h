/*
 * net.h: the kernel's network driver (net.c): system calls 24-27
 * (exo/exo.h SYS_NET_*) and the NIC's interrupt (IRQ 3).
 */
#ifndef EXOKERNEL_NET_H
#define EXOKERNEL_NET_H

sysret sys_net_send(uint32_t ppn, uint32_t cap, uint32_t offlen);
sysret sys_net_bind(uint32_t ppn, uint32_t cap, uint32_t slot);
sysret sys_net_unbind(uint32_t a0, uint32_t a1, uint32_t a2);
sysret sys_net_stat(uint32_t which, uint32_t a1, uint32_t a2);
void net_intr(void);

#endif /* EXOKERNEL_NET_H */
