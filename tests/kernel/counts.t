# The instruction counts stated in exokernel/vec.S (and exos's exo_xret),
# checked on the ideal machine (one cycle per instruction, so cycles =
# instructions) through bench's rows (workloads/bench.c).  Loop rows are
# one iteration minus the nop loop's, so they count their user
# instructions and drop one for the nop:
#   null      = li + syscall + 25 (gen_exc to the rfe) - nop
#   getenvid  = jal + nop (its delay slot) + the stub's li, syscall,
#               jr, nop + 27 (gen_exc to the rfe) - nop
#   general   = li + li + syscall - nop + 26 (gen_exc to the C
#               function) + 16 (sys_page_owner of page 0, the kernel's)
#               + 9 (back to the user)
#   page_owner stub = jal + move (delay slot) + the stub's li, two
#               moves (a1, a2 = 0), syscall, jr, nop + 26 + 16 + 9 - nop
#   round trip = the faulting instruction + 17 (gen_exc to the handler)
#               + 2 (h_skip: j exo_xret, EPC += 4 in its delay slot) + 15
#               (exo_xret, when the resumed instruction does not name t0)
#               - nop
#   dispatch  = the faulting instruction + 17 (gen_exc to the handler;
#               one way, no write buffer to wait for here)
#   STLB hit  = the 18 of utlb_refill + the load's retry, warm or cold
#               (no caches here, so the eviction changes nothing)
#   PCT       = 30 (gen_exc to the rfe) + half of the benchmark's own
#               7 (client: syscall, count, branch, a0; server: count,
#               a0, syscall)
run: build/workloads/bench.elf
opts: --machine ideal
status: 0
re: ^null syscall, fast path +26\.00 
re: ^getenvid, exos stub \(fast path\) +32\.00 
re: ^syscall, general \(page_owner\) +53\.00 
re: ^page_owner, stub \(general path\) +58\.00 
re: ^round trip unalign +34\.00 
re: ^round trip overflow +34\.00 
re: ^round trip coproc +34\.00 
re: ^round trip prot +34\.00 
re: ^dispatch unalign +18\.00 
re: ^dispatch overflow +18\.00 
re: ^dispatch coproc +18\.00 
re: ^dispatch prot +18\.00 
re: ^stlb hit refill +19\.00 
re: ^stlb hit refill, cold +19\.00 
re: ^protected control transfer +33\.50 
