# DPF's system calls (workloads/dpf.c): filters bound to their inserter,
# frames classified by the kernel's generated code to the filter and its
# owner; a hash-dispatched field of ten ports; a variable IP header;
# delete; a destroyed child's filters go with it.  --check-icache: the
# code is flushed from the I-cache after each generation.
run: build/workloads/dpf.elf
opts: --check-icache
status: 0
out: parent: insert: ok
out: parent: port 80: own filter
out: parent: port 99: 0
out: child: insert: ok
out: parent: port 81: the child's filter
out: parent: three filters: each its own
out: parent: ten ports: each its own
out: parent: delete: 0
out: parent: port 80 after delete: 0
out: parent: delete again: -1
out: parent: port 81 after the child: 0
out: parent: port 82 still: own filter
out: parent: variable header: with and without IP options
post: ! grep check-icache @TMP@/err
