# The same with no input at all (stdin is /dev/null, a device, polled:
# the end is seen at the first poll).
run: build/workloads/readwait.elf
status: 197
out: waits for console input, but the input has ended (stdin at EOF)
