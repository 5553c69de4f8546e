# A bare-metal program (linked in kseg0 by target/link.ld) given as a
# boot module: refused with a message naming the fix (run it without
# the kernel); with nothing else to run, the kernel stops (199).
run: build/tests/c/sort.elf
status: 199
out: [aegis] module 0: refused: a bare-metal program (linked in kseg0), not an exokernel application: run it without the kernel (sim FILE.elf), or build it with make app (docs/TUTORIAL.md)
