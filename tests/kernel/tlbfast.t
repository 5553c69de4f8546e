# SYS_TLB_WRITE's assembly fast path (exokernel/tlbfast.S) decides as
# the C path and keeps the STLB, the TLB and the reverse map as
# stlb_insert would (workloads/tlbfast.c): refusals (kernel page,
# forged, freed and read-only capabilities, a ppn past RAM, the G and V
# bits, TLB_PIN above segment 2, a kernel va) return C's error and bind
# nothing; a read-only mapping faults on a store; rebinding a va (its
# TLB entry loaded or not) and displacing another va's binding from the
# STLB slot leave no stale TLB entry and every page's list right; a
# slot held by a pinned mapping falls back to C (a wired entry) and the
# pin keeps its slot; with the pin gone, the va still in its wired entry
# goes to C again (no second TLB entry).  Each check was seen to fail with the fast path's
# corresponding check removed (but ppn < npages: past it pages[] holds
# owner 0 up to MAXPAGES, which the owner check refuses too).
run: build/workloads/tlbfast.elf
status: 0
out: bound through the fast path: ok
out: refused: kernel page, forged cap, freed page, read cap for write, past RAM: ok
out: refused: G, V, TLB_PIN, kernel va; nothing bound, the old binding kept: ok
out: read cap: a read-only mapping, a store faults: ok
out: freed: both bindings gone: ok
out: rebind with its TLB entry loaded: the new page, its list right: ok
out: rebind after its TLB entry was dropped: the new page, its list right: ok
out: displace a binding in the TLB: it leaves the TLB, lists right: ok
out: displace a binding not in the TLB: it is gone, lists right: ok
out: the slot of a pinned mapping: both work, the pin keeps its slot: ok
out: the pin gone, its slot empty: the wired binding rebound, then broken: ok
out: tlbfast: 0 wrong
no: WRONG
