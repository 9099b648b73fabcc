using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII002: a payload member holds a precise point in time: a <c>DateTime</c> or <c>DateTimeOffset</c>
/// (nullable, or inside a collection) without <c>[Aggregated]</c>, or a number or text named as a point in time
/// (<c>CreatedAt</c>, <c>LastSeenUnix</c>, <c>EventTicks</c>). Also reports <c>[Aggregated]</c> on a member that is
/// not a <c>DateTime</c> or <c>DateTimeOffset</c>. Durations (<c>TimeSpan</c>, <c>UptimeHours</c>) are fine.
/// </summary>
public sealed class PreciseTimestampAnalyzer : PayloadAnalyzer
{
    /// <summary>The diagnostic property that tells the code fix what was found.</summary>
    public const string KindProperty = "PiiGuard.PreciseTimeKind";

    /// <summary>A <c>DateTime</c> or <c>DateTimeOffset</c> without <c>[Aggregated]</c>: adding it fixes the member.</summary>
    public const string NotAggregated = "NotAggregated";

    /// <summary>A number or text named as a point in time.</summary>
    public const string PointInTimeName = "PointInTimeName";

    /// <summary><c>[Aggregated]</c> on a member that is not a point in time.</summary>
    public const string MisplacedAggregated = "MisplacedAggregated";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PreciseTime);

    private protected override void AnalyzeMember(PayloadMember member, Action<Diagnostic> report)
    {
        bool aggregated = member.HasAttribute(member.Symbols.AggregatedAttribute);
        bool pointInTime = member.Shape.HasPointInTime(member.Symbols);

        if (aggregated && !pointInTime)
        {
            Report(member, report, MisplacedAggregated,
                $"'{member.DisplayName}' is marked [Aggregated] but its type '{member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' is not a point in time; only DateTime and DateTimeOffset members can be aggregated: remove [Aggregated]");
        }
        else if (!aggregated && pointInTime)
        {
            Report(member, report, NotAggregated,
                $"'{member.DisplayName}' is a precise point in time, which can identify a person by timing; add [Aggregated(Period.Week)] or [Aggregated(Period.Day)] to round it to a bucket before it is stored or sent");
        }
        else if (!pointInTime && member.FindPointInTimeName() is { } word)
        {
            Report(member, report, PointInTimeName,
                $"'{member.DisplayName}' is named like a point in time ('{word}'), and as a number or text it is exact; use a DateTimeOffset with [Aggregated(Period.Week)], or send a duration or a count");
        }
    }

    private static void Report(PayloadMember member, Action<Diagnostic> report, string kind, string message) =>
        report(member.CreateDiagnostic(Descriptors.PreciseTime, ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind), message));
}
