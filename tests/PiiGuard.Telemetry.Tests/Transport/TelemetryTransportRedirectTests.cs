using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

public sealed class TelemetryTransportRedirectTests
{
    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_on_the_same_server_is_followed_with_the_method_body_and_key(int status)
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context => context.Request.Path == "/v1/submissions"
            ? TestTransports.Redirect(status, "/moved/v1/submissions")(context)
            : TestTransports.Respond(StatusCodes.Status202Accepted)(context);
        using Uploader transport = TestTransports.Create(server);
        string key = TestTransports.NewKey();

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, key, CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 202, null), result);
        Assert.Collection(
            server.Requests,
            first => Assert.Equal("/v1/submissions", first.Path),
            second =>
            {
                Assert.Equal("POST", second.Method);
                Assert.Equal("/moved/v1/submissions", second.Path);
                Assert.Equal(TestTransports.Body, second.Body);
                Assert.Equal(key, second.Header("Idempotency-Key"));
                Assert.StartsWith("application/json", second.Header("Content-Type"));
            });
    }

    [Fact]
    public async Task A_307_to_another_https_server_is_followed()
    {
        await using HttpsTestServer target = await HttpsTestServer.StartAsync();
        await using HttpsTestServer origin = await HttpsTestServer.StartAsync();
        origin.Handler = TestTransports.Redirect(StatusCodes.Status307TemporaryRedirect, new Uri(target.BaseUri, "collector/v1/submissions?region=eu").AbsoluteUri);
        using Uploader transport = TestTransports.Create(origin, trustedRoots: [origin.Authority, target.Authority]);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 200, null), result);
        Assert.Single(origin.Requests);
        ReceivedRequest followed = Assert.Single(target.Requests);
        Assert.Equal("/collector/v1/submissions", followed.Path);
        Assert.Equal("?region=eu", followed.QueryString);
        Assert.Equal(TestTransports.Body, followed.Body);
    }

    [Fact]
    public async Task A_redirect_to_http_is_refused_and_the_http_server_receives_nothing()
    {
        await using HttpsTestServer plain = await HttpsTestServer.StartHttpAsync();
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Redirect(StatusCodes.Status307TemporaryRedirect, new Uri(plain.BaseUri, "v1/submissions").AbsoluteUri);
        var logger = new CapturingLogger();
        using Uploader transport = TestTransports.Create(server, logger);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, 307, null), result);
        Assert.Single(server.Requests);
        Assert.Empty(plain.Requests);
        LogEntry warning = Assert.Single(logger.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal(108, warning.EventId.Id);
        Assert.Contains("'http'", warning.Message);
        Assert.DoesNotContain("/v1/submissions", warning.AllText);
        Assert.DoesNotContain(plain.BaseUri.Authority, warning.AllText);
    }

    [Fact]
    public async Task A_redirect_to_a_location_with_credentials_is_refused()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context => context.Request.Path == "/v1/submissions"
            ? TestTransports.Redirect(StatusCodes.Status307TemporaryRedirect, "https://user:hunter2@" + server.BaseUri.Authority + "/moved")(context)
            : TestTransports.Respond(StatusCodes.Status200OK)(context);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, 307, null), result);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task A_redirect_that_would_turn_a_post_into_a_get_is_refused(int status)
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context => context.Request.Path == "/v1/submissions"
            ? TestTransports.Redirect(status, "/moved")(context)
            : TestTransports.Respond(StatusCodes.Status200OK)(context);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, status, null), result);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task At_most_three_redirects_are_followed()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        int hops = 0;
        server.Handler = context =>
        {
            int hop = Interlocked.Increment(ref hops);
            return TestTransports.Redirect(StatusCodes.Status307TemporaryRedirect, "/hop" + hop)(context);
        };
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, 307, null), result);
        Assert.Equal(["/v1/submissions", "/hop1", "/hop2", "/hop3"], server.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task Three_redirects_are_followed()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        int hops = 0;
        server.Handler = context =>
        {
            int hop = Interlocked.Increment(ref hops);
            return hop <= 3
                ? TestTransports.Redirect(StatusCodes.Status308PermanentRedirect, "/hop" + hop)(context)
                : TestTransports.Respond(StatusCodes.Status200OK)(context);
        };
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 200, null), result);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_refused()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status307TemporaryRedirect);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, 307, null), result);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task A_deletion_follows_a_redirect_that_keeps_it_a_delete(int status)
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context => context.Request.Path.StartsWithSegments("/v1")
            ? TestTransports.Redirect(status, "/moved" + context.Request.Path)(context)
            : TestTransports.Respond(StatusCodes.Status204NoContent)(context);
        using Uploader transport = TestTransports.Create(server);
        var id = Guid.NewGuid();

        TransportResult result = await transport.DeleteInstallationAsync(id, CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 204, null), result);
        Assert.Equal(["DELETE", "DELETE"], server.Requests.Select(request => request.Method));
        Assert.Equal("/moved/v1/installations/" + id.ToString("D"), server.Requests[1].Path);
    }

    [Fact]
    public async Task A_deletion_does_not_follow_a_303()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context => context.Request.Path.StartsWithSegments("/v1")
            ? TestTransports.Redirect(StatusCodes.Status303SeeOther, "/elsewhere")(context)
            : TestTransports.Respond(StatusCodes.Status200OK)(context);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.DeleteInstallationAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, 303, null), result);
        Assert.Single(server.Requests);
    }
}
