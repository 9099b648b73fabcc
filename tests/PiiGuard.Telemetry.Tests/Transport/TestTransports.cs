using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

/// <summary>Transports to an <see cref="HttpsTestServer"/>, and the values the transport tests send.</summary>
internal static class TestTransports
{
    public const string UserAgent = "PiiGuard.Tests/1.0 (transport)";

    /// <summary>A payload as the scheduler would send it.</summary>
    public static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"schema":"usage/1","period":"2025-W09","jobsPrinted":42}""");

    /// <summary>
    /// A transport to <paramref name="server"/> (or to <paramref name="baseUri"/>) that trusts the server's
    /// authority, unless told otherwise.
    /// </summary>
    public static Uploader Create(
        HttpsTestServer server,
        ILogger? logger = null,
        TimeProvider? time = null,
        TimeSpan? requestTimeout = null,
        X509Certificate2Collection? trustedRoots = null,
        bool trustServer = true,
        bool allowInsecureLoopback = false,
        Uri? baseUri = null)
    {
        X509Certificate2Collection? roots = trustedRoots ?? (trustServer && server.BaseUri.Scheme == Uri.UriSchemeHttps ? server.TrustedRoots : null);
        var settings = new UploaderSettings(allowInsecureLoopback, roots, requestTimeout ?? TimeSpan.FromSeconds(30), UserAgent);
        return new Uploader(baseUri ?? server.BaseUri, settings, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>A fresh idempotency key.</summary>
    public static string NewKey() => "sub-" + Guid.NewGuid().ToString("N");

    /// <summary>A handler that answers <paramref name="status"/>, with a <c>Retry-After</c> when given, and no body.</summary>
    public static Func<HttpContext, Task> Respond(int status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return Task.CompletedTask;
    };

    /// <summary>A handler that answers <paramref name="status"/> with <c>Location: <paramref name="location"/></c>.</summary>
    public static Func<HttpContext, Task> Redirect(int status, string location) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };
}
