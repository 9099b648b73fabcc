using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiiGuard.Telemetry.Submission;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

/// <summary>
/// The uploader with an <see cref="HttpClient"/> the host provides, against the in-process HTTPS collector: a plain
/// client, one from <c>IHttpClientFactory</c>, and the whole runtime wired through the hosting extension.
/// </summary>
public sealed class UploaderTests : IAsyncLifetime
{
    private HttpsTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpsTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_host_client_sends_with_the_uploaders_headers_and_is_neither_changed_nor_disposed()
    {
        using var client = new HttpClient(PiiGuardTelemetryHttp.CreateHandler(_server.TrustedRoots));
        int asked = 0;
        string key = TestTransports.NewKey();
        using (Uploader uploader = Create(() =>
        {
            asked++;
            return client;
        }))
        {
            Assert.Equal(TransportOutcome.Accepted, (await uploader.SubmitAsync(TestTransports.Body, key, CancellationToken.None)).Outcome);
            Assert.Equal(TransportOutcome.Accepted, (await uploader.DeleteInstallationAsync(Guid.NewGuid(), CancellationToken.None)).Outcome);
        }

        // Asked for a client at each request; the client is the host's: still usable, its defaults untouched.
        Assert.Equal(2, asked);
        Assert.Empty(client.DefaultRequestHeaders);
        using HttpResponseMessage after = await client.GetAsync(_server.BaseUri);
        Assert.Equal(3, _server.Requests.Count);
        ReceivedRequest post = _server.Requests[0];
        Assert.Equal(("POST", "/v1/submissions", key), (post.Method, post.Path, post.Header("Idempotency-Key")));
        Assert.Equal(TestTransports.UserAgent, post.Header("User-Agent"));
        Assert.Equal(TestTransports.UserAgent, _server.Requests[1].Header("User-Agent"));
    }

    [Fact]
    public async Task A_client_from_IHttpClientFactory_with_the_pinned_handler_sends()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("PiiGuard").ConfigurePrimaryHttpMessageHandler(() => PiiGuardTelemetryHttp.CreateHandler(_server.TrustedRoots));
        using ServiceProvider provider = services.BuildServiceProvider();
        IHttpClientFactory factory = provider.GetRequiredService<IHttpClientFactory>();
        using Uploader uploader = Create(() => factory.CreateClient("PiiGuard"));

        TransportResult result = await uploader.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 200, null), result);
        Assert.Equal(TestTransports.Body, Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public async Task The_pinned_handler_refuses_a_collector_another_authority_vouches_for()
    {
        using X509Certificate2 otherAuthority = TestCertificates.CreateAuthority("Some Other CA");
        using var client = new HttpClient(PiiGuardTelemetryHttp.CreateHandler([TestCertificates.PublicOnly(otherAuthority)]));
        using Uploader uploader = Create(() => client);

        TransportResult result = await uploader.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_host_handler_that_turns_a_redirected_POST_into_a_GET_is_not_taken_as_accepted()
    {
        using HttpClient client = RedirectFollowingClient(StatusCodes.Status302Found, "/elsewhere", StatusCodes.Status200OK);
        var logger = new CapturingLogger();
        using Uploader uploader = Create(() => client, logger);

        TransportResult result = await uploader.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, 200, null), result);
        Assert.Equal(["POST", "GET"], _server.Requests.Select(request => request.Method));
        LogEntry entry = Assert.Single(logger.Entries, e => e.EventId.Id == 113);
        Assert.DoesNotContain("elsewhere", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_handler_that_follows_a_307_to_an_https_location_keeps_the_answer()
    {
        using HttpClient client = RedirectFollowingClient(StatusCodes.Status307TemporaryRedirect, "/moved/v1/submissions", StatusCodes.Status201Created);
        using Uploader uploader = Create(() => client);

        TransportResult result = await uploader.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 201, null), result);
        Assert.Equal(TestTransports.Body, _server.Requests[1].Body);
    }

    [Fact]
    public async Task A_host_clients_own_timeout_is_a_failure_not_an_exception()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Handler = async context => await answer.Task.WaitAsync(context.RequestAborted);
        using var client = new HttpClient(PiiGuardTelemetryHttp.CreateHandler(_server.TrustedRoots)) { Timeout = TimeSpan.FromMilliseconds(1) };
        var logger = new CapturingLogger();
        using Uploader uploader = Create(() => client, logger);

        TransportResult result = await uploader.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        answer.TrySetResult();
        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
        Assert.Equal(105, Assert.Single(logger.Entries).EventId.Id);
    }

    [Fact]
    public async Task A_factory_that_returns_null_is_a_clear_error()
    {
        using Uploader uploader = Create(() => null!);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => uploader.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None));

        Assert.Contains("HttpClientFactory returned null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pinned_roots_and_a_host_client_together_are_refused()
    {
        using var folder = new TestFolder();
        ArgumentException error = Assert.Throws<ArgumentException>(() => TestStore.Open(folder, TestStore.Clock(), options =>
        {
            options.Endpoint = _server.BaseUri;
            options.TrustedRootCertificates = _server.TrustedRoots;
            options.HttpClientFactory = () => new HttpClient();
        }));

        Assert.Contains("PiiGuardTelemetryHttp.CreateHandler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosting_extension_takes_a_client_from_IHttpClientFactory_and_submits_with_it()
    {
        using var folder = new TestFolder();
        FakeTimeProvider time = TestStore.Clock();
        int created = 0;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddHttpClient("PiiGuard").ConfigurePrimaryHttpMessageHandler(() =>
        {
            created++;
            return PiiGuardTelemetryHttp.CreateHandler(_server.TrustedRoots);
        });
        services.AddPiiGuardTelemetry(
            (provider, options) =>
            {
                options.DataDirectory = folder.Path;
                options.TimeZoneId = "Europe/Berlin";
                options.Endpoint = _server.BaseUri;
                options.HttpClientFactory = () => provider.GetRequiredService<IHttpClientFactory>().CreateClient("PiiGuard");
            },
            static week => UsageReports.Build(week));
        await using ServiceProvider provider = services.BuildServiceProvider();
        UsageStatistics statistics = provider.GetRequiredService<UsageStatistics>();
        statistics.OptIn();
        statistics.Add(UsageCounter.Jobs, 3);
        time.Advance(TimeSpan.FromDays(7));

        SubmissionResult result = await statistics.SubmitAsync();

        Assert.Equal(SubmissionOutcome.Sent, result.Outcome);
        Assert.Equal(1, created);
        Assert.Equal("/v1/submissions", Assert.Single(_server.Requests).Path);
    }

    // The collector redirects submissions to `location`, which answers `finalStatus`; the client's handler follows
    // redirects itself, as a host's default handler does.
    private HttpClient RedirectFollowingClient(int redirectStatus, string location, int finalStatus)
    {
        _server.Handler = context =>
        {
            if (context.Request.Path == "/v1/submissions")
            {
                return TestTransports.Redirect(redirectStatus, location)(context);
            }

            context.Response.StatusCode = finalStatus;
            return Task.CompletedTask;
        };
        SocketsHttpHandler handler = PiiGuardTelemetryHttp.CreateHandler(_server.TrustedRoots);
        handler.AllowAutoRedirect = true;
        return new HttpClient(handler);
    }

    private Uploader Create(Func<HttpClient> clients, CapturingLogger? logger = null) =>
        new(
            _server.BaseUri,
            new UploaderSettings(AllowInsecureLoopback: false, TrustedRootCertificates: null, TimeSpan.FromSeconds(30), TestTransports.UserAgent, clients),
            TimeProvider.System,
            (Microsoft.Extensions.Logging.ILogger?)logger ?? NullLogger.Instance);
}
