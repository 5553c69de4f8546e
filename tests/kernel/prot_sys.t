# Bad pointers and absurd arguments to system calls get errors; the
# caller goes on.
run: build/workloads/prot_sys.elf
status: 0
out: cputs from kernel memory: -4 ok
out: cputs from unmapped memory: -4 ok
out: unknown call 0x7fffffff: -8 ok
out: unknown call SYS_NCALLS: -8 ok
out: handler in the kernel: -1 ok
out: still alive, getenvid: 65536 ok
no: WRONG
