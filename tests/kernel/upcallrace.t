# No upcall lands inside an exception handler or an upcall handler
# (exo/exo.h, critical sections): with a fast periodic tick (hz=2000)
# and the test kernel's extra ticks at pseudo-random distances, ticks
# fall on every instruction of exos_tlbmiss (its fast path, and its C
# path for a va whose home bucket another holds), exo_xret (all three
# of its exits and its deferred-yield path) and exos_eos, and every
# register of the program survives each of 66,000 misses through exos
# (workloads/upcallrace.c).  The post check reads the trace: a tick on
# every instruction (tests/kernel/tickcover.py).  Coverage is by
# deterministic pseudo-random placement: if a change leaves an
# instruction uncovered, raise NTICKS in the workload.
kernel: build/exokernel-ktest.elf
run: build/workloads/upcallrace.elf -- hz=2000
opts: --trace @TMP@/trace.csv --trace-filter kinds=exception
status: 0
re: ^30000 or more end-of-slice upcalls over [0-9]+ iterations through exos's TLB-miss handler: 0 registers wrong$
post: python3 tests/kernel/tickcover.py @TMP@/trace.csv build/workloads/upcallrace.elf exos_tlbmiss:exos_tlbmiss_end exo_xret:exo_xret_end exos_eos:exos_eos_end
no: WRONG
