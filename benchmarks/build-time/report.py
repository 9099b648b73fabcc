#!/usr/bin/env python3
"""Reads what run.sh measured (times.tsv and the build logs under <out>/logs) and prints the side-by-side table;
writes it as Markdown to --results as well (unless --results is "-")."""

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

TARGET_PERCENT = 5.0
VARIANTS = ("without", "with")
TITLES = {"without": "without PiiGuard", "with": "with PiiGuard"}


def read_times(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            round_, variant, wall, cpu, load = line.rstrip("\n").split("\t")
            rows.append((int(round_), variant, float(wall), float(cpu), load))
    return rows


def csc_seconds(log):
    """The Csc task's time from MSBuild's performance summary, in seconds, or None."""
    text = Path(log).read_text(encoding="utf-8", errors="replace")
    summary = text.split("Task Performance Summary:", 1)
    if len(summary) < 2:
        return None
    m = re.search(r"^\s*(\d+) ms\s+Csc\s+\d+ calls", summary[1], re.M)
    return int(m.group(1)) / 1000 if m else None


NUMBER = r"(<?[\d.]+)"


def to_seconds(value):
    return 0.0 if value.startswith("<") else float(value)


def analyzer_report(log):
    """Parses the -p:ReportAnalyzer=true section: total, per assembly, per analyzer (seconds)."""
    text = Path(log).read_text(encoding="utf-8", errors="replace")
    result = {"total": None, "generators": None, "assemblies": {}, "analyzers": {}}
    m = re.search(r"Total analyzer execution time: ([\d.]+) seconds", text)
    if m:
        result["total"] = float(m.group(1))
    m = re.search(r"Total generator execution time: ([\d.]+) seconds", text)
    if m:
        result["generators"] = float(m.group(1))
    start = text.find("Total analyzer execution time:")
    end = text.find("Total generator execution time:", start)
    if start < 0:
        return result
    assembly = None
    for line in text[start:end if end > 0 else None].splitlines():
        m = re.match(r"^\s*" + NUMBER + r"\s+" + NUMBER + r"\s+(\S.*?)\s*$", line)
        if not m:
            continue
        seconds, name = to_seconds(m.group(1)), m.group(3)
        if ", Version=" in name:
            assembly = name.split(",", 1)[0]
            result["assemblies"][assembly] = seconds
        elif assembly is not None:
            result["analyzers"][(assembly, name)] = seconds
    return result


def median(values):
    return statistics.median(values) if values else None


def fmt(value, digits=2):
    return "n/a" if value is None else f"{value:.{digits}f}"


def pct(part, whole):
    return "n/a" if part is None or not whole else f"{part / whole * 100:+.1f} %"


def machine():
    info = {"cores": str(os.cpu_count())}
    try:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        info["memory"] = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        info["memory"] = "unknown"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = re.search(r"model name\s*:\s*(.+)", cpuinfo).group(1).strip()
        family, model = re.search(r"cpu family\s*:\s*(\d+)", cpuinfo), re.search(r"model\s*:\s*(\d+)", cpuinfo)
        if family and model:
            info["cpu"] += f" (family {family.group(1)}, model {model.group(1)})"
    except (OSError, AttributeError):
        info["cpu"] = platform.processor() or "unknown"
    try:
        info["os"] = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)
    except (OSError, AttributeError):
        info["os"] = platform.system()
    info["os"] += f", kernel {platform.release()}"
    try:
        info["sdk"] = subprocess.run(["dotnet", "--version"], capture_output=True, text=True, check=True).stdout.strip()
        host = subprocess.run(["dotnet", "--info"], capture_output=True, text=True, check=True).stdout
        m = re.search(r"Host:\s*\n\s*Version:\s*(\S+)", host)
        info["runtime"] = m.group(1) if m else "unknown"
    except (OSError, subprocess.CalledProcessError):
        info["sdk"] = info["runtime"] = "unknown"
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--report-runs", type=int, required=True)
    parser.add_argument("--types", type=int, required=True)
    parser.add_argument("--members", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--app-entities", type=int, default=0)
    parser.add_argument("--compiler-server", choices=["true", "false"], required=True)
    parser.add_argument("--command", required=True)
    args = parser.parse_args()
    out = Path(args.out)
    logs = out / "logs"

    rows = read_times(out / "times.tsv")
    wall = {v: [w for _, variant, w, _, _ in rows if variant == v] for v in VARIANTS}
    cpu = {v: [c for _, variant, _, c, _ in rows if variant == v] for v in VARIANTS}
    by_round = {}
    for round_, variant, w, c, load in rows:
        by_round.setdefault(round_, {})[variant] = (w, load, c)
    paired = [r["with"][0] - r["without"][0] for r in by_round.values() if "with" in r and "without" in r]
    csc = {v: [c for c in (csc_seconds(logs / f"timed-{v}-{r}.log") for r in sorted(by_round)) if c is not None] for v in VARIANTS}

    report_indexes = list(range(1, args.report_runs + 1)) or [0]
    reports = {v: [analyzer_report(logs / f"report-{v}-{i}.log") for i in report_indexes] for v in VARIANTS}
    total = {v: median([r["total"] for r in reports[v] if r["total"] is not None]) for v in VARIANTS}
    generators = {v: median([r["generators"] for r in reports[v] if r["generators"] is not None]) for v in VARIANTS}
    piiguard = median([r["assemblies"].get("PiiGuard.Analyzers", 0.0) for r in reports["with"]])
    piiguard_min = min(r["assemblies"].get("PiiGuard.Analyzers", 0.0) for r in reports["with"])
    analyzers = {}
    for r in reports["with"]:
        for (assembly, name), seconds in r["analyzers"].items():
            if assembly == "PiiGuard.Analyzers":
                analyzers.setdefault(name, []).append(seconds)

    med = {v: median(wall[v]) for v in VARIANTS}
    low = {v: min(wall[v]) for v in VARIANTS}
    cmed = {v: median(csc[v]) for v in VARIANTS}
    pmed = {v: median(cpu[v]) for v in VARIANTS}
    overhead_median = med["with"] - med["without"]
    overhead_min = low["with"] - low["without"]
    overhead_paired = median(paired)
    percent = overhead_median / med["without"] * 100
    estimates = {
        "medians": percent,
        "minimums": overhead_min / low["without"] * 100,
        "same-round differences": overhead_paired / med["without"] * 100,
        "CPU time": (pmed["with"] - pmed["without"]) / pmed["without"] * 100,
    }
    spread = {v: (max(wall[v]) - min(wall[v])) / med[v] * 100 for v in VARIANTS}
    if all(e <= TARGET_PERCENT for e in estimates.values()):
        verdict = f"within the {TARGET_PERCENT:.0f} % target by every estimate"
    elif all(e > TARGET_PERCENT for e in estimates.values()):
        verdict = f"ABOVE the {TARGET_PERCENT:.0f} % target by every estimate"
    else:
        verdict = (f"INCONCLUSIVE against the {TARGET_PERCENT:.0f} % target: the estimates disagree "
                   f"({', '.join(f'{k} {v:+.1f} %' for k, v in estimates.items())})")

    def load_of(v, i):
        f = logs / f"report-{v}-{i}.load"
        return f.read_text().strip() if f.exists() else "?"
    report_loads = "; ".join(f"{TITLES[v]} " + ", ".join(load_of(v, i) for i in report_indexes) for v in VARIANTS)
    if "?" in report_loads and not re.search(r"\d", report_loads):
        report_loads = "not recorded"
    info = machine()
    loads = [float(row[-1]) for row in rows]
    # When the timed builds ended, not when this report was made (it can be remade from the same files).
    now = datetime.datetime.fromtimestamp((out / "times.tsv").stat().st_mtime, datetime.timezone.utc)
    server = ("shared compiler server (VBCSCompiler), warmed by the warm-up build" if args.compiler_server == "true"
              else "a fresh csc process per build (-p:UseSharedCompilation=false)")
    lines = [
        f"# Build-time benchmark, {now:%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `{args.command}`",
        "",
        f"- Project: {args.types:,} payload types x {args.members} `[TelemetryField]` members (seed {args.seed}), net10.0 library, Debug."
        + (f" Plus application code: 10 `[DataSubject]` accounts and {args.app_entities:,} classified entity types, each with a"
           " service that logs ids, counts and states through an `ILogger` (ASP.NET Core shared framework)." if args.app_entities else ""),
        f"- Each build: `dotnet build --no-restore -t:Rebuild -nodeReuse:false -p:UseSharedCompilation={args.compiler_server}`: {server}.",
        f"- {args.runs} timed rebuilds per variant after one warm-up each, interleaved (AB, BA, AB, ...); "
        f"analyzer times from {len(report_indexes)} separate `-p:ReportAnalyzer=true` rebuild(s) per variant.",
        f"- Machine: {info['cores']} cores, {info['memory']}, {info['cpu']}; {info['os']}; .NET SDK {info['sdk']} (runtime {info['runtime']}).",
        f"- 1-minute load average during the timed builds: {min(loads):.2f} to {max(loads):.2f} "
        f"(the benchmark's own build counts towards it; above ~2 on this machine means other work was running).",
        "",
        "| | without PiiGuard | with PiiGuard | PiiGuard adds |",
        "| --- | ---: | ---: | ---: |",
        f"| Whole build, median (s) | {fmt(med['without'])} | {fmt(med['with'])} | {overhead_median:+.2f} s ({pct(overhead_median, med['without'])}) |",
        f"| Whole build, min (s) | {fmt(low['without'])} | {fmt(low['with'])} | {overhead_min:+.2f} s ({pct(overhead_min, low['without'])}) |",
        f"| Same-round difference, median (s) | | | {overhead_paired:+.2f} s ({pct(overhead_paired, med['without'])}) |",
        f"| CPU time of the build (user + sys{', compiler server included' if args.compiler_server == 'true' else ''}), median (s) | {fmt(pmed['without'])} | {fmt(pmed['with'])} | "
        f"{pmed['with'] - pmed['without']:+.2f} s ({pct(pmed['with'] - pmed['without'], pmed['without'])}) |",
        f"| Csc task, median (s) | {fmt(cmed['without'])} | {fmt(cmed['with'])} | "
        + (f"{cmed['with'] - cmed['without']:+.2f} s ({pct(cmed['with'] - cmed['without'], cmed['without'])}) |" if None not in cmed.values() else "n/a |"),
        f"| Analyzer execution time, all analyzers (s) | {fmt(total['without'])} | {fmt(total['with'])} | "
        + (f"{total['with'] - total['without']:+.2f} s |" if None not in total.values() else "n/a |"),
        f"| of which PiiGuard.Analyzers (s) | | {fmt(piiguard)} (min {fmt(piiguard_min)}) | |",
        f"| Generator execution time (s) | {fmt(generators['without'])} | {fmt(generators['with'])} | |",
        "",
        f"**Overhead on the whole build (medians): {percent:+.1f} %; {verdict}.**",
        "",
        (f"Spread of the timed builds (max - min, as a share of the median): {spread['without']:.0f} % without, "
         f"{spread['with']:.0f} % with PiiGuard. An overhead smaller than that spread is not resolved by {args.runs} rounds; "
         "CPU time is the least load-sensitive of the estimates." if args.runs >= 3 else
         f"{args.runs} round(s) cannot show how much the builds vary: use --runs 5 or more before reading anything into these numbers."),
        "",
        "Analyzer and generator times are medians of the `-p:ReportAnalyzer=true` builds "
        f"(1-minute load average after them: {report_loads}). The compiler times each analyzer callback with a stopwatch and adds "
        "the times up over all threads: they are neither wall time (callbacks run in parallel with each other and with compilation) "
        "nor pure CPU time (a callback that waits for the CPU keeps counting), so they grow with the machine's load.",
        "",
        "PiiGuard's analyzers (`-p:ReportAnalyzer=true`, seconds):",
        "",
        "| Analyzer | median | min | max |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, values in sorted(analyzers.items(), key=lambda kv: -median(kv[1])):
        lines.append(f"| {name.replace('PiiGuard.Analyzers.', '')} | {median(values):.3f} | {min(values):.3f} | {max(values):.3f} |")
    if not analyzers:
        lines.append("| (no PiiGuard analyzer lines found) | | | |")
    lines += [
        "",
        "Every timed build (wall seconds, CPU seconds in brackets; the load is the 1-minute load average just after each build):",
        "",
        "| Round | Order | without PiiGuard | with PiiGuard | difference | load (without, with) |",
        "| ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for round_ in sorted(by_round):
        r = by_round[round_]
        order = "with, without" if round_ % 2 else "without, with"
        diff = r["with"][0] - r["without"][0] if len(r) == 2 else None
        cell = {v: f"{r[v][0]:.2f} ({r[v][2]:.1f})" if v in r else "n/a" for v in VARIANTS}
        load = ", ".join(r[v][1] if v in r else "?" for v in VARIANTS)
        lines.append(f"| {round_} | {order} | {cell['without']} | {cell['with']} | {'n/a' if diff is None else f'{diff:+.2f}'} | {load} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results != "-":
        Path(args.results).write_text(text, encoding="utf-8")
        print(f"written to {args.results}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
