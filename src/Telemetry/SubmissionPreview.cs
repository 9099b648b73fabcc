using System;

namespace PiiGuard;

/// <summary>The exact body the next submission would send.</summary>
/// <remarks>
/// Made by <see cref="UsageStatistics.PreviewNextSubmission"/> only. A record with init-only properties and no public
/// constructor, so that properties can be added without breaking callers.
/// </remarks>
public sealed record SubmissionPreview
{
    internal SubmissionPreview()
    {
    }

    /// <summary>Gets the Monday of the week it covers.</summary>
    public required DateTimeOffset WeekStart { get; init; }

    /// <summary>Gets whether that week is over; false for a preview of the week in progress.</summary>
    public required bool IsComplete { get; init; }

    /// <summary>Gets the UTF-8 JSON, byte for byte as it would be sent (the submission timestamp is the current hour).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the body as text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body.Span);
}
