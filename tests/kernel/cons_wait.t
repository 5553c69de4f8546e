# Console input that comes later, through a pipe: SYS_CGETC returns 0,
# the environment waits in SYS_CWAIT off the CPU (a child runs), and
# the console input interrupt wakes it when the rest of the line comes;
# once its child is gone the kernel idles until the interrupt.
# The first part comes a second after the start, so that the first read
# finds nothing even on a slow or loaded host (a sanitized sim takes
# more than half a second to boot under load).
run: build/workloads/cons.elf
pipe: sleep 1; printf 'wa'; sleep 0.2; printf 'it'; sleep 0.2; printf 'ed\n'
status: 0
out: line: waited
out: waited for input: yes
out: child destroyed: 0
