#!/bin/sh
# run-programs.sh: run every built test program on ./sim.
#
# Each build/tests/asm/*.elf and build/tests/c/*.elf must halt with
# status 0.  Where tests/asm/NAME.expect or tests/c/NAME.expect exists,
# the console output must equal it exactly.  A program named hazard_*
# also runs with --check-hazards, must still exit 0, and stderr must
# report a hazard at the address of its symbol `hazard_site`.
# Options in tests/KIND/NAME.opts, when it exists, are passed to sim.
# One line per test, then a summary; exit 1 if any test failed.

cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-./sim}
MAXCYC=50000000
[ -x "$SIM" ] || { echo "run-programs: $SIM not built (run make)"; exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# The address of symbol $2 in ELF $1, as 0x%08x.
sym_addr() {
	mipsel-linux-gnu-nm "$1" 2>/dev/null |
		awk -v s="$2" '$3 == s { print "0x" substr($1, length($1) - 7); exit }'
}

run_one() {
	elf=$1
	kind=$2
	name=$(basename "$elf" .elf)
	label="$kind/$name"
	# tests/KIND/NAME.opts: extra sim options (e.g. --machine ideal for
	# a test that pins cycle counts without the memory model).
	opts=
	[ -f "tests/$kind/$name.opts" ] && opts=$(cat "tests/$kind/$name.opts")
	$SIM $opts --max-cycles $MAXCYC "$elf" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st -ne 0 ]; then
		bad "$label" "exit status $st: $(head -c 300 "$tmp/out" "$tmp/err" | tr '\n' ' ')"
		return
	fi
	exp="tests/$kind/$name.expect"
	if [ -f "$exp" ] && ! cmp -s "$exp" "$tmp/out"; then
		bad "$label" "console output differs from $exp"
		diff "$exp" "$tmp/out" | head -10
		return
	fi
	case $name in
	hazard_*)
		$SIM $opts --check-hazards --max-cycles $MAXCYC "$elf" >"$tmp/out" 2>"$tmp/err"
		st=$?
		site=$(sym_addr "$elf" hazard_site)
		if [ $st -ne 0 ]; then
			bad "$label" "with --check-hazards: exit status $st"
			return
		fi
		if [ -z "$site" ] || ! grep -q "hazard at $site" "$tmp/err"; then
			bad "$label" "--check-hazards did not report hazard_site ($site): $(head -c 300 "$tmp/err")"
			return
		fi
		;;
	esac
	ok "$label"
}

for kind in asm c; do
	for elf in build/tests/$kind/*.elf; do
		[ -f "$elf" ] || continue
		run_one "$elf" $kind
	done
done

echo "run-programs: $pass passed, $fail failed"
[ $fail -eq 0 ]
