# Slice-boundary upcalls: each tick enters the end-of-slice handler
# (which saves live registers and yields) and then the start-of-slice
# handler (which resumes at SAVE_IPC); the computation across the ticks
# is unharmed, though the kernel saved nothing for it.
run: build/workloads/slices.elf
status: 0
out: slices: 3 end-of-slice and 3 start-of-slice upcalls, order ok, result ok
