/*
 * dpf_pkt.h: TCP/IP filters and frames for the DPF system-call tests
 * (workloads/dpf.c, attack_dpf.c): the paper's Figure 1 filter to a
 * destination port, and a frame that it accepts.
 */
#ifndef DPF_PKT_H
#define DPF_PKT_H

#include "exos.h"
#include "../dpf/dpf.h"

#define SRC_IP   0xc00c4501u
#define SRC_PORT 1234u

static inline struct dpf_atom dpf_cmp(unsigned off, unsigned size, uint32_t val)
{
	struct dpf_atom a = { DPF_CMP, (uint8_t)size, 0, 0, (uint16_t)off, 0,
	                      size == 32 ? 0xffffffffu : (1u << size) - 1, val };
	return a;
}

/* Figure 1 to dport; variable: past the IP header by its length field.
 * The number of atoms. */
static inline int tcp_filter(struct dpf_atom *a, uint32_t dport, int variable)
{
	struct dpf_atom sh14 = { DPF_SHIFT, 0, 0, 0, 0, 14, 0, 0 };
	struct dpf_atom sh20 = { DPF_SHIFT, 0, 0, 0, 0, 20, 0, 0 };
	struct dpf_atom ihl = { DPF_SHIFT, 8, 2, 0, 0, 0, 0xf, 0 };
	int n = 0;

	a[n++] = dpf_cmp(12, 16, 0x800);
	a[n++] = sh14;
	a[n++] = dpf_cmp(9, 8, 6);
	a[n++] = dpf_cmp(12, 32, SRC_IP);
	a[n++] = variable ? ihl : sh20;
	a[n++] = dpf_cmp(0, 16, SRC_PORT);
	a[n++] = dpf_cmp(2, 16, dport);
	return n;
}

/* A TCP/IP frame to dport with opt words of IP options into p; its length. */
static inline unsigned tcp_frame(uint8_t *p, uint32_t dport, unsigned opt)
{
	for (int i = 0; i < 128; i++)
		p[i] = 0;
	p[12] = 8;
	p[14] = (uint8_t)(0x45 + opt);
	p[14 + 9] = 6;
	p[26] = SRC_IP >> 24, p[27] = SRC_IP >> 16 & 0xff, p[28] = SRC_IP >> 8 & 0xff, p[29] = SRC_IP & 0xff;
	p[34 + 4 * opt] = SRC_PORT >> 8, p[35 + 4 * opt] = SRC_PORT & 0xff;
	p[36 + 4 * opt] = (uint8_t)(dport >> 8), p[37 + 4 * opt] = (uint8_t)dport;
	return 54 + 4 * opt;
}

#define sys_dpf_insert(a, n)        exo_call(SYS_DPF_INSERT, (uint32_t)(a), (n), 0, 0)
#define sys_dpf_delete(id)          exo_call(SYS_DPF_DELETE, (id), 0, 0, 0)
#define sys_dpf_demux(m, n, owner)  exo_call(SYS_DPF_DEMUX, (uint32_t)(m), (n), 0, (owner))

/* Insert Figure 1's filter to dport; the id or error. */
static inline int insert_port(uint32_t dport, int variable)
{
	struct dpf_atom a[8];
	return sys_dpf_insert(a, (uint32_t)tcp_filter(a, dport, variable));
}

/* Classify a frame to dport: the id (or error), the owner in *owner. */
static inline int demux_port(uint32_t dport, unsigned opt, uint32_t *owner)
{
	static uint32_t buf[32];
	unsigned len = tcp_frame((uint8_t *)buf, dport, opt);
	return sys_dpf_demux(buf, len, owner);
}

#endif /* DPF_PKT_H */
