#!/bin/sh
# run-paper.sh: tests of bench/paper.py, the report of `make paper`.
#
# Feeds paper.py small fixed runs (made-up @paper and @series lines,
# fixed clocks, a fixed figures file) and checks its numbers: ours in
# us, the ratio, the at-or-below and above lists, the ideal-ratio check
# of a stride figure, results.csv, and the PNG and SVG files.  Then bad
# input (malformed lines, a bad figures file, a missing log) and the
# real bench/paper-figures.csv and a real bench run on dec5000 with the
# simulator's own clock.  One line per check; exit 1 if any failed.

cd "$(dirname "$0")/.." || exit 2
. bench/python.sh
SIM=${SIM:-./sim}
[ -x "$SIM" ] && [ -f build/workloads/bench.elf ] || { echo "run-paper: not built (run make)"; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS paper/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL paper/$1: $2"; fail=$((fail + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$*"; fi; }
has() { grep -Eq -- "$1" "$tmp/out"; }

cat >"$tmp/dec5000.out" <<'END'
booting (noise the report ignores)
@paper T4 syscall_nostack 40
@paper T4 syscall_stack 50.00
@paper TX onlyours 100
@series F3 a 1 30
@series F3 a 2 60
@series F3 b 1 20
@series F3 b 2 40
@series F3 c 1 10
@series F3 c 2 20
END
printf '@paper T4 syscall_nostack 40\n' >"$tmp/dec3100.out"
cat >"$tmp/fig.csv" <<'END'
table,row,machine,paper_us,source
T4,syscall_nostack,dec5000,2.0,test
T4,syscall_stack,dec5000,1.0,test
T4,syscall_nostack,dec3100,1.0,test
T9,matrix,dec5000,3700000,test
F3,a@2,dec5000,50,test
END
P="$PYTHON bench/paper.py --figures $tmp/fig.csv --clock dec5000=25000000 --clock dec3100=20000000"

$P --out "$tmp/o" dec5000="$tmp/dec5000.out" dec3100="$tmp/dec3100.out" >"$tmp/out" 2>&1
check "fixed runs: exit 0" [ $? = 0 ]
check "the table's title" has "^== T4: SOSP'95 Table 4"
check "ours, paper, ratio per profile" has "^syscall_nostack +1\.600 +2\.000 +0\.800 +2\.000 +1\.000 +2\.000"
check "a row the paper has on one profile only" has "^syscall_stack +2\.000 +1\.000 +2\.000 +- +- +-"
check "at or below" has "at or below the paper: syscall_nostack \(dec5000 0\.800\)"
check "above" has "above the paper: syscall_nostack \(dec3100 2\.000\); syscall_stack \(dec5000 2\.000\)"
check "what a row spans" has "syscall_stack: jal to a page_owner wrapper"
check "why a row is above" has "why syscall_stack is above: 70 cycles"
check "a row with no paper figure" has "onlyours on dec5000 \(no paper figure\)"
check "a table no run measured is left out" sh -c "! grep -q 'T9' '$tmp/out'"
check "stride ratios against 3:2:1" has "dec5000 a +ratio to c 3\.000, ideal 3\.000 \(\+0\.0%\)"
check "a figure's paper points: ours / the paper's" has "dec5000 a ours / paper: x=2\.000 1\.200"
check "overall count" has "of 3 figures compared .*, 1 at or below the paper's, 2 above"
check "results.csv" "$PYTHON" -c '
import csv, sys
rows = {(r["table"], r["row"], r["machine"]): r for r in csv.DictReader(open(sys.argv[1]))}
r = rows[("T4", "syscall_nostack", "dec5000")]
assert (float(r["cycles"]), float(r["ours_us"]), float(r["paper_us"]), float(r["ratio"])) == (40, 1.6, 2, 0.8), r
assert r["verdict"] == "at or below" and r["clock_hz"] == "25000000", r
assert rows[("T4", "syscall_stack", "dec5000")]["verdict"] == "above"
assert rows[("TX", "onlyours", "dec5000")]["verdict"] == "no paper figure"
assert len(rows) == 4, sorted(rows)' "$tmp/o/results.csv"
for f in T4 TX F3; do
	check "$f.png is a PNG" sh -c "head -c 8 '$tmp/o/$f.png' | od -c | grep -q 'P   N   G'"
	check "$f.svg is SVG" "$PYTHON" -c 'import sys, xml.dom.minidom as m
assert m.parse(sys.argv[1]).documentElement.tagName == "svg"' "$tmp/o/$f.svg"
done

# Bad input.
printf '@paper T4 syscall_nostack\n@series F3 a x 1\n' >"$tmp/dec5000.bad.out"
$P --no-plots --out "$tmp/o2" dec5000="$tmp/dec5000.bad.out" >"$tmp/out" 2>&1
check "malformed lines: exit 1" [ $? = 1 ]
check "malformed lines: named" has "dec5000.bad.out:1: malformed line: @paper T4 syscall_nostack"
check "a bad number: named" has "dec5000.bad.out:2: X: not a number: 'x'"
badfig() {
	printf '%s\n' "$2" >"$tmp/bad.csv"
	$PYTHON bench/paper.py --figures "$tmp/bad.csv" --check-figures >"$tmp/out" 2>&1
	check "figures CSV $1: exit 2" [ $? = 2 ]
	check "figures CSV $1: message" has "$3"
}
badfig header "table,row,machine,us,source" "header must be"
badfig machine "$(printf 'table,row,machine,paper_us,source\nT4,a,vax,1,x')" "machine 'vax' is not one of"
badfig number "$(printf 'table,row,machine,paper_us,source\nT4,a,dec5000,fast,x')" "bad.csv:2: paper_us: not a number"
badfig twice "$(printf 'table,row,machine,paper_us,source\nT4,a,dec5000,1,x\nT4,a,dec5000,2,x')" "bad.csv:3: a second figure"
badfig fields "$(printf 'table,row,machine,paper_us,source\nT4,a,dec5000,1')" "4 fields, want 5"
$P --no-plots dec5000="$tmp/none.out" >"$tmp/out" 2>&1
check "a missing log: exit 2" [ $? = 2 ]
$P --no-plots vax="$tmp/dec5000.out" >"$tmp/out" 2>&1
check "an unknown profile: exit 2" [ $? = 2 ]
printf 'nothing here\n' >"$tmp/dec5000.empty.out"
$P --no-plots dec5000="$tmp/dec5000.empty.out" >"$tmp/out" 2>&1
check "a run with no @paper line: exit 1" [ $? = 1 ]

# The real figures file and a real run, the clock from the simulator.
$PYTHON bench/paper.py --check-figures >"$tmp/out" 2>&1
check "bench/paper-figures.csv parses" [ $? = 0 ]
$SIM --machine dec5000 --max-cycles 300000000 build/exokernel.elf build/workloads/bench.elf \
	>"$tmp/bench.out" 2>&1
$PYTHON bench/paper.py --sim "$SIM" --no-plots --out "$tmp/o3" dec5000="$tmp/bench.out" >"$tmp/out" 2>&1
check "a real bench run: exit 0" [ $? = 0 ]
check "a real bench run: the clock from the simulator" has "dec5000 25000000 Hz, from .*sim --machine help"
for t in T4 T5 T6; do
	check "a real bench run: $t compared" has "^== $t: .*"
done
check "a real bench run: every row has a paper figure" sh -c "! grep -q 'not compared' '$tmp/out'"
echo "paper: $pass passed, $fail failed"
[ $fail = 0 ]
