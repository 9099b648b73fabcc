using Microsoft.Extensions.Logging;

namespace PiiGuard;

/// <summary>
/// Everything the runtime logs. No message carries a statistic, the installation id, an exception message, a path
/// or the endpoint's path and query: only what happened, counts, HTTP status codes and exception type names.
/// </summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(1, LogLevel.Warning, "The usage statistics database was damaged; it was moved aside as '{AsideFileName}' and a new one was created. Consent must be given again.")]
    public static partial void CorruptStoreMovedAside(ILogger logger, string asideFileName);

    [LoggerMessage(2, LogLevel.Warning, "The usage statistics database is unavailable ({Problem}); nothing is recorded until it can be opened.")]
    public static partial void StoreUnavailable(ILogger logger, string problem);

    [LoggerMessage(3, LogLevel.Warning, "Writing usage statistics failed ({Problem}); {Count} values stay in memory and are written at the next flush.")]
    public static partial void FlushFailed(ILogger logger, string problem, int count);

    [LoggerMessage(4, LogLevel.Information, "Usage statistics: the user opted in (schema version {SchemaVersion}).")]
    public static partial void OptedIn(ILogger logger, string schemaVersion);

    [LoggerMessage(5, LogLevel.Information, "Usage statistics: the user opted out; local data {LocalData}, remote deletion {RemoteDeletion}.")]
    public static partial void OptedOut(ILogger logger, string localData, string remoteDeletion);

    [LoggerMessage(6, LogLevel.Information, "Usage statistics: local data deleted.")]
    public static partial void LocalDataDeleted(ILogger logger);

    [LoggerMessage(7, LogLevel.Information, "Usage statistics: the week of {WeekStart} was submitted (HTTP {StatusCode}).")]
    public static partial void WeekSubmitted(ILogger logger, string weekStart, int? statusCode);

    [LoggerMessage(8, LogLevel.Warning, "Usage statistics: submitting the week of {WeekStart} failed ({Outcome}, HTTP {StatusCode}); next attempt in {Delay}.")]
    public static partial void SubmissionRetry(ILogger logger, string weekStart, string outcome, int? statusCode, System.TimeSpan delay);

    [LoggerMessage(9, LogLevel.Warning, "Usage statistics: the collector refused the week of {WeekStart} (HTTP {StatusCode}); it will not be sent again.")]
    public static partial void WeekRejected(ILogger logger, string weekStart, int? statusCode);

    [LoggerMessage(10, LogLevel.Warning, "Usage statistics: {Count} waiting weeks were over the limit of {Limit} and were dropped unsent.")]
    public static partial void WeeksDropped(ILogger logger, int count, int limit);

    [LoggerMessage(11, LogLevel.Information, "Usage statistics: the collector acknowledged a deletion request.")]
    public static partial void DeletionAcknowledged(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "Usage statistics: a deletion request failed ({Outcome}, HTTP {StatusCode}); next attempt in {Delay}.")]
    public static partial void DeletionRetry(ILogger logger, string outcome, int? statusCode, System.TimeSpan delay);

    [LoggerMessage(13, LogLevel.Information, "Usage statistics: the app ships payload schema version {CurrentVersion}, newer than the {ConsentedVersion} the user agreed to; recording and submission are paused until the user consents again.")]
    public static partial void NeedsConsent(ILogger logger, string currentVersion, string consentedVersion);

    [LoggerMessage(14, LogLevel.Error, "Usage statistics: the scheduled work failed ({ExceptionType}); it runs again at the next interval.")]
    public static partial void ScheduledWorkFailed(ILogger logger, string exceptionType);
}
