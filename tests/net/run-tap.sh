#!/bin/sh
# run-tap.sh: --net tap.  In a network namespace of its own (ip netns),
# a TAP interface 10.0.0.1/24; the guest, build/tests/net/icmpecho.elf,
# is 10.0.0.2 on the other side.  Linux's ping must reach it: three echo
# requests, three replies (ARP first, by the kernel's own stack).  No
# address outside the namespace is used.  A TAP run follows the host's
# clock, so only the replies are checked, not cycles.
# Skips (exit 77) with a message when namespaces or TAP devices cannot
# be made here (not root, no /dev/net/tun, a sandbox without them).
cd "$(dirname "$0")/../.." || exit 1

ELF=build/tests/net/icmpecho.elf
NS=exosim-tap-$$
skip() { echo "skip tap: $1"; exit 77; }

[ -f "$ELF" ] && [ -x ./sim ] || { echo "FAIL tap: $ELF or ./sim missing; run make"; exit 1; }
command -v ip >/dev/null 2>&1 || skip "no 'ip' command (iproute2)"
command -v ping >/dev/null 2>&1 || skip "no 'ping' command (iputils-ping)"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
ip netns add "$NS" 2>/dev/null || skip "cannot create a network namespace (needs root or CAP_SYS_ADMIN)"
tmp=$(mktemp -d) || exit 1
cleanup() {
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
in_ns() { ip netns exec "$NS" "$@"; }
in_ns ip link set lo up &&
in_ns ip tuntap add dev tap0 mode tap 2>/dev/null || skip "cannot create a TAP device in the namespace"
in_ns ip addr add 10.0.0.1/24 dev tap0 && in_ns ip link set tap0 up || {
	echo "FAIL tap: cannot configure tap0 in the namespace"
	exit 1
}

# 25 MHz * 30 s of host-paced time: a bound, not a figure.
in_ns ./sim --max-cycles 750000000 --net tap=tap0 --net pcap-out="$tmp/tap.pcap" "$ELF" \
	>"$tmp/sim.out" 2>"$tmp/sim.err" &
simpid=$!
# Ping once the guest's responder is up (a TAP no one has open drops
# what the host sends it).
i=0
while ! grep -q "^icmpecho: 10.0.0.2" "$tmp/sim.out" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
in_ns ping -c 3 -i 0.3 -W 5 10.0.0.2 >"$tmp/ping.out" 2>&1
pst=$?
wait "$simpid"
sst=$?
simpid=
if [ $pst -eq 0 ] && grep -q "3 received" "$tmp/ping.out" && [ $sst -eq 0 ] &&
   [ "$(grep -c "echo reply" "$tmp/sim.out")" -eq 3 ]; then
	echo "ok   tap: Linux ping reached the guest's echo responder in namespace $NS ($(grep -o 'rtt.*' "$tmp/ping.out"))"
	exit 0
fi
echo "FAIL tap: ping status $pst, sim status $sst"
cat "$tmp/ping.out" "$tmp/sim.out" "$tmp/sim.err" | head -20
exit 1
