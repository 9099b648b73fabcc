using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard;

/// <summary>How <see cref="UsageStatistics"/> stores and submits an app's usage statistics.</summary>
public sealed class PiiGuardTelemetryOptions
{
    /// <summary>
    /// Gets or sets the folder that holds the statistics database (required): the app's own data folder, such as
    /// <c>Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "MyApp")</c>.
    /// It is created owner-only when it does not exist.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Gets or sets the database's file name in <see cref="DataDirectory"/>.</summary>
    public string DatabaseFileName { get; set; } = "usage-statistics.db";

    /// <summary>
    /// Gets or sets the collector's base address, such as <c>https://stats.example.org/</c>: submissions go to
    /// <c>v1/submissions</c> under it, deletion requests to <c>v1/installations/{id}</c>. HTTPS only: an
    /// <c>http</c> address is refused (see <see cref="AllowInsecureLoopbackEndpointForTesting"/>). Without an
    /// endpoint, statistics are kept locally and nothing is sent.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Gets or sets whether an <c>http</c> endpoint on the loopback interface (127.0.0.1, ::1, localhost) is allowed:
    /// for tests and local development only. Any other <c>http</c> endpoint is refused whatever this says.
    /// </summary>
    public bool AllowInsecureLoopbackEndpointForTesting { get; set; }

    /// <summary>
    /// Gets or sets root certificates to trust for the collector's TLS certificate, for a collector with a private
    /// certificate authority. The certificate is still validated: chain, dates and host name. Null uses the system's
    /// trusted roots. Pinning applies to the client PiiGuard builds; a host that sets <see cref="HttpClientFactory"/>
    /// keeps it by giving its client the handler <see cref="PiiGuardTelemetryHttp.CreateHandler"/> makes.
    /// </summary>
    public X509Certificate2Collection? TrustedRootCertificates { get; set; }

    /// <summary>
    /// Gets or sets where the <see cref="HttpClient"/> to send with comes from, for a host that manages its clients,
    /// such as <c>() =&gt; httpClientFactory.CreateClient("PiiGuard")</c> with Microsoft.Extensions.Http's
    /// <c>IHttpClientFactory</c>. It is called for each request and what it returns is never disposed. Null (the
    /// default) makes PiiGuard build and own its client, pinning <see cref="TrustedRootCertificates"/>; with a host's
    /// client, TLS is what its handler does (<see cref="PiiGuardTelemetryHttp.CreateHandler"/> makes one that pins), and
    /// setting <see cref="TrustedRootCertificates"/> as well is refused, so that nobody believes a pin holds that does not. Either way <see cref="RequestTimeout"/>, <see cref="UserAgent"/>,
    /// HTTPS-only redirects and the endpoint's checks hold, and no URL's path or query, body or id is logged.
    /// </summary>
    public Func<HttpClient>? HttpClientFactory { get; set; }

    /// <summary>Gets or sets how long one request to the collector may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the time zone (an IANA id such as <c>Europe/Berlin</c>, or a Windows id) that the country code is
    /// derived from; null takes the system's. An unknown zone gives no country.
    /// </summary>
    public string? TimeZoneId { get; set; }

    /// <summary>
    /// Gets or sets how many completed weeks may wait to be sent (offline, collector down). When more are waiting,
    /// the oldest is dropped, never sent, and counted in <see cref="TelemetryStatus.DroppedWeeks"/>.
    /// </summary>
    public int MaxPendingWeeks { get; set; } = 8;

    /// <summary>Gets or sets how often recorded statistics are written from memory to the database.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how often the hosting integration's scheduler looks for due work (a week to submit, a deletion
    /// request to send). The rate limit of one submission an hour holds whatever this says.
    /// </summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets how long after the host starts the hosting integration's scheduler first looks for due work, so
    /// that the app's own start-up runs without it (no database work, no payload building, no request). An opt-out
    /// in that time still sends its deletion request at once. Zero looks at once, concurrently with the app's start-up.
    /// </summary>
    public TimeSpan SchedulerStartDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a write waits for a database locked by another process before it gives up (and retries at the next flush).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how <see cref="UsageStatistics.RecordError{TComponent}"/> maps an exception to an error type.
    /// The default maps to <see cref="ErrorKind"/>; apps usually map to their own enum with
    /// <see cref="ErrorClassifier{TError}"/>.
    /// </summary>
    public ErrorClassifier ErrorClassifier { get; set; } = DefaultErrorClassifier();

    /// <summary>Gets or sets the User-Agent sent to the collector: the app, never the machine or the user.</summary>
    public string UserAgent { get; set; } = "PiiGuard/1.0";

    // The longest wait a timer takes (uint.MaxValue - 1 milliseconds is its limit), in whole days.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(49);

    internal static ErrorClassifier<ErrorKind> DefaultErrorClassifier()
    {
        var classifier = new ErrorClassifier<ErrorKind>(ErrorKind.Unknown);
        foreach (ErrorKind kind in Enum.GetValues<ErrorKind>())
        {
            classifier.Map(kind, kind);
        }

        return classifier;
    }

    // What reading the options from configuration found wrong (a value not of its option's type, an unknown key).
    private List<string>? _configurationProblems;

    /// <summary>Records a problem found while reading the options from configuration, reported with the others.</summary>
    /// <param name="problem">What is wrong, naming the key and never its value.</param>
    internal void AddConfigurationProblem(string problem) => (_configurationProblems ??= []).Add(problem);

    // The longest request timeout the uploader's timer takes (int.MaxValue milliseconds), in whole days.
    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromDays(24);

    /// <summary>
    /// Checks the options, with a message that names the setting at fault: what <see cref="UsageStatistics.Open{TPayload}"/>
    /// throws for the first problem, and what the hosting integration's options validator reports at host start.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (FindProblems() is [string first, ..])
        {
            throw new ArgumentException(first);
        }
    }

    /// <summary>
    /// Every problem with the options, each naming the option at fault and never repeating its value (a folder can
    /// hold a user name; an endpoint's path, query or credentials can be secret): the one place for these rules.
    /// </summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    internal List<string> FindProblems()
    {
        var problems = new List<string>(_configurationProblems ?? []);
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            problems.Add("PiiGuardTelemetryOptions.DataDirectory is required: the folder that holds the statistics database.");
        }

        if (string.IsNullOrWhiteSpace(DatabaseFileName) || DatabaseFileName.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 ||
            DatabaseFileName.Contains('/') || DatabaseFileName.Contains('\\'))
        {
            problems.Add("PiiGuardTelemetryOptions.DatabaseFileName must be a plain file name.");
        }

        if (Endpoint is not null && TelemetryEndpoint.FindProblem(Endpoint, AllowInsecureLoopbackEndpointForTesting, allowQuery: false) is { } endpointProblem)
        {
            // The endpoint's problem names at most its scheme and host, never its path, query or credentials.
            problems.Add("PiiGuardTelemetryOptions.Endpoint: " + endpointProblem);
        }

        if (HttpClientFactory is not null && TrustedRootCertificates is not null)
        {
            problems.Add(
                "PiiGuardTelemetryOptions: TrustedRootCertificates pins the client PiiGuard builds, and HttpClientFactory replaces that client; set one of them. To pin with the host's client, give it the handler PiiGuardTelemetryHttp.CreateHandler(roots) makes.");
        }

        if (MaxPendingWeeks < 1)
        {
            problems.Add("PiiGuardTelemetryOptions.MaxPendingWeeks must be at least 1.");
        }

        if (FlushInterval <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero || SchedulerInterval <= TimeSpan.Zero || BusyTimeout < TimeSpan.Zero)
        {
            problems.Add("PiiGuardTelemetryOptions: FlushInterval, RequestTimeout and SchedulerInterval must be positive, BusyTimeout not negative.");
        }

        if (SchedulerStartDelay < TimeSpan.Zero || SchedulerStartDelay > MaxTimerDelay)
        {
            problems.Add("PiiGuardTelemetryOptions.SchedulerStartDelay must be between zero and 49 days.");
        }

        if (FlushInterval > MaxTimerDelay || SchedulerInterval > MaxTimerDelay)
        {
            problems.Add("PiiGuardTelemetryOptions: FlushInterval and SchedulerInterval must be at most 49 days.");
        }

        if (RequestTimeout > MaxRequestTimeout)
        {
            problems.Add("PiiGuardTelemetryOptions.RequestTimeout must be at most 24 days.");
        }

        if (ErrorClassifier is null)
        {
            problems.Add("PiiGuardTelemetryOptions.ErrorClassifier is required.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            problems.Add("PiiGuardTelemetryOptions.UserAgent is required.");
        }
        else if (!Uploader.IsHeaderSafe(UserAgent, allowSpaces: true))
        {
            problems.Add("PiiGuardTelemetryOptions.UserAgent must be a header value of printable ASCII characters.");
        }

        return problems;
    }
}
