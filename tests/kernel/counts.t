# The instruction counts stated in exokernel/vec.S, checked on the ideal
# machine (one cycle per instruction, so cycles = instructions).  Each
# figure includes the user instructions of its span:
#   dispatch  = the faulting instruction + 18 (gen_exc to the handler)
#   null      = li + syscall + 25 (gen_exc to the rfe) - the loop's nop
#   general   = li + li + syscall - nop + 29 (gen_exc to the C
#               function) + 16 (sys_page_owner of page 0, the kernel's)
#               + 16 (back to the user, zeroing at, a0-a3, HI, LO, k1)
#   STLB hit  = the 18 of utlb_refill + the load's retry
#   PCT       = 31 (gen_exc to the rfe) + half of the benchmark's own
#               7 (client: syscall, count, branch, a0; server: count,
#               a0, syscall)
run: build/workloads/bench.elf
opts: --machine ideal
status: 0
re: ^null syscall, fast path +26\.00 
re: ^syscall, general \(page_owner\) +63\.00 
re: ^dispatch unalign +19\.00 
re: ^dispatch overflow +19\.00 
re: ^dispatch coproc +19\.00 
re: ^dispatch prot +19\.00 
re: ^stlb hit refill +19\.00 
re: ^protected control transfer +34\.50 
