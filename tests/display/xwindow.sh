#!/bin/sh
# xwindow.sh SIM PROGRAM OUT: run under an X server (xvfb-run, by
# tests/run-display.sh).  Starts SIM --display PROGRAM with a trace
# (OUT.json) and a profile (OUT.prof), types "hi" into its window,
# closes the window as a window manager would (xclose.py), and prints
# "status N", N being sim's exit status.  Console output in OUT.out,
# stderr in OUT.err.
sim=$1 prog=$2 out=$3
# Under make check-asan: SDL loads the X11 client libraries and unloads
# them at SDL_Quit; some of their allocations stay, and LeakSanitizer,
# which can no longer name the unloaded libraries, cannot be told to
# ignore them.  Leak checking is off for this one run (ASan's other
# checks stay on).
[ -n "$ASAN_OPTIONS" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
"$sim" --display --trace "$out.json" --profile "$out.prof" "$prog" >"$out.out" 2>"$out.err" &
pid=$!
id=$(timeout 20 xdotool search --sync --name '^exosim$' | head -1)
if [ -z "$id" ]; then
	kill "$pid"
	echo "no window appeared"
	exit 1
fi
sleep 0.5
xdotool type --window "$id" hi
sleep 0.5
python3 "$(dirname "$0")/xclose.py" "$id"
wait "$pid"
echo "status $?"
