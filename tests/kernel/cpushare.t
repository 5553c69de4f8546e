# The CPU as a vector of slices allocated like pages: allocation errors
# (a taken slice, out of range, freeing one not its own, a full vector)
# come back as errors; with round robin over the vector P, A, B, B, the
# environment holding two slices runs twice as long as each of those
# holding one, over the same 24 ticks (measured with the cycle counter).
run: build/workloads/cpushare.elf
status: 0
out: slice 1 (A's): -6 ok
out: slice EXO_NSLICE: -1 ok
out: free A's slice: -3 ok
out: free a free slice: -3 ok
out: free slice EXO_NSLICE: -1 ok
out: slice 40 by name: 40 ok
out: free slice 40: 0 ok
out: any slice when none is free: -2 ok
out: took the 60 free slices
out: P (1 slice) ran 6 of 24 ticks
out: A (1 slice) ran 6 of 24 ticks
out: B (2 slices) ran 12 of 24 ticks
no: WRONG
