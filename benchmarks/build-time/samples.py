#!/usr/bin/env python3
"""samples.py: the steps of samples.sh that read and write text (see samples.sh and benchmarks/README.md).

  samples.py command --log BUILD_LOG --scratch DIR   the compiler command line of a detailed build log, as
                                                      DIR/compiler, DIR/with.rsp and DIR/without.rsp
  samples.py count < PERF_SCRIPT_OUTPUT               one run's counts, tab-separated: samples, under a PiiGuard
                                                      frame, under the analyzer driver, PiiGuard leaf frames per tier
  samples.py report --counts FILE --results FILE ...  the table"""

import argparse
import collections
import datetime
import re
import shlex
import statistics
import sys
from pathlib import Path

PIIGUARD_FRAME = "[PiiGuard.Analyzers]"
DRIVER_FRAMES = ("AnalyzerDriver", "AnalyzerExecutor")
TIERS = ("QuickJitted", "InstrumentedTier", "OptimizedTier1", "Optimized", "other")


def command(args):
    """Finds the compiler's command line (the line whose first word is csc and which loads PiiGuard's analyzers)."""
    for line in Path(args.log).read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.strip()
        if "/analyzer:" not in text or "PiiGuard.Analyzers.dll" not in text:
            continue
        words = shlex.split(text)
        if not re.search(r"(^|/)csc(\.dll|\.exe)?$", words[0]):
            continue
        if "/noconfig" not in words:
            sys.exit("samples.py: the compiler command line has no /noconfig; the benchmark expects the SDK's")
        scratch = Path(args.scratch)
        compiler, arguments = words[0], words[1:]
        if compiler.endswith(".dll"):
            sys.exit("samples.py: the compiler is csc.dll; run it through its apphost (csc) instead")
        with_args, without_args = [], []
        for word in arguments:
            if word.startswith("/out:"):
                word = f"/out:{scratch / 'bin' / 'Bench.Payloads.dll'}"
            elif word.startswith("/refout:"):
                word = f"/refout:{scratch / 'bin' / 'Bench.Payloads.ref.dll'}"
            with_args.append(word)
            if not (word.startswith("/analyzer:") and word.endswith("PiiGuard.Analyzers.dll")):
                without_args.append(word)
        if len(without_args) != len(with_args) - 1:
            sys.exit("samples.py: expected one PiiGuard analyzer on the command line")
        (scratch / "compiler").write_text(compiler, encoding="utf-8")
        for name, words_ in (("with", with_args), ("without", without_args)):
            # A response file takes one argument per line, in double quotes where it holds white space; /noconfig
            # counts only on the command line itself (samples.sh passes it there).
            lines = [f'"{w}"' if re.search(r"\s", w) else w for w in words_ if w != "/noconfig"]
            (scratch / f"{name}.rsp").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    sys.exit(f"samples.py: no csc command line with PiiGuard's analyzers in {args.log}")


def stacks(lines):
    """perf script's samples (-F comm,tid,ip,sym -g): a header line, then one frame per indented line."""
    current = []
    for line in lines:
        if not line.strip():
            if current:
                yield current
                current = []
        elif line[0] in " \t":
            current.append(line.strip())
        else:
            current = [line.strip()]
    if current:
        yield current


def count(_):
    total = piiguard = driver = 0
    tiers = collections.Counter()
    for stack in stacks(sys.stdin):
        frames = stack[1:]
        total += 1
        if any(any(name in f for name in DRIVER_FRAMES) for f in frames):
            driver += 1
        ours = [f for f in frames if PIIGUARD_FRAME in f]
        if ours:
            piiguard += 1
            tier = re.search(r"\[(QuickJitted|InstrumentedTier|OptimizedTier1|Optimized)\]\s*$", ours[0])
            tiers[tier.group(1) if tier else "other"] += 1
    print("\t".join([str(total), str(piiguard), str(driver)] + [str(tiers[t]) for t in TIERS]))


def report(args):
    rows = collections.defaultdict(list)
    for line in Path(args.counts).read_text(encoding="utf-8").splitlines():
        variant, run, *numbers = line.split("\t")
        rows[variant].append((int(run), [int(n) for n in numbers]))

    def share(numbers, index):
        return 100.0 * numbers[index] / numbers[0] if numbers[0] else 0.0

    def summary(values, unit):
        if not values:
            return "n/a"
        mean = statistics.mean(values)
        spread = f", standard deviation {statistics.stdev(values):.2f}" if len(values) > 1 else ""
        return f"mean {mean:.2f}{unit} ({min(values):.2f} to {max(values):.2f}{spread})"

    with_rows = [n for _, n in sorted(rows["with"])]
    without_rows = [n for _, n in sorted(rows["without"])]
    ours = [share(n, 1) for n in with_rows]
    seconds = [n[1] / args.frequency for n in with_rows]
    driver_with = [share(n, 2) for n in with_rows]
    driver_without = [share(n, 2) for n in without_rows]
    tiers = [sum(n[3 + i] for n in with_rows) for i in range(len(TIERS))]
    tier_total = sum(tiers) or 1
    now = datetime.datetime.now(datetime.timezone.utc)
    lines = [
        f"# PiiGuard's share of a compile, in CPU samples, {now:%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `{args.command}`",
        "",
        f"- Each run: the benchmark project's compiler command line, run directly in a fresh process under "
        f"`perf record -F {args.frequency} -g`, with PiiGuard's analyzers (`with`) or without them (`without`), alternating.",
        "- A sample counts for PiiGuard when a PiiGuard frame is on its stack: PiiGuard's code and the compiler work it "
        "calls into. Work that PiiGuard causes elsewhere (the driver calling it, garbage collections of its "
        "allocations) is not in that column; the driver's share with and without PiiGuard shows whether the first grows.",
        "",
        "| | runs | share of all samples |",
        "| --- | ---: | --- |",
        f"| Under a PiiGuard frame | {len(with_rows)} | {summary(ours, ' %')}; {summary(seconds, ' s')} of CPU |",
        f"| Under the analyzer driver, with PiiGuard | {len(with_rows)} | {summary(driver_with, ' %')} |",
        f"| Under the analyzer driver, without PiiGuard | {len(without_rows)} | {summary(driver_without, ' %')} |",
        "",
        "Tier of the innermost PiiGuard frame, all runs with PiiGuard: "
        + ", ".join(f"{t} {100.0 * c / tier_total:.0f} %" for t, c in zip(TIERS, tiers) if c) + ".",
        "",
        "| Run | variant | samples | under a PiiGuard frame | under the analyzer driver |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for variant in ("with", "without"):
        for run, n in sorted(rows[variant]):
            lines.append(f"| {run} | {variant} | {n[0]:,} | {n[1]:,} ({share(n, 1):.2f} %) | {n[2]:,} ({share(n, 2):.2f} %) |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results != "-":
        Path(args.results).write_text(text, encoding="utf-8")
        print(f"written to {args.results}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    c = steps.add_parser("command")
    c.add_argument("--log", required=True)
    c.add_argument("--scratch", required=True)
    steps.add_parser("count")
    r = steps.add_parser("report")
    r.add_argument("--counts", required=True)
    r.add_argument("--results", required=True)
    r.add_argument("--frequency", type=int, required=True)
    r.add_argument("--command", required=True)
    args = parser.parse_args()
    {"command": command, "count": count, "report": report}[args.step](args)


if __name__ == "__main__":
    main()
