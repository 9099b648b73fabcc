using System;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;

namespace PiiGuard.Telemetry.Submission;

/// <summary>How <see cref="Uploader"/> talks to the collector.</summary>
/// <param name="AllowInsecureLoopback">Whether plain <c>http</c> to a loopback host is accepted (tests and local development only).</param>
/// <param name="TrustedRootCertificates">
/// When given, the only roots the collector's certificate chain may end at (the collector's private CA); the
/// chain and the host name are still validated. When <see langword="null"/>, the system's trusted roots.
/// </param>
/// <param name="RequestTimeout">The longest one call may take, redirects and all; a call that takes longer is <see cref="TransportOutcome.Failed"/>.</param>
/// <param name="UserAgent">The <c>User-Agent</c> header sent with every request.</param>
/// <param name="HttpClientFactory">
/// The host's clients (one is asked for at each request, never disposed); <see langword="null"/> makes the uploader
/// build its own, with <paramref name="TrustedRootCertificates"/> pinned.
/// </param>
internal sealed record UploaderSettings(
    bool AllowInsecureLoopback,
    X509Certificate2Collection? TrustedRootCertificates,
    TimeSpan RequestTimeout,
    string UserAgent,
    Func<HttpClient>? HttpClientFactory = null);
