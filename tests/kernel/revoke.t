# Visible revocation and the abort protocol, deadlines met on the rtc's
# one-shot timer (workloads/revoke.c): a request the child ignores ends
# with the kernel taking the pages at the deadline (in microseconds of
# virtual time), recording them in the repossession vector and raising
# the repossession upcall; pinned pages stay.  The kernel takes the CPU
# for a deadline within 100 us of it (an upper bound, measured by the
# child with the cycle counter); the upcall follows once the abort
# protocol is done.
# Two children with different deadlines: the earlier one first.  A
# request satisfied in time: no repossession, no upcall, closed at the
# deadline.  A child destroyed with a request pending: nothing fires at
# its deadline.  A bystander's pages stay its own, intact.  A deadline
# past EXO_REVOKE_MAX_US is refused.
run: build/workloads/revoke.elf
status: 0
out: parent: deadline too far: -1
out: parent: revoke 3 pages in 40000 us: 0
out: child: asked for 3 pages; ignoring it
re: ^child: deadline met, CPU taken at most [0-9]+\.[0-9] us after the deadline: within 100 us$
re: ^child: upcall at most [0-9]+\.[0-9] us after the deadline$
out: child: repossession upcall 1, 3 pages taken, 3 no longer mine, 5 of 8 kept
out: child: still running from pinned pages: getenvid ok
out: parent: late in 100000 us: 0, then early in 20000 us: 0
re: ^early: deadline met, CPU taken at most [0-9]+\.[0-9] us after the deadline: within 100 us$
re: ^early: upcall at most [0-9]+\.[0-9] us after the deadline$
out: early: repossession upcall 1, 2 pages taken, 2 no longer mine, 6 of 8 kept
re: ^late: deadline met, CPU taken at most [0-9]+\.[0-9] us after the deadline: within 100 us$
re: ^late: upcall at most [0-9]+\.[0-9] us after the deadline$
out: late: repossession upcall 1, 2 pages taken, 2 no longer mine, 6 of 8 kept
out: parent: the earlier deadline's child finished first
out: parent: revoke 3 pages in 30000 us: 0
out: satisfied: asked for 3 pages; gave them back
re: ^satisfied: deadline met, CPU taken at most [0-9]+\.[0-9] us after the deadline: within 100 us$
re: ^satisfied: request seen closed at most [0-9]+\.[0-9] us after the deadline$
out: satisfied: 0 upcalls, 0 pages taken, 5 of 5 kept
out: parent: child destroyed with a request pending; CPU taken 0 times around its deadline
out: parent: children done, parent alive
out: bystander: 4 of 4 pages still mine, 0 words changed
no: BEFORE
no: MORE than
no: WRONG
no: LATER
