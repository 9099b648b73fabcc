using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.PreciseTimestampAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

public class PreciseTimestampAnalyzerTests
{
    [Fact]
    public Task Reports_DateTime_and_DateTimeOffset_without_Aggregated() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public DateTime {|PII002:LastJob|} { get; set; }
                [TelemetryField] public DateTimeOffset {|PII002:Started|} { get; set; }
                [TelemetryField] public DateTime? {|PII002:Finished|} { get; set; }
                [TelemetryField] public DateTimeOffset? {|PII002:LastError|};
                [TelemetryField] public List<DateTimeOffset> {|PII002:Runs|} { get; set; } = new();
                [TelemetryField] public DateTime[] {|PII002:Uploads|} { get; set; } = [];
                [TelemetryField] public Dictionary<DateTime, int> {|PII002:JobsPerDay|} { get; set; } = new();
            }
            """);

    [Fact]
    public Task Aggregated_points_in_time_are_fine() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, Aggregated(Week)] public DateTimeOffset PeriodStart { get; set; }
                [TelemetryField, Aggregated(Period.Day)] public DateTime? FirstSeen { get; set; }
                [TelemetryField, Aggregated(Week)] public List<DateTimeOffset> ActiveWeeks { get; set; } = new();
            }

            [TelemetryPayload]
            public record Period2([property: TelemetryField, Aggregated(Week)] DateTimeOffset Start);
            """);

    [Theory]
    [InlineData("long", "CreatedAt")]
    [InlineData("long", "created_at")]
    [InlineData("long", "LastSeenUnix")]
    [InlineData("long", "EventTimestamp")]
    [InlineData("double", "Timestamp")]
    [InlineData("long", "JobTicks")]
    [InlineData("long", "EpochSeconds")]
    [InlineData("int", "StartedAtMs")]
    [InlineData("long", "ModifiedOn")]
    [InlineData("string", "UpdatedAtUtc")]
    [InlineData("List<long>", "UploadTimestamps")]
    // A person's, an occurrence's or a session's point in time, or one of nothing named.
    [InlineData("string", "UserCreatedAt")]
    [InlineData("string", "EventTimestamp")]
    [InlineData("long", "SessionStartedAtMs")]
    [InlineData("long", "CheckoutTimestamp")]
    [InlineData("long", "JobStartedAt")]
    public Task Reports_numbers_and_text_named_as_points_in_time(string type, string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} {|PII002:{{name}}|} { get; set; } = default!;
            }
            """);

    [Theory]
    [InlineData("TimeSpan", "Uptime")]
    [InlineData("int", "UptimeHours")]
    [InlineData("long", "DurationMs")]
    [InlineData("long", "ElapsedTicks")]
    [InlineData("int", "DurationDays")]
    [InlineData("int", "TimeoutSeconds")]
    [InlineData("int", "AttemptCount")]
    [InlineData("int", "Format")]
    [InlineData("bool", "CreatedAt")]
    [InlineData("int", "AddOn")]
    // A point in time of a thing of the software (its build, its release) is the same for every user of it.
    [InlineData("string", "BuildTimestamp")]
    [InlineData("string", "ReleaseCreationTimestamp")]
    [InlineData("long", "ServiceDeployedAtUnix")]
    public Task Durations_and_other_names_are_fine(string type, string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} {{name}} { get; set; }
            }
            """);

    [Fact]
    public Task Aggregated_on_something_that_is_not_a_point_in_time_is_an_error() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, Aggregated(Week)] public int JobCount { get; set; }
                [TelemetryField, Aggregated(Day)] public TimeSpan {|PII002:Uptime|} { get; set; }
                [TelemetryField, Aggregated(Day)] public long {|PII002:CreatedAtUnix|} { get; set; }
            }
            """,
            Verify.Diagnostic(Descriptors.MisplacedAggregated).WithSpan(9, 51, 9, 59).WithArguments("JobCount", "int"));

    [Fact]
    public Task Record_primary_constructor_and_struct_fields() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public record Stats([property: TelemetryField] DateTimeOffset {|PII002:At|}, [property: TelemetryField] long {|PII002:SeenAtUnix|});

            [TelemetryPayload]
            public struct Job
            {
                [TelemetryField] public DateTime {|PII002:When|};
            }
            """);
}
