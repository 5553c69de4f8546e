# The shell's programs loaded by ExOS's own ELF loader (exos/process.c)
# from the crafted modules of tests/kernel/badelf.py: each bad one is
# refused with its reason and nothing runs; the shell goes on.  The
# misaligned program header table, which the kernel refuses because it
# reads headers in place, is a good image to a loader that copies them
# (it runs hello, exit 7).
run: build/workloads/sh.elf build/tests/kernel/bad-leak.elf build/tests/kernel/bad-ehdr-trunc.elf build/tests/kernel/bad-notelf.elf build/tests/kernel/bad-phoff-wrap.elf build/tests/kernel/bad-phtab-trunc.elf build/tests/kernel/bad-phalign.elf build/tests/kernel/bad-phnum.elf build/tests/kernel/bad-seg-trunc.elf build/tests/kernel/bad-kfault.elf build/tests/kernel/bad-vaddr-wrap.elf build/tests/kernel/bad-vaddr-low.elf build/tests/kernel/bad-memsz.elf build/tests/kernel/bad-pages.elf build/tests/kernel/bad-overlap.elf build/tests/kernel/bad-entry.elf -- boot=1
in: tests/kernel/sh_badelf.in
status: 0
out: sh: bad-leak: segment outside the file (-1)
out: sh: bad-ehdr-trunc: truncated ELF header (-1)
out: sh: bad-notelf: not a 32-bit little-endian MIPS executable (-1)
out: sh: bad-phoff-wrap: program header table outside the file (-1)
out: sh: bad-phtab-trunc: program header table outside the file (-1)
re: ^\[[0-9a-f]+\] exit 7$
out: sh: bad-phnum: more than 16 program headers (-1)
out: sh: bad-seg-trunc: segment outside the file (-1)
out: sh: bad-kfault: segment outside the file (-1)
out: sh: bad-vaddr-wrap: segment outside EXO_USER_BASE..EXOS_ARGS_VA (-1)
out: sh: bad-vaddr-low: segment outside EXO_USER_BASE..EXOS_ARGS_VA (-1)
out: sh: bad-memsz: segment smaller in memory than in the file (-1)
out: sh: bad-pages: more pages than a process may pin (-1)
out: sh: bad-overlap: segments overlap (-1)
out: sh: bad-entry: entry point outside the executable segments (-1)
no: [aegis]
