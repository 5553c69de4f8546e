#!/usr/bin/env python3
"""bench/run.py: the simulator's speed beside other MIPS emulators (make bench).

Three workloads, each run by every available emulator, all runs
interleaved (round r runs every configuration once before round r+1), the
figure being the median CPU time (user + system, of the process and its
children) over the rounds:

  matmul   build/bench/matmulREPS.elf (workloads/matmul.c) on ./sim
           --machine ideal and dec5000 and on `gxemul -E testmips -C
           R3000`, the same ELF; and build/bench/matmul-linux (the same
           source as a static Linux program) on qemu-mipsel.
  utlb     build/bench/utlb.elf (bench/utlb.S): UTLB refills in a loop,
           on ./sim dec5000 and gxemul.
  syscall  build/bench/syscall.elf (bench/syscall.S): SYSCALL/RFE round
           trips, on ./sim dec5000 and gxemul.

Then, unless --no-callgrind, host instructions per guest instruction
(valgrind --tool=callgrind, the whole process's instruction count over
the guest's, from ./sim --stats) for `make run`'s kernel benchmark and
for cpushare on dec5000, and per UTLB refill and per system call of the
loops above (deterministic: what each change is judged by).

usage: python3 bench/run.py [--runs N] [--no-callgrind]
docs/BENCH.md tells how to read the output.
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys

B = "build"


def cpu_seconds(cmd):
    """CPU seconds (user + system) of cmd and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def gxemul(elf):
    # gxemul wants a terminal for its console, hence `script`.
    return ["script", "-qec", "gxemul -E testmips -C R3000 -q " + elf, "/dev/null"]


def sim_stat(args, key):
    """A figure of ./sim --stats (e.g. 'instructions') for the run args."""
    p = subprocess.run(["./sim", "--stats"] + args, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    m = re.search(r"^%s\s+(\d+)" % re.escape(key), p.stderr, re.M)
    if not m:
        sys.exit("bench: no '%s' in ./sim --stats %s" % (key, " ".join(args)))
    return int(m.group(1))


def configs(reps):
    """(workload, label, command, unit, units per run) for what is installed."""
    mm = "%s/bench/matmul%d.elf" % (B, reps)
    mml = "%s/bench/matmul-linux" % B
    utlb = "%s/bench/utlb.elf" % B
    sysc = "%s/bench/syscall.elf" % B
    have_gx = shutil.which("gxemul") and shutil.which("script")
    have_qemu = shutil.which("qemu-mipsel")
    mm_insns = sim_stat(["--machine", "ideal", mm], "instructions")
    refills = sim_stat(["--machine", "dec5000", utlb], "UTLB misses")
    calls = sim_stat(["--machine", "dec5000", sysc], "exceptions Sys")
    c = [("matmul", "sim --machine ideal", ["./sim", "--machine", "ideal", mm], "M insns", mm_insns),
         ("matmul", "sim --machine dec5000", ["./sim", "--machine", "dec5000", mm], "M insns", mm_insns)]
    if have_gx:
        c.append(("matmul", "gxemul -E testmips -C R3000", gxemul(mm), "M insns", mm_insns))
    if have_qemu:
        c.append(("matmul", "qemu-mipsel (Linux build)", ["qemu-mipsel", mml], "M insns", mm_insns))
    for w, elf, unit, n in (("utlb", utlb, "M refills", refills),
                            ("syscall", sysc, "M calls", calls)):
        c.append((w, "sim --machine dec5000", ["./sim", "--machine", "dec5000", elf], unit, n))
        if have_gx:
            c.append((w, "gxemul -E testmips -C R3000", gxemul(elf), unit, n))
    return c, have_gx, have_qemu


def callgrind(args):
    """Host instructions of ./sim args under callgrind, and the guest's."""
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                        "./sim", "--stats"] + args, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    host = re.search(r"Collected\s*:\s*(\d+)", p.stderr)
    guest = re.search(r"^instructions\s+(\d+)", p.stderr, re.M)
    if not host or not guest:
        sys.exit("bench: callgrind gave no figures for ./sim " + " ".join(args))
    return int(host.group(1)), int(guest.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="interleaved rounds (default 5)")
    ap.add_argument("--reps", type=int, default=20, help="matmul repetitions (built by make)")
    ap.add_argument("--no-callgrind", action="store_true")
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

    cfg, have_gx, have_qemu = configs(a.reps)
    times = {i: [] for i in range(len(cfg))}
    for _ in range(a.runs):
        for i, (_, _, cmd, _, _) in enumerate(cfg):
            times[i].append(cpu_seconds(cmd))

    print("host: %s, %s, %d cpus, load average %s" % (
        os.uname().machine,
        next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
              if l.startswith("model name")), "?"),
        os.cpu_count(), " ".join(open("/proc/loadavg").read().split()[:3])))
    print("median CPU seconds (user + system) of %d interleaved runs" % a.runs)
    med = {i: statistics.median(t) for i, t in times.items()}
    ref = {}
    for i, (w, label, _, _, _) in enumerate(cfg):
        ref.setdefault(w, {})[label] = med[i]
    last = None
    for i, (w, label, _, unit, n) in enumerate(cfg):
        if w != last:
            print("\n%-8s %-30s %8s %12s %10s %10s" % (w, "", "CPU s", unit + "/s",
                                                       "vs gxemul", "vs qemu"))
            last = w
        gx = ref[w].get("gxemul -E testmips -C R3000")
        qm = ref[w].get("qemu-mipsel (Linux build)")
        print("%-8s %-30s %8.3f %12.2f %10s %10s" % (
            "", label, med[i], n / med[i] / 1e6,
            "%.2fx" % (gx / med[i]) if gx else "-",
            "%.2fx" % (qm / med[i]) if qm else "-"))
    if not have_gx:
        print("gxemul not installed (Debian package gxemul): no side-by-side figure")
    if not have_qemu:
        print("qemu-mipsel not installed (Debian package qemu-user): no QEMU figure")

    if a.no_callgrind:
        return
    if not shutil.which("valgrind"):
        print("\nvalgrind not installed: no host instructions per guest instruction")
        return
    print("\nhost instructions per guest instruction (callgrind, whole process, dec5000)")
    for label, args in (("kernel benchmark (make run)",
                         ["%s/exokernel.elf" % B, "%s/workloads/bench.elf" % B]),
                        ("cpushare", ["%s/exokernel.elf" % B, "%s/workloads/cpushare.elf" % B]),
                        ("matmul x1", ["%s/bench/matmul1.elf" % B])):
        if not all(os.path.exists(p) for p in args):
            print("%-30s (not built)" % label)
            continue
        host, guest = callgrind(["--machine", "dec5000"] + args)
        print("%-30s %14d host / %11d guest = %6.1f" % (label, host, guest, host / guest))
    print("\nhost instructions per event (callgrind, whole process, dec5000)")
    for label, elf, key in (("UTLB refill (bench/utlb.S)", "utlb", "UTLB misses"),
                            ("system call (bench/syscall.S)", "syscall", "exceptions Sys")):
        args = ["--machine", "dec5000", "%s/bench/%s.elf" % (B, elf)]
        host, _ = callgrind(args)
        n = sim_stat(args, key)
        print("%-30s %14d host / %11d events = %6.0f" % (label, host, n, host / n))


if __name__ == "__main__":
    main()
