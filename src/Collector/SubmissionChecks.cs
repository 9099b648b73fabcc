namespace PiiGuard.Collector;

/// <summary>
/// What the strict reader cannot know, checked for every payload: the installation id is a random UUID, the app's own
/// rules hold, the week is one the collector keeps, and the submission was not sent in the future. Each problem names
/// a JSON path, never a value.
/// </summary>
internal static class SubmissionChecks
{
    /// <summary>The first problem of <paramref name="submission"/> as <c>"$.path: problem"</c>, or null when it is fine.</summary>
    /// <param name="submission">The submission the strict reader read.</param>
    /// <param name="now">The collector's time.</param>
    /// <param name="options">The collector's options: the week, the app's rules, the retention.</param>
    /// <param name="idPath">The JSON path of the payload's installation id.</param>
    /// <param name="installationId">The installation id, when there is no problem.</param>
    /// <param name="weekStart">The week, when there is no problem.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Check<TPayload>(TelemetrySubmission<TPayload> submission, DateTimeOffset now, TelemetryCollectorOptions<TPayload> options, string idPath, out Guid installationId, out DateOnly weekStart)
    {
        weekStart = default;

        // A random UUID (version 4, RFC 4122 variant): a version 1 UUID carries a MAC address, 3 and 5 derive from names.
        if (!TelemetryEnvelope.TryGetInstallationId(submission.Payload, out installationId) || !IsRandom(installationId))
        {
            return idPath + ": not a random (version 4) UUID";
        }

        if (options.Validate?.Invoke(submission.Payload) is { } problem)
        {
            return problem;
        }

        DateTimeOffset week = options.Week!(submission.Payload);
        if (!TelemetryPeriods.IsStartOf(week, Period.Week))
        {
            return options.WeekPath + ": a week starts on a Monday at 00:00 UTC";
        }

        // Compared without adding 7 days to the week: a week at the end of the calendar must not overflow into a 500.
        if (week > now + TelemetryCollectorOptions.ClockSkew - TimeSpan.FromDays(7))
        {
            return options.WeekPath + ": the week is not over yet";
        }

        if (week < now - options.Retention)
        {
            return options.WeekPath + ": older than the collector keeps statistics";
        }

        if (submission.SubmissionTimestamp > now + TelemetryCollectorOptions.ClockSkew)
        {
            return "$." + TelemetryEnvelope.SubmissionTimestampProperty + ": in the future";
        }

        weekStart = DateOnly.FromDateTime(week.UtcDateTime);
        return null;
    }

    private static bool IsRandom(Guid id)
    {
        Span<char> text = stackalloc char[36];
        id.TryFormat(text, out _, "D");
        return text[14] == '4' && text[19] is '8' or '9' or 'a' or 'b';
    }
}
