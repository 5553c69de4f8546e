# A storm of exceptions in an application's own handlers (an unaligned
# handler pc on BREAK; a TLB-miss handler that misses) is no wedge: the
# handlers run with interrupts on, so the timer ends the stormer's
# slice.  The parent destroys each stormer; the bystander runs to its end.
run: build/workloads/storm.elf build/workloads/hello.elf
status: 0
out: parent: running again beside storm 1
out: parent: destroy storm 1: 0
out: parent: running again beside storm 2
out: parent: destroy storm 2: 0
out: hello from env
no: wedged
