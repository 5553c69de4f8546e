# Freeing a page breaks every binding of it, through the reverse map:
# four vas, a pin, a wired TLB entry (the STLB slot held by another
# pinned mapping), a binding whose STLB slot was taken after its TLB
# entry was loaded, and a save area; the owner's other pages and a
# bystander's pinned bindings keep working.  A page shared from an
# environment that exits stays allocated until it is reclaimed, and is
# free only once no binding reaches it (workloads/unbind.c).
run: build/workloads/unbind.elf
status: 0
out: a page bound 6 ways (4 vas, 1 pinned, 1 wired) reads through each: ok
out: freed: 6 of 6 accesses fault
out: every binding of the freed page is gone: ok
out: its pin is gone (SYS_SET_SAVE refuses the va): ok
out: the owner's other pages read back, no miss: ok
out: a displaced binding of a freed page is gone: ok
out: the binding that displaced it reads back: ok
out: a freed save area gets none of its old owner's registers: ok
out: bystander: its bindings still work, no miss: ok
out: shared: the page stayed allocated after its owner was gone: yes
out: shared: the page of a dead owner cannot be allocated before it is free: ok
out: shared: once free, the binding to it is gone: ok
out: shared: allocated again: ok
out: shared: the old binding does not reach it: ok
no: WRONG
