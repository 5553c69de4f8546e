/*
 * exos_save.h: exos's part of the save page (EXO_SAVE_VA), after the
 * kernel's SAVE_SIZE bytes (exo/exo.h).  Offsets from EXO_SAVE_VA, for
 * assembly and C.
 *
 *   XS_EV0, XS_EA0  exos_eos's two words across its yield
 *   XS_V0, XS_A0    exo_xret's two words across a deferred yield
 *   XS_TLBMISS      exos_tlbmiss's register frame (19 words)
 *   XS_TLBSLOW      nonzero: exos_tlbmiss's fast path failed last time,
 *                   so the next miss takes the C path (xret.S)
 *   0x1000 - 16     the top of the exception stack (exos_tlbmiss)
 * Workloads keep their own scratch words at 0x100-0x1ef and 0x300 up.
 * Also EXOS_NPTE, the buckets of exos's page table (exos.c), which
 * exos_tlbmiss indexes.
 */
#ifndef EXOS_SAVE_H
#define EXOS_SAVE_H

#define XS_EV0      0x1e8
#define XS_EA0      0x1ec
#define XS_V0       0x1f0
#define XS_A0       0x1f4
#define XS_TLBMISS  0x200
#define XS_TLBSLOW  0x24c

#define EXOS_NPTE   512

#endif /* EXOS_SAVE_H */
