# Resource exhaustion: an application takes every slice, every page,
# then every environment slot (and what is left), in two rounds; each
# refusal is -E_NOMEM, everything comes back (the second round gets as
# much as the first: nothing leaked), and a bystander created first
# finds its page intact every time it runs (workloads/attack_exhaust.c).
# 8M of RAM and the ideal machine keep it well under the cycle limit.
run: build/workloads/attack_exhaust.elf
opts: --mem 8M --machine ideal
status: 0
re: ^round 1: took 62 slices; [0-9]+ pages; 62 environments, then 0 slices, [0-9]+ pages$
re: ^round 2: took 62 slices; [0-9]+ pages; 62 environments, then 0 slices, [0-9]+ pages$
out: attacker: done, 0 wrong
re: ^bystander: page intact after [0-9]+ checks$
no: WRONG
