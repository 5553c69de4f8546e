#!/bin/sh
# run-timing.sh: the timing tests (tests/timing/*.S) under each machine
# profile.  build/tests/timing/PROFILE/NAME.elf was built with that
# profile's parameters (tests/timing/timing.h) and runs with
# --machine PROFILE plus the options in tests/timing/NAME.opts; it must
# halt with status 0.  With --check-icache, stderr must also report the
# PC of the program's symbol `stale_site` on a cached profile, and
# nothing on the ideal one.  One line per run, then a summary.

cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-./sim}
[ -x "$SIM" ] || { echo "run-timing: $SIM not built (run make)"; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

for p in ideal dec5000 dec3100 dec2100; do
	for elf in build/tests/timing/$p/*.elf; do
		[ -f "$elf" ] || continue
		name=$(basename "$elf" .elf)
		label="timing/$p/$name"
		opts=
		[ -f "tests/timing/$name.opts" ] && opts=$(cat "tests/timing/$name.opts")
		$SIM --machine $p $opts --max-cycles 10000000 "$elf" >"$tmp/out" 2>"$tmp/err"
		st=$?
		if [ $st -ne 0 ]; then
			bad "$label" "exit status $st: $(head -c 300 "$tmp/out" "$tmp/err" | tr '\n' ' ')"
			continue
		fi
		case $opts in
		*--check-icache*)
			site=$(mipsel-linux-gnu-nm "$elf" | awk '$3 == "stale_site" { print "0x" substr($1, length($1) - 7) }')
			if [ $p = ideal ]; then
				if grep -q check-icache "$tmp/err"; then
					bad "$label" "a stale report without an I-cache: $(cat "$tmp/err")"
					continue
				fi
			elif ! grep -q "check-icache: pc $site runs a stale" "$tmp/err"; then
				bad "$label" "no --check-icache report for stale_site ($site): $(head -c 300 "$tmp/err")"
				continue
			fi
			;;
		esac
		ok "$label"
	done
done
echo "run-timing: $pass passed, $fail failed"
[ $fail -eq 0 ]
