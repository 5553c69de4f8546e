# The STLB and application page tables: lazy binding through exos's
# TLB-miss handler, STLB refills that never reach it, TLBvadelete, and
# ASID recycling by flushing after 70 environments (> 63 ASIDs), after
# which the bindings come back through the handler.
run: build/workloads/vm.elf
status: 0
out: first touch: 100 misses reached exos
out: read back twice: 0 wrong, 0 misses reached exos
out: after TLBvadelete: 0 wrong, 1 miss reached exos
out: after 70 children: 0 wrong, every binding came back through exos
