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
for f in "$SIM" build/exokernel.elf build/workloads/bench.elf; do
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
done

# ExOS virtual memory, SOSP'95 Tables 10 and 13 (workloads/vm_appel.c:
# what each row spans; docs/EXOS.md: where we stand against the paper).
[ -e build/workloads/vm_appel.elf ] || { echo "paper: build/workloads/vm_appel.elf not built"; exit 2; }
for m in dec5000 dec3100 dec2100; do
	echo "== ExOS VM, machine $m"
	$SIM --machine "$m" --max-cycles 300000000 build/exokernel.elf build/workloads/vm_appel.elf || status=1
	echo
done
exit $status
