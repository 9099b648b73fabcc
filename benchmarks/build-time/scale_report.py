#!/usr/bin/env python3
"""Reads what scale.sh measured (<out>/settings.txt and, per size, times.tsv, warmup.tsv, metadata-*.tsv, emitted/
and logs/) and prints the tables of the generator benchmark; writes them as Markdown to --results as well (unless
--results is "-")."""

import argparse
import datetime
import re
import statistics
import sys
from pathlib import Path

from report import analyzer_report, machine  # the build-time benchmark's parsers and machine description

ORDER = ["none", "generator", "generator-analyzers", "stj", "before"]
TITLES = {
    "none": "(a) none",
    "generator": "(b) generator",
    "generator-analyzers": "(b') generator + analyzers",
    "stj": "(c) STJ context",
    "before": "before: pre-i15 generator",
}
ADDED_TARGET = 0.5  # PiiGuard's added build cost at most half of STJ's


def median(values):
    return statistics.median(values) if values else None


def fmt(value, digits=2, unit=""):
    return "n/a" if value is None else f"{value:,.{digits}f}{unit}"


def mib(n):
    return "n/a" if n is None else f"{n / 1024 / 1024:.2f} MiB"


def read_settings(out):
    settings = {}
    for line in (out / "settings.txt").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        settings[key] = value
    return settings


def read_times(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            round_, variant, wall, cpu, load, dll = line.rstrip("\n").split("\t")
            rows.append({"round": int(round_), "variant": variant, "wall": float(wall), "cpu": float(cpu),
                         "load": float(load), "dll": int(dll)})
    return rows


def read_warmup(path):
    result = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        variant, status, wall, cpu, load = line.split("\t")
        result[variant] = {"status": status, "wall": float(wall), "cpu": float(cpu), "load": load}
    return result


def read_metadata(path):
    if not path.exists():
        return None
    fields = path.read_text(encoding="utf-8").strip().split("\t")
    heaps = dict(f.split("=", 1) for f in fields[2:])
    return {"file": int(fields[1]), **{k: int(v) for k, v in heaps.items()}}


def errors(log):
    """Distinct compiler errors of a failed build, by code: {code: {"count", "generated", "sources"}}. An error with a
    location counts once per location (the detailed log prints each twice), split into locations in generated files
    (under emitted/) and in the project's own sources; an error without a location counts once per distinct message."""
    text = log.read_text(encoding="utf-8", errors="replace")
    located, unlocated = set(), set()
    for line in text.splitlines():
        m = re.search(r"([^\s>]+)\((\d+),(\d+)\): error ((?:CS|PII)\d+)", line)
        if m:
            located.add((m.group(4), m.group(1), m.group(2), m.group(3)))
            continue
        m = re.search(r"error ((?:CS|PII)\d+): (.*?)(?: \[[^\]]*\])?$", line)
        if m:
            unlocated.add((m.group(1), m.group(2)))
    counts = {}
    for code, path, _, _ in located:
        entry = counts.setdefault(code, {"count": 0, "generated": 0, "sources": 0})
        entry["count"] += 1
        entry["generated" if "/emitted/" in path.replace("\\", "/") else "sources"] += 1
    for code, _ in unlocated:
        if code not in {c for c, *_ in located}:
            counts.setdefault(code, {"count": 0, "generated": 0, "sources": 0})["count"] += 1
    return counts


def generated(folder, payloads):
    """Counts the generated files under an EmitCompilerGeneratedFiles folder, by generator."""
    result = {}
    if not folder.exists():
        return result
    for f in folder.rglob("*.cs"):
        parts = f.relative_to(folder).parts
        generator = parts[0] if parts else "?"
        text = f.read_text(encoding="utf-8-sig")
        kind = "payload" if f.name.endswith(".PiiGuard.g.cs") else "type" if f.name.endswith(".PiiGuardType.g.cs") else "other"
        entry = result.setdefault(generator, {})
        k = entry.setdefault(kind, {"files": 0, "chars": 0, "lines": 0, "bytes": 0})
        k["files"] += 1
        k["chars"] += len(text)
        k["lines"] += text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        k["bytes"] += f.stat().st_size
    return result


def size_section(dir_, size, settings):
    lines = []
    rows = read_times(dir_ / "times.tsv") if (dir_ / "times.tsv").exists() else []
    warmup = read_warmup(dir_ / "warmup.tsv")
    variants = [v for v in ORDER if v in warmup]
    timed = [v for v in variants if any(r["variant"] == v for r in rows)]
    wall = {v: [r["wall"] for r in rows if r["variant"] == v] for v in timed}
    cpu = {v: [r["cpu"] for r in rows if r["variant"] == v] for v in timed}
    dll = {v: median([r["dll"] for r in rows if r["variant"] == v]) for v in timed}
    meta = {v: read_metadata(dir_ / f"metadata-{v}.tsv") for v in timed}
    mwall = {v: median(wall[v]) for v in timed}
    mcpu = {v: median(cpu[v]) for v in timed}
    rounds = sorted({r["round"] for r in rows})
    loads = [r["load"] for r in rows]

    # Added cost against (a), per round too (same-round differences are less exposed to drift).
    def added(v, key, stat):
        if "none" not in timed or v not in timed:
            return None
        return stat[v] - stat["none"]

    def paired(v, key):
        if "none" not in timed or v not in timed:
            return None
        by_round = {}
        for r in rows:
            by_round.setdefault(r["round"], {})[r["variant"]] = r[key]
        return median([b[v] - b["none"] for b in by_round.values() if v in b and "none" in b])

    reports = {}
    for v in variants:
        indexes = sorted(int(m.group(1)) for p in (dir_ / "logs").glob(f"report-{v}-*.log")
                         if (m := re.match(rf"report-{re.escape(v)}-(\d+)\.log$", p.name)))
        parsed = [analyzer_report(dir_ / "logs" / f"report-{v}-{i}.log") for i in indexes]
        if not parsed and (dir_ / "logs" / f"warmup-{v}.log").exists():
            parsed = [analyzer_report(dir_ / "logs" / f"warmup-{v}.log")]
        reports[v] = parsed
    gen_time = {v: median([r["generators"] for r in reports[v] if r["generators"] is not None]) for v in variants}
    ana_time = {v: median([r["total"] for r in reports[v] if r["total"] is not None]) for v in variants}
    piiguard_gen = {v: median([generator_seconds(dir_ / "logs", v, "PiiGuard.Generators")]) for v in variants}
    stj_gen = {v: median([generator_seconds(dir_ / "logs", v, "System.Text.Json.SourceGeneration")]) for v in variants}

    lines += [
        f"### {size:,} payloads",
        "",
        f"Timed builds: {len(rounds)} rounds, order rotated each round ({', '.join(timed)} first in turn); "
        f"1-minute load average after each build {min(loads):.2f} to {max(loads):.2f}." if rows else "No timed builds.",
        "",
        "| | " + " | ".join(TITLES[v] for v in timed) + " |",
        "| --- |" + " ---: |" * len(timed),
        "| Wall, median (s) | " + " | ".join(fmt(mwall[v]) for v in timed) + " |",
        "| Wall, min (s) | " + " | ".join(fmt(min(wall[v])) for v in timed) + " |",
        "| CPU (user + sys), median (s) | " + " | ".join(fmt(mcpu[v]) for v in timed) + " |",
        "| CPU, min (s) | " + " | ".join(fmt(min(cpu[v])) for v in timed) + " |",
        "| Added wall vs (a), medians (s) | " + " | ".join("" if v == "none" else fmt(added(v, "wall", mwall), 2) for v in timed) + " |",
        "| Added wall vs (a), same-round median (s) | " + " | ".join("" if v == "none" else fmt(paired(v, "wall"), 2) for v in timed) + " |",
        "| **Added CPU vs (a), medians (s)** | " + " | ".join("" if v == "none" else "**" + fmt(added(v, "cpu", mcpu), 2) + "**" for v in timed) + " |",
        "| Added CPU vs (a), same-round median (s) | " + " | ".join("" if v == "none" else fmt(paired(v, "cpu"), 2) for v in timed) + " |",
        "| Assembly (obj/Debug/net10.0/Bench.Payloads.dll) | " + " | ".join(mib(dll[v]) for v in timed) + " |",
        "| Assembly, bytes | " + " | ".join(f"{dll[v]:,.0f}" for v in timed) + " |",
        "| #US heap (user strings, UTF-16) | " + " | ".join(f"{meta[v]['#US']:,}" if meta[v] else "n/a" for v in timed) + " |",
        "| #Blob heap (attribute arguments, signatures) | " + " | ".join(f"{meta[v]['#Blob']:,}" if meta[v] else "n/a" for v in timed) + " |",
        "| #Strings heap (names) | " + " | ".join(f"{meta[v]['#Strings']:,}" if meta[v] else "n/a" for v in timed) + " |",
        "| #~ (tables) | " + " | ".join(f"{meta[v]['#~']:,}" if meta[v] else "n/a" for v in timed) + " |",
        "| Generator time, all generators, ReportAnalyzer (s) | " + " | ".join(fmt(gen_time[v]) for v in timed) + " |",
        "| of which PiiGuard.Generators (s) | " + " | ".join(fmt(piiguard_gen[v]) if piiguard_gen[v] else "" for v in timed) + " |",
        "| of which System.Text.Json.SourceGeneration (s) | " + " | ".join(fmt(stj_gen[v]) if stj_gen[v] is not None else "" for v in timed) + " |",
        "| Analyzer time, all analyzers, ReportAnalyzer (s) | " + " | ".join(fmt(ana_time[v]) for v in timed) + " |",
        "",
    ]

    verdicts = []
    if all(v in timed for v in ("none", "generator", "stj")):
        for label, stat, key in (("CPU", mcpu, "cpu"), ("wall", mwall, "wall")):
            g, s = added("generator", key, stat), added("stj", key, stat)
            ratio = g / s if s else None
            verdicts.append(f"- Added {label} (medians): generator {g:+.2f} s, STJ {s:+.2f} s: ratio **{fmt(ratio)}** "
                            f"(target ≤ {ADDED_TARGET}: {'met' if ratio is not None and s > 0 and ratio <= ADDED_TARGET else 'NOT met'}).")
            gp, sp = paired("generator", key), paired("stj", key)
            if sp:
                verdicts.append(f"  Same-round medians: generator {gp:+.2f} s, STJ {sp:+.2f} s: ratio {gp / sp:.2f}.")
        if "generator-analyzers" in timed:
            ga, s = added("generator-analyzers", "cpu", mcpu), added("stj", "cpu", mcpu)
            verdicts.append(f"- Generator and analyzers together, added CPU {ga:+.2f} s: {ga / s:.2f} of STJ's.")
        verdicts.append(f"- Assembly: generator {dll['generator']:,.0f} B, STJ {dll['stj']:,.0f} B "
                        f"({dll['generator'] / dll['stj']:.2f}x; target ≤ 1: {'met' if dll['generator'] <= dll['stj'] else 'NOT met'}); "
                        f"without either {dll['none']:,.0f} B.")
    if verdicts:
        lines += verdicts + [""]

    failed = [v for v in variants if warmup[v]["status"] != "ok"]
    for v in failed:
        counts = errors(dir_ / "logs" / f"warmup-{v}.log")
        described = ", ".join(
            f"{e['count']:,} x {code}" + (f" ({e['generated']:,} in generated files, {e['sources']:,} in the project's sources)" if e["generated"] + e["sources"] else "")
            for code, e in sorted(counts.items(), key=lambda kv: -kv[1]["count"])) or "no compiler error found in the log"
        lines += [f"**{TITLES[v]}: the build FAILS** ({described}; counted once per error location in the detailed log); "
                  f"the failed build took {warmup[v]['wall']:.1f} s wall, {warmup[v]['cpu']:.1f} s CPU (load {warmup[v]['load']}).", ""]

    # Generated code.
    lines += ["Generated code (the warm-up build with `-p:EmitCompilerGeneratedFiles=true`; characters as decoded, lines counted by newlines):", "",
              "| Variant | Generator | Files | Payload files (`*.PiiGuard.g.cs`) | Type files (`*.PiiGuardType.g.cs`) | Chars per payload, payload files | Lines per payload, payload files | Chars per payload, all its files | Lines per payload, all its files |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for v in variants:
        gen = generated(dir_ / "emitted" / v, size)
        for name, kinds in sorted(gen.items()):
            if name not in ("PiiGuard.Generators", "System.Text.Json.SourceGeneration"):
                continue
            total_files = sum(k["files"] for k in kinds.values())
            total_chars = sum(k["chars"] for k in kinds.values())
            total_lines = sum(k["lines"] for k in kinds.values())
            p = kinds.get("payload", {"files": 0, "chars": 0, "lines": 0})
            t = kinds.get("type", {"files": 0})
            lines.append(f"| {TITLES[v]} | {name} | {total_files:,} | {p['files']:,} | {t['files']:,} | "
                         + (f"{p['chars'] / size:,.0f} | {p['lines'] / size:,.0f} | " if p["files"] else "| | ")
                         + f"{total_chars / size:,.0f} | {total_lines / size:,.0f} |")
    lines.append("")
    lines += breakdown(dir_ / "emitted", size, [v for v in ("generator", "before") if v in variants])

    if warmup:
        lines += ["Warm-up builds (the first build of each variant: writes the generated files and the ReportAnalyzer table, so slower):", "",
                  "| Variant | Result | Wall (s) | CPU (s) | load after |", "| --- | --- | ---: | ---: | ---: |"]
        for v in variants:
            w = warmup[v]
            lines.append(f"| {TITLES[v]} | {w['status']} | {w['wall']:.2f} | {w['cpu']:.2f} | {w['load']} |")
        lines.append("")

    if rows:
        lines += ["Every timed build (wall s / CPU s / 1-minute load average after the build), in the order they ran:", "",
                  "| Round | " + " | ".join(TITLES[v] for v in timed) + " | order |", "| ---: |" + " ---: |" * len(timed) + " --- |"]
        for r in rounds:
            here = [x for x in rows if x["round"] == r]
            cells = []
            for v in timed:
                x = next((y for y in here if y["variant"] == v), None)
                cells.append("n/a" if x is None else f"{x['wall']:.2f} / {x['cpu']:.2f} / {x['load']:.2f}")
            lines.append(f"| {r} | " + " | ".join(cells) + " | " + ", ".join(x["variant"] for x in here) + " |")
        lines.append("")
    return lines


# The attribute as the generator writes it: `TelemetrySchemaDocuments(` (9fff320) or `TelemetrySchemaDocumentsAttribute(`
# (from the emitter's tidying in issue 11), in whichever PiiGuard namespace holds it.
SCHEMA_DOCS_START = re.compile(r"\[global::PiiGuard\.[\w.]*TelemetrySchemaDocuments(?:Attribute)?\(")


def breakdown(emitted, size, variants):
    """Where PiiGuard's generated characters go, per payload: the schema docs, the rest of the payload file, the
    payload's own (root) type file, and the other type files (nested and shared types), spread over the payloads."""
    payloads_file = emitted.parent / "payloads.txt"
    if not payloads_file.exists():
        return []
    roots = {name.strip().replace(".", "_") + ".PiiGuardType.g.cs" for name in payloads_file.read_text().splitlines()}
    lines = ["Where the generator's output goes, per payload (characters / lines; type files spread over all payloads):", "",
             "| Variant | Schema docs (attribute or constants) | Rest of the payload files | Payload root type files | Other type files (nested, shared) | Total |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for v in variants:
        folder = emitted / v / "PiiGuard.Generators"
        if not folder.exists():
            continue
        parts = {"docs": [0, 0], "rest": [0, 0], "root": [0, 0], "other": [0, 0]}
        for f in folder.rglob("*.cs"):
            text = f.read_text(encoding="utf-8-sig")
            if f.name.endswith(".PiiGuard.g.cs"):
                docs = schema_docs(text)
                parts["docs"][0] += len(docs)
                parts["docs"][1] += docs.count("\n")
                parts["rest"][0] += len(text) - len(docs)
                parts["rest"][1] += text.count("\n") - docs.count("\n")
            else:
                key = "root" if f.name in roots else "other"
                parts[key][0] += len(text)
                parts[key][1] += text.count("\n")
        cells = [f"{c / size:,.0f} / {n / size:,.0f}" for c, n in parts.values()]
        total = [sum(x[0] for x in parts.values()), sum(x[1] for x in parts.values())]
        lines.append(f"| {TITLES[v]} | " + " | ".join(cells) + f" | {total[0] / size:,.0f} / {total[1] / size:,.0f} |")
    return lines + ["", "Schema docs: for the current generator the `[TelemetrySchemaDocuments(...)]` attribute with its five arguments; "
                    "for the before generator the string constants that hold the JSON Schema, Markdown and lock entry "
                    "(lines that declare a `const string` with a literal longer than 200 characters).", ""]


def schema_docs(text):
    """The schema-docs part of a payload file: the attribute (current) or the long string constants (before)."""
    match = SCHEMA_DOCS_START.search(text)
    if match:
        start = match.start()
        end = text.find(")]\n", start)
        return text[start:end + 3]
    return "".join(line + "\n" for line in text.splitlines() if "const string" in line and len(line) > 200)


def generator_seconds(logs, variant, assembly):
    """The time ReportAnalyzer gives one generator assembly, median over the report builds (or the warm-up)."""
    files = sorted(logs.glob(f"report-{variant}-*.log")) or [logs / f"warmup-{variant}.log"]
    values = []
    for f in files:
        if not f.exists():
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        start = text.find("Total generator execution time:")
        if start < 0:
            continue
        m = re.search(r"^\s*(<?[\d.]+)\s+(<?[\d.]+)\s+" + re.escape(assembly) + r", Version=", text[start:], re.M)
        if m:
            values.append(0.0 if m.group(1).startswith("<") else float(m.group(1)))
    return median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--results", required=True)
    args = parser.parse_args()
    out = Path(args.out)
    settings = read_settings(out)
    info = machine()
    sizes = [int(s) for s in settings["sizes"].split()]
    stamps = [(out / str(s) / "times.tsv").stat().st_mtime for s in sizes if (out / str(s) / "times.tsv").exists()]
    end = datetime.datetime.fromtimestamp(max(stamps) if stamps else (out / "settings.txt").stat().st_mtime, datetime.timezone.utc)
    lines = [
        f"# Generator benchmark (issue 15), timed builds ending {end:%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `{settings['command']}`",
        "",
        f"- Code: {settings['commit']}" + (f"; before: {settings['before']}" if "before" in settings else "") + ".",
        f"- Project: N payload types x {settings['members']} `[TelemetryField]` members (generate.py, seed {settings['seed']}), "
        "net10.0 library, Debug; the same sources in every variant.",
        "- Each build: `dotnet build --no-restore -t:Rebuild -nodeReuse:false -p:UseSharedCompilation=false` (a fresh csc each time). "
        "CPU is user + sys of the build and every process it waited for (measure.py).",
        f"- {settings['runs']} timed rebuilds per variant after a warm-up; ReportAnalyzer times from {settings['report_runs']} separate build(s) per variant (the warm-up's if 0).",
        f"- Machine: {info['cores']} cores, {info['memory']}, {info['cpu']}; {info['os']}; .NET SDK {info['sdk']} (runtime {info['runtime']}).",
    ]
    snapshots = [(key, value) for key, value in settings.items() if key.startswith("machine_")]
    if snapshots:
        lines.append("- Machine state (load averages 1/5/15 min, `nproc`, free memory):")
        for key, value in snapshots:
            when = "at the start" if key == "machine_start" else f"after the {int(key.rsplit('_', 1)[1]):,}-payload builds"
            lines.append(f"  - {when}: {value}")
    lines.append("")
    for size in sizes:
        if (out / str(size) / "warmup.tsv").exists():
            lines += size_section(out / str(size), size, settings)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results != "-":
        Path(args.results).write_text(text, encoding="utf-8")
        print(f"written to {args.results}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
