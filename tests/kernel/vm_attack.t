# A hostile application against ExOS's VM and the kernel under it
# (workloads/vm_attack.c): guessed capabilities for every other page,
# kernel addresses as aliases, ranges that wrap or leave segment 1,
# the page table filled until -E_NOMEM twice with nothing leaked, and
# a child killed for touching a protected page with no handler; every
# refusal the documented one, and the bystander's page intact.
run: build/workloads/vm_attack.elf
status: 0
re: ^attacker: [0-9]+ guessed capabilities refused$
re: ^attacker: page table full at 1024 mappings, twice$
out: exos: segmentation fault at 10000000
out: attacker: done, 0 wrong
re: ^bystander: page intact after [0-9]+ checks$
no: WRONG
