# Visible revocation and the abort protocol: a request the child
# ignores ends with the kernel taking the pages at the deadline (given
# in microseconds of virtual time: the upcall comes after it, and within
# one timer tick of it), recording them in the repossession vector and
# raising the repossession upcall; pinned pages stay; the parent goes
# on.  A deadline past EXO_REVOKE_MAX_US is refused.
run: build/workloads/revoke.elf
status: 0
out: parent: deadline too far: -1
out: parent: revoke 3 pages in 40000 us: 0
out: child: asked for 3 pages; ignoring it
out: child: upcall after the deadline, within a tick after it
out: child: repossession upcall 1, 3 pages taken, 3 no longer mine
out: child: still running from pinned pages: getenvid ok
out: parent: child done, parent alive
