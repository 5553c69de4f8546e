# A program waiting (SYS_CWAIT) for console input that has ended: its
# input file stops before the newline and nothing else can run, so the
# kernel says so and stops with status 197, instead of idling to the
# cycle limit (the simulator's SIMCTL_INPUT_END says the input ended).
run: build/workloads/readwait.elf
in: tests/kernel/input_end.in
status: 197
out: [aegis] env 10000 waits for console input, but the input has ended (stdin at EOF): nothing can run; stopping
no: line:
