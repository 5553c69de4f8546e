/*
 * course.h: the course kernel's interface, shared by its assembly, its C
 * and the user program: the user region, the system-call numbers and the
 * trap frame's layout (struct trapframe in kernel.c mirrors the TF_*
 * offsets and checks them with static assertions).
 * Only #defines, so that assembly can include it too.
 */
#ifndef COURSE_H
#define COURSE_H

/* The user program's region of kuseg: its image from UBASE, its stack
 * growing down from UEND.  Each page is mapped by the TLB refill handler
 * from the kernel's page table. */
#define UBASE      0x00400000
#define UPAGES     4
#define UEND       (UBASE + UPAGES * 4096)

/* System calls: number in v0, arguments in a0..a2, result in v0. */
#define SYS_PRINT      1   /* (buf, len): write len bytes; len or -1 */
#define SYS_DISK_READ  2   /* (sector, buf): 512 bytes from disk 0; 0 or -1 */
#define SYS_DISK_WRITE 3   /* (sector, buf): 512 bytes to disk 0; 0 or -1 */
#define SYS_EXIT       4   /* (status): halt the machine with it */

/* The trap frame: what exception entry saves (entry.S), in words. */
#define TF_REG(n)    ((n) * 4)        /* r0..r31 (r0's slot unused) */
#define TF_HI        128
#define TF_LO        132
#define TF_STATUS    136
#define TF_CAUSE     140
#define TF_EPC       144
#define TF_BADVADDR  148
#define TF_SIZE      152

#endif /* COURSE_H */
