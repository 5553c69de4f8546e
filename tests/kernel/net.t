# The kernel's network calls: frames sent from a page the caller holds a
# capability for (read is enough), the calls refused (forged cap, the
# kernel's page, bad lengths and offsets), receive slots bound with
# write capabilities, a frame dropped when the slots are full, counters.
run: build/workloads/net.elf
opts: --net pcap-in=build/tests/net/kernel-rx.pcap --net pcap-out=@TMP@/net.pcap
status: 0
out: send with a forged cap: -3 ok
out: send the kernel's page 0: -3 ok
out: send past the page's end: -1 ok
out: frames sent with the read cap: 3 ok
out: bind with the read cap: -3 ok
out: bind slot 0: 0 ok
out: slot 0: 60 bytes, frame 7
out: slot 1: 70 bytes, frame 14
out: dropped (slots full): 1 ok
out: NIC tx frames: 3 ok
no: WRONG
post: test "$(tshark -r @TMP@/net.pcap -Y 'eth.src == 02:00:00:00:00:05' 2>/dev/null | wc -l)" -eq 3
