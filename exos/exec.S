/*
 * exec.S: the last step of exos_exec (process.c), copied to the page
 * at EXOS_PROC_SCRATCH and run from there, since it unmaps the image
 * it was linked in: position independent, no stack, no memory but its
 * page.  a0 = its table (struct exec_table, process.c): entry, a0, a1,
 * nmap, nfree, the offset of nfree (ppn, cap) pairs, then at 24 nmap
 * SYS_TLB_WRITE argument triples.  It deletes every mapping of segment
 * 2 from EXO_USER_BASE up but its own page (SYS_TLB_DELETE; a light
 * call keeps s0-s3 and t0), frees the old image's pages (SYS_PAGE_FREE),
 * installs the table's, and enters the
 * new program at its entry with its a0 and a1.  A refused mapping
 * leaves no program to run: it exits with 126.
 */
#include "exo/regdef.h"
#include "exo/exo.h"

#define SCRATCH 0x00ff0000          /* EXOS_PROC_SCRATCH (proc.h) */

	.set noreorder
	.text
	.globl exos_exec_tramp, exos_exec_tramp_end
	.ent exos_exec_tramp
exos_exec_tramp:
	move	s0, a0			# the table
	lui	s1, EXO_USER_BASE >> 16
	lui	s2, EXO_SEG2_END >> 16
	lui	s3, SCRATCH >> 16
1:	beq	s1, s3, 2f		# not its own page
	move	a0, s1			# (delay slot)
	move	a1, zero
	li	v0, SYS_TLB_DELETE
	syscall
2:	addiu	s1, s1, 4096
	bne	s1, s2, 1b
	nop
	lw	s1, 16(s0)		# nfree
	lw	s2, 20(s0)		# freeoff
	nop				# (load delay)
	addu	s2, s2, s0		# the (ppn, cap) pairs of the old image
6:	beq	s1, zero, 7f
	nop
	lw	a0, 0(s2)
	lw	a1, 4(s2)
	li	v0, SYS_PAGE_FREE	# a page no longer its own just stays
	syscall
	addiu	s2, s2, 8
	b	6b
	addiu	s1, s1, -1		# (delay slot)
7:	lw	s1, 12(s0)		# nmap
	addiu	s2, s0, 24		# the triples
3:	beq	s1, zero, 4f
	nop
	lw	a0, 0(s2)
	lw	a1, 4(s2)
	lw	a2, 8(s2)
	li	v0, SYS_TLB_WRITE
	syscall
	bne	v0, zero, 5f
	addiu	s2, s2, 12		# (delay slot)
	b	3b
	addiu	s1, s1, -1		# (delay slot)
4:	lw	a0, 4(s0)
	lw	a1, 8(s0)
	lw	t0, 0(s0)
	nop				# (load delay)
	jr	t0
	nop
5:	li	a0, 126
	li	v0, SYS_EXIT
	syscall
	b	5b
	nop
exos_exec_tramp_end:
	.end exos_exec_tramp
