# SYS_KSTAT against a hostile caller (workloads/attack_kstat.c): bad
# addresses refused, no guaranteed mapping replaced, exhaustion of the
# guaranteed mappings gives -E_NOMEM and nothing breaks, a store to the
# read-only page kills the child that tries and leaves it intact, the
# page holds nothing past the documented structure and no capability;
# a bystander's page stays intact.
run: build/workloads/attack_kstat.elf
status: 0
out: bad addresses refused: ok
out: save area kept: ok
out: simctl kept: ok
out: own page kept: ok
out: exhaustion: -E_NOMEM: ok
out: exhaustion: still readable: ok
out: pins back: ok
out: store refused, page intact: ok
out: nothing past the structure: ok
out: no capability: ok
out: attacker: 0 wrong
re: ^\[aegis\] env [0-9a-f]+ destroyed: unhandled TLB modified at pc [0-9a-f]+, address c00000$
re: ^bystander: page intact after [0-9]+ checks$
no: WRONG
