# Touching kernel memory (load, store through kseg1) and jumping into
# the kernel destroy the environment that does it; the parent goes on.
run: build/workloads/prot_kern.elf
status: 0
out: [aegis] env 10400 destroyed: unhandled address error load at pc
out: [aegis] env 20400 destroyed: unhandled address error load at pc 80000080
out: [aegis] env 30400 destroyed: unhandled address error store at pc
out: parent: children gone, parent alive
