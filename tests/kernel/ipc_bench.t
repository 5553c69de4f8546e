# The Table 8 and 12 benchmark (workloads/ipc_bench.c) runs, every reply
# it measured is right, and it prints one @paper line per row.
run: build/workloads/ipc_bench.elf
opts: --machine dec5000
status: 0
out: ipc T8 pipe: replies ok
out: ipc T8 pipe': replies ok
out: ipc T8 shm: replies ok
out: ipc T8 lrpc: replies ok
out: ipc T12 tlrpc: replies ok
re: ^@paper T8 pipe [0-9]+\.[0-9]{2}$
re: ^@paper T8 pipe' [0-9]+\.[0-9]{2}$
re: ^@paper T8 shm [0-9]+\.[0-9]{2}$
re: ^@paper T8 lrpc [0-9]+\.[0-9]{2}$
re: ^@paper T12 lrpc [0-9]+\.[0-9]{2}$
re: ^@paper T12 tlrpc [0-9]+\.[0-9]{2}$
no: WRONG
