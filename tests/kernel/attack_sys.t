# Every system-call number from -3 to SYS_NCALLS + 2 (but SYS_EXIT and
# SYS_CWAIT) with every combination of bad arguments (0, -1,
# 0x80000000, kernel addresses, huge lengths, an unaligned pointer, a
# stale envid) in a0..a2: each result is an error or the documented
# one, what succeeded is undone, the caller is intact, and so is a
# bystander's page (workloads/attack_sys.c).
run: build/workloads/attack_sys.elf
status: 0
out: attacker: 32076 calls, 0 wrong; still itself with its page: ok
re: ^bystander: page intact after [0-9]+ checks$
no: WRONG
