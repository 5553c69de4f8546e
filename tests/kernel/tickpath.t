# The timer tick's end-of-slice upcall takes the fast path of vec.S
# k_intr: at most 40 kernel instructions from the interrupt vector to
# the upcall's first instruction (the paper saves one register; 38
# today), counted on the ideal machine from the trace
# (tests/kernel/tickpath.py).
run: build/workloads/tickspin.elf -- hz=2000
opts: --machine ideal --trace @TMP@/trace.csv --trace-filter kinds=exception,resume
status: 0
out: 20 end-of-slice upcalls
post: python3 tests/kernel/tickpath.py @TMP@/trace.csv build/workloads/tickspin.elf exos_eos 40
