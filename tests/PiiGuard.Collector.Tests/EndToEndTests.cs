using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PiiGuard;
using PiiGuard.Telemetry.Tests;
using Printernizer;

namespace PiiGuard.Collector.Tests;

/// <summary>The runtime (UsageStatistics) submitting to the reference collector over HTTPS on 127.0.0.1.</summary>
public abstract class EndToEndTests(TestStorage storage) : IAsyncLifetime
{
    private readonly string _clientData = Path.Combine(Path.GetTempPath(), "piiguard-collector-clients", Guid.NewGuid().ToString("N"));
    private CollectorHost _collector = null!;

    public async Task InitializeAsync() => _collector = await CollectorHost.StartAsync(storage);

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        SqliteConnection.ClearAllPools(); // the clients' stores
        if (Directory.Exists(_clientData))
        {
            Directory.Delete(_clientData, recursive: true);
        }
    }

    [Fact]
    public async Task Opt_in_record_and_submit_lands_one_row_that_the_admin_sees_in_aggregate()
    {
        using UsageStatistics client = OpenClient();
        client.OptIn();
        Guid id = client.GetStatus().InstallationId!.Value;
        client.Add(UsageCounter.Jobs, 23);
        client.SetGauge(PrinterType.Prusa, 1);
        client.SetFlag(Feature.Library, true);
        _collector.Time.Advance(TimeSpan.FromDays(7));

        SubmissionResult result = await client.SubmitAsync();

        Assert.Equal((SubmissionOutcome.Sent, 201), (result.Outcome, result.StatusCode));
        Assert.Equal(1, await SubmissionsOf(id));
        using HttpClient admin = _collector.Client(admin: true);
        using JsonDocument statistics = JsonDocument.Parse(await admin.GetStringAsync("v1/admin/statistics"));
        JsonElement week = Assert.Single(statistics.RootElement.GetProperty("weeks").EnumerateArray());
        Assert.Equal("2024-11-11", week.GetProperty("week_start").GetString());
        Assert.Equal(1, week.GetProperty("installations").GetInt32());
        // One installation is below the minimum group size (5): its week shows how many installations, nothing of them.
        Assert.Empty(week.GetProperty("totals").EnumerateObject());
        Assert.Empty(week.GetProperty("groups").EnumerateObject());
        Assert.DoesNotContain(id.ToString("D"), statistics.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_dropped_connection_and_its_retry_are_counted_once()
    {
        using UsageStatistics client = OpenClient();
        client.OptIn();
        Guid id = client.GetStatus().InstallationId!.Value;
        client.Add(UsageCounter.Jobs, 5);
        _collector.Time.Advance(TimeSpan.FromDays(7));
        _collector.DropNextResponses(1);

        SubmissionResult first = await client.SubmitAsync();
        Assert.Equal(SubmissionOutcome.RetryScheduled, first.Outcome);
        Assert.Equal(1, await SubmissionsOf(id));

        _collector.Time.Advance(first.NextSubmissionNotBefore!.Value - _collector.Time.GetUtcNow());
        SubmissionResult retry = await client.SubmitAsync();

        Assert.Equal((SubmissionOutcome.Sent, 200), (retry.Outcome, retry.StatusCode));
        Assert.Equal(1, await SubmissionsOf(id));
        Assert.Equal(1, await _collector.CountSubmissionsAsync());
    }

    [Fact]
    public async Task The_collector_answers_429_with_Retry_After_and_the_client_waits_that_long()
    {
        using UsageStatistics client = OpenClient();
        client.OptIn();
        client.Add(UsageCounter.Jobs, 1);
        _collector.Time.Advance(TimeSpan.FromDays(7));
        client.Add(UsageCounter.Jobs, 2);
        _collector.Time.Advance(TimeSpan.FromDays(7));

        // The client's own limit is persisted in its store; a second copy of the store without it (a restored backup)
        // meets the collector's limit instead.
        Assert.Equal(SubmissionOutcome.Sent, (await client.SubmitAsync()).Outcome);
        client.Dispose();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_clientData, "usage-statistics.db")};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "DELETE FROM settings WHERE key = 'next_submission_at';";
            command.ExecuteNonQuery();
        }

        using UsageStatistics restored = OpenClient();
        _collector.Time.Advance(TimeSpan.FromMinutes(20));
        DateTimeOffset now = _collector.Time.GetUtcNow();
        SubmissionResult limited = await restored.SubmitAsync();

        Assert.Equal((SubmissionOutcome.RetryScheduled, 429), (limited.Outcome, limited.StatusCode));
        Assert.True(limited.NextSubmissionNotBefore >= now + TimeSpan.FromMinutes(40), $"next {limited.NextSubmissionNotBefore} from {now}");
        _collector.Time.Advance(limited.NextSubmissionNotBefore!.Value - now);
        Assert.Equal(SubmissionOutcome.Sent, (await restored.SubmitAsync()).Outcome);
        Assert.Equal(2, await _collector.CountSubmissionsAsync());
    }

    [Fact]
    public async Task Opt_out_sends_a_deletion_request_and_the_installation_rows_are_gone()
    {
        using UsageStatistics client = OpenClient();
        client.OptIn();
        Guid id = client.GetStatus().InstallationId!.Value;
        for (int week = 0; week < 3; week++)
        {
            client.Add(UsageCounter.Jobs, week + 1);
            client.Flush();
            _collector.Time.Advance(TimeSpan.FromDays(7));
            Assert.Equal(SubmissionOutcome.Sent, (await client.SubmitAsync()).Outcome);
            _collector.Time.Advance(TimeSpan.FromHours(1));
        }

        using UsageStatistics other = OpenClient("other");
        other.OptIn();
        other.Add(UsageCounter.Jobs, 1);
        _collector.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(SubmissionOutcome.Sent, (await other.SubmitAsync()).Outcome);
        Assert.Equal(3, await SubmissionsOf(id));

        client.OptOut();
        await client.SubmitAsync();

        Assert.Equal(0, client.GetStatus().PendingRemoteDeletions);
        Assert.Equal(0, await SubmissionsOf(id));
        Assert.Equal(1, await _collector.CountSubmissionsAsync());

        // Idempotent: deleting again answers success.
        using HttpClient http = _collector.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"v1/installations/{id:D}")).StatusCode);
    }

    private UsageStatistics OpenClient(string name = "") => UsageStatistics.Open(
        new PiiGuardTelemetryOptions
        {
            DataDirectory = Path.Combine(_clientData, name),
            Endpoint = _collector.BaseUri,
            TrustedRootCertificates = _collector.TrustedRoots,
            TimeZoneId = "Europe/Berlin",
        },
        week => UsageReports.Build(week),
        _collector.Time);

    private async Task<long> SubmissionsOf(Guid id)
    {
        using HttpClient admin = _collector.Client(admin: true);
        using JsonDocument answer = JsonDocument.Parse(await admin.GetStringAsync($"v1/admin/installations/{id:D}"));
        return answer.RootElement.GetProperty("submissions").GetInt64();
    }
}

/// <summary>The end-to-end tests on SQLite.</summary>
public sealed class EndToEndTestsOnSqlite() : EndToEndTests(TestStorage.Sqlite);

/// <summary>The end-to-end tests on PostgreSQL.</summary>
public sealed class EndToEndTestsOnPostgreSql() : EndToEndTests(TestStorage.PostgreSql);
