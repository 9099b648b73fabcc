using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Analyzers.Tests.Corpus;

/// <summary>
/// The corpus's C# and verdict rules that the in-process test and benchmarks/NameCorpus share: a diagnostic's line
/// must lead back to its row, in both.
/// </summary>
public sealed class NameCorpusSourceTests
{
    private static readonly CorpusRow[] Rows =
    [
        new("tuning", "ecs", "source.ip", "SourceIp", "string", true, "network", "an address"),
        new("tuning", "ecs", "event.created", "EventCreated", "DateTimeOffset", false, "-", "a date"),
        new("tuning", "otel", "http.response.status_code", "HttpResponseStatusCode", "long", false, "-", "a code"),
    ];

    [Fact]
    public void Each_row_is_one_class_on_its_own_line_and_its_line_leads_back_to_it()
    {
        string[] lines = NameCorpusSource.Source(Rows).Split('\n');

        for (int i = 0; i < Rows.Length; i++)
        {
            string line = lines[NameCorpusSource.FirstRowLine + i];
            Assert.StartsWith($"public sealed class Row{i} {{ ", line, StringComparison.Ordinal);
            Assert.Contains($" public {Rows[i].Type} {Rows[i].Member} {{ get; set; }}", line, StringComparison.Ordinal);
            Assert.Equal(i, NameCorpusSource.RowOfLine(NameCorpusSource.FirstRowLine + i, Rows.Length));
        }

        Assert.Equal(-1, NameCorpusSource.RowOfLine(NameCorpusSource.FirstRowLine - 1, Rows.Length));
        Assert.Equal(-1, NameCorpusSource.RowOfLine(NameCorpusSource.FirstRowLine + Rows.Length, Rows.Length));
        Assert.DoesNotContain(lines.Take(NameCorpusSource.FirstRowLine), l => l.Contains("class", StringComparison.Ordinal));
    }

    [Fact]
    public void Dates_are_aggregated_to_the_day_and_nothing_else_is()
    {
        string[] lines = NameCorpusSource.Source(Rows).Split('\n');

        Assert.Contains("[TelemetryField, Aggregated(Period.Day)] public DateTimeOffset EventCreated", lines[NameCorpusSource.FirstRowLine + 1], StringComparison.Ordinal);
        Assert.Contains("[TelemetryField] public string SourceIp", lines[NameCorpusSource.FirstRowLine], StringComparison.Ordinal);
        Assert.Contains("[TelemetryField] public long HttpResponseStatusCode", lines[NameCorpusSource.FirstRowLine + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_personal_data_rules_are_PII001_to_PII006()
    {
        Assert.All(new[] { "PII001", "PII002", "PII003", "PII004", "PII005", "PII006" }, id => Assert.True(NameCorpusSource.IsPersonalDataRule(id), id));
        Assert.All(new[] { "PII007", "PII008", "PII0010", "CS0246", "CA1822", "" }, id => Assert.False(NameCorpusSource.IsPersonalDataRule(id), id));
    }

    [Theory]
    [InlineData("tuning\tecs\tv1\tsource.ip\tSourceIp\tstring\tpersonal\tnetwork", "9")]
    [InlineData("later\tecs\tv1\tsource.ip\tSourceIp\tstring\tpersonal\tnetwork\tan address", "split")]
    [InlineData("tuning\tecs\tv1\tsource.ip\tSourceIp\tstring\tyes\tnetwork\tan address", "label")]
    public void A_malformed_line_is_an_error_that_names_the_line_and_not_its_content(string badLine, string problem)
    {
        string path = Path.Combine(Path.GetTempPath(), $"name-corpus-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "split\tsource\tsource_version\tfield\tmember\tcsharp_type\tlabel\tcategory\treason\n"
            + "tuning\tecs\tv1\thost.os.name\tHostOsName\tstring\tclean\t-\ta product name\n"
            + badLine + "\n");
        try
        {
            InvalidDataException error = Assert.Throws<InvalidDataException>(() => NameCorpusSource.Read(path));
            Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SourceIp", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_corpus_reads_whole_and_in_its_two_parts()
    {
        var rows = NameCorpus.Read();

        Assert.Equal(["held_back", "tuning"], rows.Select(r => r.Split).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Member) || string.IsNullOrEmpty(r.Type), "A row without a member or a type."));
    }

    [Fact]
    public void Agreement_and_kappa_count_the_four_kinds_of_row()
    {
        // Four rows both call personal, one only the first, one only the second, four neither: 8 of 10 alike; each
        // labels half the rows personal, so chance alone agrees on half, and kappa is (0.8 - 0.5) / (1 - 0.5).
        var pairs = Enumerable.Repeat((true, true), 4).Append((true, false)).Append((false, true)).Concat(Enumerable.Repeat((false, false), 4));

        LabelAgreement agreement = LabelAgreement.Of(pairs);

        Assert.Equal(new LabelAgreement(4, 1, 1, 4), agreement);
        Assert.Equal(10, agreement.Rows);
        Assert.Equal(0.8, agreement.Agreement, 9);
        Assert.Equal(0.6, agreement.Kappa, 9);
        Assert.Equal(new CorpusScore(4, 1, 1, 4), agreement.SecondAgainstFirst);
        Assert.Equal(1.0, LabelAgreement.Of([(true, true), (true, true)]).Kappa, 9);
    }

    [Fact]
    public void The_second_labellers_sample_is_of_the_tuning_part_only_and_every_row_is_found()
    {
        IReadOnlyList<CorpusRow> corpus = NameCorpus.Read();
        string path = Path.Combine(NameCorpus.Root, NameCorpusSource.SecondLabellerPath);

        IReadOnlyList<SecondLabel> labels = NameCorpusSource.ReadSecondLabels(path, corpus);

        Assert.True(labels.Count >= 400, $"The second labeller's sample has {labels.Count} rows.");
        Assert.All(labels, l => Assert.Equal("tuning", l.Row.Split));
        Assert.Equal(labels.Count, labels.Select(l => l.Row).Distinct().Count());
        Assert.All(labels.Where(l => l.Personal), l => Assert.NotEqual("-", l.Category));
    }

    [Theory]
    [InlineData("held_back", "ecs\tsource.ip\tSourceIp\tstring\tpersonal\tnetwork\tan address", "held_back part")]
    [InlineData("tuning", "ecs\tsource.ip\tSourceIpAddress\tstring\tpersonal\tnetwork\tan address", "no row of the corpus")]
    [InlineData("tuning", "ecs\tsource.ip\tSourceIp\tstring\tmaybe\tnetwork\tan address", "label")]
    public void A_second_label_of_a_held_back_or_unknown_row_is_an_error(string split, string line, string problem)
    {
        CorpusRow[] corpus = [new(split, "ecs", "source.ip", "SourceIp", "string", true, "network", "an address")];
        string path = Path.Combine(Path.GetTempPath(), $"second-labels-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "source\tfield\tmember\tcsharp_type\tlabel\tcategory\treason\n" + line + "\n");
        try
        {
            InvalidDataException error = Assert.Throws<InvalidDataException>(() => NameCorpusSource.ReadSecondLabels(path, corpus));
            Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
