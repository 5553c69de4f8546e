# Attacks on ExOS IPC (workloads/ipc_attack.c, docs/EXOS.md): a pipe
# peer that lies about its ring indices and then dies; a forged reply
# with a guessed token while an LRPC waits; a server that overwrites
# every callee-saved register; a server that exits mid-call; calls to
# envids never used and dead; forged calls whose reply-to names the
# bystander, no one, or the server itself; a transfer into a process
# that has entries set while it runs (its context is gone: it says so
# and exits with 97).  Each is refused or survived
# as documented, the server goes on serving, and the bystander, which
# takes the stray transfers, finds its private page intact.
run: build/workloads/ipc_attack.elf
status: 0
out: attack pipe, indices lied about: read -1, getw -1, write -1, putw -1
out: attack pipe lies refused: ok
out: attack pipe, peer gone: read -5, write of 2048: 1024
out: attack pipe peer gone: ok
re: ^attack forged reply: call returned 0, result 42, [1-9][0-9]* stray transfer\(s\)$
out: attack forged reply rejected: ok
out: attack clobbering server: 0 registers changed
out: attack callee-saved registers kept: ok
out: attack server dies in the call: -5
out: attack death mid-call: ok
out: attack call to an envid never used: ok
out: attack call to a dead server: ok
out: attack reply-to the bystander: the server then answers 0, 42
out: attack reply-to no one: the server then answers 0, 42
out: attack reply-to the server itself: the server then answers 0, 42
re: ^exos: env [0-9a-f]+ entered by a transfer while it ran: its context is lost$
out: attack transfer into a running process: it saw its context lost and exited
out: attack running target: ok
re: ^attack bystander: [1-9][0-9]* stray transfers taken, private page intact$
out: attack: done
no: WRONG
