#!/bin/sh
# tracecheck.sh [MACHINE]: measure every span that `make paper` prints
# (workloads/bench.c, default machine dec5000) again with the tracer, and
# fail when the two disagree.  `make check` runs it on dec5000; `make
# paper` on each machine.
#
# The benchmark measures itself with the simctl cycle counter: uncached
# reads that wait for the write buffer and take uncached_read_cycles.
# The tracer's probes (--probe NAME=SYMBOL, docs/TRACING.md) record the
# cycle at which an instruction issues and add no instruction, and
# --span NAME=FROM,TO turns two probes into samples (a probe that is
# both FROM and TO gives one sample per loop iteration).  Every
# measured sequence in bench.c sits under a global label t_NAME; the
# tracer probes those labels.  "Agree" means equal to the hundredth of
# a cycle that bench prints, span by span:
#
#   R  counter read: the least span from the second of two
#      back-to-back reads (t_read) to the next instruction equals
#      bench's "counter read" (both are one read with the buffer empty).
#   L  loops (null, getenvid, general, the stubs, the round trips):
#      bench's (run of 2N - run of N) / N minus the same for the nop
#      loop equals the median iteration (t_X to t_X) minus the median
#      iteration of the nop loop.  Same instructions, no counter read
#      inside either; equal as long as every iteration of a run costs
#      the same, which is what the median-based check asserts.
#   H  halves of a round trip (PCT, yield): bench's run difference over
#      2N equals the median iteration (t_pct, t_yield or t_yieldf to
#      itself) / 2.
#   D  one-way dispatch: bench's figure (its read before the fault to
#      the handler's read, minus one read) equals the least span from
#      the faulting instruction to the instruction after the handler's
#      read (t_stamp_e), minus R.  That span ends where bench's does,
#      so this is exact; the differences come only from the counter.
#   W  dispatch with no counter read: the least span from the faulting
#      instruction to the handler's first instruction (h_stamp), which
#      bench cannot measure (its handler starts with the read).  Not
#      compared: D - W is the handler's read's wait for the write
#      buffer (the kernel's three saves), the overhead the counter adds.
#   S  STLB refill: bench's least (nop + load with a TLB miss) minus
#      its least (nop + load with a TLB hit), warm and cold, equals the
#      same difference of the least spans t_X to t_X_e.  No store
#      precedes the second read, so it does not wait and both ends
#      agree exactly.
#
# The machine is deterministic and the tracer only observes, so one
# untraced run gives bench's figures and each traced run must print
# the very same (checked: the tracer must not change a cycle).  The
# tracer takes 16 probes per run, so the spans take three runs.

cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-./sim}
m=${1:-dec5000}
for f in "$SIM" build/exokernel.elf build/workloads/bench.elf; do
	[ -e "$f" ] || { echo "tracecheck: $f not built (run make)"; exit 2; }
done
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
bad=0

# run NAME [tracer options]: bench on $m, output in $tmp/NAME.out, the
# trace summary in $tmp/NAME.txt.
run() {
	name=$1
	shift
	[ "$name" = plain ] || set -- --trace "$tmp/$name.txt" "$@"
	if ! $SIM --machine "$m" --max-cycles 300000000 "$@" build/exokernel.elf \
		build/workloads/bench.elf >"$tmp/$name.out" 2>"$tmp/$name.err"; then
		echo "tracecheck: $m: the $name run failed:"
		cat "$tmp/$name.err"
		exit 1
	fi
	if [ "$name" != plain ] && ! cmp -s "$tmp/plain.out" "$tmp/$name.out"; then
		echo "FAIL: $m: the tracer changed bench's output ($name run):"
		diff "$tmp/plain.out" "$tmp/$name.out"
		bad=1
	fi
}

# loop SPAN...: options for spans over one iteration of loops t_SPAN.
loops() {
	for s in "$@"; do
		printf ' --probe t_%s=t_%s --span %s=t_%s,t_%s' "$s" "$s" "$s" "$s" "$s"
	done
}

run plain
# shellcheck disable=SC2046
run loops $(loops nop null getenvid general general_stub rt_unalign rt_overflow rt_coproc rt_prot)
opts="--probe h=h_stamp --probe he=t_stamp_e --probe r=t_read --probe re=t_read_e --span read=r,re"
for k in unalign overflow coproc prot; do
	opts="$opts --probe f_$k=t_d_$k --span w_$k=f_$k,h --span d_$k=f_$k,he"
done
# shellcheck disable=SC2086
run dispatch $opts
opts=$(loops pct yield yieldf)
for s in warm_hit warm_miss cold_hit cold_miss up_miss; do
	opts="$opts --probe s_$s=t_s_$s --probe e_$s=t_s_${s}_e --span $s=s_$s,e_$s"
done
# shellcheck disable=SC2086
run stlb $opts

# stat RUN SPAN min|median: a field of the span's line in the summary.
stat() {
	awk -v s="$2" -v f="$3" '$1 == s && NF == 7 { print (f == "min") ? $3 : $4; n++ }
		END { if (!n) print "none" }' "$tmp/$1.txt"
}

# guest NAME: bench's figure on the row NAME, in hundredths of a cycle.
guest() {
	awk -v n="$1" 'index($0, n) == 1 && substr($0, length(n) + 1) ~ /^ +[0-9]+\.[0-9][0-9] / {
		if (!done) { split(substr($0, length(n) + 1), w, " "); sub(/\./, "", w[1]); print w[1] + 0 }
		done = 1 }' \
		"$tmp/plain.out"
}

# check NAME RULE TRACER100: one row; TRACER100 in hundredths of a cycle.
check() {
	g=$(guest "$1")
	ok=ok
	if [ -z "$g" ] || [ "$g" != "$3" ]; then
		ok=FAIL
		bad=1
	fi
	# shellcheck disable=SC2016
	awk -v n="$1" -v g="${g:-none}" -v t="$3" -v r="$2" -v ok="$ok" 'BEGIN {
		gs = g == "none" ? g : sprintf("%d.%02d", g / 100, g % 100)
		ts = t ~ /^[0-9]+$/ ? sprintf("%d.%02d", t / 100, t % 100) : t
		printf "%-34s %9s %9s  %s  %s\n", n, gs, ts, r, ok }'
}

# hundredths EXPR [DIVISOR]: an integer expression of summary figures,
# times 100, divided by DIVISOR (default 1).
hundredths() {
	case "$1" in
	*none*) echo none ;;
	*) echo $(( ($1) * 100 / ${2:-1} )) ;;
	esac
}

echo "Tracer cross-check on $m (bench/tracecheck.sh; its header gives the rules): each span"
echo "again from the tracer's probes, which add no instruction.  R counter read, L loop,"
echo "H half round trip, D one-way dispatch, S STLB: equal or FAIL.  W: one way with no"
echo "counter read (not in bench's output; D - W is the read's wait for the write buffer)."
printf '%-34s %9s %9s  %s\n' span bench tracer rule
read=$(stat dispatch read min)
g=$(sed -n 's/.*counter read \([0-9]*\) cycles.*/\1/p' "$tmp/plain.out")
ok=ok
[ "$g" = "$read" ] || { ok=FAIL; bad=1; }
printf '%-34s %9s %9s  R  %s\n' "counter read" "${g:-none}.00" "$read.00" $ok
nop=$(stat loops nop median)
for r in "null syscall, fast path:null" "getenvid, exos stub (fast path):getenvid" \
	"syscall, general (page_owner):general" "page_owner, stub (general path):general_stub" \
	"round trip unalign:rt_unalign" "round trip overflow:rt_overflow" \
	"round trip coproc:rt_coproc" "round trip prot:rt_prot"; do
	check "${r%:*}" L "$(hundredths "$(stat loops "${r#*:}" median) - $nop")"
done
for k in unalign overflow coproc prot; do
	check "dispatch $k" D "$(hundredths "$(stat dispatch "d_$k" min) - $read")"
done
for k in unalign overflow coproc prot; do
	printf '%-34s %9s %9s  W\n' "dispatch $k, no counter read" - \
		"$(stat dispatch "w_$k" min).00"
done
check "stlb hit refill" S \
	"$(hundredths "$(stat stlb warm_miss min) - $(stat stlb warm_hit min)")"
check "stlb hit refill, cold" S \
	"$(hundredths "$(stat stlb cold_miss min) - $(stat stlb cold_hit min)")"
check "tlb miss passed up to exos" S \
	"$(hundredths "$(stat stlb up_miss min) - $(stat stlb warm_hit min)")"
check "yield (directed)" H "$(hundredths "$(stat stlb yield median)" 2)"
check "yield, fast (SYS_YIELD_FAST)" H "$(hundredths "$(stat stlb yieldf median)" 2)"
check "protected control transfer" H "$(hundredths "$(stat stlb pct median)" 2)"
[ $bad = 0 ] && echo "every span agrees" || echo "tracecheck: $m: FAIL"
exit $bad
