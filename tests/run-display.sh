#!/bin/sh
# run-display.sh: the framebuffer, --screenshot and --display.
#
#   - screenshots of tests/display/pattern.elf while it draws, checked
#     pixel for pixel against the test pattern that pixels.py computes
#     on its own: each shows the pattern down to some row and black
#     below, the rows grow with the cycle, the last shows it all;
#   - the same screenshot, byte for byte, on a second run, when taken
#     alone, and with the window open (SDL's dummy driver);
#   - --display under SDL's dummy driver runs the program to its end;
#   - --display under Xvfb (xvfb-run): the window opens, keys typed in
#     it reach the guest's console, closing it stops the machine with
#     status 204 and complete trace and profile files;
#   - the framebuffer console (exos/fbcons.c) after tests/display/text.txt
#     (tabs, backspace, carriage return, a wrapped line, scrolling) is the
#     screen pixels.py draws from the same text and font file;
#   - bad input: a clear message and status 202, an unwritable file 203,
#     no display to open 202.
# One line per case; exit 1 if any fails.
cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-./sim}
PAT=build/tests/display/pattern.elf
SPIN=build/tests/display/spin.elf
TEXT=build/tests/display/text.elf
FONT=/usr/share/consolefonts/Lat15-Fixed16.psf.gz
PIX="python3 tests/display/pixels.py"
for f in "$SIM" $PAT $SPIN $TEXT $FONT; do
	[ -f "$f" ] || { echo "run-display: $f not built (run make)"; exit 2; }
done

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# Screenshots while the pattern is drawn (about 18.5 M cycles on dec5000).
CYCLES="1000000 4000000 9000000 15000000"
shots() {   # shots DIR OPTS...: the screenshots at $CYCLES and at the end
	d=$1; shift
	mkdir -p "$d"
	args=
	for c in $CYCLES; do args="$args --screenshot $d/$c.png@$c"; done
	# shellcheck disable=SC2086
	"$SIM" "$@" $args --screenshot "$d/end.png@end" $PAT >"$d/out" 2>"$d/err"
}
shots "$tmp/a"
st=$?
prev=-1
msg=
for c in $CYCLES end; do
	k=$($PIX rows "$tmp/a/$c.png" 2>&1) || { msg="$c: $k"; break; }
	[ "$k" -gt "$prev" ] || { msg="$c: $k rows, not more than $prev"; break; }
	prev=$k
done
if [ $st -ne 0 ]; then
	bad pattern "exit status $st: $(cat "$tmp/a/err")"
elif [ -n "$msg" ]; then
	bad pattern "$msg"
elif [ "$prev" -ne 480 ]; then
	bad pattern "the last screenshot has $prev rows of the pattern, not 480"
else
	ok "pattern: screenshots at $CYCLES and end show the pattern down to a growing row, all 480 at the end"
fi

shots "$tmp/b"
same=yes
for c in $CYCLES end; do cmp -s "$tmp/a/$c.png" "$tmp/b/$c.png" || same=$c; done
[ $same = yes ] && ok "repeat: the second run's screenshots are the same files" ||
	bad repeat "$same.png differs between two runs"

"$SIM" --screenshot "$tmp/alone.png@9000000" $PAT >/dev/null 2>&1
cmp -s "$tmp/alone.png" "$tmp/a/9000000.png" && ok "alone: a screenshot taken alone is the same" ||
	bad alone "the screenshot at 9000000 differs when taken alone"

SDL_VIDEODRIVER=dummy shots "$tmp/c" --display
st=$?
same=yes
for c in $CYCLES end; do cmp -s "$tmp/a/$c.png" "$tmp/c/$c.png" || same=$c; done
if [ $st -ne 0 ]; then
	bad dummy "--display under SDL's dummy driver: status $st: $(cat "$tmp/c/err")"
elif [ $same != yes ] || ! cmp -s "$tmp/a/out" "$tmp/c/out"; then
	bad dummy "--display changed the run ($same.png or the output differs)"
else
	ok "dummy: --display (SDL dummy driver) runs to the end with the same screenshots and output"
fi

"$SIM" --screenshot "$tmp/text.png@end" $TEXT <tests/display/text.txt >"$tmp/text.out" 2>&1
st=$?
r=$($PIX text "$tmp/text.png" tests/display/text.txt $FONT 2>&1)
if [ $st -ne 0 ]; then
	bad text "exit status $st: $(cat "$tmp/text.out")"
elif [ "$r" != same ]; then
	bad text "$r"
else
	ok "text: the console's screen after text.txt is the one drawn from the font file, pixel for pixel"
fi

# The window under Xvfb (tests/display/xwindow.sh): type "hi", close it.
if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1; then
	bad xvfb "xvfb-run and xdotool are needed (./configure installs them)"
else
	r=$(timeout 60 xvfb-run -a sh tests/display/xwindow.sh "$SIM" $SPIN "$tmp/x" 2>&1 | tail -1)
	if [ "$r" != "status 204" ]; then
		bad xvfb "closing the window: $r; $(cat "$tmp/x.err" 2>/dev/null)"
	elif [ "$(cat "$tmp/x.out")" != hi ]; then
		bad xvfb "the keys typed did not reach the console: '$(cat "$tmp/x.out")'"
	elif ! grep -q 'display window closed at cycle' "$tmp/x.err"; then
		bad xvfb "no message on closing: $(cat "$tmp/x.err")"
	elif ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/x.json"; then
		bad xvfb "the trace file is not complete JSON"
	elif ! grep -q '^exosim profile: ' "$tmp/x.prof" || ! grep -q ' main$' "$tmp/x.prof"; then
		bad xvfb "the profile is not complete"
	else
		ok "xvfb: the window opens, typed keys reach the console, closing it gives 204 with trace and profile complete"
	fi
fi

# expect NAME STATUS PATTERN ARGS...: status and a message on stderr.
expect() {
	name=$1 want=$2 pat=$3
	shift 3
	"$SIM" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st -ne "$want" ]; then
		bad "$name" "status $st, expected $want: $(head -c 300 "$tmp/err")"
	elif ! grep -qiE "$pat" "$tmp/err"; then
		bad "$name" "stderr does not match '$pat': $(head -c 300 "$tmp/err")"
	else
		ok "$name: status $want, '$(head -1 "$tmp/err" | cut -c1-70)'"
	fi
}
expect bad-noat 202 'FILE.png@CYCLE' --screenshot "$tmp/x.png" $PAT
expect bad-cycle 202 'not a cycle count' --screenshot "$tmp/x.png@12x" $PAT
expect bad-negative 202 'not a cycle count' --screenshot "$tmp/x.png@-5" $PAT
expect bad-scale 202 'not 1..4' --display --display-scale 9 $PAT
expect bad-scale-alone 202 'need --display' --display-scale 2 $PAT
expect bad-debug 202 'do not go with' --display --gdb 1234 $PAT
expect unwritable 203 "$tmp/no/such/dir/x.png" --screenshot "$tmp/no/such/dir/x.png@0" $PAT
expect unreached 200 'before it; not written' --max-cycles 1000 --screenshot "$tmp/late.png@5000" $PAT
[ -f "$tmp/late.png" ] && bad unreached-file "a screenshot past the run's end was written"
SDL_VIDEODRIVER=x11 DISPLAY=:99999 expect no-display 202 'display' --display $PAT

echo "run-display: $pass passed, $fail failed"
[ $fail -eq 0 ]
