# Only the owner of a slice donates its future instances: an
# environment lent the rest of a slice, by a directed yield or by an
# asynchronous transfer, that makes synchronous transfers (to itself,
# and back to the lender) does not become the slice's owner
# (workloads/slicetheft.c).
run: build/workloads/slicetheft.elf
status: 0
out: after directed yields to T: 0 of P's 63 slices taken: ok
out: after asynchronous transfers to T: 0 of P's 63 slices taken: ok
no: STOLEN
