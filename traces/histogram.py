#!/usr/bin/env python3
"""histogram.py: latency histograms from a `sim --trace` CSV file.

    python3 traces/histogram.py [--bins log|clip|auto] [--list] TRACE.csv OUT [SPAN ...]

Draws one panel per span name (every span in the trace if none is
given): the spans' durations in cycles, with the median and p99 (nearest
rank, as the tracer's summary) marked and a second axis in
microseconds.  Writes OUT.png and OUT.svg (OUT with or without either
extension).

Bins: with `log`, 40 bins evenly spaced in log(cycles) from the least to
the largest duration, so a few long spans do not squash the rest into
one bar; with `clip`, 40 linear bins from the least duration to the
p99.5, and the spans above it counted in the panel's legend.  `auto`
(the default) takes log when the largest duration is 20 or more times
the least, else clip.  --list prints the span names with their counts.

exit status: 0 written; 1 not a trace, or no such span; 2 bad usage.
"""
import sys

from tracecsv import TraceError, clock_hz, nearest_rank, outputs, pyplot, records

BINS = 40
CLIP_PCT = 99.5


def spans(recs):
    """{span name: [durations in cycles]} from the trace's span records."""
    out = {}
    for r in recs:
        if r["event"] == "span":
            out.setdefault(r["label"], []).append(r["dur_cycles"])
    return out


def choose(values, how):
    """'log' or 'clip' for these durations (sorted)."""
    if how != "auto":
        return how
    return "log" if values[-1] >= 20 * max(values[0], 1) else "clip"


def panel(ax, name, values, how, hz):
    """One span's histogram on ax; values sorted."""
    n = len(values)
    med, p99 = nearest_rank(values, 50), nearest_rank(values, 99)
    kind = choose(values, how)
    note = ""
    if kind == "log":
        import numpy as np
        lo = max(values[0], 1)
        hi = max(values[-1], lo + 1)
        edges = np.geomspace(lo, hi * 1.0001, BINS + 1)
        ax.hist([max(v, 1) for v in values], bins=edges, color="#4a7ab5")
        ax.set_xscale("log")
        kind_text = "log bins"
    else:
        top = nearest_rank(values, CLIP_PCT)
        shown = [v for v in values if v <= top]
        over = n - len(shown)
        lo = values[0]
        width = max(1, -(-(top - lo + 1) // BINS))     # whole cycles, ceiling
        # edges at half cycles, so a bin of width 1 is centred on its value
        edges = [lo - 0.5 + i * width for i in range((top - lo) // width + 2)]
        ax.hist(shown, bins=edges, color="#4a7ab5")
        kind_text = "bins to p%g" % CLIP_PCT
        if over:
            note = "%d above p%g (max %d)" % (over, CLIP_PCT, values[-1])
    counts = [c for c in ax.containers[0].datavalues if c > 0]
    if counts and max(counts) >= 100 * min(counts):
        ax.set_yscale("log")                            # so a few slow spans still show
    ax.axvline(med, color="#2a8a2a", lw=1.2, label="median %d" % med)
    ax.axvline(p99, color="#c03030", lw=1.2, ls="--", label="p99 %d" % p99)
    if note:
        ax.plot([], [], " ", label=note)
    ax.legend(fontsize=8, loc="upper right")
    title = ("%s: %d spans, min %d, median %d, p99 %d, max %d cycles (%s)"
             % (name, n, values[0], med, p99, values[-1], kind_text))
    print("histogram.py: " + title)
    ax.set_title(title, fontsize=9)
    ax.set_ylabel("spans")
    ax.set_xlabel("cycles")
    if hz:
        sec = ax.secondary_xaxis("top", functions=(lambda c: c / hz * 1e6,
                                                   lambda u: u * hz / 1e6))
        sec.set_xlabel("us", fontsize=8)
        sec.tick_params(labelsize=7)


def main(argv):
    how, listing, args = "auto", False, []
    it = iter(argv)
    for a in it:
        if a == "--bins":
            how = next(it, "")
            if how not in ("log", "clip", "auto"):
                sys.stderr.write("histogram.py: --bins takes log, clip or auto\n")
                return 2
        elif a == "--list":
            listing = True
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        else:
            args.append(a)
    if len(args) < (1 if listing else 2):
        sys.stderr.write(__doc__)
        return 2
    try:
        recs = records(args[0])
        found = spans(recs)
        if listing:
            for name in sorted(found):
                print("%6d  %s" % (len(found[name]), name))
            return 0
        names = args[2:] or sorted(found)
        missing = [n for n in names if n not in found]
        if missing or not names:
            raise TraceError("%s: no spans named %s (--list shows the names; a span needs "
                             "--span or an exception in the trace)"
                             % (args[0], ", ".join(missing) or "(any)"))
        plt = pyplot()
    except TraceError as e:
        sys.stderr.write("histogram.py: %s\n" % e)
        return 1
    hz = clock_hz(recs)
    fig, axes = plt.subplots(len(names), 1, figsize=(9, 2.9 * len(names)), squeeze=False)
    for ax, name in zip(axes[:, 0], names):
        panel(ax, name, sorted(found[name]), how, hz)
    fig.tight_layout()
    for path in outputs(args[1]):
        fig.savefig(path, dpi=90)
        print("histogram.py: wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
