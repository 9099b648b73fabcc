using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Collector.Tests;

/// <summary>Valid submission bodies for the collector, built with the runtime's own envelope writer, and ways to send them.</summary>
public static class Submissions
{
    /// <summary>The Monday of the week before the one <see cref="CollectorHost"/>'s clock starts in: a week that is over.</summary>
    public static readonly DateTimeOffset LastWeek = new(2024, 11, 4, 0, 0, 0, TimeSpan.Zero);

    // The Monday of the policy sample's week, which SampleData's dates fall in once rounded to their week.
    private static readonly DateTimeOffset SampleWeek = new(2024, 11, 11, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The policy's sample report for <paramref name="installationId"/> and the week starting <paramref name="weekStart"/>
    /// (first seen a fortnight before), with every date on its week's Monday; the other arguments replace one value each.
    /// </summary>
    public static UsageReport Report(
        Guid installationId,
        DateTimeOffset weekStart,
        Platform platform = Platform.Linux,
        string countryCode = "DE",
        string appVersion = "2.7.0",
        int jobs = 23,
        int files = 18,
        int uploads = 5,
        int uptimeHours = 168)
    {
        if (!TelemetryPeriods.IsStartOf(weekStart, Period.Week))
        {
            throw new ArgumentException("A week starts on a Monday at 00:00 UTC.", nameof(weekStart));
        }

        TimeSpan shift = weekStart - SampleWeek;
        UsageReport sample = SampleData.Create(
            platform: platform,
            countryCode: CountryCode.Parse(countryCode),
            dates: date => TelemetryPeriods.StartOf(date, Period.Week) + shift);
        return new UsageReport
        {
            Installation = new Installation
            {
                InstallationId = installationId,
                FirstSeen = sample.Installation.FirstSeen,
                AppVersion = Version.Parse(appVersion),
                PythonVersion = sample.Installation.PythonVersion,
                Platform = sample.Installation.Platform,
                DeploymentMode = sample.Installation.DeploymentMode,
                CountryCode = sample.Installation.CountryCode,
            },
            Period = sample.Period,
            PrinterFleet = sample.PrinterFleet,
            UsageStats = new UsageStats
            {
                JobCount = jobs,
                FileCount = files,
                UploadCount = uploads,
                UptimeHours = uptimeHours,
                FeatureUsage = sample.UsageStats.FeatureUsage,
            },
            ErrorSummary = sample.ErrorSummary,
        };
    }

    /// <summary>The body of <paramref name="report"/> as the runtime sends it at <paramref name="now"/>.</summary>
    public static byte[] Body(UsageReport report, DateTimeOffset now) => TelemetryEnvelope.ToUtf8Bytes(report, now);

    /// <summary>The policy's sample for <paramref name="installationId"/> and the week starting <paramref name="weekStart"/>, as a body sent at <paramref name="now"/>.</summary>
    public static byte[] Body(Guid installationId, DateTimeOffset weekStart, DateTimeOffset now) => Body(Report(installationId, weekStart), now);

    /// <summary><paramref name="body"/> as <c>application/json</c>.</summary>
    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>POSTs <paramref name="body"/> to <c>/v1/submissions</c> as <c>application/json</c>.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body) => client.PostAsync("v1/submissions", Json(body));

    /// <summary>Submits the policy's sample for an installation and week, at the collector's time; returns the status.</summary>
    public static async Task<HttpStatusCode> SubmitAsync(CollectorHost host, HttpClient client, Guid installationId, DateTimeOffset weekStart)
    {
        using HttpResponseMessage response = await PostAsync(client, Body(installationId, weekStart, host.Time.GetUtcNow()));
        return response.StatusCode;
    }

    /// <summary>How many submissions the admin endpoint counts for <paramref name="installationId"/>.</summary>
    public static async Task<long> CountAsync(CollectorHost host, Guid installationId)
    {
        using HttpClient admin = host.Client(admin: true);
        using JsonDocument answer = JsonDocument.Parse(await admin.GetStringAsync($"v1/admin/installations/{installationId:D}"));
        return answer.RootElement.GetProperty("submissions").GetInt64();
    }

    /// <summary>Every installation id in <paramref name="ids"/> in the two forms a log line or a file could hold it.</summary>
    public static IEnumerable<string> Forms(IEnumerable<Guid> ids)
    {
        foreach (Guid id in ids)
        {
            yield return id.ToString("D");
            yield return id.ToString("N");
        }
    }
}

/// <summary>A body that is sent without a Content-Length: over HTTP/1.1 chunked, one chunk per <c>chunkSize</c> bytes.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;
    private readonly int _chunkSize;

    /// <summary>Creates the content.</summary>
    public ChunkedContent(byte[] body, string? contentType, int chunkSize = 4096)
    {
        _body = body;
        _chunkSize = chunkSize;
        if (contentType is not null)
        {
            Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
    }

    /// <inheritdoc/>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) => await SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc/>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (int offset = 0; offset < _body.Length; offset += _chunkSize)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(_chunkSize, _body.Length - offset)), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
