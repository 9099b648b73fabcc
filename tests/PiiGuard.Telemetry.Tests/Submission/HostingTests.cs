using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

public sealed class HostingTests : IAsyncLifetime
{
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
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddPiiGuardTelemetry(
            options =>
            {
                options.DataDirectory = _folder.Path;
                options.Endpoint = _server.BaseUri;
                options.TrustedRootCertificates = _server.TrustedRoots;
                options.SchedulerInterval = TimeSpan.FromMinutes(10);
            },
            week => UsageReports.Build(week, Platform.Linux, DeploymentMode.Docker));

        using IHost host = builder.Build();
        UsageStatistics statistics = host.Services.GetRequiredService<UsageStatistics>();
        statistics.OptIn();
        Guid id = statistics.Status.InstallationId!.Value;
        statistics.Add(UsageCounter.Jobs, 4);
        await host.StartAsync();

        _time.Advance(TimeSpan.FromDays(7));
        await Eventually(() => _server.Requests.Any(r => r.Method == "POST"), () => _time.Advance(TimeSpan.FromMinutes(10)));
        Assert.Contains("\"deployment_mode\":\"docker\"", System.Text.Encoding.UTF8.GetString(_server.Requests.First(r => r.Method == "POST").Body), StringComparison.Ordinal);

        // The opt-out wakes the scheduler: the deletion request goes without waiting for the next interval.
        statistics.OptOut();
        await Eventually(() => statistics.Status.PendingRemoteDeletions == 0 && _server.Requests.Any(r => r.Method == "DELETE"), () => { });
        Assert.Equal("/v1/installations/" + id.ToString("D"), _server.Requests.Single(r => r.Method == "DELETE").Path);

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
            Assert.Null(TestStore.Scalar(_folder, "SELECT value FROM statistics WHERE key = 'Files';"));
            await host.StopAsync();
            Assert.Equal(9L, TestStore.Scalar(_folder, "SELECT value FROM statistics WHERE key = 'Files';"));
        }
    }

    private static async Task Eventually(Func<bool> condition, Action nudge)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, "the scheduler did not do the work in 30 seconds");
            nudge();
            await Task.Delay(50);
        }
    }
}
