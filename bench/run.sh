#!/bin/sh
# bench/run.sh: simulated instructions per host second on a CPU-bound
# workload (the 150x150 integer matrix multiply, repeated), for ./sim
# and, side by side on the same binary, for Debian's gxemul
# (`gxemul -E testmips -C R3000`, dynamic translation, no cycle model).
#
# usage: sh bench/run.sh [reps]   (run from the top of the tree; make bench)
# Prints one line per configuration and the machine it ran on.
set -e
reps=${1:-20}
elf=build/bench/matmul$reps.elf
make -s "$elf" BENCH_REPS="$reps" >/dev/null

now() { date +%s.%N; }
# instructions of one run, from sim's own counter
insns=$(./sim --stats "$elf" 2>&1 >/dev/null | awk '/^instructions/ {print $2}')

run_sim() {                       # $1 label, rest: options
	label=$1; shift
	best=
	for i in 1 2 3; do
		t0=$(now); ./sim "$@" "$elf" >/dev/null; t1=$(now)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
	done
	printf '%-28s %8.3f s  %8.1f M instructions/s\n' "$label" "$best" \
		"$(echo "$insns / $best / 1000000" | bc -l)"
}

echo "workload: $elf ($insns instructions per run; best of 3)"
echo "host: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cpus"
if ./sim --machine help >/dev/null 2>&1; then
	run_sim "sim --machine ideal" --machine ideal
	run_sim "sim --machine dec5000" --machine dec5000
else
	run_sim "sim"
fi
if command -v gxemul >/dev/null 2>&1; then
	best=
	for i in 1 2 3; do
		t0=$(now)
		script -qc "gxemul -E testmips -C R3000 -q $elf" /dev/null >/dev/null
		t1=$(now)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
	done
	printf '%-28s %8.3f s  %8.1f M instructions/s\n' "gxemul -E testmips -C R3000" \
		"$best" "$(echo "$insns / $best / 1000000" | bc -l)"
else
	echo "gxemul not installed: no side-by-side figure"
fi
