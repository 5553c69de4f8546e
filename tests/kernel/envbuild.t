# Environments built by their parent (exo/exo.h 18-21, 37, 38;
# workloads/envbuild.c): the parent reads its boot module, builds
# children running a copy of its image with pages it gives them, starts
# them and collects how each died: exit 42, break with no handler
# (0x100 | 9), excess time (0x200), destroyed by the parent (0x300).  A
# child being built cannot be entered, yielded to or waited for.
run: build/workloads/envbuild.elf
status: 0
out: module 0: envbuild.elf,
out: module read: ELF magic, size in v1: ok
out: module read: the text as it is in memory: ok
out: module read: the last 3 bytes, the rest zero: ok
out: module read: at the end, nothing: ok
out: building: transfer refused: ok
out: building: yield refused: ok
out: building: wait refused: ok
out: building: destroyed by its parent: ok
out: building: no pc, no start: ok
re: ^child [0-9a-f]+: arg c0de0001, getenvid ok, shared 5ea7ed$
out: exit: poll while it may live: ok
out: exit: wait -> it, status 2a: ok
out: exit: the child wrote the shared page: ok
out: exit: collected once: ok
out: break: wait -> it, status 109: ok
out: spin: wait -> it, status 200: ok
out: sleep: it owns the slice given: ok
out: sleep: poll says busy: ok
out: sleep: its pages are its own: ok
out: sleep: wait -> it, status 300: ok
out: no children left: ok
no: WRONG
