using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

public sealed class TelemetryTransportSubmitTests
{
    [Fact]
    public async Task A_200_is_accepted_and_the_request_is_sent_as_given()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        using Uploader transport = TestTransports.Create(server, baseUri: new Uri(server.BaseUri, "collector"));
        string key = TestTransports.NewKey();

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, key, CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 200, null), result);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/collector/v1/submissions", request.Path);
        Assert.Equal(string.Empty, request.QueryString);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal(key, request.Header("Idempotency-Key"));
        Assert.Equal(TestTransports.UserAgent, request.Header("User-Agent"));
        Assert.Equal(TestTransports.Body, request.Body);
        Assert.Null(request.Header("Cookie"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task A_201_with_a_large_body_is_accepted()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = async context =>
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.Response.Body.WriteAsync(new byte[1024 * 1024], context.RequestAborted);
        };
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 201, null), result);
    }

    [Fact]
    public async Task A_409_conflict_is_accepted_because_the_collector_has_that_key()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status409Conflict);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 409, null), result);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(422)]
    public async Task Other_client_errors_are_rejected(int status)
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(status);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, status, null), result);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Server_errors_and_throttling_retry_later_without_a_delay_when_none_is_given(int status)
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(status);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.RetryLater, status, null), result);
    }

    [Theory]
    [InlineData(429, "120", 120)]
    [InlineData(503, "30", 30)]
    [InlineData(500, "5", 5)]
    [InlineData(429, "0", 0)]
    [InlineData(429, "99999999", 7 * 24 * 3600)]
    public async Task Retry_after_in_seconds_is_the_delay(int status, string retryAfter, int expectedSeconds)
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(status, retryAfter);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.RetryLater, status, TimeSpan.FromSeconds(expectedSeconds)), result);
    }

    [Theory]
    [InlineData(300, 300)]
    [InlineData(-3600, 0)]
    [InlineData(30 * 24 * 3600, 7 * 24 * 3600)]
    public async Task Retry_after_as_a_date_is_measured_against_the_injected_clock(int secondsFromNow, int expectedSeconds)
    {
        var now = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        string date = now.AddSeconds(secondsFromNow).ToString("R", CultureInfo.InvariantCulture);
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status429TooManyRequests, date);
        using Uploader transport = TestTransports.Create(server, time: time);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.RetryLater, 429, TimeSpan.FromSeconds(expectedSeconds)), result);
    }

    [Fact]
    public async Task An_unreadable_retry_after_is_no_delay()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status503ServiceUnavailable, "soon, maybe");
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.RetryLater, 503, null), result);
    }

    [Fact]
    public async Task A_connection_dropped_mid_request_fails()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
        Assert.NotEmpty(server.Requests);
    }

    [Fact]
    public async Task A_server_slower_than_the_request_timeout_fails()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        using Uploader transport = TestTransports.Create(server, requestTimeout: TimeSpan.FromMilliseconds(300));

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_closed_port_fails()
    {
        Uri closed;
        await using (HttpsTestServer gone = await HttpsTestServer.StartAsync())
        {
            closed = gone.BaseUri;
        }

        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        using Uploader transport = TestTransports.Create(server, baseUri: closed);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        // Nothing listens there any more (or, should another test's server have taken the port, its certificate is
        // not one this transport trusts): either way no answer.
        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
    }

    [Fact]
    public async Task The_callers_cancellation_is_thrown_not_reported()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Handler = async context =>
        {
            received.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        };
        using Uploader transport = TestTransports.Create(server);
        using var cancellation = new CancellationTokenSource();

        Task<TransportResult> submit = transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), cancellation.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        OperationCanceledException error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submit);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        using Uploader transport = TestTransports.Create(server);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), new CancellationToken(canceled: true)));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_disposed_transport_throws()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        Uploader transport = TestTransports.Create(server);
        transport.Dispose();
        transport.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.DeleteInstallationAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("line\r\nX-Injected: secret-key")]
    [InlineData("clé-secret-key")]
    public async Task An_idempotency_key_that_is_no_header_value_is_an_argument_error_that_does_not_repeat_it(string key)
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        using Uploader transport = TestTransports.Create(server);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => transport.SubmitAsync(TestTransports.Body, key, CancellationToken.None));

        Assert.Equal("idempotencyKey", error.ParamName);
        Assert.DoesNotContain("secret-key", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_constructor_refuses_bad_settings()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        var good = new UploaderSettings(false, server.TrustedRoots, TimeSpan.FromSeconds(5), TestTransports.UserAgent);

        Assert.Throws<ArgumentOutOfRangeException>(() => new Uploader(server.BaseUri, good with { RequestTimeout = TimeSpan.Zero }, TimeProvider.System, NullLogger.Instance));
        Assert.Throws<ArgumentException>(() => new Uploader(server.BaseUri, good with { UserAgent = " " }, TimeProvider.System, NullLogger.Instance));
        Assert.Throws<ArgumentException>(() => new Uploader(server.BaseUri, good with { UserAgent = "a\r\nb" }, TimeProvider.System, NullLogger.Instance));
        Assert.Throws<ArgumentException>(() => new Uploader(new Uri(server.BaseUri, "?k=v"), good, TimeProvider.System, NullLogger.Instance));

        using var transport = new Uploader(new Uri(server.BaseUri, "collector"), good, TimeProvider.System, NullLogger.Instance);
        Assert.Equal(new Uri(server.BaseUri, "collector/"), transport.BaseUri);
    }
}
