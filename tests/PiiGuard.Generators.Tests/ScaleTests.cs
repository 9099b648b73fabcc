using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// A project of 5,000 payloads compiles with PiiGuard's generator: the schema docs stay out of the assembly's
/// user-string heap (which the runtime limits to 16 MiB, CS8103), and each shared type is emitted once. Checked by
/// sizes, never by time.
/// </summary>
public class ScaleTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Payloads = 5_000;
    private const int Enums = 150;
    private const int SharedRecords = 100;

    /// <summary>The most the user-string heap may hold: 16 MiB is the runtime's limit, this is "well under" it.</summary>
    private const int MaxUserStringHeapBytes = 2 * 1024 * 1024;

    [Fact]
    public void Five_thousand_payloads_compile_with_a_user_string_heap_far_under_the_limit()
    {
        (Compilation compiled, GeneratorDriverRunResult result) = GeneratorHarness.Run(Sources().ToArray());
        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Empty(result.Diagnostics);

        // One serializer per payload; one writer per type, however many payloads hold it: the 5,000 payloads, their
        // 5,000 details records, the shared records, the enums, a list of each shared record and a dictionary keyed by
        // each enum.
        Assert.Equal(Payloads, run.Payloads().Count());
        Assert.Equal(Payloads + Payloads + SharedRecords + Enums + SharedRecords + Enums, run.Types().Count());

        using var peStream = new MemoryStream();
        EmitResult emitted = compiled.Emit(peStream);
        Diagnostic[] errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10).ToArray();
        Assert.True(emitted.Success, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));

        peStream.Position = 0;
        using var pe = new PEReader(peStream);
        MetadataReader metadata = pe.GetMetadataReader();
        int userStrings = metadata.GetHeapSize(HeapIndex.UserString);
        long generatedCharacters = run.GeneratedSources.Sum(s => (long)s.SourceText.Length);
        output.WriteLine(Invariant($"{Payloads:N0} payloads: assembly {peStream.Length:N0} bytes, user-string heap {userStrings:N0} bytes, blob heap {metadata.GetHeapSize(HeapIndex.Blob):N0} bytes, {run.GeneratedSources.Length:N0} generated files, {generatedCharacters / Payloads:N0} generated characters per payload"));
        Assert.True(userStrings < MaxUserStringHeapBytes, $"The user-string heap holds {userStrings:N0} bytes, more than {MaxUserStringHeapBytes:N0}.");

        // Every payload's schema docs are in the metadata, once, as UTF-8 attribute arguments.
        int documented = metadata.TypeDefinitions
            .Select(metadata.GetTypeDefinition)
            .Count(type => type.GetCustomAttributes().Any(a => IsSchemaDocuments(metadata, metadata.GetCustomAttribute(a))));
        Assert.Equal(Payloads, documented);
    }

    private static bool IsSchemaDocuments(MetadataReader metadata, CustomAttribute attribute) =>
        attribute.Constructor.Kind == HandleKind.MemberReference &&
        metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent &&
        metadata.StringComparer.Equals(metadata.GetTypeReference((TypeReferenceHandle)parent).Name, "TelemetrySchemaDocumentsAttribute");

    /// <summary>
    /// The benchmark's project shape (benchmarks/build-time/generate.py): 150 enums, 100 shared records, and payloads
    /// of 20 members each: their id and week, a details record of their own, a list of a shared record, a dictionary
    /// keyed by a shared enum, shared enums, numbers, flags and durations.
    /// </summary>
    private static IEnumerable<string> Sources()
    {
        var header = "using System;\nusing System.Collections.Generic;\nusing PiiGuard;\n\nnamespace Scale;\n\n";
        var shared = new StringBuilder(header);
        for (int e = 0; e < Enums; e++)
        {
            shared.Append("public enum Kind").Append(e).Append(" { None, Basic, Standard, Advanced, Other").Append(e % 7).Append(" }\n");
        }

        for (int r = 0; r < SharedRecords; r++)
        {
            shared.Append(Invariant($"public sealed record Summary{r}([property: TelemetryField] int Count, [property: TelemetryField] Kind{r % Enums} Kind, [property: TelemetryField] bool Enabled);\n"));
        }

        yield return shared.ToString();

        const int perFile = 100;
        for (int start = 0; start < Payloads; start += perFile)
        {
            var file = new StringBuilder(header);
            for (int i = start; i < start + perFile; i++)
            {
                AppendPayload(file, i);
            }

            yield return file.ToString();
        }
    }

    private static void AppendPayload(StringBuilder file, int i)
    {
        file.Append(Invariant($$"""
            public sealed class Stats{{i}}Details
            {
                [TelemetryField] public int JobCount { get; init; }
                [TelemetryField] public long TotalBytes { get; init; }
                [TelemetryField] public Kind{{(i * 7) % Enums}} Mode { get; init; }
            }

            [TelemetryPayload(SchemaVersion = "1.0")]
            public sealed class Stats{{i}}
            {
                [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
                [TelemetryField, Aggregated(Period.Week)] public DateTimeOffset PeriodStart { get; init; }
                [TelemetryField] public Stats{{i}}Details Details { get; init; } = new();
                [TelemetryField] public List<Summary{{i % SharedRecords}}> Summaries { get; init; } = new();
                [TelemetryField] public Dictionary<Kind{{i % Enums}}, int> Counts { get; init; } = new();
                [TelemetryField] public Kind{{(i + 1) % Enums}} First { get; init; }
                [TelemetryField] public Kind{{(i + 2) % Enums}} Second { get; init; }
                [TelemetryField] public Kind{{(i + 3) % Enums}}? Third { get; init; }
                [TelemetryField] public int QueueCount { get; init; }
                [TelemetryField] public int RetryCount { get; init; }
                [TelemetryField] public int FailureCount { get; init; }
                [TelemetryField] public int WarningCount { get; init; }
                [TelemetryField] public long PeakBytes { get; init; }
                [TelemetryField] public double SuccessRate { get; init; }
                [TelemetryField] public bool CacheEnabled { get; init; }
                [TelemetryField] public bool PluginsEnabled { get; init; }
                [TelemetryField] public bool SyncEnabled { get; init; }
                [TelemetryField] public int? LastRetryCount { get; init; }
                [TelemetryField] public TimeSpan RenderDuration { get; init; }
                [TelemetryField("export_mode", Purpose = "Shows which export settings are worth keeping")] public Kind{{(i + 4) % Enums}} ExportMode { get; init; }
            }


            """));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
