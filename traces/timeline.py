#!/usr/bin/env python3
"""timeline.py: when each environment ran, from a `sim --trace` CSV file.

    python3 traces/timeline.py [--asid N]... TRACE.csv OUT

One row per address space (ASID: an environment under the exokernel),
a bar for every stretch it ran in user mode, from a `mode` record "to
user" to the next "to kernel"; a row "kernel" for the time in between;
the timer's ticks (`device` "rtc tick") as thin lines.  The x axis is
milliseconds of simulated time.  --asid keeps only those environments
(repeatable).  It prints per ASID the number of stretches and the
user-mode time.  Writes OUT.png and OUT.svg.

The trace needs the `mode` records (all kinds are recorded unless
--trace-filter kinds=... leaves them out).

exit status: 0 written; 1 not a trace, or no user-mode time in it; 2 bad usage.
"""
import sys

from tracecsv import TraceError, clock_hz, outputs, pyplot, records


def stretches(recs):
    """{asid: [(start cycle, cycles)]} in user mode, kernel stretches, ticks, end cycle."""
    user, kernel, ticks = {}, [], []
    start, asid, kstart = None, None, None
    last = 0
    for r in sorted(recs, key=lambda r: r["cycle"]):   # spans are out of order
        last = max(last, r["cycle"])
        if r["event"] == "device" and r["label"] == "rtc tick":
            ticks.append(r["cycle"])
        if r["event"] != "mode":
            continue
        if r["label"] == "to user":
            if kstart is not None:
                kernel.append((kstart, r["cycle"] - kstart))
            start, asid, kstart = r["cycle"], r["asid"], None
        elif r["label"] == "to kernel":
            if start is not None:
                user.setdefault(asid, []).append((start, r["cycle"] - start))
            start, kstart = None, r["cycle"]
    if start is not None:                              # still in user mode at the end
        user.setdefault(asid, []).append((start, last - start))
    return user, kernel, ticks


def main(argv):
    keep, args = [], []
    it = iter(argv)
    for a in it:
        if a == "--asid":
            v = next(it, "")
            if not v.isdigit():
                sys.stderr.write("timeline.py: --asid takes a number\n")
                return 2
            keep.append(int(v))
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        else:
            args.append(a)
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    try:
        recs = records(args[0])
        user, kernel, ticks = stretches(recs)
        if keep:
            user = {a: s for a, s in user.items() if a in keep}
        if not user:
            raise TraceError("%s: no user-mode time%s (the trace needs its mode records)"
                             % (args[0], " for ASID " + ", ".join(map(str, keep)) if keep else ""))
        plt = pyplot()
    except TraceError as e:
        sys.stderr.write("timeline.py: %s\n" % e)
        return 1
    hz = clock_hz(recs) or 1e6
    ms = lambda c: c / hz * 1e3                          # noqa: E731
    rows = sorted(user)
    fig, ax = plt.subplots(figsize=(11, 1.0 + 0.45 * (len(rows) + 1)))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, a in enumerate(rows):
        ax.broken_barh([(ms(s), ms(d)) for s, d in user[a]], (i - 0.35, 0.7),
                       color=colours[i % len(colours)])
        total = sum(d for _, d in user[a])
        print("timeline.py: ASID %d: %d stretches in user mode, %d cycles (%.3f ms)"
              % (a, len(user[a]), total, ms(total)))
    ax.broken_barh([(ms(s), ms(d)) for s, d in kernel], (len(rows) - 0.35, 0.7), color="#888888")
    for t in ticks:
        ax.axvline(ms(t), color="#c03030", lw=0.4, alpha=0.6)
    ax.set_yticks(range(len(rows) + 1))
    ax.set_yticklabels(["ASID %d" % a for a in rows] + ["kernel"])
    ax.set_xlabel("simulated time, ms (red lines: timer ticks)")
    ax.set_title("Who ran when: %s" % args[0], fontsize=9)
    fig.tight_layout()
    for path in outputs(args[1]):
        fig.savefig(path, dpi=90)
        print("timeline.py: wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
