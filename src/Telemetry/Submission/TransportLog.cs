using Microsoft.Extensions.Logging;

namespace PiiGuard.Telemetry.Submission;

/// <summary>
/// <see cref="Uploader"/>'s log messages. None carries the installation id, the payload, the
/// idempotency key, the endpoint's path or query, or an exception's message (which can name hosts): only the
/// operation, the HTTP status, the exception's type and what a redirect's scheme was.
/// </summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 101, EventName = "TelemetryRequestAccepted", Level = LogLevel.Debug,
        Message = "Telemetry {Operation} accepted by the collector (HTTP {StatusCode}).")]
    public static partial void Accepted(ILogger logger, TransportOperation operation, int statusCode);

    [LoggerMessage(EventId = 102, EventName = "TelemetryRequestRetryLater", Level = LogLevel.Information,
        Message = "Telemetry {Operation}: the collector asked to retry later (HTTP {StatusCode}) in {RetryAfterSeconds} s.")]
    public static partial void RetryLaterAfter(ILogger logger, TransportOperation operation, int statusCode, long retryAfterSeconds);

    [LoggerMessage(EventId = 103, EventName = "TelemetryRequestRetryLaterUnspecified", Level = LogLevel.Information,
        Message = "Telemetry {Operation}: the collector asked to retry later (HTTP {StatusCode}) without saying when.")]
    public static partial void RetryLater(ILogger logger, TransportOperation operation, int statusCode);

    [LoggerMessage(EventId = 104, EventName = "TelemetryRequestRejected", Level = LogLevel.Warning,
        Message = "Telemetry {Operation} rejected by the collector (HTTP {StatusCode}); it is not sent again as it is.")]
    public static partial void Rejected(ILogger logger, TransportOperation operation, int statusCode);

    [LoggerMessage(EventId = 105, EventName = "TelemetryRequestFailed", Level = LogLevel.Warning,
        Message = "Telemetry {Operation} failed without an answer from the collector: {ExceptionType} ({RequestError}).")]
    public static partial void Failed(ILogger logger, TransportOperation operation, string exceptionType, string requestError);

    [LoggerMessage(EventId = 106, EventName = "TelemetryRequestTimedOut", Level = LogLevel.Warning,
        Message = "Telemetry {Operation} timed out after {TimeoutMilliseconds} ms.")]
    public static partial void TimedOut(ILogger logger, TransportOperation operation, long timeoutMilliseconds);

    [LoggerMessage(EventId = 107, EventName = "TelemetryRedirectFollowed", Level = LogLevel.Debug,
        Message = "Telemetry {Operation}: following a redirect (HTTP {StatusCode}), {Redirect} of at most {MaxRedirects}.")]
    public static partial void RedirectFollowed(ILogger logger, TransportOperation operation, int statusCode, int redirect, int maxRedirects);

    [LoggerMessage(EventId = 108, EventName = "TelemetryRedirectRefusedLocation", Level = LogLevel.Warning,
        Message = "Telemetry {Operation}: refused a redirect (HTTP {StatusCode}) to a '{Scheme}' location: only HTTPS locations without user information are followed.")]
    public static partial void RedirectRefusedLocation(ILogger logger, TransportOperation operation, int statusCode, string scheme);

    [LoggerMessage(EventId = 109, EventName = "TelemetryRedirectRefusedMethod", Level = LogLevel.Warning,
        Message = "Telemetry {Operation}: refused a redirect (HTTP {StatusCode}) that would turn the request into a GET.")]
    public static partial void RedirectRefusedMethod(ILogger logger, TransportOperation operation, int statusCode);

    [LoggerMessage(EventId = 110, EventName = "TelemetryRedirectLimit", Level = LogLevel.Warning,
        Message = "Telemetry {Operation}: refused a redirect (HTTP {StatusCode}) after following {MaxRedirects}.")]
    public static partial void TooManyRedirects(ILogger logger, TransportOperation operation, int statusCode, int maxRedirects);

    [LoggerMessage(EventId = 111, EventName = "TelemetryRedirectWithoutLocation", Level = LogLevel.Warning,
        Message = "Telemetry {Operation}: refused a redirect (HTTP {StatusCode}) without a usable Location.")]
    public static partial void RedirectWithoutLocation(ILogger logger, TransportOperation operation, int statusCode);

    [LoggerMessage(EventId = 112, EventName = "TelemetryRequestUnknownStatus", Level = LogLevel.Warning,
        Message = "Telemetry {Operation}: the collector answered with HTTP {StatusCode}, which is no HTTP status; taken as a failure.")]
    public static partial void UnknownStatus(ILogger logger, TransportOperation operation, int statusCode);

    [LoggerMessage(EventId = 113, EventName = "TelemetryRedirectFollowedByHandler", Level = LogLevel.Warning,
        Message = "Telemetry {Operation}: the host's HTTP handler followed a redirect to a '{Scheme}' location or changed the method to {Method}; the answer is not taken. Set AllowAutoRedirect = false on the handler (PiiGuardTelemetryHttp.CreateHandler does).")]
    public static partial void RedirectFollowedByHandler(ILogger logger, TransportOperation operation, string scheme, string method);
}
