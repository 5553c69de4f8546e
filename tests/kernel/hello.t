# Boot, console output by system call, getenvid on the fast path, and
# the exit status of the last environment becomes the machine's.
run: build/workloads/hello.elf
status: 7
out: hello from env 10000 (getenvid 10000)
