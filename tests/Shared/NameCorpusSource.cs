using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace PiiGuard.Tests.Shared;

/// <summary>One labelled member of tests/Corpus/public-schemas.tsv.</summary>
internal sealed record CorpusRow(string Split, string Source, string Field, string Member, string Type, bool Personal, string Category, string Reason);

/// <summary>What the analyzers made of one row: the rule ids they reported at Error severity, if any.</summary>
internal sealed record CorpusVerdict(CorpusRow Row, IReadOnlyList<string> Errors)
{
    public bool FlaggedAsError => Errors.Count > 0;
}

/// <summary>Precision and recall at Error over some verdicts.</summary>
internal sealed record CorpusScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>The verdicts scored against their rows' labels.</summary>
    public static CorpusScore Of(IEnumerable<CorpusVerdict> verdicts) =>
        LabelAgreement.Of(verdicts.Select(v => (v.Row.Personal, v.FlaggedAsError))).SecondAgainstFirst;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"precision {Precision:0.000} ({TruePositives} of {TruePositives + FalsePositives} errors), recall {Recall:0.000} ({TruePositives} of {TruePositives + FalseNegatives} personal)");
}

/// <summary>
/// How far two labels of the same rows agree: the rows both call personal, only the first, only the second, neither.
/// </summary>
internal sealed record LabelAgreement(int BothPersonal, int OnlyFirst, int OnlySecond, int BothClean)
{
    public int Rows => BothPersonal + OnlyFirst + OnlySecond + BothClean;

    /// <summary>The share of rows both label alike.</summary>
    public double Agreement => Rows == 0 ? 1 : (double)(BothPersonal + BothClean) / Rows;

    /// <summary>Cohen's kappa: the agreement beyond what the two labels' shares of personal rows give by chance.</summary>
    public double Kappa
    {
        get
        {
            if (Rows == 0)
            {
                return 1;
            }

            double first = (double)(BothPersonal + OnlyFirst) / Rows;
            double second = (double)(BothPersonal + OnlySecond) / Rows;
            double chance = (first * second) + ((1 - first) * (1 - second));
            return chance >= 1 ? 1 : (Agreement - chance) / (1 - chance);
        }
    }

    /// <summary>The second labels scored as a classifier against the first: its precision and recall.</summary>
    public CorpusScore SecondAgainstFirst => new(BothPersonal, OnlySecond, OnlyFirst, BothClean);

    public static LabelAgreement Of(IEnumerable<(bool First, bool Second)> pairs)
    {
        int both = 0, first = 0, second = 0, neither = 0;
        foreach ((bool a, bool b) in pairs)
        {
            switch ((a, b))
            {
                case (true, true): both++; break;
                case (true, false): first++; break;
                case (false, true): second++; break;
                default: neither++; break;
            }
        }

        return new LabelAgreement(both, first, second, neither);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rows} rows: agreement {Agreement:0.000}, kappa {Kappa:0.000}; second against first: {SecondAgainstFirst}");
}

/// <summary>A second labeller's call on one row of the corpus's tuning part (tests/Corpus/second-labeller.tsv).</summary>
internal sealed record SecondLabel(CorpusRow Row, bool Personal, string Category, string Reason);

/// <summary>
/// The one definition of how the public-schema name corpus becomes C# and how a diagnostic becomes a row's verdict.
/// Compiled into the analyzer tests (NameCorpus, in process) and into benchmarks/NameCorpus/Tool (the same source
/// built through the packed package), so that both measure exactly the same code.
/// </summary>
internal static class NameCorpusSource
{
    /// <summary>The corpus, relative to the repository root.</summary>
    public const string CorpusPath = "tests/Corpus/public-schemas.tsv";

    /// <summary>The two parts of the corpus, in the order they are reported.</summary>
    public static readonly IReadOnlyList<string> Parts = new[] { "tuning", "held_back" };

    private const string Header = "using System;\nusing System.Collections.Generic;\nusing PiiGuard;\n\nnamespace Corpus;\n\n";

    /// <summary>The 0-based line of row 0 in <see cref="Source"/>: row i is on line <c>FirstRowLine + i</c>.</summary>
    public static readonly int FirstRowLine = Header.Count(c => c == '\n');

    /// <summary>Reads the corpus file; a malformed line is an error that names the line, never its content.</summary>
    public static IReadOnlyList<CorpusRow> Read(string path)
    {
        var rows = new List<CorpusRow>();
        foreach ((int lineNumber, string[] f) in ReadLabelled(path, columns: 9, labelColumn: 6))
        {
            if (!Parts.Contains(f[0]))
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: the split column is neither 'tuning' nor 'held_back'.");
            }

            rows.Add(new CorpusRow(f[0], f[1], f[3], f[4], f[5], f[6] == "personal", f[7], f[8]));
        }

        return rows;
    }

    /// <summary>
    /// The lines of a labelled TSV file after its header, split into their columns: a line with another number of
    /// columns, or whose label is neither <c>personal</c> nor <c>clean</c>, is an error that names the line, never its content.
    /// </summary>
    private static IEnumerable<(int Line, string[] Fields)> ReadLabelled(string path, int columns, int labelColumn)
    {
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                continue;
            }

            string[] f = line.Split('\t');
            if (f.Length != columns)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: {f.Length} tab-separated columns, expected {columns}.");
            }

            if (f[labelColumn] is not ("personal" or "clean"))
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: the label column is neither 'personal' nor 'clean'.");
            }

            yield return (lineNumber, f);
        }
    }

    /// <summary>
    /// The C# source of the rows: one class per row, one row per line (so that members with one name never meet, and
    /// a diagnostic's line says its row). Dates get <c>[Aggregated(Period.Day)]</c>, so that the point-in-time rule
    /// does not decide them; every other member is a plain <c>[TelemetryField]</c>.
    /// </summary>
    public static string Source(IReadOnlyList<CorpusRow> rows)
    {
        var source = new StringBuilder(Header);
        for (int i = 0; i < rows.Count; i++)
        {
            CorpusRow row = rows[i];
            string attributes = row.Type.StartsWith("DateTime", StringComparison.Ordinal) ? "[TelemetryField, Aggregated(Period.Day)]" : "[TelemetryField]";
            source.Append(CultureInfo.InvariantCulture, $"public sealed class Row{i} {{ {attributes} public {row.Type} {row.Member} {{ get; set; }} = default!; }}\n");
        }

        return source.ToString();
    }

    /// <summary>The row of a 0-based line of <see cref="Source"/>, or -1 when the line holds no row.</summary>
    public static int RowOfLine(int zeroBasedLine, int rowCount)
    {
        int row = zeroBasedLine - FirstRowLine;
        return row >= 0 && row < rowCount ? row : -1;
    }

    /// <summary>
    /// Whether a diagnostic of this id, at Error severity, flags its row: the name and type rules PII001 to PII006.
    /// PII007 (a member PiiGuard cannot serialize) and PII008 (schema lock) say nothing about personal data.
    /// </summary>
    public static bool IsPersonalDataRule(string id) =>
        id is "PII001" or "PII002" or "PII003" or "PII004" or "PII005" or "PII006";

    /// <summary>
    /// The misses (personal rows not flagged at Error) and false errors (clean rows flagged), one per line, tab-separated:
    /// MISS or FALSE, category, type, member, the rules at Error, field, reason. False errors first, then by category.
    /// </summary>
    public static string MissesAndFalseErrors(IEnumerable<CorpusVerdict> verdicts)
    {
        var text = new StringBuilder();
        foreach (CorpusVerdict verdict in verdicts.Where(v => v.Row.Personal != v.FlaggedAsError).OrderBy(v => v.Row.Personal).ThenBy(v => v.Row.Category, StringComparer.Ordinal))
        {
            CorpusRow row = verdict.Row;
            text.Append(row.Personal ? "MISS\t" : "FALSE\t").Append(row.Category).Append('\t').Append(row.Type).Append('\t').Append(row.Member)
                .Append('\t').Append(string.Join(",", verdict.Errors)).Append('\t').Append(row.Field).Append('\t').Append(row.Reason).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A second labeller's sample of the tuning part, relative to the repository root.</summary>
    public const string SecondLabellerPath = "tests/Corpus/second-labeller.tsv";

    /// <summary>
    /// Reads a second labeller's labels (header, then <c>source field member csharp_type label category reason</c>) and
    /// finds each row in <paramref name="corpus"/> by member and type. A row that is not in the corpus, or that is in
    /// the held-back part, is an error that names the line: the held-back part is never labelled twice.
    /// </summary>
    public static IReadOnlyList<SecondLabel> ReadSecondLabels(string path, IReadOnlyList<CorpusRow> corpus)
    {
        var byMember = new Dictionary<(string Member, string Type), CorpusRow>();
        foreach (CorpusRow row in corpus)
        {
            byMember.TryAdd((row.Member, row.Type), row);
        }

        var labels = new List<SecondLabel>();
        foreach ((int lineNumber, string[] f) in ReadLabelled(path, columns: 7, labelColumn: 4))
        {
            if (!byMember.TryGetValue((f[2], f[3]), out CorpusRow? row) || row.Source != f[0] || row.Field != f[1])
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: no row of the corpus has this source, field, member and type.");
            }

            if (row.Split != "tuning")
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: the row is in the {row.Split} part; only the tuning part may be labelled a second time.");
            }

            labels.Add(new SecondLabel(row, f[4] == "personal", f[5], f[6]));
        }

        return labels;
    }
}
