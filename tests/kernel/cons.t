# Console input from a regular file (deterministic): SYS_CGETC returns
# the line's characters in order with no need to wait.
run: build/workloads/cons.elf
in: tests/kernel/cons.in
status: 0
out: line: hello, exokernel
out: waited for input: no
out: child destroyed: 0
