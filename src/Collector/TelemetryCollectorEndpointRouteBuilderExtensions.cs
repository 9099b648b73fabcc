using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PiiGuard;
using PiiGuard.Collector;
using PiiGuard.Collector.Storage;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the PiiGuard collector's endpoints.</summary>
public static class TelemetryCollectorEndpointRouteBuilderExtensions
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Maps the collector of <typeparamref name="TPayload"/>: <c>POST /v1/submissions</c> and
    /// <c>DELETE /v1/installations/{id}</c>, which clients call without a credential, and under <c>/v1/admin</c>
    /// the statistics (<c>statistics</c>, <c>export.json</c>, <c>export.csv</c>) and the deletion check
    /// (<c>installations/{id}</c>), which need the admin's bearer token. Errors are problem+json bodies that name a JSON
    /// path and the problem, never a value from the request. Nothing logs a client address or an installation id.
    /// </summary>
    /// <typeparam name="TPayload">
    /// The <c>[TelemetryPayload]</c> type, with a schema version and a non-nullable <see cref="Guid"/> marked
    /// <c>[InstallationId]</c> at its root or in its non-nullable objects.
    /// </typeparam>
    /// <param name="endpoints">The app.</param>
    /// <returns>The group of the collector's endpoints, to add conventions to.</returns>
    /// <exception cref="InvalidOperationException">
    /// <typeparamref name="TPayload"/> has no generated serializer, no schema version or no such installation id, or
    /// <c>AddTelemetryCollector&lt;TPayload&gt;</c> was not called.
    /// </exception>
    public static IEndpointConventionBuilder MapTelemetryCollector<TPayload>(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string type = typeof(TPayload).FullName ?? typeof(TPayload).Name;
        if (TelemetrySchema.For<TPayload>().Version is null)
        {
            throw new InvalidOperationException($"The collector cannot receive '{type}': it declares no schema version. Set [TelemetryPayload(SchemaVersion = \"1.0\")].");
        }

        if (TelemetryEnvelope.InstallationIdPath<TPayload>() is not { } idPath)
        {
            throw new InvalidOperationException(
                $"The collector cannot receive '{type}': it has no [InstallationId] the collector can read. Mark one non-nullable Guid member [InstallationId], at the payload's root or in its non-nullable objects (not in a collection): the collector keeps one submission per installation and week and deletes an installation's data by it.");
        }

        if (endpoints.ServiceProvider.GetService<CollectorRegistration>()?.PayloadType != typeof(TPayload))
        {
            throw new InvalidOperationException($"Call builder.Services.AddTelemetryCollector<{typeof(TPayload).Name}>(...) before MapTelemetryCollector<{typeof(TPayload).Name}>().");
        }

        RouteGroupBuilder collector = endpoints.MapGroup("/v1").AddEndpointFilter(RequireHttps);
        collector.MapPost("/submissions", (HttpContext context, CollectorStore store, IOptions<TelemetryCollectorOptions<TPayload>> options, TimeProvider time, ILoggerFactory logs) =>
            SubmitAsync(context, store, options.Value, idPath, time, logs));
        collector.MapDelete("/installations/{id}", async (string id, CollectorStore store, ILoggerFactory logs, CancellationToken cancellationToken) =>
        {
            if (!Guid.TryParseExact(id, "D", out Guid installationId))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid installation id", "expected a UUID such as 550e8400-e29b-41d4-a716-446655440000");
            }

            return await Storing(logs, async () =>
            {
                await store.DeleteInstallationAsync(installationId, cancellationToken);
                return Results.NoContent();
            });
        });

        RouteGroupBuilder admin = collector.MapGroup("/admin").AddEndpointFilter(RequireAdmin);
        admin.MapGet("/statistics", async (CollectorStore store, TelemetryCollectorOptions options, ILoggerFactory logs, CancellationToken cancellationToken) =>
            await Storing(logs, async () => Results.Bytes(PopulationStatistics.ToJson(await PopulationStatistics.ComputeAsync(store, options.MinimumGroupSize, cancellationToken)), "application/json")));
        admin.MapGet("/export.json", async (HttpContext context, CollectorStore store, TelemetryCollectorOptions options, ILoggerFactory logs, CancellationToken cancellationToken) =>
            await Storing(logs, async () =>
            {
                byte[] json = PopulationStatistics.ToJson(await PopulationStatistics.ComputeAsync(store, options.MinimumGroupSize, cancellationToken));
                context.Response.Headers.ContentDisposition = "attachment; filename=\"statistics.json\"";
                return Results.Bytes(json, "application/json");
            }));
        admin.MapGet("/export.csv", async (HttpContext context, CollectorStore store, TelemetryCollectorOptions options, ILoggerFactory logs, CancellationToken cancellationToken) =>
            await Storing(logs, async () =>
            {
                string csv = PopulationStatistics.ToCsv(await PopulationStatistics.ComputeAsync(store, options.MinimumGroupSize, cancellationToken));
                context.Response.Headers.ContentDisposition = "attachment; filename=\"statistics.csv\"";
                return Results.Text(csv, "text/csv; charset=utf-8");
            }));
        admin.MapGet("/installations/{id}", async (string id, CollectorStore store, ILoggerFactory logs, CancellationToken cancellationToken) =>
        {
            if (!Guid.TryParseExact(id, "D", out Guid installationId))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid installation id", "expected a UUID");
            }

            return await Storing(logs, async () =>
                Results.Json(new { installation_id = installationId, submissions = await store.CountInstallationAsync(installationId, cancellationToken) }, Json));
        });
        return collector;
    }

    private static async Task<IResult> SubmitAsync<TPayload>(HttpContext context, CollectorStore store, TelemetryCollectorOptions<TPayload> options, string idPath, TimeProvider time, ILoggerFactory logs)
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

        TelemetrySubmission<TPayload> submission;
        try
        {
            submission = TelemetryEnvelope.Read<TPayload>(body, options.MaxBodyBytes);
        }
        catch (TelemetryFormatException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid submission", e.Message);
        }

        DateTimeOffset now = time.GetUtcNow();
        if (SubmissionChecks.Check(submission, now, options, idPath, out Guid installationId, out DateOnly weekStart) is { } problem)
        {
            return Invalid(problem);
        }

        string expectedKey = installationId.ToString("N") + "-" + weekStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (context.Request.Headers["Idempotency-Key"] is { Count: > 0 } keys && (keys.Count != 1 || keys[0] != expectedKey))
        {
            return Invalid("the Idempotency-Key header does not match the installation and week of the body");
        }

        var stored = new StoredSubmission(installationId, weekStart, submission.SchemaVersion.ToString(), TelemetrySerializer.SerializeToString(submission.Payload));
        return await Storing(logs, async () =>
        {
            (StoreOutcome outcome, TimeSpan retryAfter) = await store.StoreAsync(stored, now, context.RequestAborted);
            switch (outcome)
            {
                case StoreOutcome.Accepted:
                    return Results.Json(new StatusBody("accepted"), Json, statusCode: StatusCodes.Status201Created);
                case StoreOutcome.Duplicate:
                    return Results.Json(new StatusBody("duplicate: this installation's week is already stored, counted once"), Json, statusCode: StatusCodes.Status200OK);
                default:
                    context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    return Problem(StatusCodes.Status429TooManyRequests, "Too many submissions", "at most one submission an hour per installation");
            }
        });
    }

    // A storage failure (the database unreachable, a disk full) is 503 and one log line with the exception's type: its
    // message can hold a statement's values.
    private static async Task<IResult> Storing(ILoggerFactory logs, Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is DbException or TimeoutException or IOException)
        {
            logs.CreateLogger("PiiGuard.Collector").LogError("The collector's storage failed ({ExceptionType}).", e.GetType().Name);
            return Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "the collector could not reach its database; try again later");
        }
    }

    private static async ValueTask<object?> RequireHttps(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // HTTPS only: a plain-HTTP request (a misconfigured listener) is refused, never served.
        if (!context.HttpContext.Request.IsHttps && context.HttpContext.RequestServices.GetRequiredService<TelemetryCollectorOptions>().RequireHttps)
        {
            return Results.StatusCode(StatusCodes.Status421MisdirectedRequest);
        }

        return await next(context);
    }

    private static async ValueTask<object?> RequireAdmin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        AdminCredential credential = context.HttpContext.RequestServices.GetRequiredService<AdminCredential>();
        string? header = context.HttpContext.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal) || !credential.Matches(header["Bearer ".Length..]))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "Admin credential required", "these endpoints need the collector's admin token");
        }

        return await next(context);
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

    private static IResult TooLarge(TelemetryCollectorOptions options) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Submission too large", $"the body is over {options.MaxBodyBytes} bytes");

    private static IResult Invalid(string problem) => Problem(StatusCodes.Status400BadRequest, "Invalid submission", problem);

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    private sealed record StatusBody(string Status);
}
