using System;
using System.Net;
using System.Net.Http;

namespace PiiGuard.Telemetry.Submission;

// Redirects: followed by hand (HTTPS only, never turning a POST into a GET), and checked when a host's handler
// followed one itself.
internal sealed partial class Uploader
{
    /// <summary>
    /// A host's handler may follow a redirect itself: the response then comes from another request than the one
    /// sent. Taken only if PiiGuard would have followed it too (an allowed location, the same method).
    /// </summary>
    private TransportResult? RedirectedByHandler(TransportOperation operation, HttpMethod method, Uri sent, HttpResponseMessage response)
    {
        HttpRequestMessage? answered = response.RequestMessage;
        if (answered?.RequestUri is not { } final || (final == sent && answered.Method == method))
        {
            return null;
        }

        if (answered.Method != method || TelemetryEndpoint.FindProblem(final, _settings.AllowInsecureLoopback, allowQuery: true) is not null)
        {
            TransportLog.RedirectFollowedByHandler(_logger, operation, final.Scheme, answered.Method.Method);
            return new TransportResult(TransportOutcome.Rejected, (int)response.StatusCode, null);
        }

        return null;
    }

    /// <summary>Where a redirect goes, or <see langword="null"/> (and a warning) when it is not followed.</summary>
    private Uri? FollowableRedirect(TransportOperation operation, HttpMethod method, int status, int redirects, Uri current, Uri? location)
    {
        // 303 always turns the request into a GET, and 301 and 302 do for a POST in every client: neither a
        // submission nor a deletion can be sent that way, so refuse rather than send something else.
        if (status == (int)HttpStatusCode.SeeOther || (method == HttpMethod.Post && status is (int)HttpStatusCode.MovedPermanently or (int)HttpStatusCode.Found))
        {
            TransportLog.RedirectRefusedMethod(_logger, operation, status);
            return null;
        }

        if (redirects >= MaxRedirects)
        {
            TransportLog.TooManyRedirects(_logger, operation, status, MaxRedirects);
            return null;
        }

        Uri? target = null;
        if (location is not null)
        {
            if (location.IsAbsoluteUri)
            {
                target = location;
            }
            else if (!Uri.TryCreate(current, location, out target))
            {
                target = null;
            }
        }

        if (target is null)
        {
            TransportLog.RedirectWithoutLocation(_logger, operation, status);
            return null;
        }

        if (TelemetryEndpoint.FindProblem(target, _settings.AllowInsecureLoopback, allowQuery: true) is not null)
        {
            TransportLog.RedirectRefusedLocation(_logger, operation, status, target.Scheme);
            return null;
        }

        return target;
    }

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;
}
