# ExOS virtual memory (exos/vm.h) on the linear and the inverted page
# table: protection honoured (a protected page faults into the
# application's handler with its address, an unprotected one does
# not, a read-only page refuses stores), dirty bits by Mod exceptions,
# aliasing, a 100-page range faulted back page by page, and a page
# shared with another process by its capability alone
# (workloads/vm_test.c, vm_share.c).
run: build/workloads/vm_test.elf build/workloads/vm_share.elf
status: 0
out: == linear page table
out: == inverted page table
out: a load from a protected page faults, the handler gets its address: ok
out: an unprotected page does not fault: ok
out: a store to a read-only page faults as a write: ok
out: a page read is clean, written is dirty (one Mod exception): ok
out: vm_clean, then a store makes it dirty again: ok
out: a store through either name is seen through the other: ok
out: each faults once and reads back: ok
out: vm_share: a forged capability refused for each of
out: vm_share: the capability mapped exactly one page
out: another process mapped the page by its capability and wrote it: ok
out: linear: 0 wrong
out: inverted: 0 wrong
no: WRONG
