# Malformed boot modules (tests/kernel/badelf.py) beside a good one: the
# kernel refuses each with its index and the reason, never reads outside
# the module or faults, and runs the good one.  Module 0's file range
# wraps around 2^32 to point at the kernel's slice vector and STLB (a
# 32-bit check copied them into the module, which printed them); others
# wrap phoff + phnum * 32 (headers read from kernel memory), point a
# segment at kuseg (a kernel fault at boot), misalign the headers (an
# address error in the kernel), overlap segments (a corrupt image) or
# start outside the image.
run: build/tests/kernel/bad-leak.elf build/workloads/hello.elf build/tests/kernel/bad-ehdr-trunc.elf build/tests/kernel/bad-notelf.elf build/tests/kernel/bad-phoff-wrap.elf build/tests/kernel/bad-phtab-trunc.elf build/tests/kernel/bad-phalign.elf build/tests/kernel/bad-phnum.elf build/tests/kernel/bad-seg-trunc.elf build/tests/kernel/bad-kfault.elf build/tests/kernel/bad-vaddr-wrap.elf build/tests/kernel/bad-vaddr-low.elf build/tests/kernel/bad-memsz.elf build/tests/kernel/bad-pages.elf build/tests/kernel/bad-overlap.elf build/tests/kernel/bad-entry.elf
status: 7
out: [aegis] module 0: refused: segment outside the file
out: [aegis] module 2: refused: truncated ELF header
out: [aegis] module 3: refused: not a 32-bit little-endian MIPS executable
out: [aegis] module 4: refused: program header table outside the file
out: [aegis] module 5: refused: program header table outside the file
out: [aegis] module 6: refused: misaligned program header table
out: [aegis] module 7: refused: more than 16 program headers
out: [aegis] module 8: refused: segment outside the file
out: [aegis] module 9: refused: segment outside the file
out: [aegis] module 10: refused: segment outside segment 2 above EXO_USER_BASE
out: [aegis] module 11: refused: segment outside segment 2 above EXO_USER_BASE
out: [aegis] module 12: refused: segment smaller in memory than in the file
out: [aegis] module 13: refused: more pages than guaranteed mappings left
out: [aegis] module 14: refused: segments overlap
out: [aegis] module 15: refused: entry point outside the executable segments
re: ^hello from env [0-9a-f]+ \(getenvid
no: leak (
no: panic
no: kernel fault
no: destroyed
