# ExOS's ELF loader from a memory image (workloads/loadmem.c): boot
# module 1 copied into the heap runs from there; corrupted copies
# (truncated, bad magic, another machine, wrapping header and segment
# offsets, a segment in the kernel or of 2 GB, the entry outside the
# text) are refused with their reason and leave no page behind.
run: build/workloads/loadmem.elf build/workloads/echo.elf -- boot=1
status: 0
out: as is: ran, status 0
out: truncated: refused: truncated ELF header (-1), pages left behind: 0
out: bad magic: refused: not a 32-bit little-endian MIPS executable (-1), pages left behind: 0
out: another machine: refused: not a 32-bit little-endian MIPS executable (-1), pages left behind: 0
out: phoff wraps: refused: program header table outside the file (-1), pages left behind: 0
out: segment offset wraps: refused: segment outside the file (-1), pages left behind: 0
out: segment in the kernel: refused: segment outside EXO_USER_BASE..EXOS_ARGS_VA (-1), pages left behind: 0
out: segment 2 GB: refused: segment outside EXO_USER_BASE..EXOS_ARGS_VA (-1), pages left behind: 0
out: entry outside the text: refused: entry point outside the executable segments (-1), pages left behind: 0
out: as is, again: ran, status 0
no: WRONG
