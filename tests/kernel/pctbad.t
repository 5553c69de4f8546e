# No a0 makes a protected control transfer enter a free slot: with
# slot 0 free, transfers to 0, to the dead environment's envid, to -1
# and to every slot offset come back -E_BADENV (workloads/pctbad.c).
run: build/workloads/pctbad.elf
status: 0
out: transfers to free slots and stale ids: all -E_BADENV: ok
no: WRONG
