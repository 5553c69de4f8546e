# ExOS's C library (exos/libc/, workloads/libctest.c): strings and
# memory, conversions, qsort, the formatter, the 64-bit helpers, and the
# heap over pages from the kernel: 3000 random mallocs, reallocs and
# frees with every byte checked, merging back into one block, reuse
# without new pages, exhaustion (0, not a crash) and recovery; a double
# free stops the child that makes it, with a message.
run: build/workloads/libctest.elf
status: 0
out: heap: 66 pages, after freeing all: 1 free blocks, 16 bytes used
out: heap: full after 260 blocks of 8000 bytes, 510 pages
re: ^exos: free of [0-9a-f]+, not a block malloc gave \(or freed already\)$
out: libc: 34 checks, 0 wrong
no: WRONG
