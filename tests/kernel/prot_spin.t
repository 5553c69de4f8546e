# Spinning without yielding does not keep the CPU (the timer ends the
# slice); ignoring the end-of-slice upcall runs up excess time until
# the kernel destroys the environment.  The parent goes on.
run: build/workloads/prot_spin.elf
status: 0
out: parent: running again while the spinner spins
out: parent: destroy spinner: 0
out: [aegis] env 10800 destroyed: excess time past the threshold
out: parent: the late child is gone after some yields
