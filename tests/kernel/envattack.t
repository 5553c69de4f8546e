# A hostile parent against the calls that build environments
# (workloads/envattack.c): stale, forged and foreign envids; wrong,
# foreign and read capabilities, kernel pages, pages past RAM; arrays at
# kernel, unmapped and wrapping addresses; k0, kernel pcs, handlers for
# SYSCALL; modules copied into pages not its own; slices not its own;
# children touched after their start; every slot taken; a parent that
# leaves unstarted and uncollected children behind (their slots come
# back).  A bystander's page stays intact (attack.h).
run: build/workloads/envattack.elf
status: 0
out: pins: 62 more, then refused
out: helper: 60 children allocated, left unstarted
out: helper: 4 children started, all dead, none collected
out: slots: 61, then 61 after a parent left unstarted and dead children
out: attacker: 224 checks, 0 wrong
re: ^bystander: page intact after [0-9]+ checks$
no: WRONG
