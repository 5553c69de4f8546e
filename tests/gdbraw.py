#!/usr/bin/env python3
# gdbraw.py: speak gdb's remote protocol to sim --gdb byte by byte, for
# what gdb itself never does (tests/run-gdb.sh, tests/run-trace.sh).
#
#   gdbraw.py PORT badsum    a packet with a wrong checksum must get '-',
#                            then a good one '+' and its reply; prints
#                            "nak ok" and "ack ok" for each that held
#   gdbraw.py PORT cont      'c' and print the stop reply's payload
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


def hangup(port):
    s = connect(port)
    s.sendall(frame("g") * 200)
    s.close()


if __name__ == "__main__":
    {"badsum": badsum, "cont": cont, "hangup": hangup}[sys.argv[2]](int(sys.argv[1]))
