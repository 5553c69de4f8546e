# fork with copy-on-write through ExOS's page table (exos/vm_fork.c),
# on the linear and the inverted table (workloads/vm_cow.c): the child
# reads the parent's data, its stores copy each page once (counted) and
# stay invisible to the parent, whose own stores then copy its pages
# too; the parent collects the child's exit status with SYS_ENV_WAIT.
# Attack: the child's page table holds only read capabilities for the
# parent's pages, so binding one writable, freeing it or asking for its
# write capability is -E_PERM (-3), and the parent's data stays intact.
run: build/workloads/vm_cow.elf
status: 0
out: == fork on the linear page table
out: == fork on the inverted page table
out: child: the parent's page bound writable: -3, freed: -3, its capability: -3
out: child: read the parent's data: ok; 20 copy-on-write faults; its own data: ok
out: parent: child collected with status 42
out: parent: its pages after the child's stores: intact
out: parent: 20 copy-on-write faults of its own; its new data: ok
no: WRONG
no: segmentation fault
