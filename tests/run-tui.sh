#!/bin/sh
# run-tui.sh: drive the TUI debugger (sim --debug) through tmux.
#
# Without a terminal, sim --debug must refuse with status 202.  In an
# 80x24 tmux pane with build/tests/tui/dbgprog.elf (default machine
# dec5000, --check-hazards): type a line of console input; step five
# times, step back (p) and forward again: the cycle and instruction
# counters and the PC must be those seen before; catch Sys, continue;
# the screen must name the exception and its vector with the PC there;
# step into the handler (exc_handler); run to the exception's return
# (the instruction after the syscall, with a latency in cycles); after
# a resize to 100x30 the layout must fill the new size; the tail call
# (until tail_outer, finish: must stop right after the call in main,
# though tail_leaf returns by `jr t0`); run back (P) to a breakpoint at
# `add` passed earlier; continue to the halt: console output (with the
# typed input echoed) and the hazard report shown in the TUI, not over
# it; quit with the guest's status 0; the report repeated on stderr.
# Then, in a 160x50 pane, the source pane, a changed register in colour
# and the layouts; and under NO_COLOR in 80x24, no colour but the changed
# register still marked, and keys typed during a run counted, not
# stopping it, until Esc does.
# Every wait is bounded; the tmux session is always killed.

cd "$(dirname "$0")/.." || exit 2
ELF=build/tests/tui/dbgprog.elf
[ -x ./sim ] && [ -f $ELF ] || { echo "run-tui: ./sim or $ELF not built (run make)"; exit 2; }
command -v tmux >/dev/null || { echo "run-tui: SKIP (no tmux)"; exit 0; }

tmp=$(mktemp -d) || exit 2
S0=exosim-tui-$$
S=$S0
trap 'for s in $S0 $S0-wide $S0-nocolor; do tmux kill-session -t $s 2>/dev/null; done; rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS tui/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL tui/$1: $2"; fail=$((fail + 1)); }

./sim --debug $ELF </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -eq 202 ] && grep -q "needs a terminal" "$tmp/err"; then
	ok no-terminal
else
	bad no-terminal "status $st: $(cat "$tmp/err")"
fi

screen() { tmux capture-pane -p -t $S; }
# Wait (at most 5 s) until the screen matches the extended regex $1.
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		screen >"$tmp/screen" 2>/dev/null
		grep -Eq "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# Check step $1: wait for $2, then report.
expect() {
	if wait_for "$2"; then ok "$1"; else bad "$1" "no /$2/ on screen:"; cat "$tmp/screen"; fi
}
addr_of() { mipsel-linux-gnu-nm $ELF | awk -v s="$1" '$3 == s { print substr($1, length($1) - 7) }'; }

handler=$(addr_of exc_handler)
sys=$(mipsel-linux-gnu-objdump -d $ELF | awk '$3 == "syscall" { sub(":", "", $1); print $1; exit }')
resumed=$(printf '%08x' $((0x$sys + 4)))
[ ${#handler} -eq 8 ] && [ ${#sys} -eq 8 ] || { echo "run-tui: no exc_handler/syscall in $ELF"; exit 1; }

tail=$(addr_of tail_outer)
after_tail=$(mipsel-linux-gnu-objdump -d $ELF |
	awk '$3 == "jal" && /<tail_outer>/ { sub(":", "", $1); print $1; exit }')
after_tail=$(printf '%08x' $((0x$after_tail + 8)))
add=$(addr_of add)

tmux new-session -d -s $S -x 80 -y 24 \
	"TERM=xterm ./sim --debug --check-hazards $ELF 2>$tmp/stderr; echo \$? >$tmp/status; sleep 10" ||
	{ bad start "tmux"; exit 1; }
expect start "stopped at entry"

tmux send-keys -t $S i hello Enter
expect input-sent "sent 6 bytes to the console input"

# Counters and PC as the screen shows them.
state() { screen | grep -Eo 'cycle [0-9]+ \| insns [0-9]+|pc [0-9a-f]{8}' | tr '\n' ' '; }
tmux send-keys -t $S s s s s
sleep 0.3
tmux send-keys -t $S s
wait_for "insns 5 " && before=$(state)
tmux send-keys -t $S p
expect step-back "insns 4 .*|stopped at .*back; console output stays"
wait_for "insns 4 " && back=$(state)
tmux send-keys -t $S s
wait_for "insns 5 " && again=$(state)
if [ -n "$before" ] && [ "$before" = "$again" ] && [ "$back" != "$before" ]; then
	ok back-and-forth-identical
else
	bad back-and-forth-identical "before '$before', back '$back', again '$again'"
fi

tmux send-keys -t $S e Sys Enter
expect catch "catching exceptions"
tmux send-keys -t $S c
expect exc-name "exception Sys from kernel mode .* vector 0x80000080"
expect exc-pc ">  80000080 "
expect exc-cause "Cause  00000020 Sys"

tmux send-keys -t $S s s s s
expect step-into-handler "^exc_handler:|> *$handler "
expect handler-pc "pc $handler"

tmux send-keys -t $S r
expect run-to-return "returned from Sys to .*latency [0-9]+ cycles"
expect resumed-pc "pc $resumed"

tmux resize-window -t $S -x 100 -y 30 2>/dev/null
sleep 0.3
if [ "$(screen | wc -l)" -ge 30 ] && wait_for "q quit" &&
   [ "$(grep -n 'q quit' "$tmp/screen" | cut -d: -f1)" = 30 ]; then
	ok resize
else
	bad resize "key line not on row 30"
fi

tmux send-keys -t $S u tail_outer Enter
expect until-tail "pc $tail"
tmux send-keys -t $S f
expect finish-tail-call "stopped at main\+0x[0-9a-f]+"
expect finish-tail-pc "pc $after_tail"
expect sym-target "jal 0x[0-9a-f]{8} <tail_outer>"

tmux send-keys -t $S b add Enter
tmux send-keys -t $S P
expect reverse-continue "breakpoint at add"
expect reverse-continue-pc "pc $add"
tmux send-keys -t $S ':delete add' Enter
expect delete-add "deleted breakpoint"

tmux send-keys -t $S c
expect halt "guest halted with status 0"
expect console "watched=5 syscalls=1 tail=5"
expect console-input "input=\[hello\]"
expect hazard-in-tui "hazard at 0x[0-9a-f]+ <hazard_site\+0x4>"
if grep -n 'q quit' "$tmp/screen" | cut -d: -f1 | grep -qx 30; then
	ok hazard-no-scribble
else
	bad hazard-no-scribble "key line moved"
fi
tmux send-keys -t $S q
i=0
while [ ! -s "$tmp/status" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$tmp/status" 2>/dev/null)" = 0 ]; then ok quit-status; else bad quit-status "status '$(cat "$tmp/status" 2>/dev/null)'"; fi
if grep -q "hazard at .*<hazard_site" "$tmp/stderr"; then ok hazard-stderr-at-exit; else bad hazard-stderr-at-exit "$(cat "$tmp/stderr")"; fi

# Source, colour, layouts: the exokernel with hello.elf in a 160x50
# pane.  At a breakpoint on hello's main the source pane (from the
# module's line information) sits between the disassembly and the side
# pane, its line marked; a step that sets v0 shows v0 in colour (tmux
# capture -e keeps the attributes); `l` puts the source in place of the
# disassembly, `l` again the whole TLB (entry 63 on screen).
S=$S0-wide
tmux new-session -d -s $S -x 160 -y 50 \
	"TERM=xterm ./sim --debug build/exokernel.elf build/workloads/hello.elf; sleep 10" ||
	{ bad start-wide "tmux"; exit 1; }
expect start-wide "stopped at entry"
tmux send-keys -t $S b main Enter
tmux send-keys -t $S c
expect wide-break "breakpoint at main"
expect source-pane " disassembly +source (hello\.c|exos\.h):[0-9]+ +1 stack"
expect source-line-marked "> +[0-9]+ +(register|int main|\{)"
main_sys=$(mipsel-linux-gnu-objdump -d build/workloads/hello.elf |
	awk '/<main>:/ { m = 1 } m && $3 == "li" && $4 == "v0,2" { sub(":", "", $1); print $1; exit }')
tmux send-keys -t $S u "0x$main_sys" Enter
tmux send-keys -t $S s
wait_for "pc $(printf %08x $((0x$main_sys + 4)))"
if tmux capture-pane -e -p -t $S | grep -Eq "v0 .\[1m.\[33m00000002"; then
	ok changed-register-colour
else
	bad changed-register-colour "v0 not shown changed: $(tmux capture-pane -e -p -t $S | grep ' v0 ' | cat -v)"
fi
tmux send-keys -t $S l
expect layout-source "^ source hello\.c:[0-9]+ "
tmux send-keys -t $S l
expect layout-tlb "TLB \(whole\)"
expect layout-tlb-63 " 63 [0-9a-f]{5}/"
tmux send-keys -t $S q

# NO_COLOR: no colour at all, the changed register still marked (bold
# and underline).  Keys typed while a run goes on do not stop it: they
# are counted; Esc stops it and the stop line says why.
S=$S0-nocolor
tmux new-session -d -s $S -x 80 -y 24 \
	"TERM=xterm NO_COLOR=1 ./sim --debug build/tests/trace/spin.elf; sleep 10" ||
	{ bad start-nocolor "tmux"; exit 1; }
expect start-nocolor "stopped at entry"
tmux send-keys -t $S s
wait_for "insns 1 "
if tmux capture-pane -e -p -t $S | grep -q "$(printf '\033')\[3[0-7]m"; then
	bad no-color "colour under NO_COLOR"
else
	ok no-color
fi
if tmux capture-pane -e -p -t $S | grep -Eq "t0 .\[1(;|m.\[)4mb7000000"; then
	ok no-color-changed-marked
else
	bad no-color-changed-marked "$(tmux capture-pane -e -p -t $S | grep ' t0 ' | cat -v)"
fi
tmux send-keys -t $S c
sleep 0.3
tmux send-keys -t $S z z
expect keys-ignored-running "running\.\.\. \(Esc or Ctrl-C stops; 2 keys ignored\)"
tmux send-keys -t $S Escape
expect esc-stops "interrupted at .* \(Esc or Ctrl-C\) \[2 keys typed while running ignored\]"
tmux send-keys -t $S q

echo "run-tui: $pass passed, $fail failed"
[ $fail -eq 0 ]
