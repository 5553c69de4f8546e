# SYS_ENV_CREATE of a malformed module returns -E_INVAL (and the kernel
# says why); of a good one, a new environment; the caller goes on.  The
# wrapping cases: headers (module 1) and a segment (module 2) whose
# range wraps around 2^32, and a segment range that wraps (module 4).
run: build/workloads/spawn.elf build/tests/kernel/bad-phoff-wrap.elf build/tests/kernel/bad-kfault.elf build/workloads/hello.elf build/tests/kernel/bad-vaddr-wrap.elf build/tests/kernel/bad-overlap.elf
status: 0
out: [aegis] module 1: refused: program header table outside the file
out: spawn: module 1: -1
out: [aegis] module 2: refused: segment outside the file
out: spawn: module 2: -1
out: spawn: module 3: 0
out: [aegis] module 4: refused: segment outside segment 2 above EXO_USER_BASE
out: spawn: module 4: -1
out: [aegis] module 5: refused: segments overlap
out: spawn: module 5: -1
out: spawn: module 15: -1
no: panic
no: kernel fault
