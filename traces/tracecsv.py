"""tracecsv.py: reading `sim --trace` CSV files for the plotting scripts.

The columns are in docs/TRACING.md.  Shared by traces/histogram.py and
traces/timeline.py.
"""
import csv
import math
import os

COLUMNS = ["cycle", "us", "event", "label", "mode", "asid", "dur_cycles"]


class TraceError(Exception):
    """A file that is not a usable trace: the scripts exit 1 with it."""


def records(path):
    """The trace's records as dicts; TraceError if it is not a sim --trace CSV."""
    try:
        f = open(path, newline="")
    except OSError as e:
        raise TraceError("%s: %s" % (path, e.strerror))
    with f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise TraceError("%s: not a sim --trace CSV file (no column %s; write one with "
                             "--trace FILE.csv)" % (path, ", ".join(missing)))
        out = []
        for n, row in enumerate(reader, start=2):
            try:
                row["cycle"] = int(row["cycle"])
                row["dur_cycles"] = int(row["dur_cycles"])
                row["asid"] = int(row["asid"])
                row["us"] = float(row["us"])
            except (TypeError, ValueError):
                raise TraceError("%s:%d: a record with a bad number" % (path, n))
            out.append(row)
    return out


def clock_hz(recs):
    """The machine's clock, from a record's cycle and its time in us (None if none tells)."""
    for r in recs:
        if r["cycle"] > 0 and r["us"] > 0:
            return r["cycle"] * 1e6 / r["us"]
    return None


def nearest_rank(sorted_values, p):
    """The p-th percentile (0 < p <= 100) by nearest rank, as the tracer's summary."""
    k = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[k - 1]


def outputs(out, formats=("png", "svg")):
    """OUT.png and OUT.svg for OUT given with or without either extension."""
    base, ext = os.path.splitext(out)
    if ext.lower() not in (".png", ".svg"):
        base = out
    return [base + "." + f for f in formats]


def pyplot():
    """matplotlib.pyplot, headless; TraceError naming the package if it is missing."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise TraceError("no matplotlib in this Python (Debian: python3-matplotlib, "
                         "run with /usr/bin/python3)")
    return plt
