#!/bin/sh
# run-sweep.sh: bench/sweep on a tiny grid (2 machines x 2 D-cache sizes
# of hello on the exokernel): one CSV row per point with its exact
# command (run again, it gives the same cycles), the figures the cache
# model must give (a smaller D-cache misses more), the plot, the generated
# Slurm array script (run here for one task, as Slurm would), and bad
# grids.  One line per check; exit 1 if any failed.

cd "$(dirname "$0")/.." || exit 2
. bench/python.sh
[ -x ./sim ] && [ -f build/workloads/hello.elf ] || { echo "run-sweep: not built (run make)"; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS sweep/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL sweep/$1: $2"; fail=$((fail + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$*"; fi; }
# col N FIELD: field FIELD of CSV row N (1 = first point).
col() { "$PYTHON" -c 'import csv, sys
print(list(csv.DictReader(open(sys.argv[1])))[int(sys.argv[2]) - 1][sys.argv[3]])' "$tmp/o/results.csv" "$1" "$2"; }

cat >"$tmp/tiny.grid" <<'END'
# a tiny grid
machine dec3100 dec5000
param dcache_bytes 4096 131072
workload build/workloads/hello.elf
max-cycles 100000000
END
bench/sweep "$tmp/tiny.grid" --out "$tmp/o" >"$tmp/out" 2>&1
check "tiny grid: exit 0" [ $? = 0 ]
check "4 points" grep -q "^sweep: 4 points (2 machine x 2 param:dcache_bytes x 1 workload)" "$tmp/out"
check "one CSV row per point" [ "$(wc -l <"$tmp/o/results.csv")" = 5 ]
check "every point halted with hello's status 7" [ "$(col 1 status)$(col 2 status)$(col 3 status)$(col 4 status)" = 7777 ]
check "the axes in the CSV" [ "$(col 3 machine) $(col 3 dcache_bytes)" = "dec5000 4096" ]
check "dec3100: a 4 KB D-cache costs more cycles than 128 KB" [ "$(col 1 cycles)" -gt "$(col 2 cycles)" ]
check "dec5000: a 4 KB D-cache misses more than 128 KB" [ "$(col 3 D-cache_misses)" -gt "$(col 4 D-cache_misses)" ]
cmd=$(col 3 command)
check "the command is exact: --machine-param in it" sh -c "echo '$cmd' | grep -q -- '--machine dec5000 --machine-param dcache_bytes=4096'"
again=$(sh -c "$cmd" 2>&1 >/dev/null | awk '$1 == "cycles" { print $2 }')
check "the command run again gives the same cycles" [ "$again" = "$(col 3 cycles)" ]
check "plot PNG" sh -c "head -c 8 '$tmp/o/sweep.png' | od -c | grep -q 'P   N   G'"
check "plot SVG" "$PYTHON" -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$tmp/o/sweep.svg"

# The Slurm script: one task, as sbatch would start it.
S="$tmp/o/sweep.slurm"
check "slurm: parses" sh -n "$S"
check "slurm: an array of 4" grep -q '^#SBATCH --array=1-4$' "$S"
cp "$tmp/o/results.csv" "$tmp/before.csv"
rm -f "$tmp/o/points/2".*
SLURM_ARRAY_TASK_ID=2 sh "$S" >/dev/null 2>&1
check "slurm: task 2 runs point 2" [ -s "$tmp/o/points/2.err" ]
bench/sweep --collect "$tmp/o" >/dev/null 2>&1
check "slurm: collect gives the same results" cmp -s "$tmp/before.csv" "$tmp/o/results.csv"

# Bad grids and failing points.
bad_grid() {
	printf '%s\n' "$2" >"$tmp/bad.grid"
	bench/sweep "$tmp/bad.grid" --out "$tmp/b" >"$tmp/out" 2>&1
	check "bad grid, $1: exit 2" [ $? = 2 ]
	check "bad grid, $1: says so" grep -q "$3" "$tmp/out"
}
bad_grid "unknown line" "colour red" "unknown line 'colour'"
bad_grid "no workload" "machine dec5000" "no workload line"
bad_grid "unknown parameter" "$(printf 'param dcache 1\nworkload build/workloads/hello.elf')" "parameter 'dcache': sim knows"
bad_grid "unknown machine" "$(printf 'machine vax\nworkload build/workloads/hello.elf')" "machine 'vax': sim knows"
bad_grid "missing file" "workload build/nothing.elf" "build/nothing.elf does not exist"
printf 'machine dec5000\nworkload build/workloads/hello.elf\nmax-cycles 1000\n' >"$tmp/short.grid"
bench/sweep "$tmp/short.grid" --out "$tmp/s" >"$tmp/out" 2>&1
check "a point at the cycle limit: exit 1" [ $? = 1 ]
check "a point at the cycle limit: named" grep -q "failed: point 1 (status 200)" "$tmp/out"
bench/sweep "$tmp/tiny.grid" --out "$tmp/d" --dry-run >/dev/null 2>&1
check "--dry-run: commands, no runs" sh -c "[ \$(wc -l <'$tmp/d/commands.txt') = 4 ] && ! ls '$tmp/d/points' | grep -q ."
echo "sweep: $pass passed, $fail failed"
[ $fail = 0 ]
