#!/bin/sh
# run-kernel.sh: whole-system tests of the exokernel.
#
# Each tests/kernel/NAME.t boots build/exokernel.elf (or the kernel on
# its `kernel:` line) with the modules on its `run:` line (and the sim
# options on `opts:`), always with --check-hazards, with console
# input from the file on its `in:` line, or from the shell command on
# its `pipe:` line, or else from /dev/null, and checks the
# exit status (`status:`), that each `out:` text appears in the
# console output (as a fixed string), that each `re:` extended regular
# expression matches a line of it, that no `no:` text appears, that
# the simulator reported no pipeline hazard (a hazard the kernel relies
# on is a bug on a real R3000), and that the shell command on its
# `post:` line, if any, succeeds (its output is shown).  @TMP@ in
# `opts:` and `post:` is a scratch directory for the test's files.
# One line per test, then a summary; exit 1 if any test failed.

cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-./sim}
KERNEL=build/exokernel.elf
MAXCYC=300000000
[ -x "$SIM" ] && [ -f "$KERNEL" ] || { echo "run-kernel: $SIM or $KERNEL not built (run make)"; exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

for t in tests/kernel/*.t; do
	name=$(basename "$t" .t)
	run=$(sed -n 's/^run: //p' "$t")
	opts=$(sed -n 's/^opts: //p' "$t")
	want=$(sed -n 's/^status: //p' "$t")
	in=$(sed -n 's/^in: //p' "$t")
	pipe=$(sed -n 's/^pipe: //p' "$t")
	kernel=$(sed -n 's/^kernel: //p' "$t")
	kernel=${kernel:-$KERNEL}
	opts="--check-hazards $(echo "$opts" | sed "s|@TMP@|$tmp|g")"
	post=$(sed -n 's/^post: //p' "$t" | sed "s|@TMP@|$tmp|g")
	if [ -n "$pipe" ]; then
		# Virtual time runs on while the input waits in real time, at
		# host speed: allow far more cycles, and a real-time limit.
		# shellcheck disable=SC2086
		got=$( { { sh -c "$pipe"; } | timeout 60 $SIM $opts --max-cycles $((MAXCYC * 100)) "$kernel" $run \
			>"$tmp/out" 2>"$tmp/err"; echo $?; } )
	else
		# shellcheck disable=SC2086
		$SIM $opts --max-cycles $MAXCYC "$kernel" $run <"${in:-/dev/null}" \
			>"$tmp/out" 2>"$tmp/err"
		got=$?
	fi
	why=
	[ "$got" = "$want" ] || why="exit status $got, want $want"
	! grep -q '^sim: hazard' "$tmp/err" || why="${why:+$why; }$(grep -m1 '^sim: hazard' "$tmp/err")"
	if [ -n "$post" ]; then
		sh -c "$post" >"$tmp/post" 2>&1 || why="${why:+$why; }post: $(tail -1 "$tmp/post")"
		sed 's/^/  post: /' "$tmp/post"
	fi
	sed -n 's/^out: //p' "$t" >"$tmp/want"
	while IFS= read -r line; do
		grep -qF -- "$line" "$tmp/out" || why="${why:+$why; }missing: $line"
	done <"$tmp/want"
	sed -n 's/^re: //p' "$t" >"$tmp/re"
	while IFS= read -r line; do
		grep -qE -- "$line" "$tmp/out" || why="${why:+$why; }no line matches: $line"
	done <"$tmp/re"
	sed -n 's/^no: //p' "$t" >"$tmp/nowant"
	while IFS= read -r line; do
		! grep -qF -- "$line" "$tmp/out" || why="${why:+$why; }unexpected: $line"
	done <"$tmp/nowant"
	if [ -z "$why" ]; then
		echo "PASS kernel/$name"
		pass=$((pass + 1))
	else
		echo "FAIL kernel/$name: $why"
		sed 's/^/  | /' "$tmp/out" "$tmp/err" | tail -20
		fail=$((fail + 1))
	fi
done
echo "kernel tests: $pass passed, $fail failed"
[ "$fail" = 0 ]
