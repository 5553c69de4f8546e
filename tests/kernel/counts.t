# The instruction counts stated in exokernel/vec.S, checked on the ideal
# machine (one cycle per instruction, so cycles = instructions).  Each
# figure includes the user instructions of its span:
#   dispatch  = the faulting instruction + 17 (gen_exc to the handler)
#   null      = li + syscall + 25 (gen_exc to the rfe) - the loop's nop
#   general   = li + li + syscall - nop + 26 (gen_exc to the C
#               function) + 16 (sys_page_owner of page 0, the kernel's)
#               + 9 (back to the user)
#   STLB hit  = the 18 of utlb_refill + the load's retry
#   PCT       = 30 (gen_exc to the rfe) + half of the benchmark's own
#               7 (client: syscall, count, branch, a0; server: count,
#               a0, syscall)
run: build/workloads/bench.elf
opts: --machine ideal
status: 0
re: ^null syscall, fast path +26\.00 
re: ^syscall, general \(page_owner\) +53\.00 
re: ^dispatch unalign +18\.00 
re: ^dispatch overflow +18\.00 
re: ^dispatch coproc +18\.00 
re: ^dispatch prot +18\.00 
re: ^stlb hit refill +19\.00 
re: ^protected control transfer +33\.50 
