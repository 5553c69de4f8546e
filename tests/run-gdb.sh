#!/bin/sh
# run-gdb.sh: drive the gdb stub (sim --gdb PORT) with gdb-multiarch.
#
# Against build/tests/tui/dbgprog.elf: break at `add`, continue, and
# check the stop (PC = add, a0/a1 = 2/3 in `info registers`, sr/cause/pc
# present); set a watchpoint on `watched`, continue, and check that the
# stub reported it (T05watch:<watched>) with the PC at `store_site`
# (from nm) and gdb shows the new value 5; continue to the exit and
# check sim's status is the guest's 0.  A second session kills the
# machine (sim exits 204).  A third stops in exc_handler after the
# SYSCALL and checks sr (IEc pushed to IEp: 4), cause (Sys: 0x20), bad
# and pc in `info registers`; then steps three instructions, steps one
# back (reverse-stepi) and forward again, comparing the PCs, and runs
# backwards (reverse-continue) to the breakpoint at exc_handler.  A
# fourth stops there too and reads the CP0 registers the target
# description adds (epc = the syscall's address from objdump, cause
# 0x20, prid the R3000A's 0x230, entryhi written through MTC0's mask),
# checks `info frame` fetches every register, ignores a write to prid,
# and sets epc to `add`: ten steps (gdb steps with the stub's s packet, as
# the OS ABI is none: the rfe in jr's delay slot is a step) return
# to add+4.  A fifth boots the exokernel with hello.elf: gdb lists the
# module (qXfer:libraries), stops at its main with source lines, and
# finds the kernel's lines.
# Ports come from 20000 + $$ % 10000; every wait is bounded and sim is
# always killed.

cd "$(dirname "$0")/.." || exit 2
ELF=build/tests/tui/dbgprog.elf
[ -x ./sim ] && [ -f $ELF ] || { echo "run-gdb: ./sim or $ELF not built (run make)"; exit 2; }
command -v gdb-multiarch >/dev/null || { echo "run-gdb: SKIP (no gdb-multiarch)"; exit 0; }

tmp=$(mktemp -d) || exit 2
simpid=
trap '[ -n "$simpid" ] && kill $simpid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS gdb/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL gdb/$1: $2"; fail=$((fail + 1)); }
check() { if grep -Eq "$2" "$tmp/gdb"; then ok "$1"; else bad "$1" "no /$2/ in gdb output"; fi; }
addr_of() { mipsel-linux-gnu-nm $ELF | awk -v s="$1" '$3 == s { print substr($1, length($1) - 7) }'; }
# A 32-bit address as the stub sends registers: little-endian hex.
le() { echo "$1" | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/'; }

# start_sim N [FILE...]: sim (on $ELF, or the files given) on a free
# port; sets port and simpid.
start_sim() {
	port=$((20000 + ($$ + $1) % 10000))
	shift
	[ $# -gt 0 ] || set -- $ELF
	timeout 30 ./sim --gdb $port "$@" >"$tmp/sim.out" 2>"$tmp/sim.err" &
	simpid=$!
	i=0
	until grep -q "waiting for gdb" "$tmp/sim.err" 2>/dev/null || [ $i -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
# Wait (at most 5 s) for sim to exit; sets simst.
wait_sim() {
	i=0
	while kill -0 $simpid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	kill $simpid 2>/dev/null
	wait $simpid
	simst=$?
	simpid=
}
gdb_run() {
	timeout 20 gdb-multiarch --batch -nx -ex 'set architecture mips:3000' \
		-ex 'set endian little' -ex "file $ELF" -ex "target remote :$port" "$@" \
		>"$tmp/gdb" 2>&1
}

add=$(addr_of add)
watched=$(addr_of watched)
site=$(addr_of store_site)
[ ${#add} -eq 8 ] && [ ${#watched} -eq 8 ] && [ ${#site} -eq 8 ] ||
	{ echo "run-gdb: symbols missing from $ELF"; exit 1; }

start_sim 0
gdb_run -ex 'break add' -ex 'continue' -ex 'info registers' -ex 'printf "PC=%08x\n", $pc' \
	-ex 'watch watched' -ex 'set debug remote 1' -ex 'continue' -ex 'set debug remote 0' \
	-ex 'continue'
wait_sim
check break-at-symbol "Breakpoint 1, add \(a=2, b=3\)"
check pc-at-symbol "PC=$add"
check registers " a0 .*a1 "
check registers-a0-a1 "^ R0 +0+ +[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +0+2 +0+3 "
check registers-cp0 "status +lo +hi +badvaddr +cause +pc"
check registers-cp0x "index +random +entrylo +context +entryhi +epc"
check watch-stub-pc "T05watch:$watched;25:$(le $site);"
check watch-new-value "New value = 5"
check exited "exited normally"
if [ "$simst" = 0 ] && grep -q "watched=5" "$tmp/sim.out"; then ok exit-status; else bad exit-status "sim status $simst"; fi

start_sim 1
gdb_run -ex 'stepi' -ex 'printf "PC=%08x\n", $pc' -ex 'kill'
wait_sim
check stepi "PC=$(printf %08x $((0x$(addr_of _start) + 4)))"
if [ "$simst" = 204 ]; then ok kill-status; else bad kill-status "sim status $simst"; fi

handler=$(addr_of exc_handler)
start_sim 2
gdb_run -ex 'break exc_handler' -ex 'continue' -ex 'info registers' \
	-ex 'stepi' -ex 'stepi' -ex 'printf "P1=%08x\n", $pc' -ex 'stepi' -ex 'printf "P2=%08x\n", $pc' \
	-ex 'reverse-stepi' -ex 'printf "R1=%08x\n", $pc' -ex 'stepi' -ex 'printf "F2=%08x\n", $pc' \
	-ex 'reverse-continue' -ex 'printf "RC=%08x\n", $pc' -ex 'kill'
wait_sim
check sys-sr-cause-pc "^ +00000004 +[0-9a-f]{8} +[0-9a-f]{8} +00000000 +00000020 +$handler"
p1=$(sed -n 's/^P1=//p' "$tmp/gdb")
p2=$(sed -n 's/^P2=//p' "$tmp/gdb")
if [ -n "$p1" ] && [ "$p1" != "$p2" ] && grep -qx "R1=$p1" "$tmp/gdb" && grep -qx "F2=$p2" "$tmp/gdb"; then
	ok reverse-stepi
else
	bad reverse-stepi "P1=$p1 P2=$p2: $(grep -E '^(R1|F2)=' "$tmp/gdb" | tr '\n' ' ')"
fi
check reverse-continue "^RC=$handler"

sys=$(mipsel-linux-gnu-objdump -d $ELF | awk '$NF == "syscall" { sub(":", "", $1); print $1; exit }')
start_sim 5
gdb_run -ex 'break exc_handler' -ex 'continue' -ex 'info registers epc' -ex 'p/x $cause' \
	-ex 'p/x $prid' -ex 'info frame' -ex 'p $entryhi' -ex 'set $entryhi = 0x12345fc0' \
	-ex 'printf "EHI1=%08x\n", $entryhi' -ex 'set $entryhi = -1' -ex 'printf "EHI2=%08x\n", $entryhi' \
	-ex 'set $prid = 5' -ex 'printf "PRID=%08x\n", $prid' -ex 'set $epc = add' -ex 'stepi 10' \
	-ex 'printf "PC=%08x\n", $pc' -ex 'kill'
wait_sim
check info-registers-epc "^epc:? +0x$sys\$"
check cause-sys '^\$1 = 0x20$'
check prid '^\$2 = 0x230$'
if grep -q "Stack level 0, frame at" "$tmp/gdb" && ! grep -Eq "E01|Could not fetch" "$tmp/gdb"; then
	ok info-frame
else
	bad info-frame "$(grep -E 'E01|Could not fetch|Stack level' "$tmp/gdb" | head -1)"
fi
check entryhi '^\$3 = 0$'
check entryhi-write "^EHI1=12345fc0$"
check entryhi-mask "^EHI2=ffffffc0$"
check prid-read-only "^PRID=00000230$"
check epc-write-eret "^PC=$(printf %08x $((0x$add + 4)))$"

# Monitor commands: next-exception from the entry to the SYSCALL's
# vector (gdb re-reads the PC after a register-cache flush) and the
# exception listed with its EPC; counters before and after a stepi at
# `add` (both grown, cycles at least instructions), the machine profile
# (sim's default dec5000), the 64 TLB rows, and an unknown command
# answered with a message.
start_sim 7
gdb_run -ex 'monitor next-exception' -ex 'maint flush register-cache' -ex 'printf "PC=%08x\n", $pc' \
	-ex 'monitor exceptions' -ex 'break add' -ex 'continue' -ex 'monitor counters' -ex 'stepi' \
	-ex 'monitor counters' -ex 'monitor machine' -ex 'monitor tlb' -ex 'monitor nosuch' -ex 'kill'
wait_sim
set -- $(sed -n 's/^cycles \([0-9]*\), instructions \([0-9]*\)$/\1 \2/p' "$tmp/gdb")
if [ $# -eq 4 ] && [ "$4" -gt "$2" ] && [ "$3" -gt "$1" ] && [ "$3" -ge "$4" ]; then
	ok monitor-counters
else
	bad monitor-counters "counters: $*"
fi
check monitor-machine "^profile dec5000, clock [0-9]+ Hz, RAM [0-9]+ bytes$"
if [ "$(grep -Ec '^[0-9]{2} [0-9a-f]{5}/[0-9a-f]{2} [0-9a-f]{5} [-N][-D][-V][-G]' "$tmp/gdb")" = 64 ]; then
	ok monitor-tlb
else
	bad monitor-tlb "not 64 TLB rows"
fi
check monitor-next-exception "^exception Sys .*-> vector 0x80000080$"
check monitor-next-exception-pc "^PC=80000080$"
check monitor-exceptions "^cycle [0-9]+: Sys from kernel, epc 0x$sys, "
check monitor-unknown "^unknown monitor command \"nosuch\""

# Our own code at source level: the kernel's line information, and a
# boot module's symbols and lines, which gdb reads itself from the list
# of modules the stub reports (qXfer:libraries; the target description
# says OS ABI none, so gdb asks for it): no add-symbol-file.
start_sim 7 build/exokernel.elf build/workloads/hello.elf
timeout 20 gdb-multiarch --batch -ex "target remote :$port" -ex 'info sharedlibrary' \
	-ex 'b main' -ex c -ex bt -ex 'info line trap_syscall' -ex 'list hello.c:9,9' \
	-ex kill build/exokernel.elf >"$tmp/gdb" 2>&1
wait_sim
check module-listed "^0x00400000 +0x[0-9a-f]+ +Yes +/.*/build/workloads/hello.elf$"
check module-break-main "^Breakpoint 1, main \(arg=0, envid=[0-9]+\) at "
check module-bt "^#0  main \(arg=0, envid="
check kernel-line 'Line [0-9]+ of "exokernel/trap.c"'
check module-source '^9[[:space:]]+printf\("hello from env'

# The raw protocol (tests/gdbraw.py): a bad checksum gets '-', and the
# packet after it is served; --max-cycles holds under --gdb, reported
# to gdb as an exit with sim's status 200 (W c8).
start_sim 3
python3 tests/gdbraw.py $port badsum >"$tmp/gdb" 2>&1
wait_sim
check badsum-nak "^nak ok"
check badsum-then-ack "^ack ok"
check badsum-then-reply "^reply T05"
# The target description in small chunks and whole; p/P of CP0.
start_sim 6
python3 tests/gdbraw.py $port xfer >"$tmp/gdb" 2>&1
wait_sim
check qsupported-xfer "^supported .*qXfer:features:read\+"
for f in target mips-cpu mips-cp0 mips-fpu r3000-cp0; do check xfer-$f "^xfer ok $f.xml$"; done
check xfer-past-end "^past-end l$"
check xfer-unknown "^unknown E00$"
check p-prid "^prid 30020000$"
check P-prid-ignored "^P prid OK then 30020000$"
check P-epc "^P epc OK then 10320180$"
check p-beyond "^p79 E01$"
SPIN=build/tests/trace/spin.elf
port=$((20000 + ($$ + 4) % 10000))
timeout 30 ./sim --gdb $port --max-cycles 2000000 $SPIN >"$tmp/sim.out" 2>"$tmp/sim.err" &
simpid=$!
python3 tests/gdbraw.py $port cont >"$tmp/gdb" 2>&1
wait_sim
check max-cycles-exit "^stop Wc8\$"
if [ "$simst" = 200 ] && grep -q "cycle limit of 2000000" "$tmp/sim.err"; then
	ok max-cycles-status
else
	bad max-cycles-status "sim status $simst"
fi

echo "run-gdb: $pass passed, $fail failed"
[ $fail -eq 0 ]
