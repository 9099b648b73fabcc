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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.PreciseTime, Descriptors.PointInTimeName, Descriptors.MisplacedAggregated);

    private protected override void AnalyzeMember(PayloadMember member, in SymbolAnalysisContext context)
    {
        bool aggregated = member.IsAggregated;
        bool pointInTime = member.Shape.HasPointInTime(member.Symbols);

        if (aggregated && !pointInTime)
        {
            Report(member, context, Descriptors.MisplacedAggregated, MisplacedAggregated,
                member.DisplayName, member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
        }
        else if (!aggregated && pointInTime)
        {
            Report(member, context, Descriptors.PreciseTime, NotAggregated, member.DisplayName);
        }
        else if (!pointInTime && member.FindPointInTimeName() is { } word)
        {
            Report(member, context, Descriptors.PointInTimeName, PointInTimeName, member.DisplayName, word);
        }
    }

    private static void Report(PayloadMember member, in SymbolAnalysisContext context, DiagnosticDescriptor descriptor, string kind, params object?[] messageArgs) =>
        context.ReportDiagnostic(member.CreateDiagnostic(descriptor, ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind), messageArgs));
}
