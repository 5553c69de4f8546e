# The network calls under attack (workloads/netattack.c): an attacker
# cannot take the receiver's place or unbind it, cannot send from a page
# it has no capability for (the bystander's, the kernel's), gets -E_INVAL
# for bad offsets and lengths, and its flood is held to its quota while
# the bystander sends all 5 of its frames and receives the 3 replayed
# ones, with its page intact.  The capture holds the bystander's 5.
run: build/workloads/netattack.elf
opts: --net pcap-in=build/tests/net/kernel-rx.pcap --net pcap-out=@TMP@/att.pcap
status: 0
out: attacker: 0 refused calls wrong; flood of 3000: mostly busy, 0 other
out: bystander: sent 5 of 5, received 3 of 3, receiver still: ok, page: intact
no: WRONG
post: test "$(tshark -r @TMP@/att.pcap -Y 'eth.src == 02:00:00:00:00:0b' 2>/dev/null | wc -l)" -eq 5
