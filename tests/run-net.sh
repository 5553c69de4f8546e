#!/bin/sh
# run-net.sh: the Ethernet's connections (docs/NET.md) with
# build/tests/net/nettest.elf (a pinger at MAC ...:10, an echoer at any
# other MAC) and captures from tests/net/mkpcap.py:
#   - pcap round trip: a capture replayed into the echoer (--net pcap-in)
#     and everything written out (--net pcap-out); read with tshark, the
#     frames that came in equal the capture's, times relative to the
#     first frame included, and the echoes are those of the frames
#     addressed to the echoer or broadcast, nothing else;
#   - the same replay twice gives byte-identical captures and output;
#   - a truncated capture, a frame captured in part, a capture that is
#     not Ethernet, times that go backwards: a clear error, exit 202;
#   - two machines linked by simnet (pinger and echoer): the pings come
#     back, and two runs give byte-identical consoles and captures; the
#     same by hand (simnet --hub, sim started twice) gives the same;
#   - --net-latency 10us on both: each round trip 500 cycles longer (+-100);
#   - a link nobody serves, two machines with one MAC, a simnet config
#     with no machines or with a machine that cannot start, a bad --net: 202;
#   - --net tap: the namespace test, tests/net/run-tap.sh.
# Prints one line per case; exits 1 if any fails.
cd "$(dirname "$0")/.." || exit 1

ELF=build/tests/net/nettest.elf
for need in ./sim ./simnet "$ELF"; do
	if [ ! -f "$need" ]; then
		echo "run-net.sh: FAIL: $need is missing; run make first" >&2
		exit 1
	fi
done
if ! command -v tshark >/dev/null 2>&1; then
	echo "run-net.sh: FAIL: tshark is needed to read the captures (Debian package tshark)" >&2
	exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
ECHOER=10:20:30:00:00:20
SRC=02:00:00:00:00:01

# fields FILE [FILTER]: one line a frame, from tshark.
fields() {
	tshark -r "$1" ${2:+-Y "$2"} -T fields -e frame.time_relative -e eth.src -e eth.dst \
		-e frame.len -e data.data 2>/dev/null
}

# ---- pcap round trip ----
python3 tests/net/mkpcap.py good "$tmp/in.pcap" || exit 1
replay() {
	timeout 30 ./sim --max-cycles 50000000 --net-mac $ECHOER --net pcap-in="$tmp/in.pcap" \
		--net pcap-out="$tmp/$1.pcap" "$ELF" >"$tmp/$1.out" 2>"$tmp/$1.err"
}
if replay r1 && replay r2; then
	fields "$tmp/in.pcap" >"$tmp/in.f"
	fields "$tmp/r1.pcap" "eth.src == $SRC" >"$tmp/rx.f"
	if [ "$(wc -l <"$tmp/in.f")" -eq 5 ] && cmp -s "$tmp/in.f" "$tmp/rx.f"; then
		ok "pcap round trip: the 5 replayed frames come out as they went in, times relative"
	else
		bad "pcap round trip: frames in (<) and out (>) differ:"
		diff "$tmp/in.f" "$tmp/rx.f" | head -5
	fi
	# Echoes: the frames to the echoer or broadcast, with the addresses
	# swapped: compare dst, length and payload (times differ).
	fields "$tmp/in.pcap" "eth.dst == $ECHOER || eth.dst == ff:ff:ff:ff:ff:ff" |
		awk -v s=$SRC '{ print s, $4, $5 }' >"$tmp/want.f"
	fields "$tmp/r1.pcap" "eth.src == $ECHOER" | awk '{ print $3, $4, $5 }' >"$tmp/echo.f"
	if [ "$(wc -l <"$tmp/want.f")" -eq 4 ] && cmp -s "$tmp/want.f" "$tmp/echo.f" &&
	   grep -q "^echoed 4 frames" "$tmp/r1.out"; then
		ok "pcap round trip: 4 echoes (not the frame for another address), bytes intact"
	else
		bad "pcap round trip: echoes wanted (<) and written (>) differ:"
		diff "$tmp/want.f" "$tmp/echo.f" | head -5
	fi
	if cmp -s "$tmp/r1.pcap" "$tmp/r2.pcap" && cmp -s "$tmp/r1.out" "$tmp/r2.out"; then
		ok "pcap replay twice: byte-identical capture and console"
	else
		bad "pcap replay twice: the runs differ"
	fi
else
	bad "pcap round trip: sim failed: $(head -c 300 "$tmp/r1.err" "$tmp/r2.err")"
fi

# ---- malformed captures ----
for kind in truncated:truncated partial:"in part" linktype:"not Ethernet" backwards:earlier; do
	k=${kind%%:*}
	want=${kind#*:}
	python3 tests/net/mkpcap.py "$k" "$tmp/$k.pcap" || exit 1
	timeout 10 ./sim --net pcap-in="$tmp/$k.pcap" "$ELF" >/dev/null 2>"$tmp/$k.err"
	st=$?
	if [ $st -eq 202 ] && grep -q "pcap-in=.*$want" "$tmp/$k.err"; then
		ok "bad capture ($k): exit 202, '$(head -c 90 "$tmp/$k.err")'"
	else
		bad "bad capture ($k): exit $st, stderr: $(head -c 200 "$tmp/$k.err")"
	fi
done

# ---- two linked machines ----
cat >"$tmp/two.cfg" <<CFG
# pinger and echoer on one segment
ping --max-cycles 50000000 --net pcap-out=$tmp/ping.pcap $ELF
echo --max-cycles 50000000 --net-mac $ECHOER $ELF
CFG
link_run() {
	mkdir -p "$tmp/$1" && timeout 60 ./simnet -o "$tmp/$1" "$tmp/two.cfg" &&
		mv "$tmp/ping.pcap" "$tmp/$1/ping.pcap"
}
if link_run l1 && link_run l2; then
	n=$(grep -c "^ping [0-3]: .* round trip [0-9]* cycles" "$tmp/l1/ping.out")
	e=$(grep -c "^echo [1-4]: " "$tmp/l1/echo.out")
	f=$(fields "$tmp/l1/ping.pcap" | wc -l)
	if [ "$n" -eq 4 ] && [ "$e" -eq 4 ] && [ "$f" -eq 8 ]; then
		ok "link: 4 pings echoed across two machines, 8 frames captured"
	else
		bad "link: $n pings, $e echoes, $f frames (want 4, 4, 8)"
	fi
	if cmp -s "$tmp/l1/ping.out" "$tmp/l2/ping.out" && cmp -s "$tmp/l1/echo.out" "$tmp/l2/echo.out" &&
	   cmp -s "$tmp/l1/ping.pcap" "$tmp/l2/ping.pcap"; then
		ok "link twice: byte-identical consoles and capture ($(sed -n 2p "$tmp/l1/ping.out"))"
	else
		bad "link twice: the runs differ"
	fi
else
	bad "link: simnet failed: $(cat "$tmp"/l1/*.err 2>/dev/null | head -c 300)"
fi

# ---- latency: 10 us each way adds 2 x 250 cycles to each round trip,
# give or take the two programs' polling loops (under 100 cycles) ----
sed 's/--max-cycles/--net-latency 10us --max-cycles/' "$tmp/two.cfg" | grep -v pcap-out >"$tmp/lat.cfg"
sed 's/--max-cycles/--net-latency 10us --max-cycles/' "$tmp/two.cfg" | grep pcap-out |
	sed 's/--net pcap-out=[^ ]* //' >>"$tmp/lat.cfg"
mkdir -p "$tmp/lat"
if timeout 60 ./simnet -o "$tmp/lat" "$tmp/lat.cfg" && [ -f "$tmp/l1/ping.out" ]; then
	d=$(paste "$tmp/l1/ping.out" "$tmp/lat/ping.out" | awk -F'\t' '/round trip/ {
		split($1, a, " "); split($2, b, " "); print b[7] - a[7] }' | tr '\n' ' ')
	if [ -n "$d" ] && echo "$d" | awk '{ for (i = 1; i <= NF; i++) if ($i < 400 || $i > 600) exit 1 }'; then
		ok "latency 10us: round trips longer by $d cycles (500 +- the polling)"
	else
		bad "latency 10us: round trips longer by '$d' cycles, want 500 +- 100"
	fi
else
	bad "latency: simnet failed"
fi

# ---- the same segment by hand: simnet --hub and two sims ----
if [ -f "$tmp/l1/ping.out" ]; then
	./simnet --hub "$tmp/seg" 2 2>"$tmp/hub.err" &
	hub=$!
	i=0
	while [ ! -S "$tmp/seg" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	timeout 60 ./sim --max-cycles 50000000 --net link="$tmp/seg" "$ELF" >"$tmp/h.ping" 2>&1 &
	p1=$!
	timeout 60 ./sim --max-cycles 50000000 --net link="$tmp/seg" --net-mac $ECHOER "$ELF" \
		>"$tmp/h.echo" 2>&1
	s2=$?
	wait $p1
	s1=$?
	wait $hub
	sh=$?
	if [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $sh -eq 0 ] && cmp -s "$tmp/h.ping" "$tmp/l1/ping.out" &&
	   cmp -s "$tmp/h.echo" "$tmp/l1/echo.out"; then
		ok "link by hand (simnet --hub, sim twice): the same consoles as simnet CONFIG"
	else
		bad "link by hand: statuses $s1 $s2 hub $sh, or consoles differ: $(head -c 200 "$tmp/hub.err")"
	fi
fi

# ---- bad links and options ----
timeout 10 ./sim --net link="$tmp/nobody" "$ELF" >/dev/null 2>"$tmp/nolink.err"
st=$?
if [ $st -eq 202 ] && grep -q "cannot connect" "$tmp/nolink.err"; then
	ok "link nobody serves: exit 202"
else
	bad "link nobody serves: exit $st: $(head -c 200 "$tmp/nolink.err")"
fi
sed 's/--net-mac [^ ]* //' "$tmp/two.cfg" >"$tmp/dup.cfg"
timeout 30 ./simnet -o "$tmp" "$tmp/dup.cfg" >/dev/null 2>"$tmp/dup.err"
st=$?
if [ $st -eq 202 ] && grep -q "two machines with MAC" "$tmp/dup.err"; then
	ok "two machines with one MAC: refused, exit 202"
else
	bad "two machines with one MAC: exit $st: $(head -c 200 "$tmp/dup.err")"
fi
printf '# nothing\n' >"$tmp/empty.cfg"
printf 'a --net-speed 0 %s\nb --net-mac %s %s\n' "$ELF" $ECHOER "$ELF" >"$tmp/badarg.cfg"
for cfg in empty:"no machines" badarg:"stopped before joining"; do
	c=${cfg%%:*}
	want=${cfg#*:}
	timeout 30 ./simnet -o "$tmp" "$tmp/$c.cfg" >/dev/null 2>"$tmp/$c.err"
	st=$?
	if [ $st -eq 202 ] && grep -q "$want" "$tmp/$c.err"; then
		ok "simnet with a bad config ($c): exit 202, '$want'"
	else
		bad "simnet with a bad config ($c): exit $st: $(head -c 200 "$tmp/$c.err")"
	fi
done
for opt in "--net bogus" "--net-speed 0" "--net-latency 5" "--net-mac ff:ff:ff:ff:ff:ff" \
           "--net pcap-in=$tmp/missing.pcap"; do
	timeout 10 ./sim $opt "$ELF" >/dev/null 2>"$tmp/opt.err"
	st=$?
	if [ $st -eq 202 ] && [ -s "$tmp/opt.err" ]; then
		ok "bad option '$opt': exit 202"
	else
		bad "bad option '$opt': exit $st"
	fi
done

# ---- TAP, in a network namespace of its own (skips where not allowed) ----
sh tests/net/run-tap.sh
st=$?
[ $st -eq 0 ] || [ $st -eq 77 ] || fail=1

exit $fail
