using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Printernizer;

namespace PiiGuard.Collector;

/// <summary>
/// <c>POST /v1/submissions</c> and <c>DELETE /v1/installations/{id}</c>: what clients call. Clients hold no credential;
/// an installation id is a random UUID only its client knows. Errors are problem+json bodies that name the JSON path
/// and the problem, never a value from the request.
/// </summary>
public static class SubmissionEndpoints
{
    /// <summary>Maps the client endpoints.</summary>
    /// <param name="app">The app.</param>
    public static void MapSubmissionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/submissions", SubmitAsync);
        app.MapDelete("/v1/installations/{id}", DeleteInstallation);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, CollectorStore store, CollectorOptions options, TimeProvider time)
    {
        if (!IsJson(context.Request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "the body must be application/json in UTF-8");
        }

        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            return TooLarge(options);
        }

        byte[]? body = await ReadBodyAsync(context, options.MaxBodyBytes);
        if (body is null)
        {
            return TooLarge(options);
        }

        TelemetrySubmission<UsageReport> submission;
        try
        {
            submission = TelemetryEnvelope.Read<UsageReport>(body, options.MaxBodyBytes);
        }
        catch (TelemetryFormatException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid submission", e.Message);
        }

        DateTimeOffset now = time.GetUtcNow();
        if (SubmissionRules.Check(submission, now, options.Retention) is { } problem)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid submission", problem);
        }

        UsageReport report = submission.Payload;
        DateOnly week = DateOnly.FromDateTime(report.Period.Start.UtcDateTime);
        string expectedKey = report.Installation.InstallationId.ToString("N") + "-" + week.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (context.Request.Headers["Idempotency-Key"] is { Count: > 0 } keys && (keys.Count != 1 || keys[0] != expectedKey))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid submission", "the Idempotency-Key header does not match the installation and week of the body");
        }

        var stored = new StoredSubmission(report.Installation.InstallationId, week, submission.SchemaVersion.ToString(), TelemetrySerializer.SerializeToString(report));
        (StoreOutcome outcome, TimeSpan retryAfter) = store.Store(stored, now);
        switch (outcome)
        {
            case StoreOutcome.Accepted:
                return Results.Json(new StatusBody("accepted"), statusCode: StatusCodes.Status201Created);
            case StoreOutcome.Duplicate:
                return Results.Json(new StatusBody("duplicate: this installation's week is already stored, counted once"), statusCode: StatusCodes.Status200OK);
            default:
                context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status429TooManyRequests, "Too many submissions", "at most one submission an hour per installation");
        }
    }

    private static IResult DeleteInstallation(string id, CollectorStore store)
    {
        if (!Guid.TryParseExact(id, "D", out Guid installationId))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid installation id", "expected a UUID such as 550e8400-e29b-41d4-a716-446655440000");
        }

        store.DeleteInstallation(installationId);
        return Results.NoContent();
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? type) &&
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) &&
        (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) &&
        type.Parameters.All(parameter => parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));

    // At most maxBytes; null when the body is longer.
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int maxBytes)
    {
        // Kestrel counts the framing of a chunked body (chunk sizes, line ends) against its limit, so a chunked body
        // under the limit could get 413. Without a Content-Length the loop below bounds the body itself, to the byte;
        // what an over-long body still sends after the answer, Kestrel drains for at most 5 seconds.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = context.Request.ContentLength is null ? null : maxBytes + 1L;
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, 4096));
        try
        {
            while (true)
            {
                Memory<byte> chunk = buffer.GetMemory(4096);
                int read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static IResult TooLarge(CollectorOptions options) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Submission too large", $"the body is over {options.MaxBodyBytes} bytes");

    internal static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    private sealed record StatusBody(string Status);
}
