#!/usr/bin/env python3
# gdbraw.py: speak gdb's remote protocol to sim --gdb byte by byte, for
# what gdb itself never does (tests/run-gdb.sh, tests/run-trace.sh).
#
#   gdbraw.py PORT badsum    a packet with a wrong checksum must get '-',
#                            then a good one '+' and its reply; prints
#                            "nak ok" and "ack ok" for each that held
#   gdbraw.py PORT cont      'c' and print the stop reply's payload
#   gdbraw.py PORT xfer      read target.xml and the files it includes
#                            in 49-byte chunks and whole; print
#                            "xfer ok NAME" when they agree, then the
#                            replies to a read past the end and to an
#                            unknown annex, and p/P of prid and epc
#   gdbraw.py PORT hangup    send a burst of register reads and hang up
#                            without reading the replies (the stub then
#                            writes to a closed socket)
import socket
import sys
import time


def connect(port):
    for _ in range(50):
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            time.sleep(0.1)
    sys.exit("gdbraw: cannot connect to port %d" % port)


def frame(payload, sum_delta=0):
    s = (sum(payload.encode()) + sum_delta) & 0xff
    return ("$%s#%02x" % (payload, s)).encode()


def read_packet(s):
    """Skip acks up to '$', return the payload (checksum not checked)."""
    buf = b""
    while not buf.endswith(b"$"):
        c = s.recv(1)
        if not c:
            return None
        buf = c if c == b"$" else b""
    data = b""
    while True:
        c = s.recv(1)
        if not c:
            return None
        if c == b"#":
            s.recv(2)
            return data.decode()
        data += c


def badsum(port):
    s = connect(port)
    s.sendall(frame("g", 1))
    print("nak ok" if s.recv(1) == b"-" else "nak bad")
    s.sendall(frame("?"))
    print("ack ok" if s.recv(1) == b"+" else "ack bad")
    print("reply " + str(read_packet(s)))
    s.sendall(frame("k"))
    s.close()


def cont(port):
    s = connect(port)
    s.sendall(frame("c"))
    if s.recv(1) != b"+":
        sys.exit("gdbraw: 'c' not acknowledged")
    print("stop " + str(read_packet(s)))
    s.close()


def ask(s, payload):
    """Send a packet and return its reply."""
    s.sendall(frame(payload))
    return read_packet(s)


def xfer_read(s, annex, chunk):
    """The whole of an annex read chunk bytes at a time, or None."""
    data, off = "", 0
    while True:
        r = ask(s, "qXfer:features:read:%s:%x,%x" % (annex, off, chunk))
        if not r or r[0] not in "ml" or len(r) - 1 > chunk:
            return None
        data += r[1:]
        off += len(r) - 1
        if r[0] == "l":
            return data


def xfer(port):
    s = connect(port)
    print("supported " + str(ask(s, "qSupported:xmlRegisters=mips")))
    names = ["target.xml"]
    for name in names:
        small, whole = xfer_read(s, name, 0x31), xfer_read(s, name, 0xfff)
        ok = small is not None and small == whole and "</" in small
        print("xfer %s %s" % ("ok" if ok else "bad", name))
        names += [h.split('"')[0] for h in (whole or "").split('href="')[1:]]
    size = len(xfer_read(s, "target.xml", 0xfff))
    print("past-end " + str(ask(s, "qXfer:features:read:target.xml:%x,10" % (size + 5))))
    print("unknown " + str(ask(s, "qXfer:features:read:nosuch.xml:0,10")))
    print("prid " + str(ask(s, "p4e")))
    print("P prid " + str(ask(s, "P4e=ffffffff")) + " then " + str(ask(s, "p4e")))
    print("P epc " + str(ask(s, "P4d=10320180")) + " then " + str(ask(s, "p4d")))
    print("p79 " + str(ask(s, "p4f")))
    s.sendall(frame("k"))
    s.close()


def hangup(port):
    s = connect(port)
    s.sendall(frame("g") * 200)
    s.close()


if __name__ == "__main__":
    {"badsum": badsum, "cont": cont, "hangup": hangup, "xfer": xfer}[sys.argv[2]](int(sys.argv[1]))
