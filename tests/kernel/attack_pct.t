# A storm of protected control transfers: 2000 each, synchronous and
# asynchronous, to the caller itself, to a child that transfers
# straight back, to a destroyed child's stale id and to ids that name
# no environment (0, -1, 0x7fffffff, 0x80000000, unused slots).  Each
# lands at the right entry with the registers of the call, or is
# refused with -E_BADENV; a bystander's page stays intact
# (workloads/attack_pct.c).
run: build/workloads/attack_pct.elf
status: 0
out: 2000 sync transfers to itself: 2000 ok
out: 2000 async transfers to itself: 2000 ok
out: 2000 sync transfers to a child and back: 2000 ok
out: 2000 async transfers to a child and back: 2000 ok
out: 2000 sync transfers to a destroyed child: 2000 ok
out: 2000 async transfers to a destroyed child: 2000 ok
out: 2000 async transfers to no environment: 2000 ok
out: attacker: done, 0 wrong
re: ^bystander: page intact after [0-9]+ checks$
no: WRONG
