# Secure bindings: no mapping without the page's capability (forged,
# read-only, revoked, freed); freeing a page breaks its bindings, so
# the access after the free faults into exos's TLB-miss handler, which
# can no longer bind it and exits like a segmentation fault.
run: build/workloads/prot_mem.elf
status: 11
out: map kernel page 0: -3 ok
out: map with forged cap: -3 ok
out: write mapping with read cap: -3 ok
out: map with revoked cap: -3 ok
out: value through binding: 42 ok
out: map freed page with old cap: -3 ok
out: exos: segmentation fault at 3000000
no: WRONG
