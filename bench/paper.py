#!/usr/bin/env python3
"""paper.py: our figures beside the papers', per paper table (`make paper`).

    python3 bench/paper.py [options] MACHINE=LOG ...
    python3 bench/paper.py [options] --runs DIR

Reads the console output of benchmark runs (a LOG per run; with --runs,
every DIR/MACHINE.*.out), collects the lines

    @paper TABLE ROW CYCLES      cycles per operation, as the paper defines it
    @series FIG NAME X Y         one point of a figure's series

converts cycles to microseconds with each machine profile's clock (asked
of the simulator: `sim --machine help`, or given with --clock), joins
them with the papers' figures (bench/paper-figures.csv) and prints, per
paper table, one table: ours, the paper's and ours / paper for each
profile, the table's number and title and what each row spans
(bench/paper-tables.txt), and which rows are at or below the paper's
figure and which above.  It writes OUT/results.csv, one figure per table
(ours beside the paper's) and one per @series figure, each as PNG and
SVG, into OUT (default build/paper).

options:
  --runs DIR          read DIR/MACHINE.*.out
  --figures CSV       the papers' figures (default bench/paper-figures.csv)
  --tables TXT        titles and row spans (default bench/paper-tables.txt)
  --sim PATH          the simulator to ask for clocks (default ./sim)
  --clock M=HZ        the clock of profile M (repeatable; skips the sim)
  --out DIR           where results.csv and the plots go (default build/paper)
  --no-plots          write no figures
  --check-figures     only check that the figures CSV parses, then exit

exit status: 0 done; 1 a run printed a malformed line or nothing to
report; 2 bad input (figures CSV, tables file, arguments, clocks).
"""
import csv
import glob
import os
import re
import subprocess
import sys
import textwrap

PROFILES = ["dec5000", "dec3100", "dec2100"]
# The paper's machines that have no profile of their own: compared with
# the nearest profile (the DECstation 5000/200 also runs at 25 MHz).
PAPER_MACHINE = {"dec5000": "dec5000", "dec3100": "dec3100", "dec2100": "dec2100",
                 "dec5000-200": "dec5000"}
WIDTH = 100                     # the report's lines wrap here
UNITS = {"us": 1.0, "ms": 1e-3, "s": 1e-6}
FIG_HEADER = ["table", "row", "machine", "paper_us", "source"]
PAPER_RE = re.compile(r"^@paper\s+(\S+)\s+(\S+)\s+(\S+)\s*$")
SERIES_RE = re.compile(r"^@series\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")


class BadInput(Exception):
    """Input that paper.py cannot use: exit status 2 with the message."""


def number(text, what):
    """A finite, non-negative float from text, or BadInput naming what."""
    try:
        v = float(text)
    except ValueError:
        raise BadInput("%s: not a number: %r" % (what, text))
    if v != v or v in (float("inf"), float("-inf")) or v < 0:
        raise BadInput("%s: not a finite non-negative number: %r" % (what, text))
    return v


def read_figures(path):
    """The papers' figures: {(table, row, profile): (paper_us, paper machine, source)}."""
    figs = {}
    try:
        f = open(path, newline="")
    except OSError as e:
        raise BadInput("%s: %s" % (path, e.strerror))
    with f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != FIG_HEADER:
            raise BadInput("%s:1: header must be %s, not %s"
                           % (path, ",".join(FIG_HEADER), ",".join(header or [])))
        for n, rec in enumerate(reader, start=2):
            if not rec:
                continue
            where = "%s:%d" % (path, n)
            if len(rec) != len(FIG_HEADER):
                raise BadInput("%s: %d fields, want %d" % (where, len(rec), len(FIG_HEADER)))
            table, row, machine, us, source = (x.strip() for x in rec)
            if not table or not row or not source or " " in table or " " in row:
                raise BadInput("%s: empty field or a space in table/row" % where)
            if machine not in PAPER_MACHINE:
                raise BadInput("%s: machine %r is not one of %s"
                               % (where, machine, ", ".join(PAPER_MACHINE)))
            key = (table, row, PAPER_MACHINE[machine])
            if key in figs:
                raise BadInput("%s: a second figure for %s %s on %s" % (where, table, row, machine))
            figs[key] = (number(us, where + ": paper_us"), machine, source)
    return figs


def read_tables(path):
    """Titles, units, row spans and figure settings from paper-tables.txt."""
    info = {"order": [], "title": {}, "unit": {}, "span": {}, "x": {}, "y": {}, "ideal": {}, "why": {}}
    try:
        f = open(path)
    except OSError as e:
        raise BadInput("%s: %s" % (path, e.strerror))
    with f:
        for n, line in enumerate(f, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) < 3:
                raise BadInput("%s:%d: want TABLE KEY TEXT" % (path, n))
            table, key, text = parts
            if table not in info["order"]:
                info["order"].append(table)
            if key == "-":
                info["title"][table] = text
            elif key == "@unit":
                if text not in UNITS:
                    raise BadInput("%s:%d: unit %r is not one of %s"
                                   % (path, n, text, ", ".join(UNITS)))
                info["unit"][table] = text
            elif key in ("@x", "@y"):
                info[key[1]][table] = text
            elif key == "@why":
                row, _, why = text.partition(" ")
                if not why:
                    raise BadInput("%s:%d: @why wants ROW TEXT" % (path, n))
                info["why"][(table, row)] = why
            elif key == "@ideal":
                try:
                    shares = [float(s) for s in text.split(":")]
                except ValueError:
                    shares = []
                if len(shares) < 2 or min(shares) <= 0:
                    raise BadInput("%s:%d: @ideal wants shares like 3:2:1" % (path, n))
                info["ideal"][table] = shares
            elif key.startswith("@"):
                raise BadInput("%s:%d: unknown key %s" % (path, n, key))
            else:
                info["span"][(table, key)] = text
    return info


def sim_clocks(sim):
    """{profile: clock in Hz} from `sim --machine help`'s parameter table."""
    try:
        out = subprocess.run([sim, "--machine", "help"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise BadInput("cannot ask %s for the clocks (%s); give --clock M=HZ" % (sim, e))
    names, clocks = None, {}
    for line in out.splitlines():
        words = line.split()
        if words and all(w in PROFILES for w in words):
            names = words                       # the header: dec5000 dec3100 dec2100
        elif names and words and words[0] == "clock_hz":
            for m, hz in zip(names, words[1:1 + len(names)]):
                clocks[m] = number(hz, "sim clock_hz for " + m)
    if not clocks:
        raise BadInput("%s --machine help printed no clock_hz row; give --clock M=HZ" % sim)
    return clocks


def read_runs(logs):
    """@paper and @series lines of each (profile, log).

    Returns (measured, series, problems): measured[(table, row, profile)]
    = cycles; series[fig][(profile, name)] = [(x, y), ...]; problems, a
    list of messages about malformed or repeated lines.
    """
    measured, series, problems = {}, {}, []
    for profile, path in logs:
        try:
            f = open(path, errors="replace")
        except OSError as e:
            raise BadInput("%s: %s" % (path, e.strerror))
        with f:
            for n, line in enumerate(f, start=1):
                if not line.startswith("@"):
                    continue
                where = "%s:%d" % (path, n)
                try:
                    m = PAPER_RE.match(line)
                    if m:
                        key = (m.group(1), m.group(2), profile)
                        if key in measured:
                            problems.append("%s: %s %s measured twice on %s"
                                            % (where, key[0], key[1], profile))
                        measured[key] = number(m.group(3), where + ": cycles")
                        continue
                    m = SERIES_RE.match(line)
                    if m:
                        pt = (number(m.group(3), where + ": X"),
                              number(m.group(4), where + ": Y"))
                        series.setdefault(m.group(1), {}).setdefault(
                            (profile, m.group(2)), []).append(pt)
                        continue
                    if line.startswith(("@paper", "@series")):
                        problems.append("%s: malformed line: %s" % (where, line.rstrip()))
                except BadInput as e:
                    problems.append(str(e))
    return measured, series, problems


def fmt(v):
    """A figure in a few significant digits, or '-' for none."""
    if v is None:
        return "-"
    if v >= 1000:
        return "%.0f" % v
    if v >= 100:
        return "%.1f" % v
    if v >= 10:
        return "%.2f" % v
    return "%.3f" % v


def table_order(keys, info):
    """Tables in paper-tables.txt's order, then any others sorted."""
    known = [t for t in info["order"] if t in keys]
    return known + sorted(t for t in keys if t not in info["order"])


def build_results(measured, figs, clocks, info):
    """One record per (table, row, profile) that is measured or has a paper figure."""
    keys = set(measured) | set(figs)
    results = []
    for table in table_order({k[0] for k in keys}, info):
        scale = UNITS[info["unit"].get(table, "us")]
        rows = []
        for k in sorted(keys):
            if k[0] == table and k[1] not in rows:
                rows.append(k[1])
        # rows in paper-tables.txt's order first
        spans = [r for (t, r) in info["span"] if t == table]
        rows.sort(key=lambda r: (spans.index(r) if r in spans else len(spans), r))
        for row in rows:
            for p in PROFILES:
                cyc = measured.get((table, row, p))
                paper = figs.get((table, row, p))
                if cyc is None and paper is None:
                    continue
                ours = cyc / clocks[p] * 1e6 if cyc is not None and p in clocks else None
                rec = {"table": table, "row": row, "machine": p,
                       "clock_hz": clocks.get(p), "cycles": cyc,
                       "ours_us": ours,
                       "paper_us": paper[0] if paper else None,
                       "paper_machine": paper[1] if paper else None,
                       "source": paper[2] if paper else None,
                       "scale": scale}
                if ours is not None and paper:
                    rec["ratio"] = ours / paper[0] if paper[0] > 0 else None
                    rec["verdict"] = "at or below" if ours <= paper[0] else "above"
                else:
                    rec["ratio"] = None
                    rec["verdict"] = "not measured" if ours is None else "no paper figure"
                results.append(rec)
    return results


def say(text, indent="  "):
    """Print text wrapped at WIDTH, continuation lines indented further."""
    print(textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "    ",
                        break_on_hyphens=False))


def print_table(table, recs, info, clocks):
    """One paper table: header, a line per row, what rows span, the verdicts."""
    unit = info["unit"].get(table, "us")
    scale = UNITS[unit]
    profiles = [p for p in PROFILES if any(r["machine"] == p for r in recs)]
    rows = []
    for r in recs:
        if r["row"] not in rows:
            rows.append(r["row"])
    by = {(r["row"], r["machine"]): r for r in recs}
    print("== %s: %s" % (table, info["title"].get(table, "(no title in bench/paper-tables.txt)")))
    w = max([4] + [len(r) for r in rows])
    print("%-*s" % (w, "") + "".join(
        "  %-23s" % ("%s %s MHz" % (p, ("%.2f" % (clocks[p] / 1e6)).rstrip("0").rstrip(".")))
        for p in profiles))
    print("%-*s" % (w, "row") + "".join("  %7s %7s %7s" % ("ours", "paper", "ratio")
                                        for _ in profiles) + "   (%s)" % unit)
    for row in rows:
        line = "%-*s" % (w, row)
        for p in profiles:
            r = by.get((row, p))
            ours = r["ours_us"] * scale if r and r["ours_us"] is not None else None
            paper = r["paper_us"] * scale if r and r["paper_us"] is not None else None
            ratio = "%.3f" % r["ratio"] if r and r["ratio"] is not None else "-"
            line += "  %7s %7s %7s" % (fmt(ours), fmt(paper), ratio)
        print(line)
    for row in rows:
        say("%s: %s" % (row, info["span"].get((table, row), "(what it spans: not described "
                                              "in bench/paper-tables.txt)")))
    others = sorted({r["paper_machine"] for r in recs
                     if r["paper_machine"] and r["paper_machine"] != r["machine"]})
    for m in others:
        say("the paper's figures are for the %s, compared with our %s profile"
            % (m, PAPER_MACHINE[m]))
    say("at or below the paper: %s" % verdict_list(recs, "at or below"))
    say("above the paper: %s" % verdict_list(recs, "above"))
    for row in rows:
        if any(r["row"] == row and r["verdict"] == "above" for r in recs):
            say("why %s is above: %s" % (row, info["why"].get(
                (table, row), "(not yet explained in bench/paper-tables.txt)")), "    ")
    missing = [r for r in recs if r["verdict"] in ("not measured", "no paper figure")]
    if missing:
        say("not compared: %s" % ", ".join(
            "%s on %s (%s)" % (r["row"], r["machine"], r["verdict"]) for r in missing))
    print()


def verdict_list(recs, verdict):
    """'row (profiles)' for every row with that verdict, or 'none'."""
    rows = {}
    for r in recs:
        if r["verdict"] == verdict:
            rows.setdefault(r["row"], []).append("%s %.3f" % (r["machine"], r["ratio"]))
    if not rows:
        return "none"
    return "; ".join("%s (%s)" % (row, ", ".join(v)) for row, v in rows.items())


def count_by_table(recs):
    """[(table, number of records)] in first-seen order."""
    counts = {}
    for r in recs:
        counts[r["table"]] = counts.get(r["table"], 0) + 1
    return list(counts.items())


def write_csv(path, results):
    """build/paper/results.csv: one line per table, row and profile."""
    cols = ["table", "row", "machine", "clock_hz", "cycles", "ours_us", "paper_us", "ratio",
            "verdict", "paper_machine", "source"]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in results:
            w.writerow(["" if r[c] is None else
                        ("%.10g" % r[c] if isinstance(r[c], float) else r[c]) for c in cols])


def plot_table(outdir, table, recs, info):
    """TABLE.png/.svg: per profile, ours beside the paper's for each row."""
    import matplotlib.pyplot as plt
    unit = info["unit"].get(table, "us")
    scale = UNITS[unit]
    profiles = [p for p in PROFILES if any(r["machine"] == p for r in recs)]
    rows = []
    for r in recs:
        if r["row"] not in rows:
            rows.append(r["row"])
    by = {(r["row"], r["machine"]): r for r in recs}
    fig, axes = plt.subplots(1, len(profiles), figsize=(max(4, 1.2 * len(rows) + 1.5)
                                                          * len(profiles), 4), squeeze=False)
    for ax, p in zip(axes[0], profiles):
        xs = range(len(rows))
        def val(row, key):
            r = by.get((row, p))
            return r[key] * scale if r and r[key] is not None else 0
        ax.bar([x - 0.2 for x in xs], [val(r, "ours_us") for r in rows], 0.4,
               label="ours", color="#4a7ab5")
        ax.bar([x + 0.2 for x in xs], [val(r, "paper_us") for r in rows], 0.4,
               label="paper", color="#d9a441", hatch="//", edgecolor="white")
        top = max([val(r, k) for r in rows for k in ("ours_us", "paper_us")] + [1e-9])
        for x, row in zip(xs, rows):       # ours / paper above each pair
            r = by.get((row, p))
            if r and r["ratio"] is not None:
                ax.text(x, max(val(row, "ours_us"), val(row, "paper_us")) + top * 0.02,
                        "%.2f" % r["ratio"], ha="center", fontsize=7)
        ax.set_ylim(0, top * 1.12)
        ax.set_xticks(list(xs))
        ax.set_xticklabels(rows, rotation=30, ha="right", fontsize=8)
        ax.set_title(p, fontsize=10)
        ax.set_ylabel(unit)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels + [], loc="upper right", fontsize=8)
    fig.suptitle(textwrap.fill(info["title"].get(table, table) + "  (numbers: ours / paper)",
                               90), fontsize=10)
    fig.tight_layout(rect=(0, 0, 0.95, 1))
    return save(fig, outdir, table)


def ideal_lines(pts_by_name, shares):
    """Ideal cumulative lines: the total over all series at each X, split by shares.

    The largest share goes to the series that ends highest.  Returns
    {name: [(x, ideal y)]} and {name: share}.
    """
    names = sorted(pts_by_name, key=lambda n: -pts_by_name[n][-1][1])
    share = {n: s for n, s in zip(names, sorted(shares, reverse=True))}
    total_share = sum(share.values())
    xs = sorted({x for n in share for x, _ in pts_by_name[n]})
    def at(n, x):                    # the series' last value at or before x
        y = 0.0
        for px, py in pts_by_name[n]:
            if px <= x:
                y = py
        return y
    lines = {}
    for n in share:
        lines[n] = [(x, sum(at(m, x) for m in share) * share[n] / total_share) for x in xs]
    return lines, share


def paper_points(figs, fig, profile):
    """The paper's points of a figure: rows FIG,NAME@X in the figures CSV."""
    pts = {}
    for (t, row, p), (y, _, _) in figs.items():
        name, at, x = row.rpartition("@")[0], "@" in row, row.rpartition("@")[2]
        if t == fig and p == profile and at and name:
            try:
                pts.setdefault(name, []).append((float(x), y))
            except ValueError:
                continue
    return {n: sorted(v) for n, v in pts.items()}


def report_series(fig, data, info, clocks, outdir, plots, figs):
    """A figure's series: a short summary per profile, ours / the paper's
    at the X both have, and its plot."""
    print("== %s: %s" % (fig, info["title"].get(fig, "(no title in bench/paper-tables.txt)")))
    ycycles = info["y"].get(fig) == "cycles"
    profiles = [p for p in PROFILES if any(k[0] == p for k in data)]
    shares = info["ideal"].get(fig)
    for p in profiles:
        pts = {n: sorted(v) for (q, n), v in data.items() if q == p}
        if ycycles and p in clocks:
            pts = {n: [(x, y / clocks[p] * 1e6) for x, y in v] for n, v in pts.items()}
        for n in sorted(pts):
            v = pts[n]
            print("  %s %-10s %4d points, x %s..%s, y %s..%s%s" % (
                p, n, len(v), fmt(v[0][0]), fmt(v[-1][0]), fmt(v[0][1]), fmt(v[-1][1]),
                " us" if ycycles else ""))
        if shares and len(pts) == len(shares):
            lines, share = ideal_lines(pts, shares)
            low = min(share, key=share.get)
            for n in sorted(share, key=lambda n: -share[n]):
                got = pts[n][-1][1] / pts[low][-1][1] if pts[low][-1][1] else float("inf")
                want = share[n] / share[low]
                print("  %s %-10s ratio to %s %.3f, ideal %.3f (%+.1f%%)"
                      % (p, n, low, got, want, (got / want - 1) * 100))
        elif shares:
            print("  %s: %d series, the ideal lines need %d" % (p, len(pts), len(shares)))
        for n, pp in sorted(paper_points(figs, fig, p).items()):
            ours = dict(pts.get(n, []))
            both = ["x=%s %.3f" % (fmt(x), ours[x] / y) for x, y in pp if x in ours and y > 0]
            say("%s %s ours / paper: %s" % (p, n, ", ".join(both) or "no X in common"))
    print()
    if not plots:
        return []
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(1, len(profiles), figsize=(max(7, 5 * len(profiles)), 4.4),
                                squeeze=False)
    for ax, p in zip(axes[0], profiles):
        pts = {n: sorted(v) for (q, n), v in data.items() if q == p}
        if ycycles and p in clocks:
            pts = {n: [(x, y / clocks[p] * 1e6) for x, y in v] for n, v in pts.items()}
        for n in sorted(pts):
            ax.plot([x for x, _ in pts[n]], [y for _, y in pts[n]], marker=".", label=n)
        for n, pp in sorted(paper_points(figs, fig, p).items()):
            ax.plot([x for x, _ in pp], [y for _, y in pp], ls=":", marker="o", mfc="none",
                    color="gray", label="paper " + n)
        if shares and len(pts) == len(shares):
            lines, share = ideal_lines(pts, shares)
            for i, n in enumerate(sorted(lines)):
                ax.plot([x for x, _ in lines[n]], [y for _, y in lines[n]], "k--", lw=0.8,
                        label="ideal" if i == 0 else None)
        ax.set_title(p, fontsize=10)
        ax.set_xlabel(info["x"].get(fig, "x"))
        ax.set_ylabel("us" if ycycles else info["y"].get(fig, "y"))
        ax.legend(fontsize=8)
    figure.suptitle(textwrap.fill(info["title"].get(fig, fig), 90), fontsize=10)
    figure.tight_layout()
    return save(figure, outdir, fig)


def save(fig, outdir, name):
    """NAME.png and NAME.svg in outdir; the paths written."""
    import matplotlib.pyplot as plt
    paths = [os.path.join(outdir, name + ext) for ext in (".png", ".svg")]
    for path in paths:
        fig.savefig(path, dpi=100)
    plt.close(fig)
    return paths


def parse_args(argv):
    """Options and the (profile, log) pairs; BadInput on a bad argument."""
    opts = {"figures": "bench/paper-figures.csv", "tables": "bench/paper-tables.txt",
            "sim": "./sim", "out": "build/paper", "clock": {}, "plots": True,
            "check": False}
    logs = []
    it = iter(argv)
    for a in it:
        if a in ("--runs", "--figures", "--tables", "--sim", "--clock", "--out"):
            v = next(it, None)
            if v is None:
                raise BadInput("%s needs a value" % a)
            if a == "--runs":
                found = sorted(glob.glob(os.path.join(v, "*.out")))
                if not found:
                    raise BadInput("%s: no *.out files" % v)
                logs += [(os.path.basename(f).split(".")[0], f) for f in found]
            elif a == "--clock":
                m, _, hz = v.partition("=")
                opts["clock"][m] = number(hz, "--clock " + v)
            else:
                opts[a[2:]] = v
        elif a == "--no-plots":
            opts["plots"] = False
        elif a == "--check-figures":
            opts["check"] = True
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            sys.exit(0)
        elif "=" in a and not a.startswith("-"):
            m, _, path = a.partition("=")
            logs.append((m, path))
        else:
            raise BadInput("unknown argument %r (see --help)" % a)
    for m, _ in logs:
        if m not in PROFILES:
            raise BadInput("profile %r is not one of %s" % (m, ", ".join(PROFILES)))
    if not logs and not opts["check"]:
        raise BadInput("no runs given (MACHINE=LOG or --runs DIR; see --help)")
    return opts, logs


def need_matplotlib():
    """Import matplotlib headless, or BadInput naming the package."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot  # noqa: F401
    except ImportError:
        raise BadInput("%s has no matplotlib (Debian: python3-matplotlib; /usr/bin/python3 "
                       "has it; or use --no-plots)" % sys.executable)


def main(argv):
    try:
        opts, logs = parse_args(argv)
        figs = read_figures(opts["figures"])
        if opts["check"]:
            print("paper.py: %s: %d figures, %d tables" % (
                opts["figures"], len(figs), len({k[0] for k in figs})))
            return 0
        info = read_tables(opts["tables"])
        used = {m for m, _ in logs}
        clocks = dict(opts["clock"])
        origin = "given with --clock"
        if not used <= set(clocks):
            clocks = dict(sim_clocks(opts["sim"]), **clocks)
            origin = "from %s --machine help" % opts["sim"]
        lost = used - set(clocks)
        if lost:
            raise BadInput("no clock for %s" % ", ".join(sorted(lost)))
        measured, series, problems = read_runs(logs)
        if opts["plots"]:
            need_matplotlib()
    except BadInput as e:
        sys.stderr.write("paper.py: %s\n" % e)
        return 2
    # Only the tables some run measured: the others belong to benchmarks
    # that did not run (their paper figures alone say nothing).
    tables = {k[0] for k in measured}
    results = [r for r in build_results(measured, figs, clocks, info)
               if r["table"] in tables and r["machine"] in used]
    say("Our figures beside the papers' (bench/paper.py).  ours: this run, in cycles / the "
        "profile's clock (%s, %s); paper: %s; ratio = ours / paper: 1 or less is at or "
        "below the paper's figure." % (", ".join("%s %.0f Hz" % (p, clocks[p]) for p in PROFILES
                                               if p in used), origin, opts["figures"]), "")
    print()
    os.makedirs(opts["out"], exist_ok=True)
    written = []
    for table in table_order(tables, info):
        recs = [r for r in results if r["table"] == table]
        print_table(table, recs, info, clocks)
        if opts["plots"]:
            written += plot_table(opts["out"], table, recs, info)
    for fig in table_order(set(series), info):
        written += report_series(fig, series[fig], info, clocks, opts["out"], opts["plots"],
                                 figs)
    csv_path = os.path.join(opts["out"], "results.csv")
    write_csv(csv_path, results)
    written.append(csv_path)
    below = [r for r in results if r["verdict"] == "at or below"]
    above = [r for r in results if r["verdict"] == "above"]
    if below or above:
        say("Overall: of %d figures compared (a row on a profile), %d at or below the "
            "paper's, %d above%s." % (len(below) + len(above), len(below), len(above),
                                      (" (%s)" % ", ".join("%s: %d" % (t, n) for t, n in
                                                           count_by_table(above)))
                                      if above else ""), "")
    say("Wrote %s" % ", ".join(written), "")
    for msg in problems:
        sys.stderr.write("paper.py: %s\n" % msg)
    if not measured and not series:
        sys.stderr.write("paper.py: no @paper or @series line in the runs\n")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
