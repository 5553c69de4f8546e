#!/bin/sh
# bench/net.sh: the Ethernet's link (docs/NET.md, docs/BENCH.md).  Not a
# timed test: it prints figures of the host it runs on.
#   - frames per host second through a link: two machines (simnet), one
#     sending 2000 minimum frames at the wire's pace to the other;
#   - the cost of lockstep: the sender alone (--net none, the same guest
#     work) against the linked pair, in host seconds per virtual second.
# Each run REPS times; the best (least disturbed) host time is kept.
cd "$(dirname "$0")/.." || exit 1
ELF=build/tests/net/netbench.elf
REPS=${REPS:-3}
[ -x ./sim ] && [ -x ./simnet ] && [ -f "$ELF" ] || { echo "bench/net.sh: run make first"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
best() { # best CMD...: the least host seconds of REPS runs
	b=
	for i in $(seq "$REPS"); do
		t0=$(now)
		"$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
		t=$(echo "$(now) - $t0" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}

cat >"$tmp/pair.cfg" <<CFG
send --stats $ELF
recv --net-mac 10:20:30:00:00:20 $ELF
CFG
alone=$(best ./sim --stats --net none "$ELF")
cyc=$(sed -n 's/^cycles *\([0-9]*\).*/\1/p' "$tmp/err")
pair=$(best ./simnet -o "$tmp" "$tmp/pair.cfg")
got=$(cat "$tmp/recv.out")
hz=25000000
virt=$(echo "$cyc / $hz" | bc -l)
epoch_us=57.6
epochs=$(echo "$virt * 1000000 / $epoch_us" | bc)
printf 'host: %s, %s cores, load %s\n' "$(uname -m)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'virtual time of the run: %.4f s (%s cycles at 25 MHz), %s epochs of %s us\n' \
	"$virt" "$cyc" "$epochs" "$epoch_us"
printf 'receiver: %s\n' "$got"
printf 'sender alone (--net none):   %.3f host s  (%.1f host s per virtual s)\n' "$alone" \
	"$(echo "$alone / $virt" | bc -l)"
printf 'linked pair (simnet):        %.3f host s  (%.1f host s per virtual s)\n' "$pair" \
	"$(echo "$pair / $virt" | bc -l)"
printf 'frames through the link:     %.0f per host second\n' "$(echo "2000 / $pair" | bc -l)"
printf 'lockstep:                    %.1f us of host time per epoch and machine pair\n' \
	"$(echo "($pair - $alone) * 1000000 / $epochs" | bc -l)"
