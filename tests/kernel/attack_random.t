# 4000 random system calls from a seeded generator (the same every
# run): call numbers -3..SYS_NCALLS + 2 but SYS_EXIT and SYS_CWAIT,
# arguments from bad values, small integers, the caller's own envid, a
# child's and a page of its own with its capability; transfers carry
# a2 = the caller so the child comes back.  Each result is an error or
# what exo/exo.h documents, the caller keeps its pages, and a
# bystander's page is intact (workloads/attack_random.c).
run: build/workloads/attack_random.elf
status: 0
out: attacker: 4000 random calls (seed 2545f491), 0 wrong; still itself with its pages: ok
out: attacker: 38 transfers landed, page taken back 1 times, child made 8 times
re: ^bystander: page intact after [0-9]+ checks$
no: WRONG
