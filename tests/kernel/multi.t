# Two boot modules, two environments: both run; the machine halts with
# the status of the last one to exit.
run: build/workloads/hello.elf build/workloads/prot_sys.elf
status: 0
out: hello from env 10000 (getenvid 10000)
out: still alive, getenvid: 66560 ok
