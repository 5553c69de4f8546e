# The instruction counts stated in exokernel/vec.S (and exos's exo_xret),
# checked on the ideal machine (one cycle per instruction, so cycles =
# instructions) through bench's rows (workloads/bench.c).  Loop rows are
# one iteration minus the nop loop's, so they count their user
# instructions and drop one for the nop:
#   null      = li + syscall + 25 (gen_exc to the rfe) - nop
#   getenvid  = jal + nop (its delay slot) + the stub's li, syscall,
#               jr, nop + 28 (gen_exc to the rfe) - nop
#   general   = li + li + syscall - nop + 31 (gen_exc to the C
#               function, past k_light's test for SYS_TLB_WRITE) + 16
#               (sys_page_owner of page 0, the kernel's) + 16 (back to
#               the user, zeroing at, a0-a3, HI, LO, k1)
#   page_owner stub = jal + move (delay slot) + the stub's li, two
#               moves (a1, a2 = 0), syscall, jr, nop + 31 + 16 + 16 - nop
#   round trip = the faulting instruction + 18 (gen_exc to the handler)
#               + 2 (h_skip: j exo_xret, EPC += 4 in its delay slot) + 18
#               (exo_xret: SAVE_PENDING, SAVE_CRIT, and the resumed
#               instruction does not name t0) - nop
#   dispatch  = the faulting instruction + 18 (gen_exc to the handler;
#               one way, no write buffer to wait for here)
#   STLB hit  = the 18 of utlb_refill + the load's retry, warm or cold
#               (no caches here, so the eviction changes nothing)
#   yield, fast = half of: 97 (gen_exc to the rfe, vec.S fast_yield,
#               both of its skips taken) each way + the client's li,
#               move, syscall, addiu, bne, nop + the peer's move,
#               syscall, b, li (exos's sys_yield in a loop)
#               = (194 + 6 + 4) / 2
#   PCT       = 31 (gen_exc to the rfe) + half of the benchmark's own
#               7 (client: syscall, count, branch, a0; server: count,
#               a0, syscall)
#   passed up = the faulting load + 18 (utlb_refill to gen_exc: an
#               STLB miss in segment 1) + 18 (gen_exc to exos_tlbmiss)
#               + 39 (exos_tlbmiss's fast path, its syscall included)
#               + 92 (gen_exc to the rfe through tlbfast.S, the slot
#               empty) + 18 (exo_xret)
run: build/workloads/bench.elf
opts: --machine ideal
status: 0
re: ^null syscall, fast path +26\.00 
re: ^getenvid, exos stub \(fast path\) +33\.00 
re: ^syscall, general \(page_owner\) +65\.00 
re: ^page_owner, stub \(general path\) +70\.00 
re: ^round trip unalign +38\.00 
re: ^round trip overflow +38\.00 
re: ^round trip coproc +38\.00 
re: ^round trip prot +38\.00 
re: ^dispatch unalign +19\.00 
re: ^dispatch overflow +19\.00 
re: ^dispatch coproc +19\.00 
re: ^dispatch prot +19\.00 
re: ^stlb hit refill +19\.00 
re: ^stlb hit refill, cold +19\.00 
re: ^protected control transfer +34\.50 
re: ^yield, fast \(SYS_YIELD_FAST\) +102\.00 
re: ^tlb miss passed up to exos +186\.00 
