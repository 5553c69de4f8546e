# Teardown is bounded: a child owning every free page (about 1800 in
# 8 MB) exits while its parent watches the cycle counter; the longest
# gap in the parent's progress stays under 100000 cycles (4 ms on the
# dec5000; it was 2.5e8 before the reverse map and the deferred
# reclaim), as does the gap for a child owning only its image, and
# all the pages come back.  Freeing a page costs hundreds of cycles
# (it was 31000: a scan of the STLB, the TLB and every pin list).
run: build/workloads/teardown.elf
opts: --mem 8M
status: 0
re: ^page free, not mapped +[0-9]{1,3} 
re: ^page free, mapped at 1 va +[0-9]{1,3} 
re: ^page free, mapped at 8 vas, 1 pinned +[0-9]{1,4} 
re: ^gap, child owning [0-9]{2} pages exits +[0-9]{1,5} 
re: ^gap, child owning 1[0-9]{3} pages exits +[0-9]{1,5} 
re: ^  its pages all free after +[0-9]+ 
