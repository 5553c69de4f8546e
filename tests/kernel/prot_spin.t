# Spinning without yielding does not keep the CPU (the timer ends the
# slice); ignoring the end-of-slice upcall runs up excess time until
# the kernel destroys the environment; so does holding SAVE_CRIT set
# forever (its upcall deferred, the CPU taken back at each overrun
# tick).  The parent goes on, its data intact.
run: build/workloads/prot_spin.elf
status: 0
out: parent: running again while the spinner spins
out: parent: destroy spinner: 0
out: [aegis] env 10800 destroyed: excess time past the threshold
out: parent: the late child is gone after some yields
out: parent: the child that stayed critical is gone after some yields
out: parent: its data intact
no: CORRUPTED
