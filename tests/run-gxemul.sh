#!/bin/sh
# run-gxemul.sh: run every C test program (build/tests/c/*.elf) under
# ./sim and under GXemul's testmips machine with an R3000, and require
# identical console output and a zero exit status from ./sim.  GXemul is
# the reference: an independent implementation of the same ISA and
# device map.  Prints one line per program; exits 1 if any differs.
#
# GXemul needs a terminal for its console, hence `script`.  Its output
# has CRLF line ends; -q suppresses its banner (any banner line that
# still appears is dropped below).
cd "$(dirname "$0")/.." || exit 1

if ! command -v gxemul >/dev/null 2>&1; then
	echo "run-gxemul.sh: FAIL: gxemul is not installed (Debian package 'gxemul');" \
	     "the reference comparison cannot run" >&2
	exit 1
fi
if ! command -v script >/dev/null 2>&1; then
	echo "run-gxemul.sh: FAIL: 'script' (util-linux) is needed to give gxemul a terminal" >&2
	exit 1
fi
if [ ! -x ./sim ]; then
	echo "run-gxemul.sh: FAIL: ./sim is missing; run make first" >&2
	exit 1
fi
set -- build/tests/c/*.elf
if [ ! -f "$1" ]; then
	echo "run-gxemul.sh: FAIL: no programs in build/tests/c; run make first" >&2
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
for elf in "$@"; do
	name=$(basename "$elf" .elf)
	timeout 30 ./sim --max-cycles 2000000000 "$elf" </dev/null >"$tmp/sim.out" 2>"$tmp/sim.err"
	st=$?
	timeout 30 script -qec "gxemul -E testmips -C R3000 -q '$elf'" /dev/null \
		</dev/null >"$tmp/gx.raw" 2>&1
	gst=$?
	tr -d '\r' <"$tmp/gx.raw" |
		grep -v -e '^GXemul [0-9]' -e '^Read the source code and/or documentation' \
		>"$tmp/gx.out"
	lines=$(wc -l <"$tmp/sim.out" | tr -d ' ')
	if [ "$st" -ne 0 ]; then
		echo "FAIL $name: ./sim exit status $st: $(head -c 200 "$tmp/sim.err")"
		fail=1
	elif [ "$gst" -ne 0 ]; then
		echo "FAIL $name: gxemul exit status $gst (124 = timed out)"
		fail=1
	elif [ "$lines" -eq 0 ]; then
		echo "FAIL $name: no output to compare"
		fail=1
	elif cmp -s "$tmp/sim.out" "$tmp/gx.out"; then
		echo "ok   $name ($lines lines identical)"
	else
		echo "FAIL $name: output differs (< sim, > gxemul):"
		diff "$tmp/sim.out" "$tmp/gx.out" | head -10
		fail=1
	fi
done
exit $fail
