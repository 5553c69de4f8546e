# A fault in kernel code during a light system call goes to the
# kernel's own handler (a panic with a clear message), never to the
# caller's exception handler, which would then run in kernel mode
# (workloads/kfault.c on the fault-injecting test kernel).
kernel: build/exokernel-ktest.elf
run: build/workloads/kfault.elf
status: 199
out: kfault: a light call touches 5000000 directly
re: ^\[aegis\] kernel fault: cause [0-9a-f]+ epc 8[0-9a-f]+ badvaddr 5000000$
no: WRONG
