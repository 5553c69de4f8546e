# Protected control transfer semantics (exo/exo.h SYS_SCALL, SYS_ACALL;
# docs/KERNEL.md): a chain A -> B -> C -> A carries the message in the
# registers and leaves A's own intact; an environment that left by a
# transfer keeps no kernel-saved context, so a yield to it enters it at
# its start-of-slice entry with SAVE_IPC = the pc after its call, or is
# refused when it has none; an asynchronous call and its synchronous
# reply; transfers to no environment come straight back with -E_BADENV.
run: build/workloads/pct.elf
status: 0
out: chain A->B->C->A: a1 = 1107 ok, A's s0 kept
out: B: entered at its start-of-slice entry, SAVE_IPC = after its call: ok
out: yield to B (left by a transfer, has an SOS entry): 0
out: yield to C (left by a transfer, no SOS entry): -5
out: acall A->C, C calls back: a1 = 1005 ok
out: scall to nobody: -5, a1 = 5
out: acall to nobody: -5, a1 = 5
out: destroy B, C: 0 0
no: WRONG
