# Slice-boundary upcalls: each tick enters the end-of-slice handler
# (which saves live registers and yields) and then the start-of-slice
# handler (which resumes at SAVE_IPC); the computation across the ticks
# is unharmed, though the kernel saved nothing for it.  Upcalls are not
# reentrant: a tick inside the (slow) start-of-slice handler, whose
# SAVE_IPC is still busy, brings no upcall on top of it.
run: build/workloads/slices.elf
status: 0
out: slices: 3 end-of-slice and 3 start-of-slice upcalls, order ok, result ok
out: slow start-of-slice handler: a tick inside it, no upcall on top, SAVE_IPC kept
