#!/usr/bin/env python3
"""tickcover.py TRACE.csv PROGRAM.elf FROM:TO ...: check that a timer
tick (an interrupt exception) fell on every instruction of each range
[FROM, TO) of PROGRAM's symbols.  An interrupt taken in a branch delay
slot reports the branch as its EPC, so delay-slot instructions are
covered by their branch and are not required.  Prints the coverage of
each range and exits 1 if any instruction was never interrupted."""
import csv
import re
import subprocess
import sys


def symbols(elf):
    out = subprocess.run(["mipsel-linux-gnu-nm", elf], capture_output=True, text=True,
                         check=True).stdout
    return {f[2]: int(f[0], 16) for f in (l.split() for l in out.splitlines()) if len(f) == 3}


def instructions(elf, lo, hi):
    """(address, mnemonic) of each instruction in [lo, hi)."""
    out = subprocess.run(["mipsel-linux-gnu-objdump", "-d", "--start-address=%#x" % lo,
                          "--stop-address=%#x" % hi, elf],
                         capture_output=True, text=True, check=True).stdout
    insns = []
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\t[0-9a-f]+ \t(\S+)", line)
        if m:
            insns.append((int(m.group(1), 16), m.group(2)))
    return insns


def is_branch(mnemonic):
    return mnemonic[0] in "bj" and mnemonic != "break"


def main():
    trace, elf, ranges = sys.argv[1], sys.argv[2], sys.argv[3:]
    sym = symbols(elf)
    hit = set()
    with open(trace, newline="") as f:
        for rec in csv.DictReader(f):
            if rec["event"] == "exception" and rec["code"] == "0":
                hit.add(int(rec["epc"], 16))
    ok = True
    for r in ranges:
        lo, hi = (sym[s] for s in r.split(":"))
        insns = instructions(elf, lo, hi)
        need = [a for i, (a, _) in enumerate(insns) if i == 0 or not is_branch(insns[i - 1][1])]
        missed = [a for a in need if a not in hit]
        print("%s: a tick on %d of its %d instructions (delay slots count with their branch)%s"
              % (r.split(":")[0], len(need) - len(missed), len(need),
                 "" if not missed else "; never: " + " ".join("%#x" % a for a in missed)))
        ok &= not missed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
