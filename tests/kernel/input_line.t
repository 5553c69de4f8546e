# The same program given its whole line reads it (no wait) and exits 0:
# the end of the input after the newline stops nothing.
run: build/workloads/readwait.elf
in: tests/kernel/cons.in
status: 0
out: line: hello, exokernel
