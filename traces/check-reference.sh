#!/bin/sh
# check-reference.sh: trace the reference programs again and compare the
# results with the stored reference traces in traces/, byte for byte.
#
#   sh traces/check-reference.sh            compare (make check runs this)
#   sh traces/check-reference.sh --update   rewrite the references
#
# A difference means a change to the cycle model, the devices or the
# tracer moved a latency: review it, then update the references.
# Each reference is "NAME.EXT", made by the command in `refs` below.

cd "$(dirname "$0")/.." || exit 2
SIM=./sim
[ -x "$SIM" ] || { echo "check-reference: $SIM not built (run make)"; exit 2; }
update=no
[ "$1" = --update ] && update=yes

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

# name | sim arguments (the output file is appended as --trace FILE)
refs='
latency.csv|--machine dec5000 --span refills=10,11 build/tests/trace/latency.elf
latency.summary.txt|--machine dec5000 --span refills=10,11 build/tests/trace/latency.elf
latency-ideal.csv|--machine ideal build/tests/trace/latency.elf
'

echo "$refs" | while IFS='|' read -r name args; do
	[ -n "$name" ] || continue
	# shellcheck disable=SC2086
	$SIM --no-console --trace "$tmp/$name" $args >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st -ne 0 ]; then
		echo "FAIL reference $name: sim exit status $st: $(head -c 200 "$tmp/err")"
		echo x >>"$tmp/failed"
		continue
	fi
	if [ $update = yes ]; then
		cp "$tmp/$name" "traces/$name"
		echo "updated traces/$name"
	elif cmp -s "traces/$name" "$tmp/$name"; then
		echo "PASS reference $name"
	else
		echo "FAIL reference $name differs from traces/$name:"
		diff "traces/$name" "$tmp/$name" | head -10
		echo x >>"$tmp/failed"
	fi
done
[ -f "$tmp/failed" ] && fail=1
exit $fail
