using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Benchmarks.NameCorpus;

/// <summary>
/// The name corpus benchmark's C# half; benchmarks/NameCorpus/run.sh runs it twice:
/// <list type="bullet">
/// <item><c>write CORPUS DIR</c> writes DIR/tuning/Rows.cs and DIR/held_back/Rows.cs, each part's rows as
/// <see cref="NameCorpusSource.Source"/> writes them for the in-process analyzer tests.</item>
/// <item><c>report --corpus CORPUS --work DIR --info FILE --results FILE|- --tuning-errors FILE [--second-labels FILE]</c>
/// reads the compiler's SARIF log of each part's build (DIR/PART/build.sarif), turns it into per-row verdicts, and
/// prints the results (and writes them to --results); with --second-labels, also how a second labeller's sample of
/// the tuning part agrees with the corpus's labels and with PiiGuard. Only the tuning part's misses and false errors are written out, to
/// --tuning-errors; the held-back part is only ever reported in aggregate.</item>
/// </list>
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            switch (args)
            {
                case ["write", string corpus, string directory]:
                    Write(corpus, directory);
                    return 0;
                case ["report", .. string[] rest]:
                    Report(ReportOptions.Parse(rest));
                    return 0;
                default:
                    Console.Error.WriteLine("usage: write CORPUS DIR | report --corpus CORPUS --work DIR --info FILE --results FILE|- --tuning-errors FILE [--second-labels FILE]");
                    return 2;
            }
        }
        catch (Exception e) when (e is BenchmarkException or InvalidDataException or IOException or JsonException)
        {
            Console.Error.WriteLine("name corpus: " + e.Message);
            return 1;
        }
    }

    private static void Write(string corpus, string directory)
    {
        IReadOnlyList<CorpusRow> rows = NameCorpusSource.Read(corpus);
        foreach (string part in NameCorpusSource.Parts)
        {
            CorpusRow[] partRows = rows.Where(r => r.Split == part).ToArray();
            string folder = Path.Combine(directory, part);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "Rows.cs"), NameCorpusSource.Source(partRows));
            Console.Error.WriteLine($"{part}: {partRows.Length} rows");
        }
    }

    private static void Report(ReportOptions options)
    {
        IReadOnlyList<CorpusRow> rows = NameCorpusSource.Read(options.Corpus);
        PartResult[] parts = NameCorpusSource.Parts
            .Select(part => PartResult.Read(part, rows.Where(r => r.Split == part).ToArray(), Path.Combine(options.Work, part)))
            .ToArray();

        IReadOnlyList<SecondLabel>? second = options.SecondLabels is { } labels ? NameCorpusSource.ReadSecondLabels(labels, rows) : null;
        string markdown = Markdown.Render(parts, ReadInfo(options.Info), options.TuningErrors, second);
        Console.Out.Write(markdown);
        if (options.Results != "-")
        {
            File.WriteAllText(options.Results, markdown);
        }

        PartResult tuning = parts.Single(p => p.Part == "tuning");
        File.WriteAllText(options.TuningErrors, NameCorpusSource.MissesAndFalseErrors(tuning.Verdicts));
    }

    private static IReadOnlyList<(string Key, string Value)> ReadInfo(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .Select(f => f.Length == 2 ? (f[0], f[1]) : throw new BenchmarkException($"{path}: a line without a tab."))
            .ToArray();
}

internal sealed class BenchmarkException(string message) : Exception(message);

internal sealed record ReportOptions(string Corpus, string Work, string Info, string Results, string TuningErrors, string? SecondLabels)
{
    public static ReportOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchmarkException($"report: expected '--option value' pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name) => values.TryGetValue(name, out string? value) ? value : throw new BenchmarkException($"report: --{name} is missing.");
        return new ReportOptions(Get("corpus"), Get("work"), Get("info"), Get("results"), Get("tuning-errors"), values.GetValueOrDefault("second-labels"));
    }
}

/// <summary>One diagnostic of a SARIF 2.1 log: its rule, level, and the file and 1-based line it starts at.</summary>
internal sealed record SarifResult(string RuleId, string Level, string? File, int Line, bool Suppressed, string Message)
{
    public bool IsPiiGuard => RuleId.StartsWith("PII", StringComparison.Ordinal);

    /// <summary>Reads the results of every run of a SARIF 2.1 log, as the compiler writes it with <c>ErrorLog=FILE,version=2.1</c>.</summary>
    public static IReadOnlyList<SarifResult> ReadAll(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new BenchmarkException($"{path} does not exist: the build wrote no SARIF log (see the build log).");
        }

        using JsonDocument document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("version", out JsonElement version) || version.GetString() != "2.1.0")
        {
            throw new BenchmarkException($"{path} is not a SARIF 2.1.0 log (the build needs -p:ErrorLog=FILE%2Cversion=2.1).");
        }

        var results = new List<SarifResult>();
        foreach (JsonElement run in root.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out JsonElement runResults))
            {
                continue;
            }

            foreach (JsonElement result in runResults.EnumerateArray())
            {
                string ruleId = result.GetProperty("ruleId").GetString() ?? "";

                // SARIF's default level is "warning"; the compiler writes it for every result anyway.
                string level = result.TryGetProperty("level", out JsonElement l) ? l.GetString() ?? "warning" : "warning";
                bool suppressed = result.TryGetProperty("suppressions", out JsonElement s) && s.GetArrayLength() > 0;
                string message = result.TryGetProperty("message", out JsonElement m) && m.TryGetProperty("text", out JsonElement text) ? text.GetString() ?? "" : "";
                string? file = null;
                int line = 0;
                if (result.TryGetProperty("locations", out JsonElement locations) && locations.GetArrayLength() > 0
                    && locations[0].TryGetProperty("physicalLocation", out JsonElement physical))
                {
                    if (physical.TryGetProperty("artifactLocation", out JsonElement artifact) && artifact.TryGetProperty("uri", out JsonElement uri)
                        && Uri.TryCreate(uri.GetString(), UriKind.Absolute, out Uri? parsed) && parsed.IsFile)
                    {
                        file = Path.GetFullPath(parsed.LocalPath);
                    }

                    if (physical.TryGetProperty("region", out JsonElement region) && region.TryGetProperty("startLine", out JsonElement startLine))
                    {
                        line = startLine.GetInt32();
                    }
                }

                results.Add(new SarifResult(ruleId, level, file, line, suppressed, message));
            }
        }

        return results;
    }
}

/// <summary>One row as the package's build saw it.</summary>
internal sealed record RowResult(CorpusVerdict Verdict, IReadOnlyList<string> Warnings, IReadOnlyList<string> OtherPiiGuard)
{
    public CorpusRow Row => Verdict.Row;

    /// <summary>PII006 (free text) reported the row as a warning, as it does unless PiiGuardStrict is set.</summary>
    public bool FreeTextWarning => Warnings.Contains("PII006");
}

/// <summary>One part of the corpus: its rows and what the build's SARIF log says about each.</summary>
internal sealed class PartResult
{
    private PartResult(string part, IReadOnlyList<RowResult> rows, int suppressed, int elsewhere)
    {
        Part = part;
        Rows = rows;
        Suppressed = suppressed;
        Elsewhere = elsewhere;
    }

    public string Part { get; }

    public IReadOnlyList<RowResult> Rows { get; }

    public IEnumerable<CorpusVerdict> Verdicts => Rows.Select(r => r.Verdict);

    /// <summary>PiiGuard diagnostics on rows that a suppression silenced (none unless something configures one).</summary>
    public int Suppressed { get; }

    /// <summary>PiiGuard diagnostics that are on no row's line (none, as long as every rule reports at a member).</summary>
    public int Elsewhere { get; }

    public CorpusScore Score => CorpusScore.Of(Verdicts);

    public static PartResult Read(string part, IReadOnlyList<CorpusRow> rows, string folder)
    {
        string source = Path.GetFullPath(Path.Combine(folder, "Rows.cs"));
        IReadOnlyList<SarifResult> results = SarifResult.ReadAll(Path.Combine(folder, "build.sarif"));

        // The build must fail for PiiGuard's reasons only: any other error means the corpus did not compile as in process.
        SarifResult[] otherErrors = results.Where(r => r.Level == "error" && !r.IsPiiGuard && !r.Suppressed).ToArray();
        if (otherErrors.Length > 0)
        {
            throw new BenchmarkException($"the {part} build has {otherErrors.Length} errors that are not PiiGuard's, first: "
                + string.Join("; ", otherErrors.Take(3).Select(e => $"{e.RuleId} (line {e.Line}): {e.Message}")));
        }

        SarifResult[] piiGuard = results.Where(r => r.IsPiiGuard).ToArray();
        if (rows.Count > 0 && piiGuard.Length == 0)
        {
            throw new BenchmarkException($"the {part} build reported no PiiGuard diagnostic at all: the package's analyzers did not run.");
        }

        var errors = rows.Select(_ => new List<string>()).ToArray();
        var warnings = rows.Select(_ => new List<string>()).ToArray();
        var other = rows.Select(_ => new List<string>()).ToArray();
        int suppressed = 0, elsewhere = 0;
        foreach (SarifResult result in piiGuard)
        {
            int row = result.File == source ? NameCorpusSource.RowOfLine(result.Line - 1, rows.Count) : -1;
            if (row < 0)
            {
                elsewhere++;
            }
            else if (result.Suppressed)
            {
                suppressed++;
            }
            else if (NameCorpusSource.IsPersonalDataRule(result.RuleId))
            {
                if (result.Level == "error")
                {
                    errors[row].Add(result.RuleId);
                }
                else
                {
                    warnings[row].Add(result.RuleId);
                }
            }
            else
            {
                other[row].Add(result.RuleId);
            }
        }

        return new PartResult(
            part,
            rows.Select((r, i) => new RowResult(new CorpusVerdict(r, errors[i]), warnings[i], other[i])).ToArray(),
            suppressed,
            elsewhere);
    }
}

/// <summary>The results as Markdown: aggregates only, for both parts.</summary>
internal static class Markdown
{
    private const double TargetPrecision = 0.97;
    private const double TargetRecall = 0.95;

    public static string Render(IReadOnlyList<PartResult> parts, IReadOnlyList<(string Key, string Value)> info, string tuningErrors, IReadOnlyList<SecondLabel>? second)
    {
        var md = new StringBuilder();
        string date = info.FirstOrDefault(i => i.Key == "Date").Value ?? "";
        md.Append("# Name corpus benchmark").Append(date.Length >= 10 ? $" ({date[..10]})" : "").Append("\n\n");
        md.Append("PiiGuard's name and type rules on the public-schema name corpus (`tests/Corpus/public-schemas.tsv`), each part built\n")
          .Append("as one consumer project through the packed package. A row is *flagged at Error* when a PII001 to PII006 diagnostic\n")
          .Append("of Error severity is on its line. See [README.md](README.md).\n\n");

        md.Append("| | |\n| --- | --- |\n");
        foreach ((string key, string value) in info)
        {
            md.Append("| ").Append(key).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        md.Append("\n## Precision and recall at Error\n\n");
        md.Append("| Part | Rows | Personal | Clean | Flagged at Error | of them personal | False errors (clean rows flagged) | Missed (personal rows not flagged) | Precision | Recall |\n");
        md.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (PartResult part in parts)
        {
            CorpusScore s = part.Score;
            md.Append($"| {part.Part} | {N(part.Rows.Count)} | {N(s.TruePositives + s.FalseNegatives)} | {N(s.FalsePositives + s.TrueNegatives)} | {N(s.TruePositives + s.FalsePositives)} | {N(s.TruePositives)} | {N(s.FalsePositives)} | {N(s.FalseNegatives)} | **{F(s.Precision)}** | **{F(s.Recall)}** |\n");
        }

        PartResult? heldBack = parts.FirstOrDefault(p => p.Part == "held_back");
        if (heldBack != null)
        {
            CorpusScore s = heldBack.Score;
            bool met = s.Precision >= TargetPrecision && s.Recall >= TargetRecall;
            md.Append($"\nTarget on the held-back part (issue 10): precision at least {F(TargetPrecision)} and recall at least {F(TargetRecall)} at Error: **{(met ? "met" : "not met")}**")
              .Append($" (precision {F(s.Precision)} {(s.Precision >= TargetPrecision ? ">=" : "<")} {F(TargetPrecision)}, recall {F(s.Recall)} {(s.Recall >= TargetRecall ? ">=" : "<")} {F(TargetRecall)}).\n");
        }

        md.Append("\nThe same figures as the in-process test (`TuningCorpusTests`) prints them:\n\n```\n");
        foreach (PartResult part in parts)
        {
            md.Append($"{part.Part} ({part.Rows.Count} rows): {part.Score}\n");
        }

        md.Append("```\n");

        PartResult? tuningPart = parts.FirstOrDefault(p => p.Part == "tuning");
        if (second is { Count: > 0 } && tuningPart != null)
        {
            TwoLabellers(md, tuningPart, second);
        }

        md.Append("\n## Recall per personal category\n\n");
        md.Append("| Category |");
        foreach (PartResult part in parts)
        {
            md.Append($" {part.Part}: personal | flagged | recall |");
        }

        md.Append("\n| --- |").Append(string.Concat(parts.Select(_ => " ---: | ---: | ---: |"))).Append('\n');
        string[] categories = parts.SelectMany(p => p.Rows).Where(r => r.Row.Personal).Select(r => r.Row.Category).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (string category in categories)
        {
            md.Append("| ").Append(category).Append(" |");
            foreach (PartResult part in parts)
            {
                CorpusScore s = CorpusScore.Of(part.Verdicts.Where(v => v.Row.Personal && v.Row.Category == category));
                int personal = s.TruePositives + s.FalseNegatives;
                md.Append(personal == 0 ? " 0 | 0 | – |" : $" {N(personal)} | {N(s.TruePositives)} | {F(s.Recall)} |");
            }

            md.Append('\n');
        }

        md.Append("\n## Per source\n\n");
        md.Append("| Source |");
        foreach (PartResult part in parts)
        {
            md.Append($" {part.Part}: rows | personal | false errors | missed | precision | recall |");
        }

        md.Append("\n| --- |").Append(string.Concat(parts.Select(_ => " ---: | ---: | ---: | ---: | ---: | ---: |"))).Append('\n');
        string[] sources = parts.SelectMany(p => p.Rows).Select(r => r.Row.Source).Distinct().ToArray();
        foreach (string source in sources)
        {
            md.Append("| ").Append(source).Append(" |");
            foreach (PartResult part in parts)
            {
                CorpusVerdict[] verdicts = part.Verdicts.Where(v => v.Row.Source == source).ToArray();
                CorpusScore s = CorpusScore.Of(verdicts);
                md.Append($" {N(verdicts.Length)} | {N(s.TruePositives + s.FalseNegatives)} | {N(s.FalsePositives)} | {N(s.FalseNegatives)} | {F(s.Precision)} | {F(s.Recall)} |");
            }

            md.Append('\n');
        }

        md.Append("\n## Rules at Error\n\n");
        md.Append("Rows that each rule reports at Error (a row can be reported by more than one rule).\n\n");
        md.Append("| Rule |");
        foreach (PartResult part in parts)
        {
            md.Append($" {part.Part}: rows | of them personal |");
        }

        md.Append("\n| --- |").Append(string.Concat(parts.Select(_ => " ---: | ---: |"))).Append('\n');
        foreach (string rule in new[] { "PII001", "PII002", "PII003", "PII004", "PII005", "PII006" })
        {
            md.Append("| ").Append(rule).Append(" |");
            foreach (PartResult part in parts)
            {
                RowResult[] flagged = part.Rows.Where(r => r.Verdict.Errors.Contains(rule)).ToArray();
                md.Append($" {N(flagged.Length)} | {N(flagged.Count(r => r.Row.Personal))} |");
            }

            md.Append('\n');
        }

        md.Append("\n## Free text: what the name rules missed and PII006 caught as a warning\n\n");
        md.Append("PII006 (a free-text member) is a warning unless `PiiGuardStrict` is set, so it does not count at Error. A warning\n")
          .Append("caught the row for a reader of the build log, but does not fail the build.\n\n");
        md.Append("| Part | Personal rows missed at Error | of them with a PII006 warning | with a warning of PII001 to PII005 | Clean rows with a PII006 warning | Rows with another PiiGuard rule (PII007 and up) | Suppressed PiiGuard diagnostics | PiiGuard diagnostics on no row |\n");
        md.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (PartResult part in parts)
        {
            RowResult[] missed = part.Rows.Where(r => r.Row.Personal && !r.Verdict.FlaggedAsError).ToArray();
            md.Append($"| {part.Part} | {N(missed.Length)} | {N(missed.Count(r => r.FreeTextWarning))} | {N(missed.Count(r => r.Warnings.Any(w => w != "PII006")))} | {N(part.Rows.Count(r => !r.Row.Personal && r.FreeTextWarning))} | {N(part.Rows.Count(r => r.OtherPiiGuard.Count > 0))} | {N(part.Suppressed)} | {N(part.Elsewhere)} |\n");
        }

        md.Append("\nThe held-back part is reported in aggregate only: no list of its rows, misses or false errors is written anywhere,\n")
          .Append("so that no vocabulary change can be made for it. The tuning part's misses and false errors are in\n")
          .Append($"`{tuningErrors}` (git-ignored).\n");
        return md.ToString();
    }

    /// <summary>How a second labeller's sample of the tuning part agrees with the corpus's labels, and PiiGuard with each.</summary>
    private static void TwoLabellers(StringBuilder md, PartResult tuning, IReadOnlyList<SecondLabel> second)
    {
        Dictionary<CorpusRow, bool> flagged = tuning.Verdicts.ToDictionary(v => v.Row, v => v.FlaggedAsError);
        var rows = second.Select(l => (Corpus: l.Row.Personal, Second: l.Personal, PiiGuard: flagged[l.Row])).ToArray();
        (string What, LabelAgreement Agreement)[] lines =
        {
            ("The second labeller, against the corpus's labels", LabelAgreement.Of(rows.Select(r => (r.Corpus, r.Second)))),
            ("PiiGuard, against the corpus's labels", LabelAgreement.Of(rows.Select(r => (r.Corpus, r.PiiGuard)))),
            ("PiiGuard, against the second labeller's labels", LabelAgreement.Of(rows.Select(r => (r.Second, r.PiiGuard)))),
            ("PiiGuard, on the rows both labellers label alike", LabelAgreement.Of(rows.Where(r => r.Corpus == r.Second).Select(r => (r.Corpus, r.PiiGuard)))),
        };

        md.Append("\n## Two labellers\n\n");
        md.Append($"A second labeller labelled a random sample of {N(second.Count)} rows of the tuning part (`{NameCorpusSource.SecondLabellerPath}`)\n")
          .Append("with the corpus's labelling guide, without seeing the corpus's labels or PiiGuard's vocabulary. How far two careful\n")
          .Append("labellers agree bounds what any rules can score against one of them. Precision and recall score the second\n")
          .Append("column's calls against the first's.\n\n");
        md.Append("| Scored | Rows | Agreement | Cohen's kappa | Precision | Recall |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        foreach ((string what, LabelAgreement a) in lines)
        {
            md.Append($"| {what} | {N(a.Rows)} | {F(a.Agreement)} | {F(a.Kappa)} | {F(a.SecondAgainstFirst.Precision)} | {F(a.SecondAgainstFirst.Recall)} |\n");
        }
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
