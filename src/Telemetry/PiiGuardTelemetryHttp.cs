using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PiiGuard;

/// <summary>
/// The HTTP handler PiiGuard sends usage statistics with, for a host that provides its own <see cref="HttpClient"/>
/// (<see cref="PiiGuardTelemetryOptions.HttpClientFactory"/>) and wants what PiiGuard's own client does: the
/// collector's private certificate authority pinned, no redirects followed by the handler (PiiGuard follows them
/// itself, HTTPS only, never turning a POST into a GET), no cookies, no decompression.
/// </summary>
/// <example>
/// With <c>IHttpClientFactory</c> (Microsoft.Extensions.Http):
/// <code>
/// services.AddHttpClient("PiiGuard")
///     .ConfigurePrimaryHttpMessageHandler(() => PiiGuardTelemetryHttp.CreateHandler(collectorRoots));
/// services.AddPiiGuardTelemetry((provider, options) =>
/// {
///     options.DataDirectory = dataFolder;
///     options.Endpoint = new Uri("https://stats.example.org/");
///     options.HttpClientFactory = () => provider.GetRequiredService&lt;IHttpClientFactory&gt;().CreateClient("PiiGuard");
/// }, UsageReports.Build);
/// </code>
/// </example>
public static class PiiGuardTelemetryHttp
{
    private static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Creates the handler PiiGuard's own client uses: TLS validated against <paramref name="trustedRootCertificates"/>
    /// when given (chain, dates and host name still checked; no validation callback), the system's roots otherwise.
    /// </summary>
    /// <param name="trustedRootCertificates">The only roots the collector's certificate chain may end at, or null for the system's.</param>
    /// <param name="connectTimeout">How long a connection may take to open, at most 15 seconds; 15 seconds by default.</param>
    /// <returns>A new handler; the caller (or the client it is given to) disposes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="connectTimeout"/> is not positive.</exception>
    public static SocketsHttpHandler CreateHandler(X509Certificate2Collection? trustedRootCertificates = null, TimeSpan? connectTimeout = null)
    {
        TimeSpan connect = connectTimeout ?? MaxConnectTimeout;
        if (connect <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(connectTimeout), "The connect timeout must be positive.");
        }

        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = connect < MaxConnectTimeout ? connect : MaxConnectTimeout,
            MaxResponseHeadersLength = 64, // KiB
            SslOptions = CreateSslOptions(trustedRootCertificates),
        };
    }

    private static SslClientAuthenticationOptions CreateSslOptions(X509Certificate2Collection? trustedRoots)
    {
        var options = new SslClientAuthenticationOptions();
        if (trustedRoots is not null)
        {
            // Pins the collector's private CA: the chain must end at one of these roots, and SslStream still checks
            // the chain and the host name. No validation callback: nothing here can accept a certificate it rejects.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            policy.CustomTrustStore.AddRange(trustedRoots);
            options.CertificateChainPolicy = policy;
        }

        return options;
    }
}
