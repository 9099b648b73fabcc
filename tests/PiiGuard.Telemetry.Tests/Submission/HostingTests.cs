using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using PiiGuard.Telemetry.Hosting;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

/// <summary>
/// The hosting integration's scheduler, on a fake clock: it does nothing until the clock passes its start delay or an
/// opt-out wakes it, and a test awaits <see cref="UsageStatisticsScheduler.NextRunCompleted"/> (a signal, never a
/// poll) to know that the run the clock or the wake triggered is over.
/// </summary>
public sealed class HostingTests : IAsyncLifetime
{
    // Only so that a scheduler that never runs fails the test instead of hanging it; no result depends on it.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();
    private HttpsTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpsTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_background_scheduler_submits_due_weeks_and_sends_an_opt_outs_deletion_at_once()
    {
        using IHost host = Build(options => options.SchedulerInterval = TimeSpan.FromMinutes(10));
        UsageStatistics statistics = host.Services.GetRequiredService<UsageStatistics>();
        statistics.OptIn();
        Guid id = statistics.GetStatus().InstallationId!.Value;
        statistics.Add(UsageCounter.Jobs, 4);
        await host.StartAsync();
        UsageStatisticsScheduler scheduler = Scheduler(host);

        // A week on: past the start delay, so the first run goes, and the week is over, so it is sent.
        Task<SubmissionResult?> run = scheduler.NextRunCompleted;
        _time.Advance(TimeSpan.FromDays(7));
        SubmissionResult? first = await run.WaitAsync(s_hangGuard);
        Assert.Equal(SubmissionOutcome.Sent, first?.Outcome);
        ReceivedRequest post = Assert.Single(_server.Requests);
        Assert.Equal("POST", post.Method);
        Assert.Contains("\"deployment_mode\":\"docker\"", System.Text.Encoding.UTF8.GetString(post.Body), StringComparison.Ordinal);

        // Every interval it looks again: nothing is due.
        run = scheduler.NextRunCompleted;
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(SubmissionOutcome.NothingDue, (await run.WaitAsync(s_hangGuard))?.Outcome);
        Assert.Single(_server.Requests);

        // The opt-out wakes the scheduler: the deletion request goes without waiting for the next interval.
        run = scheduler.NextRunCompleted;
        statistics.OptOut();
        SubmissionResult? afterOptOut = await run.WaitAsync(s_hangGuard);
        Assert.Equal(SubmissionOutcome.NotOptedIn, afterOptOut?.Outcome);
        Assert.Equal(DeletionRequestOutcome.Acknowledged, Assert.Single(afterOptOut!.DeletionRequests).Outcome);
        Assert.Equal(0, statistics.GetStatus().PendingRemoteDeletions);
        Assert.Equal("/v1/installations/" + id.ToString("D"), _server.Requests.Single(r => r.Method == "DELETE").Path);

        await host.StopAsync();
    }

    [Fact]
    public async Task The_first_run_waits_for_the_start_delay_so_the_apps_start_up_runs_without_it()
    {
        using IHost host = Build(options => options.SchedulerStartDelay = TimeSpan.FromMinutes(3));
        UsageStatistics statistics = host.Services.GetRequiredService<UsageStatistics>();
        statistics.OptIn();
        statistics.Add(UsageCounter.Jobs, 4);
        _time.Advance(TimeSpan.FromDays(7)); // a completed week waits before the host starts
        await host.StartAsync();
        UsageStatisticsScheduler scheduler = Scheduler(host);
        Task<SubmissionResult?> run = scheduler.NextRunCompleted;

        // Only the clock starts the first run; just short of the delay, nothing has run, flushed or been sent.
        _time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromTicks(1));
        Assert.False(run.IsCompleted, "the scheduler ran before its start delay");
        Assert.Empty(_server.Requests);
        Assert.Equal(1, statistics.GetStatus().PendingWeeks);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(SubmissionOutcome.Sent, (await run.WaitAsync(s_hangGuard))?.Outcome);
        Assert.Single(_server.Requests);

        await host.StopAsync();
    }

    [Fact]
    public async Task An_opt_out_right_after_start_sends_its_deletion_without_waiting_for_the_start_delay()
    {
        using IHost host = Build();
        UsageStatistics statistics = host.Services.GetRequiredService<UsageStatistics>();
        statistics.OptIn();
        Guid id = statistics.GetStatus().InstallationId!.Value;
        await host.StartAsync();
        Task<SubmissionResult?> run = Scheduler(host).NextRunCompleted;

        statistics.OptOut();

        SubmissionResult? result = await run.WaitAsync(s_hangGuard);
        Assert.Equal(new DeletionRequestResult { Outcome = DeletionRequestOutcome.Acknowledged, StatusCode = 200 }, Assert.Single(result!.DeletionRequests));
        Assert.Equal(0, statistics.GetStatus().PendingRemoteDeletions);
        Assert.Equal(("DELETE", "/v1/installations/" + id.ToString("D")), _server.Requests.Select(r => (r.Method, r.Path)).Single());
        Assert.Equal(TestStore.Start, _time.GetUtcNow());

        await host.StopAsync();
    }

    [Fact]
    public async Task Stopping_the_host_writes_what_was_recorded()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddPiiGuardTelemetry(options => options.DataDirectory = _folder.Path, week => UsageReports.Build(week));
        using (IHost host = builder.Build())
        {
            UsageStatistics statistics = host.Services.GetRequiredService<UsageStatistics>();
            await host.StartAsync();
            statistics.OptIn();
            statistics.Add(UsageCounter.Files, 9);

            // The clock has not moved: neither the flush timer nor the scheduler (whose first run waits for its start
            // delay) has written anything, so what the file holds after the stop is the stop's doing.
            Assert.Null(TestStore.Scalar(_folder, "SELECT value FROM statistics WHERE key = 'Files';"));
            await host.StopAsync();
            Assert.Equal(9L, TestStore.Scalar(_folder, "SELECT value FROM statistics WHERE key = 'Files';"));
        }
    }

    private static UsageStatisticsScheduler Scheduler(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<UsageStatisticsScheduler>().Single();

    private IHost Build(Action<PiiGuardTelemetryOptions>? configure = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddPiiGuardTelemetry(
            options =>
            {
                options.DataDirectory = _folder.Path;
                options.Endpoint = _server.BaseUri;
                options.TrustedRootCertificates = _server.TrustedRoots;
                configure?.Invoke(options);
            },
            week => UsageReports.Build(week, Platform.Linux, DeploymentMode.Docker));
        return builder.Build();
    }
}
