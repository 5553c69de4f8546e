#!/bin/sh
# run-trace.sh: tests of the tracer and the profiler (docs/TRACING.md).
#
# Runs the programs in tests/trace/ with --trace and --profile and
# checks: the reference traces (traces/check-reference.sh); the spans
# the latency program must produce and their counts; the same trace
# whether the tracer's instruction hook is switched on only when needed
# or on throughout; filters, the ring, probes and marker/probe spans;
# JSON that parses; the profiler's call counts against probe counts;
# callgrind output accepted by callgrind_annotate; folded stacks that
# sum to the profile's total; simctl and --profile-from/--profile-to
# control; complete files on every exit path (halt, cycle limit,
# wedged, SIGINT, a gdb client that hangs up); bad input.
# One line per check, then a summary; exit 1 if any failed.

cd "$(dirname "$0")/.." || exit 2
. bench/python.sh
SIM=./sim
T=build/tests/trace
[ -x "$SIM" ] || { echo "run-trace: $SIM not built (run make)"; exit 2; }
for p in latency wedge spin callgraph; do
	[ -f "$T/$p.elf" ] || { echo "run-trace: $T/$p.elf not built (run make)"; exit 2; }
done

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS trace/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL trace/$1: $2"; fail=$((fail + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$*"; fi; }

json_ok() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null; }
# The count column of span $2 in summary file $1.
span_count() {
	awk -v s="$2" 'index($0, s) == 1 { $0 = substr($0, length(s) + 1); print $1; exit }' "$1"
}

# ---- reference traces ---------------------------------------------------
if sh traces/check-reference.sh >"$tmp/ref" 2>&1; then
	ok "reference traces"
else
	bad "reference traces" "$(grep -v PASS "$tmp/ref" | head -5)"
fi

# ---- latency program: spans ----------------------------------------------
L=$T/latency.elf
C0=$T/callgraph.elf
$SIM --no-console --machine dec5000 --trace "$tmp/l.txt" --span refills=10,11 \
	--probe gen=gen_handler --probe map=sys_map --span mapcall=gen,map "$L"
check "latency halts 0" [ $? -eq 0 ]
check "kernel refills: 4" [ "$(span_count "$tmp/l.txt" "utlb refill (kernel) miss->rfe")" = 4 ]
check "passed-up misses: 2" [ "$(span_count "$tmp/l.txt" "utlb passed up miss->app handler")" = 2 ]
check "passed-up retries: 2" [ "$(span_count "$tmp/l.txt" "utlb passed up miss->retry")" = 2 ]
check "syscalls to handler: 5" [ "$(span_count "$tmp/l.txt" "exc->handler Sys user")" = 5 ]
check "syscall returns to EPC+4: 4" [ "$(span_count "$tmp/l.txt" "exc->resume Sys user (EPC+4)")" = 4 ]
nint=$(span_count "$tmp/l.txt" "exc->handler Int user")
check "irq raise->handler per interrupt" [ -n "$nint" ] && [ "$(span_count "$tmp/l.txt" "irq IP4 raise->handler")" = "$nint" ]
check "marker span: 1" [ "$(span_count "$tmp/l.txt" "refills")" = 1 ]
check "probe span gen->map: 2" [ "$(span_count "$tmp/l.txt" "mapcall")" = 2 ]
check "summary has us rows" grep -q '^ *us ' "$tmp/l.txt"

# ---- formats, filters, ring ----------------------------------------------
$SIM --no-console --trace "$tmp/l.json" "$L"
check "json parses" json_ok "$tmp/l.json"
check "json has X spans" grep -q '"ph":"X"' "$tmp/l.json"
$SIM --no-console --trace "$tmp/all.csv" "$L"
$SIM --no-console --trace "$tmp/tlb.csv" --trace-filter kinds=tlb "$L"
check "kinds filter" [ "$(tail -n +2 "$tmp/tlb.csv" | cut -d, -f3 | sort -u | tr '\n' ' ')" = "tlbwrite " ]
check "kinds filter keeps all TLB writes" [ "$(grep -c ',tlbwrite,' "$tmp/all.csv")" = "$(tail -n +2 "$tmp/tlb.csv" | wc -l)" ]
$SIM --no-console --trace "$tmp/win.csv" --trace-filter cycles=2000-4000 "$L"
check "cycle window" awk -F, 'NR > 1 && ($1 < 2000 || $1 >= 4000) { exit 1 }' "$tmp/win.csv"
check "cycle window not empty" [ "$(wc -l <"$tmp/win.csv")" -gt 1 ]
$SIM --no-console --trace "$tmp/addr.csv" --trace-filter addr=0x00400000-0x00400fff "$L"
check "address filter" awk -F, 'NR > 1 && ($7 < "0x00400000" || $7 > "0x00400fff") { exit 1 }' "$tmp/addr.csv"
$SIM --no-console --trace "$tmp/asid.csv" --trace-filter asid=2 "$L"
check "asid filter (none in ASID 2)" [ "$(wc -l <"$tmp/asid.csv")" = 1 ]
$SIM --no-console --trace "$tmp/ring.csv" --trace-ring 7 "$L"
check "ring keeps the last 7" [ "$(tail -n +2 "$tmp/ring.csv" | wc -l)" = 7 ]
check "ring ends like the full trace" [ "$(tail -n 3 "$tmp/ring.csv" | cut -d, -f1-4)" = "$(tail -n 3 "$tmp/all.csv" | cut -d, -f1-4)" ]
$SIM --no-console --trace "$tmp/ring.json" --trace-ring 5 "$L"
check "ring json parses" json_ok "$tmp/ring.json"
$SIM --no-console --trace "$tmp/p.csv" --probe gen=gen_handler --trace-filter kinds=probe "$L"
check "probe fires per general exception" [ "$(tail -n +2 "$tmp/p.csv" | wc -l)" = "$(grep ',exception,' "$tmp/all.csv" | grep -vc 'vector,0x80000000\|,0x80000000,')" ]
# Without probes the tracer switches its instruction hook on only from an
# exception to its handler and from an RFE to the next instruction; a
# probe that never fires keeps it on throughout.  Same trace either way.
for prog in "$L" "$C0"; do
	for mach in dec5000 ideal; do
		$SIM --no-console --machine $mach --trace "$tmp/ev.csv" "$prog" >/dev/null
		$SIM --no-console --machine $mach --trace "$tmp/hk.csv" --probe never=0xfffffffc \
			"$prog" >/dev/null
		check "hook only when needed: $(basename "$prog") $mach" cmp -s "$tmp/ev.csv" "$tmp/hk.csv"
	done
done
$SIM --no-console --trace-summary "$L" 2>"$tmp/sum.err" >/dev/null
check "--trace-summary to stderr" grep -q 'utlb refill (kernel)' "$tmp/sum.err"
check "histogram svg" sh -c "$PYTHON traces/histogram.py '$tmp/all.csv' '$tmp/h.svg' >/dev/null && $PYTHON -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' '$tmp/h.svg'"

# Perfetto output of the whole main job (make run's workload), gzipped
# by its name: it parses, every track's spans nest (tests/trace-nesting.py),
# and it stays small (about 3.4 MB; 93 MB as plain JSON before the
# .gz output).
$SIM --no-console --trace "$tmp/run.json.gz" build/exokernel.elf build/workloads/bench.elf >/dev/null
check "json.gz nests on every track" python3 tests/trace-nesting.py "$tmp/run.json.gz"
check "json.gz of make run under 8 MB" [ "$(wc -c <"$tmp/run.json.gz")" -lt 8000000 ]
check "json.gz tracks named per environment" sh -c "zcat '$tmp/run.json.gz' | grep -q '\"name\":\"asid 1: exceptions\"'"

# ---- profiler ---------------------------------------------------------------
C=$T/callgraph.elf
$SIM --no-console --profile "$tmp/cg.txt" --trace "$tmp/cg.csv" --probe fib=fib \
	--probe leaf=leaf --trace-filter kinds=probe "$C"
check "callgraph halts 0" [ $? -eq 0 ]
calls() { awk -v f="$2" '$NF == f { print $6 }' "$1"; }
check "leaf called 100 times" [ "$(calls "$tmp/cg.txt" leaf)" = 100 ]
check "mid called 10 times" [ "$(calls "$tmp/cg.txt" mid)" = 10 ]
check "fib calls = fib probe hits" [ "$(calls "$tmp/cg.txt" fib)" = "$(grep -c ',fib,' "$tmp/cg.csv")" ]
check "skipped() not profiled (reset, off)" sh -c "! grep -q ' skipped\$' '$tmp/cg.txt'"
$SIM --no-console --profile "$tmp/callgrind.out.cg" "$C"
check "callgrind_annotate accepts" sh -c "callgrind_annotate '$tmp/callgrind.out.cg' >'$tmp/ann' 2>'$tmp/ann.err' && grep -q ':fib ' '$tmp/ann' && ! grep -q . '$tmp/ann.err'"
$SIM --no-console --profile "$tmp/cg.folded" "$C"
total=$(awk 'NR == 1 { print $3 }' "$tmp/cg.txt")
check "folded sums to the total" [ "$(awk '{ s += $NF } END { print s }' "$tmp/cg.folded")" = "$total" ]
check "folded stack main;mid;leaf" grep -q '^_start;main;mid;leaf [0-9]*$\|^main;mid;leaf [0-9]*$' "$tmp/cg.folded"
$SIM --no-console --profile "$tmp/ft.txt" --profile-from mid --profile-to fib "$C"
check "--profile-from/--profile-to" sh -c "grep -q ' leaf\$' '$tmp/ft.txt' && ! grep -q ' fib\$' '$tmp/ft.txt'"
# The two views agree: callgrind_annotate's inclusive cycles are the
# text report's for every function (frames entered by exceptions, code
# reached without a call, several environments each on its own stack),
# instructions are --stats' (a faulting instruction does not complete),
# the cmd: line names every image, and positions carry source lines.
K=build/exokernel.elf
for w in callgraph bench pct; do
	case $w in callgraph) set -- "$C" ;; *) set -- $K build/workloads/$w.elf ;; esac
	$SIM --no-console --profile "$tmp/v.txt" --profile-top 100000 --stats "$@" \
		>/dev/null 2>"$tmp/v.stats"
	$SIM --no-console --profile "$tmp/v.out" --profile-format callgrind "$@" >/dev/null
	check "profile views agree ($w)" python3 tests/profile-agree.py "$tmp/v.txt" "$tmp/v.out"
	# (callgraph.c switches the profiler off and resets it itself)
	[ $w = callgraph ] || check "profile instructions = --stats ($w)" [ "$(awk 'NR == 1 { print $10 }' "$tmp/v.txt")" = \
		"$(awk '$1 == "instructions" { print $2 }' "$tmp/v.stats")" ]
done
check "callgrind cmd: names the modules" grep -qx "cmd: $K build/workloads/pct.elf" "$tmp/v.out"
# (relative to the working directory when under it: make check-asan runs
# from build/asan/tree, where the name stays absolute)
check "callgrind fl= and lines" sh -c "grep -Eqx 'fl=(/.*/)?workloads/pct\.c' '$tmp/v.out' &&
	grep -Eq '^0x004[0-9a-f]{5} [1-9][0-9]* ' '$tmp/v.out'"
$SIM --no-console --profile "$tmp/top.txt" --profile-top 2 "$C"
check "--profile-top 2" [ "$(tail -n +4 "$tmp/top.txt" | wc -l)" = 2 ]

# ---- every exit path leaves complete files ----------------------------------
exit_path() {   # name, expected status, sim arguments...
	n=$1; want=$2; shift 2
	$SIM --no-console --trace "$tmp/$n.json" --profile "$tmp/callgrind.out.$n" "$@" \
		>/dev/null 2>&1
	st=$?
	check "$n: exit status $want" [ $st -eq "$want" ]
	check "$n: json complete" json_ok "$tmp/$n.json"
	check "$n: callgrind complete" sh -c "callgrind_annotate '$tmp/callgrind.out.$n' >/dev/null 2>&1"
}
exit_path halt 0 "$L"
exit_path cyclelimit 200 --max-cycles 3000 "$L"
exit_path wedged 201 $T/wedge.elf
$SIM --no-console --trace "$tmp/int.json" --profile "$tmp/callgrind.out.int" $T/spin.elf \
	>/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -INT $pid
wait $pid
st=$?
check "SIGINT: exit status 204" [ $st -eq 204 ]
check "SIGINT: json complete" json_ok "$tmp/int.json"
check "SIGINT: json has the marker" grep -q '"marker 7"' "$tmp/int.json"
check "SIGINT: callgrind complete" sh -c "callgrind_annotate '$tmp/callgrind.out.int' | grep -q step"
# A gdb that hangs up with replies unread: sim must not die of SIGPIPE,
# must run on to --max-cycles (the bound holds under --gdb) and finish
# its files (tests/gdbraw.py).
port=$((20000 + ($$ + 7) % 10000))
timeout 30 $SIM --no-console --gdb $port --max-cycles 3000000 --trace "$tmp/hup.json" \
	--profile "$tmp/callgrind.out.hup" $T/spin.elf >/dev/null 2>"$tmp/hup.err" &
pid=$!
python3 tests/gdbraw.py $port hangup
wait $pid
st=$?
check "gdb hang-up: exit status 200" [ $st -eq 200 ]
check "gdb hang-up: cycle limit reported" grep -q "cycle limit of 3000000" "$tmp/hup.err"
check "gdb hang-up: json complete" json_ok "$tmp/hup.json"
check "gdb hang-up: callgrind complete" sh -c "callgrind_annotate '$tmp/callgrind.out.hup' | grep -q step"

# ---- bad input ----------------------------------------------------------
badin() {   # name, sim arguments...
	n=$1; shift
	$SIM --no-console "$@" "$L" >/dev/null 2>"$tmp/bad.err"
	st=$?
	check "bad input: $n" sh -c "[ $st -eq 202 ] && grep -q 'sim: ' '$tmp/bad.err'"
}
badin "format" --trace "$tmp/x" --trace-format xml
badin "filter" --trace "$tmp/x" --trace-filter kinds=nosuch
badin "window" --trace "$tmp/x" --trace-filter cycles=9-3
badin "probe symbol" --trace "$tmp/x" --probe p=no_such_symbol
badin "span endpoint" --trace "$tmp/x" --span s=1,nosuch
badin "span syntax" --trace "$tmp/x" --span s=1
badin "ring" --trace "$tmp/x" --trace-ring 0
badin "profile format" --profile "$tmp/x" --profile-format pdf
badin "profile-from symbol" --profile "$tmp/x" --profile-from no_such_symbol
badin "profile-from without --profile" --profile-from main
badin "unwritable trace" --trace /nonexistent/dir/t.csv

echo "run-trace: $pass passed, $fail failed"
[ $fail -eq 0 ]
