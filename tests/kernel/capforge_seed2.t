# capforge.t with --seed 2: other capabilities (pinned), none of seed
# 1's, and the same outcome.
run: build/workloads/capforge.elf
opts: --seed 2
status: 0
out: caps: page 4096 generation 0: write ad9cf203 read 62122e1b
out: caps: page 4096 generation 1: write 994f4d85
out: attack: bind the bystander's page with the forged write capability: -3 ok
out: guesses: 0 of 4096 accepted, 4096 refused with -E_PERM
out: bystander: my page is intact
no: 1b23988c
no: 3f8b601c
no: 6d7b8b02
no: WRONG
