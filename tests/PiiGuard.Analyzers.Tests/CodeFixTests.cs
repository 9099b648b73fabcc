using System.Threading.Tasks;
using PiiGuard.CodeFixes;
using AddAggregated = PiiGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<PiiGuard.Analyzers.PreciseTimestampAnalyzer, PiiGuard.CodeFixes.AddAggregatedCodeFixProvider>;
using RemoveFromPersonalName = PiiGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<PiiGuard.Analyzers.PersonalNameAnalyzer, PiiGuard.CodeFixes.RemoveTelemetryFieldCodeFixProvider>;
using RemoveFromForbiddenType = PiiGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<PiiGuard.Analyzers.ForbiddenTypeAnalyzer, PiiGuard.CodeFixes.RemoveTelemetryFieldCodeFixProvider>;
using RemoveFromIdentifier = PiiGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<PiiGuard.Analyzers.IdentifierAnalyzer, PiiGuard.CodeFixes.RemoveTelemetryFieldCodeFixProvider>;
using RemoveFromBehaviour = PiiGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<PiiGuard.Analyzers.LocationAndBehaviourAnalyzer, PiiGuard.CodeFixes.RemoveTelemetryFieldCodeFixProvider>;
using RemoveFromFreeText = PiiGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<PiiGuard.Analyzers.FreeTextAnalyzer, PiiGuard.CodeFixes.RemoveTelemetryFieldCodeFixProvider>;
using RemoveFromPreciseTime = PiiGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<PiiGuard.Analyzers.PreciseTimestampAnalyzer, PiiGuard.CodeFixes.RemoveTelemetryFieldCodeFixProvider>;

namespace PiiGuard.Analyzers.Tests;

public class CodeFixTests
{
    [Fact]
    public Task Adds_Aggregated_Week_to_every_precise_member_with_Fix_All_in_the_files_own_style() =>
        AddAggregated.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public DateTimeOffset {|PII002:Started|} { get; set; }

                [TelemetryField("last_job")]
                public DateTime? {|PII002:LastJob|} { get; set; }

                [TelemetryField] public List<DateTime> {|PII002:Runs|} = new();
            }
            """, """
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, Aggregated(Week)] public DateTimeOffset Started { get; set; }

                [TelemetryField("last_job"), Aggregated(Week)]
                public DateTime? LastJob { get; set; }

                [TelemetryField, Aggregated(Week)] public List<DateTime> Runs = new();
            }
            """);

    [Fact]
    public Task Adds_Aggregated_to_a_record_primary_constructor_property() =>
        AddAggregated.VerifyAsync("""
            [TelemetryPayload]
            public record Stats([property: TelemetryField] DateTimeOffset {|PII002:Start|}, [property: TelemetryField] int Jobs);
            """, """
            [TelemetryPayload]
            public record Stats([property: TelemetryField, Aggregated(Week)] DateTimeOffset Start, [property: TelemetryField] int Jobs);
            """);

    [Fact]
    public Task Adds_the_PiiGuard_using_when_the_file_spells_attributes_out() =>
        AddAggregated.VerifyAsync("""
            using System;

            [PiiGuard.TelemetryPayload]
            public class Stats
            {
                [PiiGuard.TelemetryField] public DateTimeOffset {|PII002:Started|} { get; set; }
            }
            """, """
            using System;
            using PiiGuard;

            [PiiGuard.TelemetryPayload]
            public class Stats
            {
                [PiiGuard.TelemetryField, Aggregated(Period.Week)] public DateTimeOffset Started { get; set; }
            }
            """, addUsings: false);

    [Fact]
    public Task Adds_Period_Week_when_the_file_has_no_static_using() =>
        AddAggregated.VerifyAsync("""
            using System;
            using PiiGuard;

            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField]
                public DateTime {|PII002:LastSeen|} { get; set; }
            }
            """, """
            using System;
            using PiiGuard;

            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, Aggregated(Period.Week)]
                public DateTime LastSeen { get; set; }
            }
            """, addUsings: false);

    [Fact]
    public Task Does_not_offer_Aggregated_where_it_would_not_fix_the_member() =>
        AddAggregated.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public long {|PII002:CreatedAt|} { get; set; }
                [TelemetryField, Aggregated(Week)] public int {|PII002:JobCount|} { get; set; }
            }
            """, """
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public long {|PII002:CreatedAt|} { get; set; }
                [TelemetryField, Aggregated(Week)] public int {|PII002:JobCount|} { get; set; }
            }
            """);

    [Fact]
    public Task Removes_TelemetryField_keeping_the_member_and_its_layout() =>
        RemoveFromPersonalName.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                /// <summary>The printer's address.</summary>
                [TelemetryField]
                public string {|PII001:PrinterIp|} { get; set; } = "";

                [TelemetryField] public string {|PII001:FilePath|} = "";

                [Obsolete]
                [TelemetryField(Purpose = "x")]
                public string {|PII001:HostName|} { get; set; } = "";

                [TelemetryField, Obsolete] public string {|PII001:Email|} { get; set; } = "";

                [TelemetryField] public int JobCount { get; set; }
            }
            """, """
            [TelemetryPayload]
            public class Stats
            {
                /// <summary>The printer's address.</summary>
                public string PrinterIp { get; set; } = "";

                public string FilePath = "";

                [Obsolete]
                public string HostName { get; set; } = "";

                [Obsolete] public string Email { get; set; } = "";

                [TelemetryField] public int JobCount { get; set; }
            }
            """);

    [Fact]
    public Task Removes_TelemetryField_from_record_parameters() =>
        RemoveFromPersonalName.VerifyAsync("""
            [TelemetryPayload]
            public record Stats(
                [property: TelemetryField] string {|PII001:HostName|},
                [property: TelemetryField] int Jobs);
            """, """
            [TelemetryPayload]
            public record Stats(
                string HostName,
                [property: TelemetryField] int Jobs);
            """);

    [Fact]
    public Task Remove_fixes_every_rule() =>
        Task.WhenAll(
            RemoveFromForbiddenType.VerifyAsync(
                "[TelemetryPayload] public class S { [TelemetryField] public Exception? {|PII003:Error|} { get; set; } }",
                "[TelemetryPayload] public class S { public Exception? Error { get; set; } }"),
            RemoveFromIdentifier.VerifyAsync(
                "[TelemetryPayload] public class S { [TelemetryField] public Guid {|PII004:SessionId|} { get; set; } }",
                "[TelemetryPayload] public class S { public Guid SessionId { get; set; } }"),
            RemoveFromBehaviour.VerifyAsync(
                "[TelemetryPayload] public class S { [TelemetryField] public int {|PII005:Clicks|} { get; set; } }",
                "[TelemetryPayload] public class S { public int Clicks { get; set; } }"),
            RemoveFromFreeText.VerifyAsync(
                "[TelemetryPayload] public class S { [TelemetryField] public string {|PII006:Channel|} { get; set; } = \"\"; }",
                "[TelemetryPayload] public class S { public string Channel { get; set; } = \"\"; }"),
            RemoveFromPreciseTime.VerifyAsync(
                "[TelemetryPayload] public class S { [TelemetryField] public DateTime {|PII002:At|} { get; set; } }",
                "[TelemetryPayload] public class S { public DateTime At { get; set; } }"));

    [Fact]
    public void Fix_All_is_supported()
    {
        Assert.NotNull(new AddAggregatedCodeFixProvider().GetFixAllProvider());
        Assert.NotNull(new RemoveTelemetryFieldCodeFixProvider().GetFixAllProvider());
    }
}
