#!/bin/sh
# paper.sh (`make paper`): every benchmark on every machine profile, as
# independent simulator runs through GNU parallel, then bench/paper.py's
# report: per paper table, our figure beside the paper's with the ratio.
#
#   sh bench/paper.sh            (PAPER_JOBS=N runs at most N at once; default 2)
#
# Each job is one command; its output goes to build/paper/runs/
# MACHINE.NAME.out and its exit status to the job log
# (build/paper/joblog, GNU parallel's).  When all are done this prints
# each run's output (without its @paper/@series lines), then paper.py's
# report, which reads those lines from every run (format: docs/PAPER.md),
# writes build/paper/results.csv and the figures.  A job that fails, or
# a report that finds a malformed line, makes the exit status 1.
#
# The exokernel's base costs: workloads/bench.c (Tables 4, 5, 6; its
# sections say what each row spans), what freeing memory costs
# (workloads/teardown.c), and every bench span again from the tracer
# (bench/tracecheck.sh, which fails on a disagreement).

cd "$(dirname "$0")/.." || exit 2
. bench/python.sh
SIM=${SIM:-./sim}
OUT=build/paper
MACHINES="dec5000 dec3100 dec2100"
for f in "$SIM" build/exokernel.elf build/workloads/bench.elf; do
	[ -e "$f" ] || { echo "paper: $f not built (run make)"; exit 2; }
done
command -v parallel >/dev/null 2>&1 ||
	{ echo "paper: GNU parallel is missing (Debian: apt-get install parallel)"; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT/runs" || exit 2
jobs="$OUT/jobs"
: >"$jobs"

# job MACHINE NAME COMMAND...: one run, its output in runs/MACHINE.NAME.out.
# The command is written as one line for parallel; its words must not
# need quoting.
job() {
	m=$1 n=$2
	shift 2
	echo "$* >$OUT/runs/$m.$n.out 2>&1" >>"$jobs"
}

# run MACHINE NAME MAXCYCLES MODULE...: the exokernel with MODULEs on MACHINE.
run() {
	m=$1 n=$2 c=$3
	shift 3
	job "$m" "$n" "$SIM" --machine "$m" --max-cycles "$c" build/exokernel.elf "$@"
}

for m in $MACHINES; do
	# ---- the exokernel's base costs (workloads/bench.c: T4, T5, T6) ----
	run "$m" bench 300000000 build/workloads/bench.elf
	run "$m" teardown 2000000000 build/workloads/teardown.elf
	job "$m" tracecheck env SIM="$SIM" sh bench/tracecheck.sh "$m"
	# ---- further benchmarks: one section per workload, below ----
	# ExOS: IPC (Tables 8, 12), the matrix multiply (Table 9), the stride
	# scheduler (Figure 3); docs/EXOS.md says what each row spans.
	for w in ipc_bench matmul_exos stride; do
		run "$m" "$w" 2000000000 "build/workloads/$w.elf"
	done
	# ExOS virtual memory, SOSP'95 Tables 10 and 13 (workloads/vm_appel.c:
	# what each row spans; docs/EXOS.md: where we stand against the paper).
	run "$m" vm_appel 300000000 build/workloads/vm_appel.elf
	# DPF (docs/DPF.md): classification of packets in memory by DPF's
	# generated code beside MPF-like and PATHFINDER-like interpreters
	# (bench/dpfbench.c, bare metal; the paper's DECstation 5000/200
	# figures are the dec5000-200 rows of bench/paper-figures.csv).
	job "$m" dpf "$SIM" --machine "$m" --check-icache --max-cycles 2000000000 build/bench/dpfbench.elf
done

echo "make paper: $(wc -l <"$jobs") runs on $MACHINES, ${PAPER_JOBS:-2} at a time (GNU parallel)"
parallel --will-cite -j "${PAPER_JOBS:-2}" --joblog "$OUT/joblog" <"$jobs"
status=0
# The job log: Seq Host Starttime JobRuntime Send Receive Exitval Signal Command.
failed=$(awk -F'\t' 'NR > 1 && ($7 != 0 || $8 != 0) { print $9 }' "$OUT/joblog")
for m in $MACHINES; do
	for f in "$OUT/runs/$m".*.out; do
		echo
		echo "==== run $(basename "$f" .out)"
		grep -v '^@\(paper\|series\) ' "$f"
	done
done
echo
if [ -n "$failed" ]; then
	echo "make paper: these runs failed (their output is above):"
	echo "$failed" | sed 's/^/  /'
	status=1
fi
"$PYTHON" bench/paper.py --sim "$SIM" --out "$OUT" --runs "$OUT/runs" || status=1
exit $status
