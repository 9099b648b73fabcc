using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// The generated code reads as if written by hand: four spaces per block (and one more level for the arguments of a
/// call or attribute continued on the next lines), no tabs, no trailing whitespace, no blank line after an opening
/// or before a closing brace, never two blank lines, and one <c>\n</c> at the end of every line.
/// </summary>
public class GeneratedLayoutTests
{
    // Every shape of value the emitter writes: objects (class, struct, record), enums, nullable values and
    // references, every collection, collections of collections and of nullable values, enum and string keys,
    // points in time inside collections, a keyword as a member name, required and constructor-set members.
    private const string Payloads = """
        using System;
        using System.Collections.Generic;
        using PiiGuard;
        using static PiiGuard.Period;

        namespace Shop.Stats;

        public enum Platform { Linux, Windows, [TelemetryValue("macos")] MacOs }

        public enum Tier { Free, Pro }

        public readonly struct Size
        {
            [TelemetryField] public int Width { get; init; }
            [TelemetryField] public int Height { get; init; }
        }

        public sealed record Job(
            [property: TelemetryField] int Pages,
            [property: TelemetryField] Tier Tier,
            [property: TelemetryField, Aggregated(Day)] DateTime? Finished);

        public class Settings
        {
            [TelemetryField] public bool Dark { get; set; }
            [TelemetryField("class")] public int @class { get; set; }
            [TelemetryField] public decimal Ratio { get; set; }
            [TelemetryField] public float Scale { get; set; }
            [TelemetryField] public byte Level { get; set; }
            [TelemetryField] public ulong Bytes { get; set; }
        }

        [TelemetryPayload(Name = "shop_stats", SchemaVersion = "2.1")]
        public sealed class Usage
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
            [TelemetryField, Aggregated(Week)] public DateTimeOffset PeriodStart { get; init; }
            [TelemetryField] public Version AppVersion { get; init; } = new(1, 0);
            [TelemetryField] public TimeSpan Uptime { get; init; }
            [TelemetryField] public CountryCode Country { get; init; }
            [TelemetryField] public Platform? Platform { get; init; }
            [TelemetryField] public string? Channel { get; init; }
            [TelemetryField] public Size Size { get; init; }
            [TelemetryField] public Size? LastSize { get; init; }
            [TelemetryField] public Settings Settings { get; init; } = new();
            [TelemetryField] public Job[] Jobs { get; init; } = [];
            [TelemetryField] public List<int[]> Batches { get; init; } = new();
            [TelemetryField] public IReadOnlyList<Tier?> Tiers { get; init; } = [];
            [TelemetryField] public IList<Job?> MaybeJobs { get; init; } = new List<Job?>();
            [TelemetryField] public HashSet<Platform> Platforms { get; init; } = new();
            [TelemetryField] public Dictionary<Platform, int> ByPlatform { get; init; } = new();
            [TelemetryField] public IReadOnlyDictionary<string, List<Tier>> ByName { get; init; } = new Dictionary<string, List<Tier>>();
            [TelemetryField] public Dictionary<Tier, Job?> LastJobByTier { get; init; } = new();
            [TelemetryField, Aggregated(Week)] public List<DateTimeOffset> Starts { get; init; } = new();
            [TelemetryField] public required long Total { get; init; }
            [TelemetryField] public double? Average { get; set; }
        }

        [TelemetryPayload(SchemaVersion = "1")]
        public sealed class Nothing
        {
        }
        """;

    [Fact]
    public void Every_generated_file_is_indented_by_its_blocks_and_has_no_trailing_whitespace()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(Payloads);

        GeneratorRunResult run = result.Results.Single();
        Assert.Equal(2, run.Payloads().Count());
        Assert.True(run.Types().Count() >= 15, string.Join(", ", run.GeneratedSources.Select(s => s.HintName)));
        ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics();
        Assert.True(diagnostics.All(d => d.Severity < DiagnosticSeverity.Warning), string.Join(Environment.NewLine, diagnostics));

        Assert.All(run.GeneratedSources, source => AssertLaidOut(source.HintName, source.SourceText.ToString()));
    }

    [Fact]
    public void The_layout_check_finds_what_it_checks()
    {
        const string good = "namespace N\n{\n    class C\n    {\n        void M(\n            int a)\n        {\n        }\n\n        int F;\n    }\n}\n";
        AssertLaidOut("good", good);

        Assert.ThrowsAny<Exception>(() => AssertLaidOut("trailing", good.Replace("class C\n", "class C \n", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("indented blank line", good.Replace("}\n\n", "}\n        \n", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("two blank lines", good.Replace("}\n\n", "}\n\n\n", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("unindented", good.Replace("    class C\n", "class C\n", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("overindented", good.Replace("        int F;", "            int F;", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("blank after brace", good.Replace("{\n    class", "{\n\n    class", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("blank before brace", good.Replace("int F;\n", "int F;\n\n", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("tab", good.Replace("    class C", "\tclass C", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => AssertLaidOut("crlf", good.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    /// <summary>Checks the layout of one file, line by line, against the depth of its braces as C# reads them.</summary>
    private static void AssertLaidOut(string name, string text)
    {
        Assert.False(text.Contains('\r', StringComparison.Ordinal), $"{name} has a carriage return.");
        Assert.False(text.Contains('\t', StringComparison.Ordinal), $"{name} has a tab.");
        Assert.True(text.EndsWith('\n') && !text.EndsWith("\n\n", StringComparison.Ordinal), $"{name} does not end with one line end.");

        // Braces, parentheses and brackets as tokens: those inside string literals do not count.
        SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions).GetRoot().DescendantTokens().ToArray();
        string[] lines = text[..^1].Split('\n');
        int next = 0;
        int braces = 0;
        int open = 0;
        int offset = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string where = $"{name}({i + 1}): '{line}'";
            for (; next < tokens.Length && tokens[next].SpanStart < offset; next++)
            {
                switch (tokens[next].Kind())
                {
                    case SyntaxKind.OpenBraceToken: braces++; break;
                    case SyntaxKind.CloseBraceToken: braces--; break;
                    case SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken: open++; break;
                    case SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken: open--; break;
                }
            }

            offset += line.Length + 1;
            Assert.False(line.Length > 0 && char.IsWhiteSpace(line[^1]), $"Trailing whitespace at {where}");
            if (line.Length == 0)
            {
                Assert.False(i > 0 && lines[i - 1].Length == 0, $"Two blank lines at {where}");
                Assert.False(i > 0 && lines[i - 1].EndsWith('{'), $"A blank line after an opening brace at {where}");
                Assert.False(i + 1 < lines.Length && lines[i + 1].TrimStart().StartsWith('}'), $"A blank line before a closing brace at {where}");
                continue;
            }

            int indent = line.Length - line.TrimStart(' ').Length;
            int depth = line.TrimStart().StartsWith('}') ? braces - 1 : braces;

            // A call or attribute whose arguments go on the next lines indents them one level more.
            bool laidOut = indent == 4 * depth || (open > 0 && indent == 4 * (depth + 1));
            Assert.True(laidOut, $"Indented {indent} spaces where {4 * depth} are expected, at {where}");
        }
    }
}
