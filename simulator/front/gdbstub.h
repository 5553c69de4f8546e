/*
 * front/gdbstub.h: a gdb remote-serial-protocol server for one machine
 * (`sim --gdb PORT`).  It listens on 127.0.0.1:PORT only, serves one
 * gdb connection (`set architecture mips:3000`, `target remote :PORT`)
 * and returns the exit status of the `sim` program: the guest's halt
 * status, SIM_EXIT_INTERRUPTED when gdb kills the machine, or
 * SIM_EXIT_BAD_INPUT when the port cannot be used.
 */
#ifndef FRONT_GDBSTUB_H
#define FRONT_GDBSTUB_H

#include "../exosim.h"

int gdbstub_run(struct machine *m, int port);

#endif /* FRONT_GDBSTUB_H */
