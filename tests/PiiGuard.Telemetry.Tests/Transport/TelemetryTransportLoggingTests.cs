using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

public sealed class TelemetryTransportLoggingTests
{
    [Fact]
    public async Task Nothing_logged_carries_the_installation_id_the_key_the_body_the_path_or_the_host()
    {
        const string BodyMarker = "printer-serial-XK-4711";
        const string PathSecret = "tenant-7f3a";
        byte[] body = Encoding.UTF8.GetBytes("{\"note\":\"" + BodyMarker + "\"}");
        string key = TestTransports.NewKey();
        var installationId = Guid.NewGuid();

        await using HttpsTestServer plain = await HttpsTestServer.StartHttpAsync();
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        var logger = new CapturingLogger();
        using Uploader transport = TestTransports.Create(server, logger, requestTimeout: TimeSpan.FromSeconds(2), baseUri: new Uri(server.BaseUri, PathSecret + "/"));
        using Uploader untrusting = TestTransports.Create(server, logger, trustServer: false, baseUri: new Uri(server.BaseUri, PathSecret + "/"));

        var outcomes = new List<TransportOutcome>();
        async Task Submit(Uploader through, Func<HttpContext, Task> handler)
        {
            server.Handler = handler;
            outcomes.Add((await through.SubmitAsync(body, key, CancellationToken.None)).Outcome);
        }

        async Task Delete(Func<HttpContext, Task> handler)
        {
            server.Handler = handler;
            outcomes.Add((await transport.DeleteInstallationAsync(installationId, CancellationToken.None)).Outcome);
        }

        static Task Abort(HttpContext context)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        await Submit(transport, TestTransports.Respond(StatusCodes.Status200OK));
        await Submit(transport, TestTransports.Respond(StatusCodes.Status400BadRequest));
        await Submit(transport, TestTransports.Respond(StatusCodes.Status429TooManyRequests, "120"));
        await Submit(transport, TestTransports.Respond(StatusCodes.Status500InternalServerError));
        await Submit(transport, Abort);
        await Submit(transport, context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
        await Submit(transport, TestTransports.Redirect(StatusCodes.Status307TemporaryRedirect, new Uri(plain.BaseUri, PathSecret + "/v1/submissions?token=" + key).AbsoluteUri));
        await Submit(transport, TestTransports.Redirect(StatusCodes.Status302Found, "/" + PathSecret + "/elsewhere"));
        await Submit(transport, context => context.Request.Path.Value!.Contains("/moved/", StringComparison.Ordinal)
            ? TestTransports.Respond(StatusCodes.Status200OK)(context)
            : TestTransports.Redirect(StatusCodes.Status308PermanentRedirect, "/" + PathSecret + "/moved/v1/submissions?token=" + key)(context));
        await Submit(untrusting, TestTransports.Respond(StatusCodes.Status200OK));
        await Delete(TestTransports.Respond(StatusCodes.Status204NoContent));
        await Delete(TestTransports.Respond(StatusCodes.Status404NotFound));
        await Delete(TestTransports.Respond(StatusCodes.Status403Forbidden));
        await Delete(Abort);

        Assert.Equal(
            [
                TransportOutcome.Accepted, TransportOutcome.Rejected, TransportOutcome.RetryLater, TransportOutcome.RetryLater,
                TransportOutcome.Failed, TransportOutcome.Failed, TransportOutcome.Rejected, TransportOutcome.Rejected,
                TransportOutcome.Accepted, TransportOutcome.Failed, TransportOutcome.Accepted, TransportOutcome.Accepted,
                TransportOutcome.Rejected, TransportOutcome.Failed,
            ],
            outcomes);
        Assert.Empty(plain.Requests);

        IReadOnlyList<LogEntry> entries = logger.Entries;
        Assert.True(entries.Count >= outcomes.Count, "every call logs at least one message");
        Assert.Contains(entries, entry => entry.Level == LogLevel.Warning);
        string[] secrets =
        [
            installationId.ToString("D"), installationId.ToString("N"), key, BodyMarker, PathSecret, "token=",
            "v1/submissions", "v1/installations", server.BaseUri.Host, plain.BaseUri.Authority, server.BaseUri.Authority, "localhost",
        ];
        Assert.All(entries, entry =>
        {
            Assert.Null(entry.Exception);
            foreach (string secret in secrets)
            {
                Assert.DoesNotContain(secret, entry.AllText, StringComparison.OrdinalIgnoreCase);
            }
        });
        Assert.Empty(logger.Scopes);
        Assert.Equal(
            entries.Select(entry => entry.EventId.Id).Distinct().Count(),
            entries.Select(entry => entry.EventId.Name).Distinct().Count());
    }

    [Fact]
    public async Task Each_outcome_is_logged_at_its_level()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        var logger = new CapturingLogger();
        using Uploader transport = TestTransports.Create(server, logger);

        server.Handler = TestTransports.Respond(StatusCodes.Status200OK);
        await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);
        server.Handler = TestTransports.Respond(StatusCodes.Status503ServiceUnavailable, "30");
        await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);
        server.Handler = TestTransports.Respond(StatusCodes.Status413PayloadTooLarge);
        await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Collection(
            logger.Entries,
            accepted =>
            {
                Assert.Equal((LogLevel.Debug, 101), (accepted.Level, accepted.EventId.Id));
                Assert.Equal("Telemetry Submit accepted by the collector (HTTP 200).", accepted.Message);
            },
            retry =>
            {
                Assert.Equal((LogLevel.Information, 102), (retry.Level, retry.EventId.Id));
                Assert.Contains("HTTP 503", retry.Message);
                Assert.Contains("30 s", retry.Message);
            },
            rejected =>
            {
                Assert.Equal((LogLevel.Warning, 104), (rejected.Level, rejected.EventId.Id));
                Assert.Contains("HTTP 413", rejected.Message);
            });
    }
}
