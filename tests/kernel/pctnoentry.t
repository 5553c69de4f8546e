# A protected control transfer to an environment with no entry for it
# is refused with -E_BADENV and the environment lives on (before, it was
# entered at pc 0 and destroyed by the fault: any environment could
# kill any other that had set no entries) (workloads/pctnoentry.c).
run: build/workloads/pctnoentry.elf
status: 0
out: transfers to an environment with no entries: -5 -5 ok
out: the child is alive: ok
no: WRONG
no: destroyed
