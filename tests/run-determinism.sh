#!/bin/sh
# run-determinism.sh: the same inputs give the same run, byte for byte.
#
# The main job (README's `make run`: bench.elf on the exokernel) and a
# handful of kernel tests (their `run:` and `opts:` lines, read from
# tests/kernel/NAME.t) each run twice on dec5000 and twice on ideal,
# with --stats and a CSV trace (--trace FILE).  The two runs of a
# profile must agree on the console output, the exit status, the
# statistics and the trace file.  Only the statistics line that
# reports host time and speed ("host ...", simulator/front/main.c) is
# dropped before the comparison: it is wall-clock time, not the
# machine's.  One line per case, then a summary; exit 1 if any differ.

cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-./sim}
KERNEL=build/exokernel.elf
MAXCYC=300000000
# Representative kernel tests: two programs side by side, visible
# revocation with its deadline timer, slices shared by several
# environments, environment teardown in little memory, and exception
# storms preempted by the timer.
TESTS="multi revoke cpushare teardown storm"
[ -x "$SIM" ] && [ -f "$KERNEL" ] || { echo "run-determinism: $SIM or $KERNEL not built (run make)"; exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# run_once NAME MACHINE N OPTS MODULES: one run into $tmp/NAME.MACHINE.N.*
run_once() {
	f="$tmp/$1.$2.$3"
	# shellcheck disable=SC2086
	$SIM $4 --machine "$2" --stats --trace "$f.csv" --trace-format csv \
		--max-cycles $MAXCYC "$KERNEL" $5 </dev/null >"$f.out" 2>"$f.err"
	echo "status $?" >>"$f.out"
	grep -v '^host ' "$f.err" >"$f.stats"
}

# check NAME OPTS MODULES: two runs on each profile, compared.
check() {
	for m in dec5000 ideal; do
		run_once "$1" $m 1 "$2" "$3"
		run_once "$1" $m 2 "$2" "$3"
		why=
		a="$tmp/$1.$m.1"
		b="$tmp/$1.$m.2"
		grep -q '^cycles ' "$a.stats" || why="no statistics"
		[ -s "$a.csv" ] || why="${why:+$why; }empty trace"
		cmp -s "$a.out" "$b.out" || why="${why:+$why; }console output or status differs"
		cmp -s "$a.stats" "$b.stats" || why="${why:+$why; }statistics differ"
		cmp -s "$a.csv" "$b.csv" || why="${why:+$why; }trace differs"
		if [ -z "$why" ]; then
			echo "PASS determinism/$1 on $m ($(awk '/^cycles /{print $2}' "$a.stats") cycles)"
			pass=$((pass + 1))
		else
			echo "FAIL determinism/$1 on $m: $why"
			diff "$a.stats" "$b.stats" | head -10
			fail=$((fail + 1))
		fi
		rm -f "$a".* "$b".*
	done
}

check main "" "build/workloads/bench.elf"
for t in $TESTS; do
	check "$t" "$(sed -n 's/^opts: //p' "tests/kernel/$t.t")" \
		"$(sed -n 's/^run: //p' "tests/kernel/$t.t")"
done
echo "determinism: $pass passed, $fail failed"
[ "$fail" = 0 ]
