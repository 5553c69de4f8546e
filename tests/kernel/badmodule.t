# A module that is not an exokernel application (linked in kseg0) is
# refused with a message, and with nothing to run the kernel stops.
run: build/workloads/matmul.elf
status: 199
out: [aegis] module 0: not loaded (error -1)
out: [aegis] panic: no environment could be created
