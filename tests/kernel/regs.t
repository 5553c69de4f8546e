# No system call returns a kernel value in a register: after each call
# (good and bad arguments, every call but SYS_CWAIT and SYS_EXIT) every
# register holds the caller's value, 0, a documented result, k0 the
# return pc and k1 0 (workloads/regs.c).
run: build/workloads/regs.elf
status: 0
re: ^registers after [0-9]+ calls: 0 leaks$
no: LEAK
