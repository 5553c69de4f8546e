#!/bin/sh
# run-plots.sh: the trace plots (traces/histogram.py, traces/timeline.py)
# run headless (MPLBACKEND=Agg) on real traces: the exokernel's
# benchmark (tens of thousands of system-call spans with a long tail)
# and three environments sharing slices (workloads/cpushare.c).  Checks
# the PNG and SVG files, the bins chosen, the median and p99 against
# the tracer's own summary, the timeline's environments, and bad input.
# One line per check; exit 1 if any failed.

cd "$(dirname "$0")/.." || exit 2
. bench/python.sh
SIM=${SIM:-./sim}
K=build/exokernel.elf
for f in "$SIM" $K build/workloads/bench.elf build/workloads/cpushare.elf; do
	[ -e "$f" ] || { echo "run-plots: $f not built (run make)"; exit 2; }
done
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS plots/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL plots/$1: $2"; fail=$((fail + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$*"; fi; }
png() { head -c 8 "$1" | od -c | grep -q 'P   N   G'; }
svg() { "$PYTHON" -c 'import sys, xml.dom.minidom as m
assert m.parse(sys.argv[1]).documentElement.tagName == "svg"' "$1" 2>/dev/null; }

$SIM --trace "$tmp/b.csv" --trace-filter kinds=span --max-cycles 300000000 $K build/workloads/bench.elf >/dev/null
$SIM --trace "$tmp/b.txt" --max-cycles 300000000 $K build/workloads/bench.elf >/dev/null
S="exc->user Sys user"
"$PYTHON" traces/histogram.py "$tmp/b.csv" "$tmp/h.svg" "$S" "exc->handler Mod user" >"$tmp/out" 2>&1
check "histogram: exit 0" [ $? = 0 ]
check "histogram: PNG" png "$tmp/h.png"
check "histogram: SVG" svg "$tmp/h.svg"
# The summary's line: name count min median p90 p99 max (cycles first).
med=$(awk -v s="$S" 'index($0, s) == 1 { $0 = substr($0, length(s) + 1); print $3; exit }' "$tmp/b.txt")
p99=$(awk -v s="$S" 'index($0, s) == 1 { $0 = substr($0, length(s) + 1); print $5; exit }' "$tmp/b.txt")
check "histogram: median $med and p99 $p99 as the tracer's summary" \
	grep -q "$S: [0-9]* spans, min [0-9]*, median $med, p99 $p99, .*(log bins)" "$tmp/out"
check "histogram: a long tail gets log bins, one value clipped linear bins" \
	grep -q "exc->handler Mod user: .*(bins to p99.5)" "$tmp/out"
"$PYTHON" traces/histogram.py --bins clip "$tmp/b.csv" "$tmp/c" "$S" >"$tmp/out" 2>&1
check "histogram --bins clip: the tail counted" grep -q "above p99.5 (max [0-9]*)" "$tmp/c.svg"
"$PYTHON" traces/histogram.py --list "$tmp/b.csv" >"$tmp/out" 2>&1
check "histogram --list" grep -q "^ *[0-9]*  $S\$" "$tmp/out"
"$PYTHON" traces/histogram.py "$tmp/b.csv" "$tmp/x" "no such span" >"$tmp/out" 2>&1
check "histogram: an unknown span: exit 1 and named" sh -c "[ $? = 1 ] && grep -q 'no spans named no such span' '$tmp/out'"
"$PYTHON" traces/histogram.py "$tmp/b.txt" "$tmp/x" >"$tmp/out" 2>&1
check "histogram: a summary is not a CSV: exit 1" sh -c "[ $? = 1 ] && grep -q 'not a sim --trace CSV' '$tmp/out'"
"$PYTHON" traces/histogram.py --bins wide "$tmp/b.csv" "$tmp/x" >"$tmp/out" 2>&1
check "histogram: bad --bins: exit 2" [ $? = 2 ]

$SIM --trace "$tmp/s.csv" --trace-filter kinds=mode,device --max-cycles 300000000 $K build/workloads/cpushare.elf >/dev/null
"$PYTHON" traces/timeline.py "$tmp/s.csv" "$tmp/t" >"$tmp/out" 2>&1
check "timeline: exit 0" [ $? = 0 ]
check "timeline: PNG" png "$tmp/t.png"
check "timeline: SVG" svg "$tmp/t.svg"
check "timeline: three environments ran" [ "$(grep -c '^timeline.py: ASID [123]: [1-9][0-9]* stretches' "$tmp/out")" = 3 ]
# cpushare gives B two slices to A's one: B (the third) runs longest.
check "timeline: the environment with two slices ran longest" "$PYTHON" -c '
import re, sys
t = {int(a): int(c) for a, c in re.findall(r"ASID (\d+): \d+ stretches in user mode, (\d+) cycles", open(sys.argv[1]).read())}
assert max(t, key=t.get) == 3, t' "$tmp/out"
"$PYTHON" traces/timeline.py --asid 2 "$tmp/s.csv" "$tmp/t2.png" >"$tmp/out" 2>&1
check "timeline --asid 2: one environment" sh -c "[ \$(grep -c 'ASID' '$tmp/out') = 1 ] && grep -q 'ASID 2:' '$tmp/out'"
"$PYTHON" traces/timeline.py --asid 9 "$tmp/s.csv" "$tmp/t9" >"$tmp/out" 2>&1
check "timeline: an ASID that never ran: exit 1" sh -c "[ $? = 1 ] && grep -q 'no user-mode time for ASID 9' '$tmp/out'"
echo "plots: $pass passed, $fail failed"
[ $fail = 0 ]
