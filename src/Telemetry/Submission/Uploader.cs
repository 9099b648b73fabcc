using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PiiGuard.Telemetry.Submission;

/// <summary>
/// The uploader: sends submissions to the collector and asks it to delete an installation's data, over HTTPS only,
/// and says what came of it as a <see cref="TransportResult"/>. It decides nothing (the <see cref="UploadPolicy"/>
/// does), never retries by itself, and never throws for an HTTP or network problem: only for the caller's
/// cancellation, after <see cref="Dispose"/>, and for arguments it cannot send.
/// </summary>
/// <remarks>
/// <para>
/// It sends with an <see cref="HttpClient"/> the host provides (<see cref="UploaderSettings.HttpClientFactory"/>, such
/// as <c>IHttpClientFactory.CreateClient</c>: asked for one at each request and never disposed), or else with one it
/// builds and owns, whose TLS pins <see cref="UploaderSettings.TrustedRootCertificates"/> when given
/// (<see cref="PiiGuardTelemetryHttp.CreateHandler"/> builds the same handler for a host). The request timeout, the
/// <c>User-Agent</c> and the idempotency key are set per request, so a shared client is never changed.
/// </para>
/// <para>
/// Certificate validation is always on. Redirects are followed by hand, at most <see cref="MaxRedirects"/> times,
/// and only to HTTPS locations; a redirect that would turn a POST into a GET is refused rather than followed. A
/// host's handler that follows redirects itself is checked after the fact: an answer from a location PiiGuard would
/// not have followed, or to a changed method, is not taken.
/// Every clock is the injected <see cref="TimeProvider"/>: the request timeout and the "now" an HTTP-date
/// <c>Retry-After</c> is measured against.
/// </para>
/// </remarks>
internal sealed partial class Uploader : IDisposable
{
    /// <summary>How many redirects one call follows at most.</summary>
    internal const int MaxRedirects = 3;

    /// <summary>How much of a response body is read (and thrown away) at most, so the connection can be reused.</summary>
    internal const int MaxResponseBodyBytes = 4 * 1024;

    /// <summary>The longest <c>Retry-After</c> taken from a collector: anything longer is taken as this.</summary>
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(7);

    private const int MaxIdempotencyKeyLength = 256;

    private readonly Uri _baseUri;
    private readonly Uri _submissionsUri;
    private readonly UploaderSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient? _ownClient;
    private readonly Func<HttpClient>? _hostClient;
    private volatile bool _disposed;

    /// <summary>Creates an uploader to the collector at <paramref name="baseUri"/>.</summary>
    /// <param name="baseUri">The collector's base URI, checked by <see cref="TelemetryEndpoint.Validate"/>.</param>
    /// <param name="settings">How to talk to it.</param>
    /// <param name="time">The clock an HTTP-date <c>Retry-After</c> is measured against.</param>
    /// <param name="logger">Where outcomes are logged, without personal data.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="baseUri"/> is not an allowed endpoint, or the user agent is empty or not a valid header value.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The request timeout is not positive or too long for a timer.</exception>
    public Uploader(Uri baseUri, UploaderSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);

        if (settings.RequestTimeout <= TimeSpan.Zero || settings.RequestTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.RequestTimeout, "The request timeout must be positive and at most about 24 days.");
        }

        if (string.IsNullOrWhiteSpace(settings.UserAgent) || !IsHeaderSafe(settings.UserAgent, allowSpaces: true))
        {
            throw new ArgumentException("The user agent must be a non-empty header value of printable ASCII characters.", nameof(settings));
        }

        _baseUri = TelemetryEndpoint.Validate(baseUri, settings.AllowInsecureLoopback);
        _submissionsUri = new Uri(_baseUri, "v1/submissions");
        _settings = settings;
        _time = time;
        _logger = logger;

        if (settings.HttpClientFactory is { } factory)
        {
            _hostClient = factory;
        }
        else
        {
            _ownClient = new HttpClient(PiiGuardTelemetryHttp.CreateHandler(settings.TrustedRootCertificates, settings.RequestTimeout), disposeHandler: true)
            {
                // The call's own timeout (a linked CancellationTokenSource) bounds each call, redirects and all.
                Timeout = Timeout.InfiniteTimeSpan,
                MaxResponseContentBufferSize = MaxResponseBodyBytes,
            };
        }
    }

    /// <summary>The normalized base URI requests are resolved against.</summary>
    public Uri BaseUri => _baseUri;

    /// <summary>Sends one payload: <c>POST {base}v1/submissions</c> with an <c>Idempotency-Key</c>.</summary>
    /// <param name="utf8JsonBody">The payload as UTF-8 JSON; it must stay unchanged until the returned task completes.</param>
    /// <param name="idempotencyKey">
    /// The key the collector recognizes a resent submission by (1 to 256 printable ASCII characters, no spaces):
    /// a 409 Conflict, the collector already having it, counts as <see cref="TransportOutcome.Accepted"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>What came of it; never throws for an HTTP or network problem.</returns>
    /// <exception cref="ArgumentException">The idempotency key is empty, too long or not a valid header value.</exception>
    /// <exception cref="ObjectDisposedException">The transport is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<TransportResult> SubmitAsync(ReadOnlyMemory<byte> utf8JsonBody, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        if (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || !IsHeaderSafe(idempotencyKey, allowSpaces: false))
        {
            throw new ArgumentException("The idempotency key must be 1 to 256 printable ASCII characters without spaces.", nameof(idempotencyKey));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return SendAsync(TransportOperation.Submit, HttpMethod.Post, _submissionsUri, utf8JsonBody, idempotencyKey, cancellationToken);
    }

    /// <summary>
    /// Asks the collector to delete everything it holds for an installation: <c>DELETE {base}v1/installations/{id}</c>.
    /// A 404, nothing to delete, counts as <see cref="TransportOutcome.Accepted"/>.
    /// </summary>
    /// <param name="installationId">The installation whose data goes.</param>
    /// <param name="cancellationToken">Cancels the call; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>What came of it; never throws for an HTTP or network problem.</returns>
    /// <exception cref="ObjectDisposedException">The transport is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<TransportResult> DeleteInstallationAsync(Guid installationId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var uri = new Uri(_baseUri, "v1/installations/" + installationId.ToString("D"));
        return SendAsync(TransportOperation.DeleteInstallation, HttpMethod.Delete, uri, body: null, idempotencyKey: null, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // A host's client is the host's: only the one built here is disposed.
        _ownClient?.Dispose();
    }

    /// <summary>
    /// How long a <c>Retry-After</c> asks to wait, measured against <paramref name="now"/>: zero for a date in the
    /// past, at most <see cref="MaxRetryAfter"/>, <see langword="null"/> when there is none.
    /// </summary>
    internal static TimeSpan? ToDelay(RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        TimeSpan delay;
        if (retryAfter?.Delta is TimeSpan delta)
        {
            delay = delta;
        }
        else if (retryAfter?.Date is DateTimeOffset date)
        {
            delay = date - now;
        }
        else
        {
            return null;
        }

        if (delay < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }

    private async Task<TransportResult> SendAsync(
        TransportOperation operation,
        HttpMethod method,
        Uri uri,
        ReadOnlyMemory<byte>? body,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_settings.RequestTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        CancellationToken token = timeout.Token;

        HttpClient client = Client();
        try
        {
            for (int redirects = 0; ; redirects++)
            {
                using HttpRequestMessage request = CreateRequest(method, uri, body, idempotencyKey, _settings.UserAgent);
                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                int status = (int)response.StatusCode;

                if (RedirectedByHandler(operation, method, uri, response) is { } refused)
                {
                    await DrainAsync(response, cancellationToken, token).ConfigureAwait(false);
                    return refused;
                }

                if (!IsRedirect(status))
                {
                    TransportResult result = Classify(operation, status, response);
                    await DrainAsync(response, cancellationToken, token).ConfigureAwait(false);
                    return result;
                }

                await DrainAsync(response, cancellationToken, token).ConfigureAwait(false);

                Uri? next = FollowableRedirect(operation, method, status, redirects, uri, response.Headers.Location);
                if (next is null)
                {
                    return new TransportResult(TransportOutcome.Rejected, status, null);
                }

                TransportLog.RedirectFollowed(_logger, operation, status, redirects + 1, MaxRedirects);
                uri = next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's cancellation, not a failure: it is theirs to handle.
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            TransportLog.TimedOut(_logger, operation, (long)_settings.RequestTimeout.TotalMilliseconds);
            return new TransportResult(TransportOutcome.Failed, null, null);
        }
        catch (OperationCanceledException exception) when (exception.InnerException is TimeoutException)
        {
            // A host's client with a shorter HttpClient.Timeout of its own: a failure like any other, not the caller's.
            TransportLog.Failed(_logger, operation, DescribeType(exception), "Timeout");
            return new TransportResult(TransportOutcome.Failed, null, null);
        }
        catch (Exception exception) when (IsNetworkFailure(exception))
        {
            // The exception's message can name the host or the address: log only what kind of failure it was.
            TransportLog.Failed(_logger, operation, DescribeType(exception), DescribeRequestError(exception));
            return new TransportResult(TransportOutcome.Failed, null, null);
        }
    }

    private HttpClient Client()
    {
        if (_ownClient is not null)
        {
            return _ownClient;
        }

        try
        {
            return _hostClient!() ?? throw new InvalidOperationException(
                "PiiGuardTelemetryOptions.HttpClientFactory returned null: it must return the HttpClient to send the usage statistics with.");
        }
        catch (Exception e) when (e is not InvalidOperationException and not OutOfMemoryException)
        {
            // Only the type: a host's exception message can name its configuration.
            throw new InvalidOperationException(
                $"PiiGuardTelemetryOptions.HttpClientFactory failed ({e.GetType().Name}): it must return the HttpClient to send the usage statistics with.",
                e);
        }
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, ReadOnlyMemory<byte>? body, string? idempotencyKey, string userAgent)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (body is ReadOnlyMemory<byte> bytes)
        {
            // A new content for every redirect: a 307 or 308 sends the same body again.
            var content = new ReadOnlyMemoryContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Content = content;
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    private TransportResult Classify(TransportOperation operation, int status, HttpResponseMessage response)
    {
        if (status is >= 200 and <= 299
            || (status == (int)HttpStatusCode.Conflict && operation == TransportOperation.Submit)
            || (status == (int)HttpStatusCode.NotFound && operation == TransportOperation.DeleteInstallation))
        {
            TransportLog.Accepted(_logger, operation, status);
            return new TransportResult(TransportOutcome.Accepted, status, null);
        }

        if (status is (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout or (>= 500 and <= 599))
        {
            TimeSpan? retryAfter = ToDelay(response.Headers.RetryAfter, _time.GetUtcNow());
            if (retryAfter is TimeSpan delay)
            {
                TransportLog.RetryLaterAfter(_logger, operation, status, (long)Math.Ceiling(delay.TotalSeconds));
            }
            else
            {
                TransportLog.RetryLater(_logger, operation, status);
            }

            return new TransportResult(TransportOutcome.RetryLater, status, retryAfter);
        }

        // Other 4xx (a payload the collector will never take), and the 1xx and 3xx that are not redirects.
        // A status past 599 is no HTTP answer at all: retried like a network failure.
        if (status > 599)
        {
            TransportLog.UnknownStatus(_logger, operation, status);
            return new TransportResult(TransportOutcome.Failed, status, null);
        }

        TransportLog.Rejected(_logger, operation, status);
        return new TransportResult(TransportOutcome.Rejected, status, null);
    }

    /// <summary>
    /// Reads at most <see cref="MaxResponseBodyBytes"/> of the body and throws it away (never logged), so a short
    /// body leaves the connection reusable. The status is already known: a failure here does not change the outcome,
    /// only the caller's cancellation is passed on.
    /// </summary>
    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken callerToken, CancellationToken token)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int total = 0;
                while (total < MaxResponseBodyBytes)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, MaxResponseBodyBytes - total)), token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }
            }
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            // The call's timeout ran out while reading a body nobody needs.
        }
        catch (Exception exception) when (IsNetworkFailure(exception))
        {
            // The connection broke after the status came: the status stands.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }


    private static bool IsNetworkFailure(Exception exception) =>
        exception is HttpRequestException or IOException or SocketException or AuthenticationException;

    private static string DescribeType(Exception exception) =>
        exception.InnerException is null
            ? exception.GetType().Name
            : exception.GetType().Name + "/" + exception.InnerException.GetType().Name;

    private static string DescribeRequestError(Exception exception) =>
        exception is HttpRequestException http ? http.HttpRequestError.ToString() : "None";

    internal static bool IsHeaderSafe(string value, bool allowSpaces)
    {
        foreach (char c in value)
        {
            if (c is < '!' or > '~' && !(allowSpaces && c == ' '))
            {
                return false;
            }
        }

        return true;
    }
}
