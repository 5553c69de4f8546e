#!/usr/bin/env python3
"""histogram.py: latency histograms from a `sim --trace` CSV file, as SVG.

    python3 traces/histogram.py TRACE.csv OUT.svg [SPAN-NAME ...]

Draws one histogram per span name (all spans in the trace if none is
given): the span's durations in cycles, in up to 30 bins, with the
count, median and max in the title.  Standard library only; the SVG
opens in any browser.
"""
import csv
import sys
from xml.sax.saxutils import escape

BINS = 30
W, H, PAD = 640, 220, 40


def read_spans(path):
    spans = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["event"] == "span":
                spans.setdefault(row["label"], []).append(int(row["dur_cycles"]))
    return spans


def panel(name, values, y0):
    values = sorted(values)
    lo, hi = values[0], values[-1]
    width = max(1, -(-(hi - lo + 1) // BINS))          # ceiling division
    counts = [0] * (((hi - lo) // width) + 1)
    for v in values:
        counts[(v - lo) // width] += 1
    top = max(counts)
    bw = (W - 2 * PAD) / len(counts)
    median = values[(len(values) - 1) // 2]
    out = ['<text x="%d" y="%d" font-size="13">%s: %d spans, median %d, max %d cycles</text>'
           % (PAD, y0 + 16, escape(name), len(values), median, hi)]
    base = y0 + H - PAD
    for i, c in enumerate(counts):
        h = (H - 2 * PAD - 10) * c / top
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#4a7ab5"/>'
                   % (PAD + i * bw, base - h, max(bw - 1, 1), h))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
               % (PAD, base, W - PAD, base))
    out.append('<text x="%d" y="%d" font-size="11">%d</text>' % (PAD, base + 14, lo))
    out.append('<text x="%d" y="%d" font-size="11" text-anchor="end">%d cycles</text>'
               % (W - PAD, base + 14, lo + width * len(counts) - 1))
    out.append('<text x="%d" y="%d" font-size="11" text-anchor="end">%d</text>'
               % (PAD - 4, y0 + PAD + 10, top))
    return out


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        spans = read_spans(argv[1])
    except (OSError, KeyError, ValueError) as e:
        sys.stderr.write("histogram.py: %s: not a sim --trace CSV file (%s)\n" % (argv[1], e))
        return 1
    names = argv[3:] or sorted(spans)
    missing = [n for n in names if n not in spans]
    if missing or not names:
        sys.stderr.write("histogram.py: no spans named %s in %s\n"
                         % (", ".join(missing) or "(any)", argv[1]))
        return 1
    body = []
    for i, n in enumerate(names):
        body += panel(n, spans[n], i * H)
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif">' % (W, H * len(names)),
           '<rect width="100%" height="100%" fill="white"/>'] + body + ['</svg>']
    with open(argv[2], "w") as f:
        f.write("\n".join(svg) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
