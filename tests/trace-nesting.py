#!/usr/bin/env python3
# trace-nesting.py TRACE.json[.gz]: the spans ("X" events) of the
# tracer's Chrome/Perfetto output nest on every track: two spans on one
# track either do not overlap or one contains the other (exact, from
# the cycle counts in args), and of two that start together the outer
# comes first in the file, so every reader nests them the same way.
# Prints the number of tracks and spans checked; exit 1 on a violation.
import gzip
import json
import sys

path = sys.argv[1]
with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
    events = json.load(f)["traceEvents"]
tracks = {}
for pos, e in enumerate(events):
    if e.get("ph") == "X":
        start = e["args"]["cycle"]
        tracks.setdefault(e["tid"], []).append((start, start + e["args"]["cycles"], pos, e["name"]))
bad = 0
for tid, spans in tracks.items():
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
    stack = []
    for start, end, pos, name in spans:
        while stack and stack[-1][1] <= start and not (stack[-1][0] == start == end):
            stack.pop()
        if stack and end > stack[-1][1]:
            print("track %d: %s [%d, %d] overlaps %s [%d, %d]" % (tid, name, start, end,
                  stack[-1][3], stack[-1][0], stack[-1][1]))
            bad += 1
        if stack and stack[-1][0] == start and stack[-1][2] > pos and stack[-1][1] > end:
            print("track %d: %s at %d is written before its parent %s" % (tid, name, start,
                  stack[-1][3]))
            bad += 1
        stack.append((start, end, pos, name))
        if bad > 10:
            sys.exit(1)
print("%d tracks, %d spans, %d not nested" % (len(tracks), sum(map(len, tracks.values())), bad))
sys.exit(1 if bad else 0)
