# ExOS's shell (workloads/sh.c) driven by a file of input lines
# (tests/kernel/sh.in), its programs the boot modules after it, only
# the shell started (boot=1): programs run by name with arguments, in
# the foreground and together (&), each one's exit status shown; a wild
# store to the kernel (killed by the kernel) and to an unmapped page
# (exos's segmentation fault), bad system calls (refused, it exits 3),
# a spinner (killed by the shell at its limit) and one that never gives
# a slice back (killed by the kernel for excess time) do not stop the
# shell; an environment variable reaches a program; exec runs a program
# in the same environment (pid, parent; twice in a row), its arguments
# from a heap it gives back, and frees the old image: a program run
# through exec owns two pages more than run directly (the old save area
# and the trampoline's page); a program that attacks the shell through
# the process calls is refused every time; a program reads the next
# input line itself; the shell exits 5.
run: build/workloads/sh.elf build/workloads/echo.elf build/workloads/ret.elf build/workloads/count.elf build/workloads/wild.elf build/workloads/badsys.elf build/workloads/spin.elf build/workloads/printenv.elf build/workloads/execer.elf build/workloads/owned.elf build/workloads/hostile.elf build/workloads/upper.elf -- boot=1
in: tests/kernel/sh.in
status: 5
out: programs: echo.elf ret.elf count.elf wild.elf badsys.elf spin.elf printenv.elf execer.elf
re: ^\$ echo\[([0-9a-f]+), parent 10000\]: hello two words three$
re: ^\[[0-9a-f]+\] exit 0$
out: ret: exit 42
re: ^\[[0-9a-f]+\] exit 42$
out: sh: nosuch: no such program (-1)
re: ^\$ \[[0-9a-f]+\] count &$
out: a 3
out: b 3
re: ^\[[0-9a-f]+\] exit 3$
out: [aegis] env 40400 destroyed: unhandled address error store at pc
out: [40400] killed: unhandled address error store
out: exos: segmentation fault at 40000000
out: [50400] exit 11
out: badsys: 7 bad calls refused
out: [60400] exit 3
out: [70400] killed by the shell: over its limit of 20 million cycles
out: [80400] killed: excess time (did not give back its slice)
out: GREETING=hi
out: execer[a0400]: exec echo
out: echo[a0400, parent 10000]: exec'd with args
out: [a0400] exit 0
out: ret: exit 7
out: [b0400] exit 7
out: execer: exec nosuch: no such program (-1)
out: [c0400] exit 127
out: execer[d0400]: exec execer
out: execer[d0400]: exec ret
out: ret: exit 9
out: [d0400] exit 9
out: owned[e0400]: 14 pages
out: owned[f0400]: 16 pages
out: hostile: 11 of 11 attacks on the shell refused
out: upper: MAKE ME LOUD
no: WRONG
