#!/usr/bin/env python3
# profile-agree.py TEXT CALLGRIND: the profiler's two views of one run
# must agree (tests/run-trace.sh): for every function the text report
# lists, callgrind_annotate --inclusive=yes gives the same inclusive
# cycles, and both give the same total.  Prints what differs; exit 1.
import re
import subprocess
import sys

text, cg = sys.argv[1], sys.argv[2]
out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", cg],
                     capture_output=True, text=True, check=True).stdout
ann = {}
for line in out.splitlines():
    m = re.match(r"\s*([\d,]+) \(.*?\)\s.*?:(\S.*?)( \[[^]]*\])?$", line)
    if m and "=>" not in line:
        ann[m.group(2).strip()] = int(m.group(1).replace(",", ""))
lines = open(text).read().splitlines()
total = int(lines[0].split()[2])
bad = compared = 0
for line in lines[3:]:
    f = line.split()
    if len(f) < 10:
        continue
    name, incl = " ".join(f[9:]), int(f[2])
    compared += 1
    if ann.get(name) != incl:
        print("differ: %s: text %d, callgrind_annotate %s" % (name, incl, ann.get(name)))
        bad += 1
m = re.search(r"([\d,]+) \(100\.0%\).*PROGRAM TOTALS", out)
if not m or int(m.group(1).replace(",", "")) != total:
    print("differ: totals: text %d, callgrind %s" % (total, m and m.group(1)))
    bad += 1
print("%d functions compared, %d differ" % (compared, bad))
sys.exit(1 if bad or not compared else 0)
