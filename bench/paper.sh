#!/bin/sh
# paper.sh (`make paper`): boot the exokernel with the benchmark
# workload (workloads/bench.c) on each machine profile and print its
# figures beside the paper's Aegis figures for that machine (SOSP'95
# Tables 4, 5, 6 and section 5.4); each section of the output says what
# its rows span and what they are compared with.  Then the same spans
# again from the tracer (bench/tracecheck.sh), which also gives the
# one-way dispatch without the benchmark's counter read; a disagreement
# fails.  Spans: docs/KERNEL.md "Measurements".  Every figure is
# measured on this run.

cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-./sim}
for f in "$SIM" build/exokernel.elf build/workloads/bench.elf build/bench/dpfbench.elf; do
	[ -e "$f" ] || { echo "paper: $f not built (run make)"; exit 2; }
done
status=0
for m in dec5000 dec3100 dec2100; do
	echo "== machine $m"
	$SIM --machine "$m" --max-cycles 300000000 build/exokernel.elf build/workloads/bench.elf || status=1
	# What freeing memory costs: workloads/teardown.c (spans in its header).
	echo
	$SIM --machine "$m" --max-cycles 2000000000 build/exokernel.elf build/workloads/teardown.elf || status=1
	echo
	SIM=$SIM sh bench/tracecheck.sh "$m" || status=1
	echo
	# ---- DPF (docs/DPF.md): packet classification on packets in memory,
	# DPF's generated code beside MPF-like and PATHFINDER-like interpreters
	# (bench/dpfbench.c; the paper's DECstation 5000/200 figures are the
	# dec5000-200 rows of bench/paper-figures.csv).
	echo "== DPF on $m"
	$SIM --machine "$m" --check-icache --max-cycles 2000000000 build/bench/dpfbench.elf || status=1
	echo
done
exit $status
