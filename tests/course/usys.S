/*
 * usys.S: the user program's start and its system-call stubs (the
 * numbers are course.h's; arguments in a0..a1, result in v0).
 */
#include "course.h"

	.set noreorder

/* void _ustart(void): the kernel enters here with sp at UEND; run main
 * and exit with its value. */
	.section .text.start, "ax"
	.globl _ustart
_ustart:
	jal	main
	nop				# (delay slot)
	move	$a0, $v0
	li	$v0, SYS_EXIT
	syscall				# does not return

	.text
/* One stub: v0 = the call's number, SYSCALL, return v0. */
	.macro	STUB name, number
	.globl	\name
\name:
	li	$v0, \number
	syscall
	jr	$ra
	nop				# (delay slot)
	.endm

	STUB	sys_print, SYS_PRINT
	STUB	sys_disk_read, SYS_DISK_READ
	STUB	sys_disk_write, SYS_DISK_WRITE
