#!/bin/sh
# bench/run.sh: simulated instructions per host second on a CPU-bound
# workload (the 150x150 integer matrix multiply, repeated), for ./sim
# and, side by side on the same binary, for Debian's gxemul
# (`gxemul -E testmips -C R3000`, dynamic translation, no cycle model).
#
# usage: sh bench/run.sh [reps] [runs]   (from the top of the tree; make bench)
# Each configuration runs `runs` times (default 5), the configurations
# interleaved so that load from other processes hits them alike; the
# figure is the best user CPU time (and, beside it, the best wall time).
# docs/BENCH.md tells how to read the output.
set -e
reps=${1:-20}
runs=${2:-5}
elf=build/bench/matmul$reps.elf
make -s "$elf" BENCH_REPS="$reps" >/dev/null

# instructions of one run, from sim's own counter
insns=$(./sim --stats "$elf" 2>&1 >/dev/null | awk '/^instructions/ {print $2}')

# "user wall" seconds of one command (children included: gxemul under script)
measure() {
	python3 -c '
import resource, subprocess, sys, time
t0 = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
t1 = time.monotonic()
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime, t1 - t0)' "$@"
}

labels="ideal dec5000"
command -v gxemul >/dev/null 2>&1 && labels="$labels gxemul"

label() {
	case $1 in
	ideal) echo "sim --machine ideal" ;;
	dec5000) echo "sim --machine dec5000" ;;
	gxemul) echo "gxemul -E testmips -C R3000" ;;
	esac
}

run() {
	case $1 in
	ideal) measure ./sim --machine ideal "$elf" ;;
	dec5000) measure ./sim --machine dec5000 "$elf" ;;
	gxemul) measure script -qc "gxemul -E testmips -C R3000 -q $elf" /dev/null ;;
	esac
}

i=0
while [ $i -lt "$runs" ]; do
	for k in $labels; do
		# shellcheck disable=SC2046
		set -- $(run "$k")
		eval "u=\${user_$k:-}; w=\${wall_$k:-}"
		if [ -z "$u" ] || [ "$(echo "$1 < $u" | bc -l)" = 1 ]; then eval "user_$k=$1"; fi
		if [ -z "$w" ] || [ "$(echo "$2 < $w" | bc -l)" = 1 ]; then eval "wall_$k=$2"; fi
	done
	i=$((i + 1))
done

echo "workload: $elf ($insns instructions per run; best of $runs, interleaved)"
echo "host: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %9s %12s %9s\n' "" "user s" "M insns/s" "wall s"
for k in $labels; do
	eval "u=\$user_$k; w=\$wall_$k"
	printf '%-28s %9.3f %12.1f %9.3f\n' "$(label "$k")" "$u" \
		"$(echo "$insns / $u / 1000000" | bc -l)" "$w"
done
command -v gxemul >/dev/null 2>&1 || echo "gxemul not installed: no side-by-side figure"
