using System;
using System.Collections.Generic;
using System.Linq;
using PiiGuard.Fuzzing;
using PiiGuard.Fuzzing.Bodies;
using PiiGuard.Fuzzing.Shapes;
using Xunit.Abstractions;

namespace PiiGuard.Runtime.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the strict reader (tools/fuzz): 60,000 mutated bodies of six payload shapes, the same on every
/// run. Any exception but <see cref="TelemetryFormatException"/>, an error message that repeats a planted value, or
/// an accepted body that does not round-trip fails the test, with each defect's seed, index and minimal input.
/// <c>dotnet run --project tools/fuzz</c> runs longer campaigns with other seeds.
/// </summary>
public sealed class BodyFuzzTests
{
    private const long Seed = 9;
    private const int Mutants = 60_000;
    private const int ShrinkRuns = 3_000;

    private readonly ITestOutputHelper _output;

    public BodyFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Mutated_bodies_get_a_format_error_that_repeats_no_planted_value_or_read_back_as_they_write()
    {
        IReadOnlyList<BodyShape> shapes = BodyShapes.Create();
        var log = new FindingLog();
        var accepted = new Dictionary<string, int>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int index = 0; index < Mutants; index++)
        {
            (BodyMutant mutant, BodyOutcome outcome) = BodyFuzzer.RunOne(Seed, index, shapes);
            if (outcome.Accepted)
            {
                accepted[mutant.Shape.Name] = accepted.GetValueOrDefault(mutant.Shape.Name) + 1;
            }

            if (outcome.Finding is { } finding)
            {
                log.Add(finding, BodyFuzzer.Target, Seed, index, mutant.Body, mutant.Operations);
            }
        }

        TimeSpan running = watch.Elapsed;
        IReadOnlyList<FindingReport> reports = log.Reports;
        foreach (FindingReport report in reports)
        {
            BodyFuzzer.Shrink(report, shapes, ShrinkRuns);
        }

        _output.WriteLine($"{Mutants} bodies of seed {Seed}; accepted: {string.Join(", ", accepted.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"))}; " +
            $"mutants run in {running.TotalSeconds:N0} s, findings shrunk in {(watch.Elapsed - running).TotalSeconds:N0} s");
        Assert.True(reports.Count == 0, $"{reports.Count} defect(s) in {Mutants} mutated bodies:\n\n" + string.Join("\n", reports.Select(r => r.Describe())));
    }

    [Fact]
    public void The_mutants_use_every_operation_and_every_shape_gets_accepted_and_rejected_bodies()
    {
        IReadOnlyList<BodyShape> shapes = BodyShapes.Create();
        var operations = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < 6_000; index++)
        {
            (BodyMutant mutant, BodyOutcome outcome) = BodyFuzzer.RunOne(Seed, index, shapes);
            operations.UnionWith(mutant.Operations);
            (outcome.Accepted ? accepted : rejected).Add(mutant.Shape.Name);
        }

        Assert.Empty(BodyMutator.OperationNames.Except(operations));
        Assert.Equal(shapes.Select(s => s.Name).Order(), accepted.Order());
        Assert.Equal(shapes.Select(s => s.Name).Order(), rejected.Order());
    }

    [Fact]
    public void A_mutant_is_the_same_for_the_same_seed_and_index()
    {
        IReadOnlyList<BodyShape> shapes = BodyShapes.Create();
        BodyMutant first = BodyMutator.Create(Seed, 12_345, shapes);
        BodyMutant again = BodyMutator.Create(Seed, 12_345, shapes);
        BodyMutant other = BodyMutator.Create(Seed + 1, 12_345, shapes);

        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.Operations, again.Operations);
        Assert.NotEqual(first.Body, other.Body);
    }

    [Fact]
    public void A_reader_exception_other_than_a_format_error_is_a_finding_with_its_stack()
    {
        BodyShape shape = Fake(_ => throw new OverflowException("too large"), _ => Array.Empty<byte>());

        Finding? finding = BodyHarness.Run(shape, Body.Utf8("{}"), Array.Empty<string>()).Finding;

        Assert.Equal(FindingKinds.ReaderException, finding?.Kind);
        Assert.Contains(nameof(A_reader_exception_other_than_a_format_error_is_a_finding_with_its_stack), finding!.Stack);
    }

    [Fact]
    public void A_format_error_that_repeats_part_of_a_planted_value_is_a_finding()
    {
        BodyShape shape = Fake(_ => throw new TelemetryFormatException("$.name", "'zq8h1k2j3l' is not allowed"), _ => Array.Empty<byte>());

        BodyOutcome echo = BodyHarness.Run(shape, Body.Utf8("{}"), new[] { "zq8h1k2j3l4m" });
        BodyOutcome other = BodyHarness.Run(shape, Body.Utf8("{}"), new[] { "zq0000000000" });

        Assert.Equal(FindingKinds.MessageEcho, echo.Finding?.Kind);
        Assert.Null(other.Finding);
    }

    [Fact]
    public void The_strict_reader_rejects_a_planted_unknown_key_and_value_without_repeating_them()
    {
        BodyShape shape = BodyShapes.Create().Single(s => s.Name == "usage_report");
        byte[] body = Body.Utf8(Body.Prepend(SeedPayload.ExpectedJson, "installation", "\"zq5x5x5x5x5x\":\"31415926535897932384\""));

        BodyOutcome outcome = BodyHarness.Run(shape, body, new[] { "zq5x5x5x5x5x", "31415926535897932384" });

        Assert.False(outcome.Accepted);
        Assert.Null(outcome.Finding);
    }

    [Fact]
    public void An_accepted_body_that_writes_back_to_other_bytes_each_time_is_a_finding()
    {
        int writes = 0;
        BodyShape shape = Fake(body => body, _ => new[] { (byte)writes++ });

        BodyOutcome outcome = BodyHarness.Run(shape, Body.Utf8("{}"), Array.Empty<string>());

        Assert.True(outcome.Accepted);
        Assert.Equal(FindingKinds.RoundTrip, outcome.Finding?.Kind);
    }

    [Fact]
    public void An_accepted_body_that_writes_back_longer_than_the_size_bound_still_round_trips()
    {
        // 1e9 is written back as 1000000000: 8,000 of them are 32 KB in and 88 KB out, past the 64 KiB bound.
        BodyShape shape = BodyShapes.Create().Single(s => s.Name == "wide_payload");
        string wide = TelemetrySerializer.SerializeToString(WideSample.Create());
        byte[] body = Body.Utf8(Body.With(wide, "collections.ratios", "[" + string.Join(",", Enumerable.Repeat("1e9", 8_000)) + "]"));

        BodyOutcome outcome = BodyHarness.Run(shape, body, Array.Empty<string>());

        Assert.True(body.Length < TelemetrySerializer.DefaultMaxBodyBytes);
        Assert.True(shape.Write(shape.Read(body)).Length > TelemetrySerializer.DefaultMaxBodyBytes);
        Assert.True(outcome.Accepted);
        Assert.Null(outcome.Finding);
    }

    private static BodyShape Fake(Func<byte[], object> read, Func<object, byte[]> write) => BodyShape.Custom("fake", new[] { Body.Utf8("{}") }, read, write);
}
