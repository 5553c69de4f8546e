# A revocation aimed at an environment with no save area writes only
# memory sized and owned for it: the child keeps running from its
# guaranteed mappings and loses exactly the pages asked for; the
# parent's private page is intact; kernel page 0 cannot be bound
# (workloads/nosave.c).  The old kernel wrote the request and the
# repossession vector over the child's own kernel fields (its pin list).
run: build/workloads/nosave.elf
status: 0
out: child: no save area, 24 more pages
out: parent: revoke 24 pages in 1000 us: 0
re: ^child: still running, [0-9]+ pages left$
out: child: bind kernel page 0: -3 ok
out: parent: private page intact, child alive: page still mine
out: parent: destroy the child: 0
no: WRONG
