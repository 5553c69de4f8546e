# DPF's system calls attacked (workloads/attack_dpf.c): malformed filters,
# filters too long and counts that wrap, pointers into the kernel,
# unmapped and across into kseg0, messages that wrap or are too long,
# stealing a child's packets (the same filter, a narrower one, a broader
# one, one past a variable IP header that could match its frames),
# deleting its filter, ids out of range, exhausting the filter table
# (64 ids: the child's and 63): each refused with its error
# (-1 E_INVAL, -2 E_NOMEM, -3 E_PERM, -4 E_FAULT), the bystander's frames
# still classified to it, and its filter gone with it.  --check-icache
# stays silent through every regeneration.
run: build/workloads/attack_dpf.elf
opts: --check-icache
status: 0
out: child: insert: ok
out: parent: bystander at first: intact
out: parent: size 12: -1
out: parent: value beyond its size: -1
out: parent: contradiction: -1
out: parent: unknown op: -1
out: parent: offset 60000: -1
out: parent: no atoms: -1
out: parent: 17 atoms: -1
out: parent: 0xffffffff atoms: -1
out: parent: 0x10000001 atoms (wraps): -1
out: parent: atoms in the kernel: -4
out: parent: atoms at the top: -4
out: parent: atoms unmapped: -4
out: parent: atoms across into kseg0: -4
out: parent: message in the kernel: -4
out: parent: message wraps: -4
out: parent: message too long: -1
out: parent: the same filter: -3
out: parent: a narrower one: -3
out: parent: a broader one: -3
out: parent: past a variable header: -3
out: parent: another port: ok
out: parent: delete the child's filter: -3
out: parent: delete 0: -1
out: parent: delete 65: -1
out: parent: delete 0xffffffff: -1
out: parent: bystander after the attempts: intact
out: parent: exhaustion: 63 filters, then -2
out: parent: after deleting them: insert ok
out: parent: bystander after exhaustion: intact
out: parent: port 7 after the child: 0
post: ! grep check-icache @TMP@/err
