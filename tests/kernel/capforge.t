# Capabilities cannot be forged (workloads/capforge.c).  The inversion
# attack that broke the old kernel (one capability of a known page gave
# the boot secret, the secret every capability) gets -E_PERM, random
# guesses all fail, and the bystander's page is intact.  With --seed 1
# the named page's capabilities are these exact values (SipHash-2-4,
# checked against an independent implementation); capforge_seed2.t
# pins seed 2's.
run: build/workloads/capforge.elf
opts: --seed 1
status: 0
out: the bystander owns its page: 1 ok
out: caps: page 4096 generation 0: write 1b23988c read 3f8b601c
out: caps: page 4096 generation 1: write 6d7b8b02
out: attack: the recovered secret predicts my read capability: no
out: attack: bind the bystander's page with the forged write capability: -3 ok
out: guesses: 0 of 4096 accepted, 4096 refused with -E_PERM
out: bystander: my page is intact
re: ^cost \(cycles, counter read of [0-9]+ subtracted\): SYS_PAGE_ALLOC [0-9]+, SYS_TLB_WRITE bound [0-9]+, refused [0-9]+$
no: WRONG
no: overwrote
