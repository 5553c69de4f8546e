/*
 * linux-crt.S: start-up of the Linux variant of a benchmark (make bench
 * runs it under qemu-mipsel): call main, then the exit system call
 * (o32: number 4001 in v0, status in a0).
 */
	.set noreorder
	.text
	.globl __start
	.ent __start
__start:
	jal	main
	nop
	move	$a0, $v0
	li	$v0, 4001		# exit
	syscall
1:	b	1b
	nop
	.end __start
