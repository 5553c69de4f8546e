# TLB misses passed up to exos, back to back (workloads/tlbloop.c):
# each one binds the page again through exos_tlbmiss's fast path and
# SYS_TLB_WRITE's (tlbfast.S); every load reads the page and every miss
# is counted once in exos_tlbmiss_count.
run: build/workloads/tlbloop.elf
status: 0
out: 2000 misses through exos: 2000 reached its handler, 0 loads wrong
