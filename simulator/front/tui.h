/*
 * front/tui.h: the ncurses debugger (`sim --debug`).  Takes over the
 * terminal, shows the machine (registers, decoded CP0, disassembly,
 * stack, memory, TLB, console output, exceptions in progress) and runs
 * it under the user's control (docs/DEBUGGING.md lists the keys).
 *
 * Returns the exit status of the `sim` program: the guest's halt
 * status if it halted, SIM_EXIT_INTERRUPTED if the user quit first,
 * SIM_EXIT_BAD_INPUT (with a message) if there is no usable terminal.
 * The machine must have been configured with console_echo off.
 */
#ifndef FRONT_TUI_H
#define FRONT_TUI_H

#include "../exosim.h"

/* `input_fd`: the write end of the pipe the machine reads as console
 * input (-1: none); the TUI sends typed characters there. */
int tui_run(struct machine *m, int input_fd);

#endif /* FRONT_TUI_H */
