using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using PiiGuard.EndToEnd.Tests.Infrastructure;
using PiiGuard.Telemetry.Tests;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// The README's collector walk-through: the sample's <c>submit</c> against a collector over HTTPS (an in-process
/// server with its own certificate authority, trusted through <c>--trust-root-cert</c>). Each command must say what it
/// did: what it sent, and what the collector answered.
/// </summary>
public sealed partial class PrinternizerCliTests
{
    [Fact]
    public async Task Submit_says_what_it_sent_before_and_after_an_opt_out_and_what_the_collector_answered()
    {
        using var temp = new TempDirectory("printernizer-cli");
        string data = temp.Combine("data");
        await using HttpsTestServer collector = await HttpsTestServer.StartAsync();
        int deletes = 0;
        collector.Handler = context =>
        {
            // The first deletion request finds the collector busy; the next one is acknowledged.
            context.Response.StatusCode = context.Request.Method == "POST" ? 201
                : System.Threading.Interlocked.Increment(ref deletes) == 1 ? 503
                : 204;
            return Task.CompletedTask;
        };
        string[] endpoint = ["--endpoint", collector.BaseUri.ToString(), "--trust-root-cert", temp.Write("collector-ca.pem", collector.Authority.ExportCertificatePem())];
        DateTime today = DateTime.UtcNow.Date;
        string lastWeek = Day(today.AddDays(-7));

        Run(data, "--as-of", lastWeek, "opt-in");
        string installationId = InstallationId().Match(Run(data, "status").Output).Groups[1].Value;
        Run(data, "--as-of", lastWeek, "record-job", "--count", "5");

        // The completed week goes; nothing else does.
        string[] sent = Lines(Run(data, ["submit", .. endpoint]).Output);
        Assert.Contains("Deletion requests: none to send.", sent);
        Assert.Contains("Statistics:        Sent: the week was sent and the collector acknowledged it.", sent);
        Assert.Contains("HTTP status:       201", sent);
        string[] again = Lines(Run(data, ["submit", .. endpoint]).Output);
        Assert.Contains("Deletion requests: none to send.", again);
        Assert.Contains(again, line => line.StartsWith("Statistics:        NothingDue: ", StringComparison.Ordinal));
        Assert.Contains("HTTP status:       - (no week was sent)", again);

        CliResult optOut = Run(data, ["opt-out", .. endpoint]);
        Assert.Contains($"A deletion request for the old id is queued for {collector.BaseUri.GetLeftPart(UriPartial.Authority)}", optOut.Output, StringComparison.Ordinal);

        // The collector is busy: the deletion request went, was not acknowledged, and the command fails saying so.
        CliResult busy = Run(data, 2, ["submit", .. endpoint]);
        string[] busyLines = Lines(busy.Output);
        Assert.Contains(busyLines, line => line.StartsWith("Deletion requests: 1 sent: not acknowledged (HTTP 503), tried again not before ", StringComparison.Ordinal));
        Assert.Contains("Statistics:        NotOptedIn: you have not opted in: no statistics were sent.", busyLines);
        Assert.Contains("Remote deletions:  1 still waiting for the collector", busyLines);
        Assert.Contains("the collector did not acknowledge 1 deletion request(s): they stay queued and are retried.", busy.Error, StringComparison.Ordinal);

        // Past its retry time (two days on): it goes again, is acknowledged, and the output says so; no statistics go.
        CliResult deleted = Run(data, ["--as-of", Day(today.AddDays(2)), "submit", .. endpoint]);
        string[] deletedLines = Lines(deleted.Output);
        Assert.Contains("Deletion requests: 1 sent: acknowledged by the collector (HTTP 204).", deletedLines);
        Assert.Contains("Statistics:        NotOptedIn: you have not opted in: no statistics were sent.", deletedLines);
        Assert.Contains("HTTP status:       - (no week was sent)", deletedLines);
        Assert.Contains("Remote deletions:  0 still waiting for the collector", deletedLines);
        Assert.True(deleted.Error.Length == 0, "A submit that did all it had to prints nothing on stderr. " + deleted.Describe());

        Assert.Equal(
            [("POST", "/v1/submissions"), ("DELETE", "/v1/installations/" + installationId), ("DELETE", "/v1/installations/" + installationId)],
            collector.Requests.Select(r => (r.Method, r.Path)).ToArray());
        Assert.Contains("Deletion requests: none to send.", Lines(Run(data, ["--as-of", Day(today.AddDays(2)), "submit", .. endpoint]).Output));
        Assert.Equal(3, collector.Requests.Count);
    }

    [Fact]
    public void Opt_out_without_a_collector_and_status_after_it_claim_nothing_they_do_not_know()
    {
        using var temp = new TempDirectory("printernizer-cli");
        string data = temp.Combine("data");

        Assert.Contains("There was no installation id, so no deletion request is needed.", Run(data, "opt-out").Output, StringComparison.Ordinal);

        Run(data, "opt-in");
        string[] lines = Lines(Run(data, "opt-out").Output);
        Assert.Contains("Opted out: no more statistics are recorded or sent.", lines);
        Assert.Contains("No collector given (--endpoint), so no deletion request was queued: whatever a collector received under the old id stays there.", lines);
        string[] status = Lines(Run(data, "status").Output);
        Assert.Contains("Usage statistics:  off (not opted in: no statistics are recorded or sent)", status);
        Assert.Contains("Schema version:    1.0 (agreed to: none)", status);
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
