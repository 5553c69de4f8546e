# Console input that comes later, through a pipe: SYS_CGETC returns 0,
# the environment waits in SYS_CWAIT off the CPU (a child runs), and
# the console input interrupt wakes it when the rest of the line comes;
# once its child is gone the kernel idles until the interrupt.
run: build/workloads/cons.elf
pipe: printf 'wa'; sleep 0.2; printf 'it'; sleep 0.2; printf 'ed\n'
status: 0
out: line: waited
out: waited for input: yes
out: child destroyed: 0
