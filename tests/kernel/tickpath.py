#!/usr/bin/env python3
"""tickpath.py TRACE.csv PROGRAM.elf SYMBOL MAX: on the ideal machine
(one cycle per instruction), the kernel instructions from each timer
interrupt to the first instruction of the upcall at SYMBOL: the cycle of
the `resume` record (the instruction after the kernel's rfe) minus the
cycle of the interrupt's `exception` record, minus the interrupted
instruction's own cycle.  Prints the count and fails if any exceeds
MAX or if no interrupt led to SYMBOL."""
import csv
import subprocess
import sys


def main():
    trace, elf, symbol, most = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    nm = subprocess.run(["mipsel-linux-gnu-nm", elf], capture_output=True, text=True,
                        check=True).stdout
    entry = next(int(f[0], 16) for f in (l.split() for l in nm.splitlines())
                 if len(f) == 3 and f[2] == symbol)
    counts = []
    start = None
    for rec in csv.DictReader(open(trace, newline="")):
        if rec["event"] == "exception":
            start = int(rec["cycle"]) if rec["code"] == "0" else None
        elif rec["event"] == "resume" and start is not None:
            if int(rec["pc"], 16) == entry:
                counts.append(int(rec["cycle"]) - start - 1)
            start = None
    if not counts:
        print("no timer interrupt led to %s" % symbol)
        return 1
    print("%d ticks to %s: %d to %d kernel instructions from the vector to the upcall "
          "(at most %d allowed)" % (len(counts), symbol, min(counts), max(counts), most))
    return 0 if max(counts) <= most else 1


if __name__ == "__main__":
    sys.exit(main())
