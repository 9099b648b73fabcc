using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Generators.Tests;

/// <summary>Collection shapes whose generated code must compile: found by fuzzing (tools/fuzz).</summary>
public class CollectionShapeTests
{
    [Theory]
    [InlineData("IList<decimal>[]")]
    [InlineData("IReadOnlyList<int>[]")]
    [InlineData("IList<int>[]?")]
    [InlineData("IReadOnlyList<int>[][]")]
    [InlineData("List<IList<int>[]>")]
    [InlineData("IList<int[]>")]
    [InlineData("IReadOnlyList<int>?")]
    public void Arrays_of_list_interfaces_and_lists_of_arrays_compile(string type)
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run($$"""
            using System.Collections.Generic;
            using PiiGuard;

            [TelemetryPayload]
            public sealed class Stats
            {
                [TelemetryField] public {{type}} Values { get; set; } = default!;
            }
            """);

        Assert.Single(result.Results.Single().Payloads());
        ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics();
        Assert.True(diagnostics.All(d => d.Severity < DiagnosticSeverity.Warning), string.Join(Environment.NewLine, diagnostics));
    }
}
