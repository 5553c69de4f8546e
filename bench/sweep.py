#!/usr/bin/env python3
"""sweep.py: run the simulator over a grid of parameters (bench/sweep).

    bench/sweep GRID [--out DIR] [--jobs N] [--dry-run]
    bench/sweep --collect DIR

GRID is a small text file (docs/SWEEP.md), one line each:

    machine dec5000 dec3100             axis: machine profiles
    param dcache_bytes 16384 131072     axis: a --machine-param (sim --machine help)
    kernel build/exokernel.elf none     axis: kernel ELFs; none runs the workload bare
    workload build/workloads/bench.elf  axis: boot modules; a+b runs two
    args hz=64 hz=128                   axis: boot arguments (after --); - for none
    max-cycles 300000000                fixed: the cycle limit (default 1000000000)
    option --check-hazards              fixed: more sim options
    plot cycles                         what to plot: a --stats figure or TABLE/ROW of @paper
    x dcache_bytes                      the plot's x axis (default: the first axis with 2+ values)

Every point of the grid (the product of the axes) is one independent
`sim --stats` run, through GNU parallel (--jobs, default 2).  DIR
(default build/sweep/GRID-NAME) gets commands.txt (one shell line per
point, its exact command), points/N.out, .err, .status, results.csv
(one row per point: its values, exit status, the --stats figures, the
@paper figures, the command), sweep.png and sweep.svg, and sweep.slurm:
the same grid as a Slurm array job (one task per point, not run here);
after the array, `bench/sweep --collect DIR` writes results and plot.

exit status: 0 every point ran with status 0..199 and results are
written; 1 some point failed (named); 2 bad grid or arguments.
"""
import csv
import itertools
import os
import re
import shlex
import subprocess
import sys

AXES = ("machine", "param", "kernel", "workload", "args")
FIXED = ("max-cycles", "option", "plot", "x")
STAT_RE = re.compile(r"^([A-Za-z][A-Za-z/+ -]*?)\s{2,}(\d+(?:\.\d+)?)\b")
PAPER_RE = re.compile(r"^@paper\s+(\S+)\s+(\S+)\s+(\d+(?:\.\d+)?)\s*$")


class BadGrid(Exception):
    """A grid or argument sweep cannot use: exit status 2."""


def read_grid(path):
    """Axes [(name, [values])] and settings {key: value} from a grid file."""
    axes, settings = [], {"max-cycles": "1000000000", "option": [], "plot": "cycles"}
    try:
        lines = open(path).read().splitlines()
    except OSError as e:
        raise BadGrid("%s: %s" % (path, e.strerror))
    for n, line in enumerate(lines, start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        where = "%s:%d" % (path, n)
        key, vals = words[0], words[1:]
        if key == "param":
            if len(vals) < 2:
                raise BadGrid("%s: param NAME VALUE... (names: sim --machine help)" % where)
            axes.append(("param:" + vals[0], vals[1:]))
        elif key in AXES:
            if not vals:
                raise BadGrid("%s: %s needs at least one value" % (where, key))
            if any(a[0] == key for a in axes):
                raise BadGrid("%s: a second %s line (give all values on one line)" % (where, key))
            axes.append((key, vals))
        elif key == "option":
            settings["option"] += vals
        elif key in FIXED:
            if len(vals) != 1:
                raise BadGrid("%s: %s takes one value" % (where, key))
            settings[key] = vals[0]
        else:
            raise BadGrid("%s: unknown line %r (lines: %s)" % (where, key,
                                                              ", ".join(AXES + FIXED)))
    if not any(a[0] == "workload" for a in axes):
        raise BadGrid("%s: no workload line" % path)
    if not settings["max-cycles"].isdigit():
        raise BadGrid("%s: max-cycles must be a number" % path)
    return axes, settings


def command(sim, point, settings):
    """The sim command line (a list of words) for one point {axis: value}."""
    cmd = [sim, "--stats", "--max-cycles", settings["max-cycles"]] + settings["option"]
    if "machine" in point:
        cmd += ["--machine", point["machine"]]
    for k, v in point.items():
        if k.startswith("param:"):
            cmd += ["--machine-param", "%s=%s" % (k[6:], v)]
    kernel = point.get("kernel", "build/exokernel.elf")
    if kernel != "none":
        cmd.append(kernel)
    cmd += point["workload"].split("+")
    if point.get("args", "-") != "-":
        cmd += ["--"] + point["args"].split(",")
    return cmd


def points(axes):
    """Every point of the grid, as dicts in axis order."""
    names = [a[0] for a in axes]
    return [dict(zip(names, vals)) for vals in itertools.product(*[a[1] for a in axes])]


def sim_names(sim):
    """(machine names, parameter names) from `sim --machine help`."""
    try:
        text = subprocess.run([sim, "--machine", "help"], capture_output=True, text=True,
                              timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise BadGrid("cannot run %s (%s; run make?)" % (sim, e))
    machines = re.findall(r"^  (\w+) ", text.split("parameters")[0], re.M)
    params = re.findall(r"^  ([a-z_]+)\s+\d", text, re.M)
    return machines, params


def check_files(pts, sim):
    """BadGrid naming an unknown machine or parameter, or a missing file."""
    machines, params = sim_names(sim)
    for p in pts:
        if p.get("machine", machines[0] if machines else None) not in machines:
            raise BadGrid("machine %r: sim knows %s" % (p["machine"], ", ".join(machines)))
        for k in p:
            if k.startswith("param:") and k[6:] not in params:
                raise BadGrid("parameter %r: sim knows %s" % (k[6:], ", ".join(params)))
        for f in [p.get("kernel", "build/exokernel.elf")] + p["workload"].split("+"):
            if f != "none" and not os.path.exists(f):
                raise BadGrid("%s does not exist (run make?)" % f)


def write_jobs(out, sim, pts, settings):
    """commands.txt: one shell line per point, output and status in points/."""
    os.makedirs(os.path.join(out, "points"), exist_ok=True)
    lines = []
    for i, p in enumerate(pts, start=1):
        base = shlex.quote(os.path.join(out, "points", str(i)))
        lines.append("%s >%s.out 2>%s.err </dev/null; echo $? >%s.status"
                     % (" ".join(shlex.quote(w) for w in command(sim, p, settings)),
                        base, base, base))
    with open(os.path.join(out, "commands.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "grid.txt"), "w") as f:   # for --collect
        for i, p in enumerate(pts, start=1):
            f.write("%d\t%s\n" % (i, "\t".join("%s=%s" % kv for kv in p.items())))
    return lines


def write_slurm(out, n):
    """sweep.slurm: the grid as a Slurm array job, one task per point."""
    path = os.path.join(out, "sweep.slurm")
    here = os.getcwd()
    with open(path, "w") as f:
        f.write("""#!/bin/sh
# Generated by bench/sweep: the grid's %(n)d points as a Slurm array job.
# Submit from a node that shares this directory:  sbatch %(path)s
# Each task runs line $SLURM_ARRAY_TASK_ID of commands.txt (one sim run,
# its output and exit status in points/); when all are done:
#   bench/sweep --collect %(out)s
#SBATCH --job-name=exosim-sweep
#SBATCH --array=1-%(n)d
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --time=00:30:00
#SBATCH --output=%(out)s/points/slurm-%%a.log
cd %(here)s || exit 2
line=$(sed -n "${SLURM_ARRAY_TASK_ID}p" %(out)s/commands.txt)
[ -n "$line" ] || { echo "no point $SLURM_ARRAY_TASK_ID"; exit 2; }
sh -c "$line"
exit "$(cat %(out)s/points/$SLURM_ARRAY_TASK_ID.status)"
""" % {"n": n, "path": path, "out": shlex.quote(out), "here": shlex.quote(here)})
    os.chmod(path, 0o755)
    return path


def read_point(out, i):
    """(status or None, {stat: value}, {TABLE/ROW: cycles}) of point i."""
    base = os.path.join(out, "points", str(i))
    try:
        status = int(open(base + ".status").read().strip())
    except (OSError, ValueError):
        status = None
    stats, paper = {}, {}
    try:
        for line in open(base + ".err", errors="replace"):
            m = STAT_RE.match(line)
            if m and not line.startswith("host"):     # host time is not the machine's
                stats[m.group(1).strip().replace(" ", "_")] = m.group(2)
        for line in open(base + ".out", errors="replace"):
            m = PAPER_RE.match(line)
            if m:
                paper["%s/%s" % (m.group(1), m.group(2))] = m.group(3)
    except OSError:
        pass
    return status, stats, paper


def first_error(out, i):
    """'; ' and the first line of point i's stderr that is not a statistic, or ''."""
    try:
        for line in open(os.path.join(out, "points", "%d.err" % i), errors="replace"):
            if line.startswith("sim:"):
                return "; " + line.strip()
    except OSError:
        pass
    return ""


def collect(out):
    """Read every point of DIR; write results.csv and the plot; the exit status."""
    try:
        grid = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "grid.txt"))]
        cmds = open(os.path.join(out, "commands.txt")).read().splitlines()
        settings = dict(l.rstrip("\n").split("\t", 1) for l in
                        open(os.path.join(out, "settings.txt")))
    except (OSError, ValueError) as e:
        sys.stderr.write("sweep: %s is not a sweep directory (%s)\n" % (out, e))
        return 2
    rows, failed = [], []
    stat_keys, paper_keys, axis_keys = [], [], []
    for fields, cmd in zip(grid, cmds):
        i = int(fields[0])
        point = dict(f.split("=", 1) for f in fields[1:])
        for k in point:
            if k not in axis_keys:
                axis_keys.append(k)
        status, stats, paper = read_point(out, i)
        if status is None or status >= 200:
            failed.append("point %d (status %s): %s%s" % (i, status, cmd.split(" >")[0],
                                                          first_error(out, i)))
        for k in stats:
            if k not in stat_keys:
                stat_keys.append(k)
        for k in sorted(paper):
            if k not in paper_keys:
                paper_keys.append(k)
        rows.append((i, point, status, stats, paper, cmd.split(" >", 1)[0]))
    cols = ["point"] + [k[6:] if k.startswith("param:") else k for k in axis_keys] + ["status"] + stat_keys + paper_keys + ["command"]
    with open(os.path.join(out, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for i, point, status, stats, paper, cmd in rows:
            w.writerow([i] + [point.get(k, "") for k in axis_keys] +
                       ["" if status is None else status] + [stats.get(k, "") for k in stat_keys] +
                       [paper.get(k, "") for k in paper_keys] + [cmd])
    print("sweep: %d points, results in %s" % (len(rows), os.path.join(out, "results.csv")))
    metric = settings.get("plot", "cycles")
    if metric not in stat_keys + paper_keys:
        sys.stderr.write("sweep: no point reported %r to plot (have: %s)\n"
                         % (metric, ", ".join(stat_keys + paper_keys)))
        failed.append("plot")
    else:
        plot(out, rows, axis_keys, metric, settings.get("x"))
    for f in failed:
        sys.stderr.write("sweep: failed: %s\n" % f)
    return 1 if failed else 0


def plot(out, rows, axis_keys, metric, x):
    """sweep.png/.svg: metric against the x axis, one line per other combination."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    varying = [k for k in axis_keys if len({r[1].get(k) for r in rows}) > 1]
    if x is not None and x not in axis_keys and "param:" + x in axis_keys:
        x = "param:" + x
    if x is None or x not in axis_keys:
        x = varying[0] if varying else axis_keys[0]
    xname = x[6:] if x.startswith("param:") else x
    others = [k for k in varying if k != x]
    lines = {}
    for i, point, status, stats, paper, cmd in rows:
        v = stats.get(metric, paper.get(metric))
        if v is None:
            continue
        label = ", ".join("%s=%s" % (k[6:] if k.startswith("param:") else k,
                                    os.path.basename(point[k])) for k in others)
        lines.setdefault(label, []).append((point[x], float(v)))
    numeric = all(re.fullmatch(r"\d+(\.\d+)?", r[1][x]) for r in rows)
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for label, pts in lines.items():
        if numeric:
            pts = sorted((float(a), b) for a, b in pts)
        ax.plot([a for a, _ in pts], [b for _, b in pts], marker="o", label=label or metric)
    if numeric and len({r[1][x] for r in rows}) > 2:
        vals = sorted(float(r[1][x]) for r in rows)
        if vals[0] > 0 and vals[-1] / vals[0] >= 16:
            ax.set_xscale("log", base=2)
    ax.set_xlabel(xname)
    ax.set_ylabel(metric + (" (cycles)" if "/" in metric else ""))
    ax.set_title("sweep %s: %s against %s" % (os.path.basename(out), metric, xname), fontsize=10)
    if len(lines) > 1 or others:
        ax.legend(fontsize=7)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(out, "sweep." + ext), dpi=90)
    plt.close(fig)
    print("sweep: plot in %s" % os.path.join(out, "sweep.png (.svg)"))


def main(argv):
    out, jobs, dry, grid, coll = None, "2", False, None, None
    it = iter(argv)
    try:
        for a in it:
            if a in ("--out", "--jobs", "--collect"):
                v = next(it, None)
                if v is None:
                    raise BadGrid("%s needs a value" % a)
                if a == "--out":
                    out = v
                elif a == "--jobs":
                    if not v.isdigit() or int(v) < 1:
                        raise BadGrid("--jobs takes a positive number")
                    jobs = v
                else:
                    coll = v
            elif a == "--dry-run":
                dry = True
            elif a in ("-h", "--help"):
                sys.stdout.write(__doc__)
                return 0
            elif a.startswith("-") or grid:
                raise BadGrid("unknown argument %r (see --help)" % a)
            else:
                grid = a
        if coll:
            return collect(coll)
        if not grid:
            raise BadGrid("no grid file (see --help)")
        axes, settings = read_grid(grid)
        pts = points(axes)
        sim = os.environ.get("SIM", "./sim")
        check_files(pts, sim)
    except BadGrid as e:
        sys.stderr.write("sweep: %s\n" % e)
        return 2
    out = out or os.path.join("build", "sweep", os.path.splitext(os.path.basename(grid))[0])
    lines = write_jobs(out, sim, pts, settings)
    with open(os.path.join(out, "settings.txt"), "w") as f:
        for k in ("plot", "x"):
            if k in settings:
                f.write("%s\t%s\n" % (k, settings[k]))
    slurm = write_slurm(out, len(pts))
    print("sweep: %d points (%s), commands in %s, Slurm array job in %s"
          % (len(pts), " x ".join("%d %s" % (len(v), k) for k, v in axes),
             os.path.join(out, "commands.txt"), slurm))
    if dry:
        return 0
    try:
        r = subprocess.run(["parallel", "--will-cite", "-j", jobs,
                            "--joblog", os.path.join(out, "joblog")],
                           input="\n".join(lines) + "\n", text=True)
    except OSError:
        sys.stderr.write("sweep: GNU parallel is missing (Debian: apt-get install parallel)\n")
        return 2
    if r.returncode != 0:
        sys.stderr.write("sweep: parallel exited %d\n" % r.returncode)
    return collect(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
