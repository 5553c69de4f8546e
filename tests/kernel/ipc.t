# ExOS IPC (exos/ipc.h, docs/EXOS.md): pipes through a 1 KB ring in a
# page shared by capability (7,000 bytes in uneven pieces, one write
# larger than the ring, every byte checked by the reader), pipe' words
# echoed plus one, a shm counter ping-ponged with directed yields, LRPC
# returning the counter (untrusted and trusted) and calling a C
# procedure, and an LRPC to a destroyed server refused.
run: build/workloads/ipc_test.elf
status: 0
out: ipc pipe: 7000 of 7000 bytes arrived right (4)
out: ipc pipe data: ok
out: ipc pipe' data: ok
out: ipc shm ping-pong: ok
out: ipc lrpc: 100 calls, last returned 100, 0 wrong
out: ipc lrpc returns the counter: ok
out: ipc lrpc to a C procedure: ok
out: ipc tlrpc returns the counter: ok
out: ipc lrpc: to a destroyed server: -5
no: WRONG
