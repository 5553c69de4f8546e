# Visible revocation and the abort protocol: a request the child
# ignores ends with the kernel taking the pages at the deadline,
# recording them in the repossession vector and raising the
# repossession upcall; pinned pages stay; the parent goes on.
run: build/workloads/revoke.elf
status: 0
out: child: asked for 3 pages; ignoring it
out: child: repossession upcall 1, 3 pages taken, 3 no longer mine
out: child: still running from pinned pages: getenvid ok
out: parent: child done, parent alive
