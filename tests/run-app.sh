#!/bin/sh
# run-app.sh: the tutorial (docs/TUTORIAL.md) as a newcomer follows it,
# and the errors a newcomer hits.  Builds examples/overflow.c with
# `make app`, runs it on the exokernel (its own figures), measures the
# same span with the tracer's probes and draws its histogram, profiles
# it from main; then an exokernel application run without the kernel,
# a bare-metal program given as a module, and a bare-metal program that
# polls a console whose input has ended: each stops with a message that
# names the fix.  (A program that waits in SYS_CWAIT for ended input:
# tests/kernel/input_end.t.)  One line per check; exit 1 if any failed.

cd "$(dirname "$0")/.." || exit 2
. bench/python.sh
SIM=${SIM:-./sim}
K=build/exokernel.elf
for f in "$SIM" $K build/workloads/hello.elf build/workloads/readline.elf build/tests/c/sort.elf; do
	[ -e "$f" ] || { echo "run-app: $f not built (run make)"; exit 2; }
done
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp" build/app/myapp.elf' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS app/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL app/$1: $2"; fail=$((fail + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$*"; fi; }

# ---- the tutorial ----------------------------------------------------------
# A copy of the example as a newcomer's own file, built into build/app/.
cp examples/overflow.c "$tmp/myapp.c"
${MAKE:-make} -s app SRC="$tmp/myapp.c" >"$tmp/build" 2>&1
check "make app builds" grep -q "make app: built build/app/myapp.elf" "$tmp/build"
A=build/app/myapp.elf
$SIM $K $A >"$tmp/out" 2>&1
check "it runs, status 0" [ $? = 0 ]
check "every overflow reached its handler" grep -q "^200 overflows handled by the application (200 expected)" "$tmp/out"
least=$(sed -n 's/^round trip, cycles: least \([0-9]*\), median \([0-9]*\).*/\1 \2/p' "$tmp/out")
check "its own measurement" [ -n "$least" ]
$SIM --trace "$tmp/t.csv" --trace-filter kinds=span --probe add=ovf_add --probe after=ovf_after \
	--span ovf=add,after $K $A >/dev/null 2>&1
"$PYTHON" traces/histogram.py "$tmp/t.csv" "$tmp/h" ovf "exc->user Ov user" >"$tmp/hist" 2>&1
check "histogram of the span" grep -q "^histogram.py: ovf: 200 spans" "$tmp/hist"
check "histogram PNG and SVG" [ -s "$tmp/h.png" ] && [ -s "$tmp/h.svg" ]
# The tracer's span is the add to the second counter read's issue: the
# app's figure less the first read's cost (it waits for nothing here).
med=$(sed -n 's/^histogram.py: ovf: 200 spans, min [0-9]*, median \([0-9]*\),.*/\1/p' "$tmp/hist")
check "the tracer's median is below the app's (no counter read in it)" [ "${med:-0}" -gt 0 ] && [ "$med" -lt "${least#* }" ]
$SIM --profile "$tmp/p.txt" --profile-from main $K $A >/dev/null 2>&1
check "profile from main: the handler is in it" grep -q " ov_handler \[user asid 1\]$" "$tmp/p.txt"
check "profile from main: 200 dispatches through gen_exc" sh -c "awk '\$NF == \"gen_exc\" { print \$6 }' '$tmp/p.txt' | grep -qx '20[0-9]'"
${MAKE:-make} -s app >"$tmp/err" 2>&1
check "make app without SRC: says how" grep -q "give SRC=file.c" "$tmp/err"

# ---- the newcomer's errors ---------------------------------------------------
$SIM build/workloads/hello.elf >"$tmp/out" 2>&1
check "an application without the kernel: bad input (202)" [ $? = 202 ]
check "an application without the kernel: names the fix" \
	grep -q "is in kuseg: this is an application for a kernel, not a bare-metal program; run it as a module of the exokernel: sim build/exokernel.elf build/workloads/hello.elf" "$tmp/out"
$SIM $K build/tests/c/sort.elf >"$tmp/out" 2>&1
check "a bare-metal program as a module: names the fix" \
	grep -q "refused: a bare-metal program (linked in kseg0), not an exokernel application: run it without the kernel" "$tmp/out"
printf 'no newline' | $SIM build/workloads/readline.elf >"$tmp/out" 2>&1
check "polling input that has ended: stopped as wedged (201)" [ $? = 201 ]
check "polling input that has ended: says so" grep -q "keeps reading the console (100000 empty reads, no output), but its input has ended" "$tmp/out"
printf 'no newline' >"$tmp/in"
$SIM --stats build/workloads/readline.elf <"$tmp/in" >"$tmp/out" 2>&1
check "the same from a file: stopped within 2M cycles" sh -c "[ \$(awk '\$1 == \"cycles\" { print \$2 }' '$tmp/out') -lt 2000000 ]"
printf 'a line\n' | $SIM build/workloads/readline.elf >"$tmp/out" 2>&1
check "its whole line: echoed, status 0" sh -c "[ $? = 0 ] && grep -q '^line: a line' '$tmp/out'"
echo "app: $pass passed, $fail failed"
[ $fail = 0 ]
