# The shell waiting for console input that comes later, through a pipe
# (SYS_CWAIT: nothing else can run, so the kernel idles until the
# console's interrupt): it runs each line as it arrives, a background
# job meanwhile, and exits with the status asked.
run: build/workloads/sh.elf build/workloads/echo.elf build/workloads/count.elf -- boot=1
pipe: printf 'echo first\n'; sleep 0.2; printf 'count bg 2 &\n'; sleep 0.2; printf 'wait\necho sec'; sleep 0.2; printf 'ond\nexit 3\n'
status: 3
re: ^\$ echo\[[0-9a-f]+, parent 10000\]: first$
out: bg 2
re: ^\[[0-9a-f]+\] exit 2$
re: echo\[[0-9a-f]+, parent 10000\]: second$
no: WRONG
