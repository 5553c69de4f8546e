#!/bin/sh
# run-dpf.sh: DPF's engine, its generated code and build/dpf
# (docs/DPF.md).
#  - dpftest: the generated code (run on the simulator core, every load
#    watched), the interpreter and the atoms' meaning held to each other
#    on random filter sets and damaged messages; malformed filters and
#    exhaustion refused.
#  - build/dpf --check on generated captures: the generated code, the
#    interpreter and libpcap's BPF (pcap_offline_filter) agree on every
#    frame, for several filter sets, both message alignments.
#  - bench/dpfbench.c (engine and code generation on the simulated R3000)
#    runs under --check-icache without a report and with every id right.
#  - filters that are not conjunctions/disjunctions of field comparisons
#    are refused with the construct named and exit status 2.
set -e
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "run-dpf: $*"; exit 1; }

$B/tests/dpf/dpftest 150 1
$B/tests/dpf/dpftest 30 99

$B/tests/dpf/gencap "$T/a.pcap" 3000 1
$B/tests/dpf/gencap "$T/b.pcap" 2000 2
check() {   # capture align filters...
	cap=$1 align=$2; shift 2
	$B/dpf --check --align "$align" --pcap "$cap" "$@" >"$T/out" 2>"$T/err" ||
		{ cat "$T/err"; fail "--check failed for: $*"; }
	grep -q 'agree$' "$T/err" || fail "no agreement reported for: $*"
}
check "$T/a.pcap" 0 'udp and dst port 53' 'ip src 192.12.69.1 and tcp port 1234' \
	'tcp port 80 or tcp port 22' 'ip' 'arp' 'vlan and tcp' 'ip6 and udp port 53'
check "$T/a.pcap" 2 'tcp src port 1234 and tcp dst port 4321' 'tcp dst port 53' 'tcp dst port 80' \
	'tcp dst port 22' 'tcp dst port 25' 'tcp dst port 443' 'udp' 'icmp'
check "$T/b.pcap" 2 'host 10.0.0.1' 'net 192.168.0.0/16' 'ip[6:2] & 0x1fff = 0 and udp' \
	'tcp[tcpflags] & tcp-syn != 0' 'ether host 01:02:03:04:05:06' 'ip proto 17 or ip6'
check "$T/b.pcap" 0 'port 53' 'src port 53 and dst port 53' 'vlan and ip' 'ip[0] = 0x45'

# one line per frame, frames from 1, ids from 1 in order given, 0 for none
n=$(wc -l <"$T/out")
[ "$n" -eq 2000 ] || fail "--pcap printed $n lines for 2000 frames"
awk 'NR != $1 || $2 < 0 || $2 > 4 { exit 1 }' "$T/out" || fail "--pcap lines are not 'N ID'"

# refusals: exit 2 and the construct named
refuse() {  # filter, words of the message
	st=0; $B/dpf "$1" >/dev/null 2>"$T/err" || st=$?
	[ "$st" -eq 2 ] || fail "'$1': exit $st, not 2"
	grep -q "$2" "$T/err" || { cat "$T/err"; fail "'$1': message does not name '$2'"; }
}
refuse 'not port 53' 'negated comparison'
refuse 'ip and not udp' 'negated comparison'
refuse 'len > 100' 'packet length'
refuse 'greater 100' 'packet length'
refuse 'ip[2:2] > 500' 'ordering comparison'
refuse 'tcp[13] & 3 != 0' 'several bits'
refuse 'bogus((' 'syntax error'
st=0; $B/dpf --pcap "$T/missing.pcap" ip >/dev/null 2>&1 || st=$?
[ "$st" -eq 1 ] || fail "a missing capture: exit $st, not 1"
# the measurements' program: code generated on the simulated R3000, its
# I-cache lines flushed, so --check-icache stays silent; every result right
SIM=${SIM:-./sim}
$SIM --machine dec5000 --check-icache build/bench/dpfbench.elf >"$T/bench" 2>"$T/err" ||
	{ cat "$T/bench" "$T/err"; fail "dpfbench failed"; }
if grep -q . "$T/err"; then cat "$T/err"; fail "dpfbench: --check-icache reported stale code"; fi
grep -q '^@paper T7 dpf ' "$T/bench" || fail "dpfbench printed no T7 figure"

echo "run-dpf: generated code, interpreter and libpcap agree; refusals named"
