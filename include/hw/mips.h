/*
 * hw/mips.h: constants the MIPS R3000 defines, shared by the simulator
 * (sim/), the kernel (exokernel/), ExOS (exos/) and the test programs.
 *
 * Only #defines, so that C and assembly (.S) can both include it.
 * Sources: ../shared/research/r3000.md sections 1 and 2.
 */
#ifndef HW_MIPS_H
#define HW_MIPS_H

/* CP0 register numbers (the R3000 has no others). */
#define CP0_INDEX     0
#define CP0_RANDOM    1
#define CP0_ENTRYLO   2
#define CP0_CONTEXT   4
#define CP0_BADVADDR  8
#define CP0_ENTRYHI   10
#define CP0_STATUS    12
#define CP0_CAUSE     13
#define CP0_EPC       14
#define CP0_PRID      15

/* PRId of the R3000A, as on the DECstation 5000/1xx. */
#define R3000A_PRID   0x0230

/* Status register bits. */
#define ST_CU3        0x80000000
#define ST_CU2        0x40000000
#define ST_CU1        0x20000000
#define ST_CU0        0x10000000
#define ST_RE         0x02000000
#define ST_BEV        0x00400000
#define ST_TS         0x00200000
#define ST_PE         0x00100000
#define ST_CM         0x00080000
#define ST_PZ         0x00040000
#define ST_SWC        0x00020000
#define ST_ISC        0x00010000
#define ST_IM_MASK    0x0000ff00
#define ST_IM_SHIFT   8
#define ST_KUO        0x00000020
#define ST_IEO        0x00000010
#define ST_KUP        0x00000008
#define ST_IEP        0x00000004
#define ST_KUC        0x00000002
#define ST_IEC        0x00000001
/* Bits software may write; the rest read as zero. */
#define ST_WRITABLE   0xf27fff3f

/* Interrupt mask / pending bit for line n (0,1 software; 2..7 hardware). */
#define ST_IM(n)      (0x100 << (n))
#define CAUSE_IP(n)   (0x100 << (n))

/* Cause register fields. */
#define CAUSE_BD          0x80000000
#define CAUSE_CE_MASK     0x30000000
#define CAUSE_CE_SHIFT    28
#define CAUSE_IP_MASK     0x0000ff00
#define CAUSE_IP_SW_MASK  0x00000300
#define CAUSE_EXC_MASK    0x0000007c
#define CAUSE_EXC_SHIFT   2

/* Exception codes (Cause.ExcCode). */
#define EXC_INT    0   /* interrupt */
#define EXC_MOD    1   /* store to a clean (D = 0) page */
#define EXC_TLBL   2   /* TLB miss or invalid, load or fetch */
#define EXC_TLBS   3   /* TLB miss or invalid, store */
#define EXC_ADEL   4   /* address error, load or fetch */
#define EXC_ADES   5   /* address error, store */
#define EXC_IBE    6   /* bus error, instruction fetch */
#define EXC_DBE    7   /* bus error, data */
#define EXC_SYS    8   /* SYSCALL */
#define EXC_BP     9   /* BREAK */
#define EXC_RI     10  /* reserved instruction */
#define EXC_CPU    11  /* coprocessor unusable */
#define EXC_OV     12  /* arithmetic overflow */
#define EXC_NCODES 13

/* EntryHi / EntryLo / Index / Random / Context fields. */
#define EHI_VPN_MASK   0xfffff000
#define EHI_ASID_MASK  0x00000fc0
#define EHI_ASID_SHIFT 6
#define ELO_PFN_MASK   0xfffff000
#define ELO_N          0x00000800
#define ELO_D          0x00000400
#define ELO_V          0x00000200
#define ELO_G          0x00000100
#define ELO_WRITABLE   0xffffff00
#define INDEX_P        0x80000000
#define INDEX_MASK     0x00003f00
#define INDEX_SHIFT    8
#define RANDOM_SHIFT   8
#define CTX_PTEBASE_MASK 0xffe00000
#define CTX_BADVPN_MASK  0x001ffffc

#define TLB_NENTRIES   64
#define TLB_NWIRED     8     /* TLBWR never picks entries 0..7 */
#define NASID          64

/* Segments. */
#define KUSEG_BASE  0x00000000
#define KSEG0_BASE  0x80000000
#define KSEG1_BASE  0xa0000000
#define KSEG2_BASE  0xc0000000
#define KSEG_PHYS_MASK 0x1fffffff

/* Exception vectors. */
#define VEC_RESET        0xbfc00000
#define VEC_UTLB         0x80000000
#define VEC_GENERAL      0x80000080
#define VEC_BEV_UTLB     0xbfc00100
#define VEC_BEV_GENERAL  0xbfc00180

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096

#endif /* HW_MIPS_H */
