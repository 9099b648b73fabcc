#!/usr/bin/env python3
"""Generates the build-time benchmark's projects (see benchmarks/README.md).

One set of C# sources (privacy-clean telemetry payloads) and two projects that compile exactly those sources:

  with-piiguard/     references the PiiGuard runtime dll and loads PiiGuard.Analyzers.dll as an analyzer
  without-piiguard/  references the same runtime dll (so the attributes compile) and loads no PiiGuard analyzer

and a tiny canary/ project with one payload that breaks a rule, which must fail to build: it proves that the
analyzer reference is wired in, so that a clean "with" build means "PiiGuard found nothing", not "PiiGuard did
not run".

With --generator (used by scale.sh, the generator benchmark of issue 15) it also writes projects over the same
sources that differ only in what writes serializers for the payloads:

  none/                  the runtime dll only: no PiiGuard analyzer, no PiiGuard generator
  generator/             PiiGuard's generator (--generator) as an Analyzer item
  generator-analyzers/   the generator and PiiGuard's analyzers (--analyzers)
  stj/                   no PiiGuard generator; a System.Text.Json JsonSerializerContext (stj-context/) with one
                         [JsonSerializable] per payload type (the framework's STJ source generator does the rest)
  before/                with --before-generator and --before-runtime: another build of the generator and its
                         runtime (the pre-i15 code) as in generator/

The output is deterministic: the same --seed, --types and --members give byte-identical files.
"""

import argparse
import os
import random
import shutil
import sys
from pathlib import Path

# Words that no PiiGuard rule matches on number, bool, enum or record members (PII005 matches location and
# behaviour words on members of any type, PII002 matches point-in-time names on numbers: none of these are).
AREAS = [
    "Printing", "Slicing", "Library", "Storage", "Updates", "Plugins", "Themes", "Reports", "Backups", "Sync",
    "Camera", "Materials", "Firmware", "Scheduler", "Notifications", "Exports", "Imports", "Calibration",
    "Maintenance", "Dashboard",
]

NOUNS = [
    "Printer", "Spool", "Queue", "Render", "Export", "Import", "Backup", "Cache", "Plugin", "Theme", "Report",
    "Upload", "Filament", "Nozzle", "Bed", "Firmware", "Material", "Extruder", "Fan", "Heater", "Sensor",
    "Battery", "Module", "Feature", "Widget", "Panel", "Worker", "Pipeline", "Indexer", "Parser", "Encoder",
    "Decoder", "Shader", "Texture", "Codec", "Layer", "Toolpath", "Preview", "Thumbnail", "Job", "Batch",
    "Retry", "Webhook", "Schedule", "Profile", "Preset", "Template", "Macro", "Tool", "Chamber", "Motor",
    "Axis", "Probe", "Mesh", "Wizard", "Dialog", "Editor", "Viewer", "Catalog", "Bundle",
]

COUNT_MEASURES = [
    "Count", "Failures", "Retries", "Successes", "Warnings", "Errors", "Starts", "Stops", "Restarts", "Runs",
    "Skips", "Timeouts", "Rejections", "Completions", "Cancellations", "Items", "Pages", "Steps", "Passes",
    "Attempts",
]
LONG_MEASURES = ["TotalBytes", "PeakBytes", "SizeKb", "DurationMs", "UptimeSeconds", "ElapsedMs"]
DOUBLE_MEASURES = ["Ratio", "Percent", "AverageLoad", "SuccessRate", "FillLevel", "Efficiency"]
BOOL_MEASURES = ["Enabled", "Supported", "Configured", "Available", "Active", "Used", "Installed", "Visible"]
ENUM_SUFFIXES = ["Kind", "Mode", "State", "Outcome", "Tier", "Level", "Variant", "Strategy", "Quality", "Source"]
ENUM_VALUES = [
    "None", "Basic", "Standard", "Advanced", "Low", "Medium", "High", "Ok", "Failed", "Skipped", "Partial",
    "Pending", "Manual", "Automatic", "Draft", "Fast", "Balanced", "Precise", "Legacy", "Modern", "Small",
    "Large", "Single", "Multiple", "Local", "Remote", "Internal", "External", "Primary", "Secondary", "Other",
]

ENUM_COUNT = 150
SHARED_RECORD_COUNT = 100


def pascal(*parts):
    return "".join(parts)


class Enums:
    def __init__(self, rng):
        self.names = []
        self.values = {}
        used = set()
        while len(self.names) < ENUM_COUNT:
            name = rng.choice(NOUNS) + rng.choice(ENUM_SUFFIXES)
            if name in used:
                name = f"{name}{len(self.names)}"
            used.add(name)
            self.names.append(name)
            self.values[name] = sorted(rng.sample(ENUM_VALUES, rng.randint(3, 10)), key=ENUM_VALUES.index)

    def write(self, folder):
        per_file = 25
        for start in range(0, len(self.names), per_file):
            lines = ["namespace Bench.Telemetry.Shared;", ""]
            for name in self.names[start:start + per_file]:
                lines.append(f"/// <summary>A closed set of values that payloads report instead of free text.</summary>")
                lines.append(f"public enum {name}")
                lines.append("{")
                for value in self.values[name]:
                    lines.append(f"    {value},")
                lines.append("}")
                lines.append("")
            (folder / f"Enums{start // per_file:02d}.cs").write_text("\n".join(lines), encoding="utf-8")


class MemberFactory:
    """Makes one privacy-clean member: (declaration lines, member name)."""

    def __init__(self, rng, enums):
        self.rng = rng
        self.enums = enums
        # A struct with property initializers needs an explicit constructor: payload structs have none.
        self.in_struct = False

    def _unique(self, used, make):
        for _ in range(200):
            name = make()
            if name not in used:
                used.add(name)
                return name
        raise RuntimeError("ran out of member names")

    def _field_attribute(self, name, extra=""):
        # Every tenth member has an explicit JSON name and a purpose, as a real payload would.
        if self.rng.random() < 0.1:
            json = "_".join(w.lower() for w in split_words(name))
            return f'[TelemetryField("{json}", Purpose = "Shows which {split_words(name)[0].lower()} settings are worth keeping"){extra}]'
        return f"[TelemetryField{extra}]"

    def scalar(self, used, positional=False):
        """An int, long, double, bool, enum, nullable or duration member."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.30:
            type_, name = "int", self._unique(used, lambda: rng.choice(NOUNS) + rng.choice(COUNT_MEASURES))
        elif roll < 0.37:
            type_, name = "long", self._unique(used, lambda: rng.choice(NOUNS) + rng.choice(LONG_MEASURES))
        elif roll < 0.44:
            type_, name = "double", self._unique(used, lambda: rng.choice(NOUNS) + rng.choice(DOUBLE_MEASURES))
        elif roll < 0.64:
            type_, name = "bool", self._unique(used, lambda: rng.choice(NOUNS) + rng.choice(BOOL_MEASURES))
        elif roll < 0.88:
            enum = rng.choice(self.enums.names)
            type_, name = enum, self._unique(used, lambda: enum if enum not in used else rng.choice(NOUNS) + enum)
        elif roll < 0.94:
            type_, name = "int?", self._unique(used, lambda: "Last" + rng.choice(NOUNS) + rng.choice(COUNT_MEASURES))
        else:
            type_, name = "TimeSpan", self._unique(used, lambda: rng.choice(NOUNS) + "Duration")
        return self._declare(type_, name, positional)

    def collection(self, used):
        """A Dictionary<enum, int> or a List<enum>."""
        rng = self.rng
        enum = rng.choice(self.enums.names)
        if rng.random() < 0.6:
            name = self._unique(used, lambda: enum + "Counts" if enum + "Counts" not in used else rng.choice(NOUNS) + enum + "Counts")
            return self._declare(f"Dictionary<{enum}, int>", name, initializer=" = new();")
        name = self._unique(used, lambda: enum + "Values" if enum + "Values" not in used else rng.choice(NOUNS) + enum + "Values")
        return self._declare(f"List<{enum}>", name, initializer=" = new();")

    def aggregated_time(self, used, period):
        rng = self.rng
        name = self._unique(used, lambda: rng.choice(NOUNS) + rng.choice(["PeriodStart", "WindowStart", "BucketStart"]))
        nullable = "?" if period == "Day" else ""
        return [f"    {self._field_attribute(name, f', Aggregated(Period.{period})')}",
                f"    public DateTimeOffset{nullable} {name} {{ get; init; }}"], name

    def _declare(self, type_, name, positional=False, initializer=""):
        if self.in_struct:
            initializer = ""
        if positional:
            return [f"[property: {self._field_attribute(name)[1:-1]}] {type_} {name}"], name
        return [f"    {self._field_attribute(name)}",
                f"    public {type_} {name} {{ get; init; }}{initializer}"], name


def split_words(name):
    words, current = [], ""
    for c in name:
        if c.isupper() and current:
            words.append(current)
            current = ""
        current += c
    if current:
        words.append(current)
    return words


def write_shared_records(rng, folder, factory):
    """Records that several payloads reach: the analyzers walk them from each payload."""
    names = []
    lines = ["using System;", "using System.Collections.Generic;", "using PiiGuard;", "",
             "namespace Bench.Telemetry.Shared;", ""]
    for i in range(SHARED_RECORD_COUNT):
        name = f"{rng.choice(NOUNS)}Summary{i:03d}"
        names.append(name)
        used = set()
        lines.append("/// <summary>A summary that several payloads carry.</summary>")
        if i % 2 == 0:
            # Positional record: the attributes go to the generated properties.
            params = [factory.scalar(used, positional=True)[0][0] for _ in range(rng.randint(3, 5))]
            lines.append(f"public sealed record {name}(")
            lines.append(",\n".join("    " + p for p in params) + ");")
        else:
            lines.append(f"public sealed record {name}")
            lines.append("{")
            for j in range(rng.randint(3, 5)):
                decl, _ = factory.collection(used) if j == 0 else factory.scalar(used)
                lines.extend(decl)
                lines.append("")
            lines[-1] = "}"
        lines.append("")
    (folder / "SharedRecords.cs").write_text("\n".join(lines), encoding="utf-8")
    return names


APP_SUBJECTS = 10
APP_WORDS = ["Order", "Ticket", "Note", "Booking", "Project", "Task", "Invoice", "Shelf", "Album", "Recipe",
             "Garden", "Trip", "Workout", "Lesson", "Board", "Card", "Listing", "Pantry", "Journal", "Playlist"]


def write_app_code(rng, folder, entities):
    """Application code that holds personal data on purpose, classified and kept out of logs (issue 13's rules).

    Ten [DataSubject] accounts; `entities` entity types, each with a [SubjectKey] to one of them, classified and
    cleared members, and a service with an ILogger that logs only ids, counts and enums through a few methods and a
    helper called from each (the flow analysis summarises each method once). Everything here is clean under every rule.
    """
    (folder / "App").mkdir()
    lines = ["using System;", "using PiiGuard;", "", "namespace Bench.App;", ""]
    for k in range(APP_SUBJECTS):
        lines += [
            "/// <summary>An account: the person the data belongs to.</summary>",
            "[DataSubject]",
            f"public sealed class Account{k:02d}",
            "{",
            "    public Guid Id { get; set; }",
            "",
            '    [PersonalData(PersonalDataKind.Contact, Purpose = "to sign you in")]',
            "    public string Email { get; set; } = \"\";",
            "",
            '    [PersonalData(PersonalDataKind.Identity, Purpose = "to show who you are")]',
            "    public string DisplayName { get; set; } = \"\";",
            "",
            '    [PersonalData(PersonalDataKind.Profile, Purpose = "to show on your profile")]',
            "    public string? Bio { get; set; }",
            "",
            "    public DateTimeOffset CreatedAt { get; set; }",
            "}",
            "",
        ]
    (folder / "App" / "Accounts.cs").write_text("\n".join(lines), encoding="utf-8")

    per_file = 25
    for start in range(0, entities, per_file):
        lines = ["using System;", "using System.Collections.Generic;", "using Microsoft.Extensions.Logging;",
                 "using PiiGuard;", "", "namespace Bench.App;", ""]
        for i in range(start, min(entities, start + per_file)):
            word = rng.choice(APP_WORDS)
            name = f"{word}{i:04d}"
            subject = f"Account{rng.randrange(APP_SUBJECTS):02d}"
            lines += [
                f"public enum {name}State", "{", "    Open,", "    Closed,", "    Archived,", "}", "",
                f"/// <summary>A {word.lower()} someone keeps.</summary>",
                f"public sealed class {name}",
                "{",
                "    public Guid Id { get; set; }",
                "",
                f"    [SubjectKey(typeof({subject}))]",
                "    public Guid OwnerId { get; set; }",
                "",
                f'    [PersonalData(PersonalDataKind.UserContent, Purpose = "to show your {word.lower()} as you named it")]',
                "    public string Title { get; set; } = \"\";",
                "",
                f'    [PersonalData(PersonalDataKind.UserContent, Purpose = "to keep what you wrote about the {word.lower()}")]',
                "    public string? Notes { get; set; }",
                "",
                '    [NotPersonalData("a catalogue code, the same for everyone")]',
                "    public string CatalogueCode { get; set; } = \"\";",
                "",
                "    public int Quantity { get; set; }",
                "",
                f"    public {name}State State {{ get; set; }}",
                "",
                "    public DateTimeOffset CreatedAt { get; set; }",
                "}",
                "",
                f"/// <summary>What the app does with a {word.lower()}: logs ids, counts and states, never what people wrote.</summary>",
                f"public sealed class {name}Service",
                "{",
                f"    private readonly ILogger<{name}Service> _logger;",
                "",
                f"    public {name}Service(ILogger<{name}Service> logger) => _logger = logger;",
                "",
                f"    public int Close({name} item, int reason)",
                "    {",
                f"        if (item.State == {name}State.Closed)",
                "        {",
                '            _logger.LogDebug("{Id} was closed already", item.Id);',
                "            return 0;",
                "        }",
                "",
                f"        item.State = {name}State.Closed;",
                '        _logger.LogInformation("Closed {Id} with {Quantity} items ({Reason})", item.Id, item.Quantity, reason);',
                "        return Weight(item);",
                "    }",
                "",
                f"    public int Report(IReadOnlyList<{name}> items)",
                "    {",
                "        int total = 0;",
                f"        foreach ({name} item in items)",
                "        {",
                "            total += Weight(item);",
                "        }",
                "",
                "        string summary = $\"{items.Count} items, weight {total}\";",
                '        _logger.LogInformation("Report: {Summary}", summary);',
                "        return total;",
                "    }",
                "",
                f"    public string Describe({name} item) => Label(item.State) + \" x\" + item.Quantity;",
                "",
                f"    private static int Weight({name} item) => item.Quantity * (item.State == {name}State.Archived ? 2 : 1);",
                "",
                f"    private static string Label({name}State state) => state.ToString();",
                "}",
                "",
            ]
        (folder / "App" / f"Entities{start // per_file:03d}.cs").write_text("\n".join(lines), encoding="utf-8")


def write_payload(rng, index, folder, factory, shared_records, members):
    area = AREAS[index % len(AREAS)]
    name = f"{rng.choice(NOUNS)}{area}Stats{index:04d}"
    details = f"{name}Details"
    kind = rng.choice(["public sealed record", "public sealed record", "public sealed class", "public sealed class",
                       "public record struct"])
    used = {"InstallationId", "PeriodStart", "Details"}
    body = []

    def add(decl):
        body.extend(decl)
        body.append("")

    # The single identifier and the aggregated period every payload has.
    add(["    [TelemetryField, InstallationId]", "    public Guid InstallationId { get; init; }"])
    add(["    [TelemetryField, Aggregated(Period.Week)]", "    public DateTimeOffset PeriodStart { get; init; }"])
    # The payload's own nested record.
    nested = "" if kind == "public record struct" else " = new();"
    add(["    [TelemetryField]", f"    public {details} Details {{ get; init; }}{nested}"])
    count = 3
    factory.in_struct = kind == "public record struct"
    if members > count and rng.random() < 0.5:
        # A shared summary, sometimes as a list of them.
        record = rng.choice(shared_records)
        if rng.random() < 0.3:
            add(["    [TelemetryField]", f"    public List<{record}> {record[:-3]}List {{ get; init; }}{nested}"])
        else:
            add(["    [TelemetryField]", f"    public {record}? {record[:-3]} {{ get; init; }}"])
        used.add(record[:-3])
        count += 1
    if members > count and rng.random() < 0.2:
        add(factory.aggregated_time(used, "Day")[0])
        count += 1
    while count < members:
        decl, _ = factory.collection(used) if rng.random() < 0.17 else factory.scalar(used)
        add(decl)
        count += 1
    body.pop()
    factory.in_struct = False

    detail_used = set()
    detail_members = []
    for j in range(rng.randint(3, 6)):
        decl, _ = factory.collection(detail_used) if j == 0 and rng.random() < 0.5 else factory.scalar(detail_used)
        detail_members.extend(decl)
        detail_members.append("")
    detail_members.pop()

    text = "\n".join([
        "using System;",
        "using System.Collections.Generic;",
        "using PiiGuard;",
        "using Bench.Telemetry.Shared;",
        "",
        f"namespace Bench.Telemetry.{area};",
        "",
        f"/// <summary>Weekly usage statistics of the {area.lower()} area (generated payload {index}).</summary>",
        f"[TelemetryPayload(Name = \"{'_'.join(w.lower() for w in split_words(name[:-4]))}_{index:04d}\", SchemaVersion = \"1.{index % 7}\")]",
        f"{kind} {name}",
        "{",
        *body,
        "}",
        "",
        f"/// <summary>Details of <see cref=\"{name}\"/>.</summary>",
        f"public sealed record {details}",
        "{",
        *detail_members,
        "}",
        "",
    ])
    sub = folder / area
    sub.mkdir(exist_ok=True)
    (sub / f"{name}.cs").write_text(text, encoding="utf-8")
    return f"Bench.Telemetry.{area}.{name}"


PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <!-- Generated by benchmarks/build-time/generate.py: {what} -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <AssemblyName>Bench.Payloads</AssemblyName>
    <RootNamespace>Bench.Payloads</RootNamespace>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="{sources}/**/*.cs" />
    <Reference Include="PiiGuard" HintPath="{runtime}" />
  </ItemGroup>
{analyzer}</Project>
"""

ANALYZER = """  <ItemGroup>
    <Analyzer Include="{analyzers}" />
  </ItemGroup>
"""

STJ_CONTEXT_HEADER = """using System.Text.Json.Serialization;

namespace Bench.Stj;

/// <summary>System.Text.Json source generation for every payload type: what the STJ variant builds instead of PiiGuard's generator.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
"""

STJ_CONTEXT_FOOTER = """public sealed partial class BenchJsonContext : JsonSerializerContext
{
}
"""

CANARY = """using System;
using PiiGuard;

namespace Bench.Canary;

/// <summary>Breaks PII002 and PII004 on purpose: this project must fail to build.</summary>
[TelemetryPayload]
public sealed class CanaryPayload
{
    [TelemetryField, InstallationId]
    public Guid InstallationId { get; init; }

    [TelemetryField]
    public DateTimeOffset LastPrint { get; init; }

    [TelemetryField]
    public Guid SecondId { get; init; }
}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="scratch folder (emptied first)")
    parser.add_argument("--runtime", required=True, help="path of PiiGuard.dll (the attributes)")
    parser.add_argument("--analyzers", required=True, help="path of PiiGuard.Analyzers.dll")
    parser.add_argument("--generator", help="path of PiiGuard.Generators.dll: also write none/, generator/, generator-analyzers/ and stj/")
    parser.add_argument("--before-generator", help="path of another PiiGuard.Generators.dll (e.g. pre-i15): also write before/")
    parser.add_argument("--before-runtime", help="the PiiGuard.dll that goes with --before-generator")
    parser.add_argument("--types", type=int, default=2000, help="payload types (default 2000)")
    parser.add_argument("--members", type=int, default=20, help="[TelemetryField] members per payload (default 20, at least 3)")
    parser.add_argument("--seed", type=int, default=20261122, help="random seed (default 20261122)")
    parser.add_argument("--app-entities", type=int, default=0,
                        help="also write application code: this many classified entity types with a logging service each "
                             "(issue 13's application-data rules; default 0: payloads only)")
    args = parser.parse_args()
    if args.members < 3:
        parser.error("--members must be at least 3 (installation id, period, details)")
    if bool(args.before_generator) != bool(args.before_runtime):
        parser.error("--before-generator and --before-runtime go together")
    if args.before_generator and not args.generator:
        parser.error("--before-generator needs --generator")
    for option in ("runtime", "analyzers", "generator", "before_generator", "before_runtime"):
        value = getattr(args, option)
        if value and not Path(value).is_file():
            parser.error(f"--{option.replace('_', '-')}: {value} does not exist")

    out = Path(args.out).resolve()
    marker = out / ".piiguard-benchmark"
    if out.exists():
        if any(out.iterdir()) and not marker.exists():
            parser.error(f"{out} is not empty and was not made by this script: refusing to delete it")
        shutil.rmtree(out)
    src = out / "src"
    (src / "Shared").mkdir(parents=True)

    rng = random.Random(args.seed)
    enums = Enums(rng)
    enums.write(src / "Shared")
    factory = MemberFactory(rng, enums)
    shared = write_shared_records(rng, src / "Shared", factory)
    (src / "Payloads").mkdir()
    payloads = [write_payload(rng, i, src / "Payloads", factory, shared, args.members) for i in range(args.types)]
    if args.app_entities > 0:
        # Its own random stream, so that the payloads are the same with and without application code.
        write_app_code(random.Random(args.seed + 1), src, args.app_entities)

    # Stop MSBuild from importing the repository's Directory.Build.props/targets and Directory.Packages.props:
    # the benchmark projects are stand-alone consumers of PiiGuard.
    marker.write_text("made by benchmarks/build-time/generate.py; deleted and remade by the next run\n", encoding="utf-8")
    (out / "Directory.Build.props").write_text("<Project />\n", encoding="utf-8")
    (out / "Directory.Build.targets").write_text("<Project />\n", encoding="utf-8")
    (out / "Directory.Packages.props").write_text("<Project />\n", encoding="utf-8")

    runtime = Path(args.runtime).resolve()
    analyzers = Path(args.analyzers).resolve()
    for folder, what, analyzer, sources in [
        ("with-piiguard", "the payloads, with PiiGuard's analyzers", ANALYZER.format(analyzers=analyzers), "../src"),
        ("without-piiguard", "the same payloads, without PiiGuard's analyzers", "", "../src"),
        ("canary", "one bad payload, with PiiGuard's analyzers: must fail", ANALYZER.format(analyzers=analyzers), "."),
    ]:
        (out / folder).mkdir()
        project = PROJECT.format(what=what, sources=sources, runtime=runtime, analyzer=analyzer)
        if args.app_entities > 0 and folder != "canary":
            # ILogger comes with the ASP.NET Core shared framework's targeting pack, which the SDK holds: no restore.
            project = project.replace("  </ItemGroup>\n", '    <FrameworkReference Include="Microsoft.AspNetCore.App" />\n  </ItemGroup>\n', 1)
        (out / folder / "Bench.Payloads.csproj").write_text(project, encoding="utf-8")
    (out / "canary" / "Canary.cs").write_text(CANARY, encoding="utf-8")

    if args.generator:
        generator = Path(args.generator).resolve()
        analyzer_items = lambda *dlls: "  <ItemGroup>\n" + "".join(f'    <Analyzer Include="{d}" />\n' for d in dlls) + "  </ItemGroup>\n"
        stj_sources = '    <Compile Include="../stj-context/*.cs" />\n'
        variants = [
            ("none", "the payloads; no PiiGuard analyzer or generator", runtime, "", ""),
            ("generator", "the payloads with PiiGuard's generator", runtime, analyzer_items(generator), ""),
            ("generator-analyzers", "the payloads with PiiGuard's generator and analyzers", runtime,
             analyzer_items(generator, analyzers), ""),
            ("stj", "the payloads with a System.Text.Json JsonSerializerContext for every payload type", runtime, "",
             stj_sources),
        ]
        if args.before_generator:
            variants.append(("before", f"the payloads with the generator {Path(args.before_generator).resolve()}",
                             Path(args.before_runtime).resolve(), analyzer_items(Path(args.before_generator).resolve()), ""))
        for folder, what, runtime_dll, analyzer, extra in variants:
            (out / folder).mkdir()
            project = PROJECT.format(what=what, sources="../src", runtime=runtime_dll, analyzer=analyzer)
            if extra:
                project = project.replace("  </ItemGroup>\n", extra + "  </ItemGroup>\n", 1)
            (out / folder / "Bench.Payloads.csproj").write_text(project, encoding="utf-8")
        (out / "stj-context").mkdir()
        (out / "stj-context" / "BenchJsonContext.cs").write_text(
            STJ_CONTEXT_HEADER + "".join(f"[JsonSerializable(typeof(global::{p}))]\n" for p in payloads) + STJ_CONTEXT_FOOTER,
            encoding="utf-8")
        (out / "payloads.txt").write_text("".join(p + "\n" for p in payloads), encoding="utf-8")

    files = sum(1 for _ in src.rglob("*.cs"))
    app = f" and {args.app_entities} application entities with a service each" if args.app_entities > 0 else ""
    print(f"generated {args.types} payloads x {args.members} members{app} ({files} source files) into {out}")


if __name__ == "__main__":
    sys.exit(main())
