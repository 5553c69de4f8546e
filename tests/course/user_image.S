/*
 * user_image.S: the user program's bytes (build/tests/course/user.bin,
 * user.elf as a flat image from UBASE), for kernel.c to copy into the
 * user pages.  USER_BIN is its path, from the Makefile.
 */
	.section .rodata
	.balign 4
	.globl user_image, user_image_end
user_image:
	.incbin USER_BIN
user_image_end:
