#!/usr/bin/env python3
"""mkpcap.py: captures for tests/run-net.sh, written byte by byte from the
pcap format (microsecond timestamps, magic a1b2c3d4), so that the test
does not read what the simulator's own libpcap writes with the same code.

  mkpcap.py good FILE       frames for the echoer (nettest.elf with MAC
                            10:20:30:00:00:20): to it, broadcast, to another
                            address (not echoed), at epoch-based times
  mkpcap.py truncated FILE  the good capture cut inside its last record
  mkpcap.py partial FILE    a record captured in part (caplen < len)
  mkpcap.py linktype FILE   a capture of link type 101 (raw IP), not Ethernet
  mkpcap.py backwards FILE  the second frame earlier than the first
  mkpcap.py kernel FILE     for tests/kernel/net*.t: a frame for another
                            address at 0, then three broadcasts 1 ms apart
                            from 1 s on (the kernel has booted, ~90 ms, and
                            the program has bound its slots)
"""
import struct
import sys

ECHOER = bytes.fromhex("102030000020")
OTHER = bytes.fromhex("102030000077")
BCAST = b"\xff" * 6
SRC = bytes.fromhex("020000000001")
T0 = 1700000000          # a real-world epoch time: replay is relative to frame 1


def frame(dst, n, size):
    body = bytes((n * 7 + k) & 0xff for k in range(size - 14))
    return dst + SRC + b"\x88\xb5" + body


def record(t_us, data, caplen=None):
    cap = len(data) if caplen is None else caplen
    sec, usec = divmod(t_us, 1000000)
    return struct.pack("<IIII", T0 + sec, usec, cap, len(data)) + data[:cap]


def header(linktype=1):
    return struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype)


def good():
    frames = [(1000, frame(ECHOER, 1, 60)), (1500, frame(BCAST, 2, 100)),
              (2000, frame(OTHER, 3, 80)), (2001, frame(ECHOER, 4, 1514)),
              (9000, frame(ECHOER, 5, 64))]
    return header() + b"".join(record(t, f) for t, f in frames)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "good":
        out = good()
    elif kind == "kernel":
        frames = [(0, frame(OTHER, 0, 60))] + \
            [(1000000 + 1000 * i, frame(BCAST, i + 1, 60 + 10 * i)) for i in range(3)]
        out = header() + b"".join(record(t, f) for t, f in frames)
    elif kind == "truncated":
        out = good()[:-10]
    elif kind == "partial":
        out = header() + record(0, frame(ECHOER, 1, 60)) + record(5, frame(ECHOER, 2, 200), 50)
    elif kind == "linktype":
        out = header(101) + record(0, frame(ECHOER, 1, 60))
    elif kind == "backwards":
        out = header() + record(500, frame(ECHOER, 1, 60)) + record(100, frame(ECHOER, 2, 60))
    else:
        sys.exit("mkpcap.py: unknown kind " + kind)
    with open(path, "wb") as f:
        f.write(out)


main()
