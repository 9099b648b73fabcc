using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using PiiGuard.Telemetry.Hosting;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

/// <summary>
/// Issue 11: nothing is on disk before the user decides, the first file appears at the decision, and the status tells
/// "never asked" from "opted out". Each test points the store at a folder that does not exist yet.
/// </summary>
public sealed class NothingOnDiskTests : IAsyncLifetime
{
    // Only so that a scheduler that never runs fails the test instead of hanging it; no result depends on it.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();
    private HttpsTestServer _server = null!;

    private string DataFolder => Path.Combine(_folder.Path, "not-yet");

    private string DatabasePath => Path.Combine(DataFolder, "usage-statistics.db");

    public async Task InitializeAsync() => _server = await HttpsTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Opening_reading_the_status_recording_previewing_exporting_and_submitting_before_a_decision_create_nothing()
    {
        using (UsageStatistics statistics = Open())
        {
            TelemetryStatus status = statistics.GetStatus();
            Assert.Equal(ConsentState.NotAsked, status.Consent);
            Assert.True(status.StoreAvailable);
            Assert.False(status.OptedIn);
            Assert.Equal(ConsentState.NotAsked, (await statistics.GetStatusAsync()).Consent);

            statistics.Increment(UsageCounter.Jobs);
            statistics.Add(UsageCounter.Files, 5);
            statistics.SetGauge(PrinterType.Prusa, 2);
            statistics.SetFlag(Feature.Timelapse, true);
            statistics.RecordError(new TimeoutException(), Component.PrinterService);
            Assert.True(statistics.Flush());
            Assert.True(await statistics.FlushAsync());

            Assert.Empty(statistics.ReadStatistics());
            Assert.Empty(await statistics.ReadStatisticsAsync());
            Assert.Null(statistics.PreviewNextSubmission());
            Assert.Null(await statistics.PreviewNextSubmissionAsync());
            string export = statistics.ExportJson();
            Assert.Contains("\"state\": \"not_asked\"", export, StringComparison.Ordinal);
            Assert.Equal(export, await statistics.ExportJsonAsync());
            using (var stream = new MemoryStream())
            {
                await statistics.ExportAsync(stream);
                Assert.Equal(export, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }

            statistics.DeleteLocalData();
            await statistics.DeleteLocalDataAsync();
            Assert.Throws<InvalidOperationException>(() => statistics.RegenerateInstallationId());
            Assert.Equal(SubmissionOutcome.NotOptedIn, (await statistics.SubmitAsync()).Outcome);
            Assert.False(Directory.Exists(DataFolder));

            // The flush timer and the reopen interval pass: still nothing.
            _time.Advance(TimeSpan.FromDays(8));
            Assert.Equal(ConsentState.NotAsked, statistics.GetStatus().Consent);
        }

        Assert.False(Directory.Exists(DataFolder));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_hosted_scheduler_runs_and_stops_before_a_decision_without_creating_anything()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddPiiGuardTelemetry(Configure, week => UsageReports.Build(week));
        using (IHost host = builder.Build())
        {
            UsageStatistics statistics = host.Services.GetRequiredService<UsageStatistics>();
            await host.StartAsync();
            UsageStatisticsScheduler scheduler = host.Services.GetServices<IHostedService>().OfType<UsageStatisticsScheduler>().Single();
            statistics.Increment(UsageCounter.Jobs);
            Task<SubmissionResult?> run = scheduler.NextRunCompleted;
            _time.Advance(TimeSpan.FromDays(7));
            Assert.Equal(SubmissionOutcome.NotOptedIn, (await run.WaitAsync(s_hangGuard))?.Outcome);
            await host.StopAsync();
        }

        Assert.False(Directory.Exists(DataFolder));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_first_file_appears_at_opt_in()
    {
        using UsageStatistics statistics = Open();
        Assert.False(Directory.Exists(DataFolder));
        await statistics.OptInAsync();
        Assert.True(File.Exists(DatabasePath));
        TelemetryStatus status = await statistics.GetStatusAsync();
        Assert.Equal(ConsentState.OptedIn, status.Consent);
        Assert.NotNull(status.InstallationId);
    }

    [Fact]
    public void Never_asked_and_opted_out_are_told_apart_and_a_first_no_is_remembered()
    {
        using (UsageStatistics statistics = Open())
        {
            Assert.Equal(ConsentState.NotAsked, statistics.GetStatus().Consent);

            // "No" at the first prompt: a decision, stored, so the file appears now.
            statistics.OptOut();
            Assert.True(File.Exists(DatabasePath));
            TelemetryStatus status = statistics.GetStatus();
            Assert.Equal(ConsentState.OptedOut, status.Consent);
            Assert.False(status.OptedIn);
            Assert.Null(status.InstallationId);
            Assert.Contains("\"state\": \"opted_out\"", statistics.ExportJson(), StringComparison.Ordinal);
        }

        using (UsageStatistics reopened = Open())
        {
            Assert.Equal(ConsentState.OptedOut, reopened.GetStatus().Consent);
            Assert.False(reopened.IsRecording);
            reopened.OptIn();
            Assert.Equal(ConsentState.OptedIn, reopened.GetStatus().Consent);
            reopened.OptOut();
            Assert.Equal(ConsentState.OptedOut, reopened.GetStatus().Consent);
        }
    }

    [Fact]
    public async Task After_opt_out_and_delete_only_the_database_with_the_decision_remains()
    {
        using (UsageStatistics statistics = Open())
        {
            statistics.OptIn();
            statistics.Add(UsageCounter.Jobs, 3);
            Assert.True(statistics.Flush());
            await statistics.OptOutAsync(keepLocalData: true);
            Assert.Equal(3, statistics.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));
            await statistics.DeleteLocalDataAsync();
            Assert.Equal(ConsentState.OptedOut, statistics.GetStatus().Consent);

            // The one thing kept for the collector, the deletion request under the old id, leaves once acknowledged.
            Assert.Equal(1, statistics.GetStatus().PendingRemoteDeletions);
            SubmissionResult sent = await statistics.SubmitAsync();
            Assert.Equal(DeletionRequestOutcome.Acknowledged, Assert.Single(sent.DeletionRequests).Outcome);
            Assert.Equal(0, statistics.GetStatus().PendingRemoteDeletions);
        }

        // Closed: SQLite removes its WAL and shared-memory files; the database holds the decision and nothing else.
        Assert.Equal("usage-statistics.db", Path.GetFileName(Assert.Single(Directory.GetFiles(DataFolder))));
        var store = new TestFolderView(DataFolder);
        Assert.Equal(0L, store.Scalar("SELECT COUNT(*) FROM statistics;"));
        Assert.Equal(0L, store.Scalar("SELECT COUNT(*) FROM weeks;"));
        Assert.Equal(0L, store.Scalar("SELECT COUNT(*) FROM submission_log;"));
        Assert.Equal(0L, store.Scalar("SELECT COUNT(*) FROM deletion_requests;"));
        Assert.Equal("consent_schema_version=1.0;opted_in=0", store.Scalar("SELECT group_concat(key || '=' || value, ';') FROM (SELECT key, value FROM settings ORDER BY key);"));
    }

    [Fact]
    public async Task An_async_call_cancelled_before_it_starts_does_nothing()
    {
        using UsageStatistics statistics = Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => statistics.OptInAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => statistics.OptOutAsync(cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => statistics.GetStatusAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => statistics.ExportAsync(Stream.Null, cancelled.Token));
        Assert.False(Directory.Exists(DataFolder));
        Assert.Equal(ConsentState.NotAsked, statistics.GetStatus().Consent);
    }

    private UsageStatistics Open() => TestStore.Open(_folder, _time, Configure);

    private void Configure(PiiGuardTelemetryOptions options)
    {
        options.DataDirectory = DataFolder;
        options.TimeZoneId = "Europe/Berlin";
        options.Endpoint = _server.BaseUri;
        options.TrustedRootCertificates = _server.TrustedRoots;
    }

    /// <summary>Reads a database in a folder the test did not make with <see cref="TestFolder"/>.</summary>
    private sealed class TestFolderView(string folder)
    {
        public object? Scalar(string sql)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(folder, "usage-statistics.db"),
                Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            using Microsoft.Data.Sqlite.SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }
}
