# TLB misses passed up to exos, and exos's page table (workloads/
# tlbloop.c): back to back, each miss binds the page again through
# exos_tlbmiss's fast path and SYS_TLB_WRITE's (tlbfast.S); every load
# reads the page and every miss is counted once.  Vas that share a home
# bucket are found by exos_fault's probing.  The table holds EXOS_NPTE -
# 1 pages (511), then refuses a new va but not a mapped one.
run: build/workloads/tlbloop.elf
status: 0
out: 2000 misses through exos: 2000 reached its handler, 0 loads wrong
out: 8 vas in one bucket: 8 read their own page
out: page table full after 511 pages: -2; a mapped va takes a new page: 0
