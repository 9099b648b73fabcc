using System;
using System.Net;

namespace PiiGuard.Telemetry.Submission;

/// <summary>
/// Checks the collector endpoint that telemetry is submitted to. PiiGuard's privacy policy promises
/// HTTPS-only submission: a payload, even an anonymous one, is never sent where anyone on the path can read or
/// change it. Plain <c>http</c> is accepted only for a loopback host and only when a test asks for it.
/// </summary>
internal static class TelemetryEndpoint
{
    /// <summary>
    /// Checks <paramref name="endpoint"/> and returns it as the base URI requests are resolved against, with a
    /// trailing slash (<c>https://collector.example/telemetry</c> becomes <c>https://collector.example/telemetry/</c>).
    /// </summary>
    /// <param name="endpoint">The collector's base URI.</param>
    /// <param name="allowInsecureLoopback">
    /// Whether plain <c>http</c> is accepted for a loopback host (<c>127.0.0.1</c>, <c>::1</c>, <c>localhost</c>),
    /// for tests and local development only. Any other host must use <c>https</c> whatever this says.
    /// </param>
    /// <returns>The normalized base URI.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The endpoint is relative; its scheme is not <c>https</c> (nor <c>http</c> to a loopback host with
    /// <paramref name="allowInsecureLoopback"/>); it has no host; or it carries user information
    /// (<c>https://user:password@host/</c>), a query or a fragment. Credentials and query strings do not belong in
    /// an endpoint (they would end up in configuration files and logs), so they are refused rather than sent; the
    /// message never repeats them.
    /// </exception>
    public static Uri Validate(Uri endpoint, bool allowInsecureLoopback)
    {
        ArgumentNullException.ThrowIfNull(endpoint);

        string? problem = FindProblem(endpoint, allowInsecureLoopback, allowQuery: false);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(endpoint));
        }

        // Scheme, host, port and path only: the checks above rule out user information, query and fragment, and
        // this drops an empty "@" that Uri keeps in its left part.
        string normalized = endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        if (!normalized.EndsWith('/'))
        {
            normalized += "/";
        }

        return new Uri(normalized, UriKind.Absolute);
    }

    /// <summary>
    /// Why <paramref name="uri"/> may not be talked to, or <see langword="null"/> when it may. The message names
    /// the problem and at most the scheme and host, never user information, path or query.
    /// </summary>
    /// <param name="uri">An endpoint, or a redirect's target.</param>
    /// <param name="allowInsecureLoopback">Whether <c>http</c> to a loopback host is accepted.</param>
    /// <param name="allowQuery">Whether a query is accepted (a redirect's target may have one; an endpoint may not).</param>
    internal static string? FindProblem(Uri uri, bool allowInsecureLoopback, bool allowQuery)
    {
        if (!uri.IsAbsoluteUri)
        {
            return "The telemetry endpoint must be an absolute URI (such as https://collector.example/).";
        }

        string scheme = uri.Scheme;
        if (scheme == Uri.UriSchemeHttp)
        {
            if (!allowInsecureLoopback || !IsLoopbackHost(uri))
            {
                return "The telemetry endpoint must use https: the privacy policy allows HTTPS-only submission. "
                    + "Plain http is accepted only for a loopback host (127.0.0.1, ::1, localhost) when insecure loopback is allowed for testing; got "
                    + SchemeAndHost(uri) + ".";
            }
        }
        else if (scheme != Uri.UriSchemeHttps)
        {
            return "The telemetry endpoint must use https: the privacy policy allows HTTPS-only submission; got the scheme '"
                + scheme + "'.";
        }

        if (uri.Host.Length == 0)
        {
            return "The telemetry endpoint must name a host.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "The telemetry endpoint must not contain user information (user name or password) for "
                + SchemeAndHost(uri) + ": credentials do not belong in an endpoint.";
        }

        if (!allowQuery && uri.Query.Length > 0)
        {
            return "The telemetry endpoint must not contain a query string for " + SchemeAndHost(uri) + ".";
        }

        if (!allowQuery && uri.Fragment.Length > 0)
        {
            return "The telemetry endpoint must not contain a fragment for " + SchemeAndHost(uri) + ".";
        }

        return null;
    }

    private static bool IsLoopbackHost(Uri uri)
    {
        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv4:
            case UriHostNameType.IPv6:
                return IPAddress.TryParse(uri.IdnHost, out IPAddress? address) && IPAddress.IsLoopback(address);
            case UriHostNameType.Dns:
                return string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }

    private static string SchemeAndHost(Uri uri) => uri.Scheme + "://" + uri.Host;
}
