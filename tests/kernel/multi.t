# Two boot modules, two environments: both run; the machine halts with
# the status of the last one to exit.
run: build/workloads/hello.elf build/workloads/prot_sys.elf
status: 0
out: hello from env 40 (getenvid 40)
out: still alive, getenvid: 65 ok
