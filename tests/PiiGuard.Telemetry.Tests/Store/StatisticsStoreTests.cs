using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using PiiGuard.Telemetry.Recording;
using PiiGuard.Telemetry.Storage;
using PiiGuard.Telemetry.Submission;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

/// <summary>The statistics store alone: a real SQLite file in a temporary folder, no runtime around it.</summary>
public sealed class StatisticsStoreTests : IDisposable
{
    // Monday 2024-11-11 is the start of the week TestStore.Start falls in.
    private static readonly DateTimeOffset Now = TestStore.Start;
    private static readonly DateTimeOffset ThisWeek = new(2024, 11, 11, 0, 0, 0, TimeSpan.Zero);
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Opening_without_create_makes_nothing_and_returns_null()
    {
        string missing = Path.Combine(_folder.Path, "not-yet");

        Assert.Null(StatisticsStore.Open(missing, "usage-statistics.db", TimeSpan.FromSeconds(1), NullLogger.Instance, create: false));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void A_new_store_holds_no_decision_and_an_opt_in_reads_back()
    {
        using StatisticsStore store = Create();
        Assert.Equal(StoredConsent.None, store.ReadConsent());

        Guid id = Guid.NewGuid();
        store.WriteOptIn("1.2", id, ThisWeek);

        Assert.Equal(new StoredConsent(true, true, "1.2", id, ThisWeek), store.ReadConsent());
    }

    [Fact]
    public void Aggregates_sum_counters_and_errors_and_replace_gauges_and_flags()
    {
        using StatisticsStore store = Create();
        store.WriteOptIn("1.0", Guid.NewGuid(), ThisWeek);
        var day = new DateOnly(2024, 11, 12);

        store.AddAggregates([Counter(day, UsageCounter.Jobs, 2), Gauge(day, UsageCounter.Files, 7), Error(day)], _ => true);
        store.AddAggregates([Counter(day, UsageCounter.Jobs, 3), Gauge(day, UsageCounter.Files, 4), Error(day)], _ => true);

        List<StoredStatistic> rows = store.ReadStatistics();
        Assert.Equal(5, rows.Single(row => row.Kind == StatisticKind.Counter).Value);
        Assert.Equal(4, rows.Single(row => row.Kind == StatisticKind.Gauge).Value);
        StoredStatistic error = rows.Single(row => row.Kind == StatisticKind.Error);
        Assert.Equal((nameof(ErrorKind.Timeout), nameof(Component.FileService), 2L), (error.Key, error.Component, error.Value));
    }

    [Fact]
    public void Aggregates_are_written_only_when_the_consent_read_in_the_same_transaction_allows()
    {
        using StatisticsStore store = Create();
        Guid id = Guid.NewGuid();
        store.WriteOptIn("1.0", id, ThisWeek);
        var seen = new List<StoredConsent>();

        store.AddAggregates([Counter(new DateOnly(2024, 11, 12), UsageCounter.Jobs, 1)], consent =>
        {
            seen.Add(consent);
            return false;
        });

        Assert.Equal(new StoredConsent(true, true, "1.0", id, ThisWeek), Assert.Single(seen));
        Assert.Empty(store.ReadStatistics());
    }

    [Fact]
    public void Pending_weeks_are_completed_weeks_without_a_fate_oldest_first_and_dropped_weeks_leave_them()
    {
        using StatisticsStore store = Create();
        store.WriteOptIn("1.0", Guid.NewGuid(), ThisWeek);
        DateOnly[] days = [new(2024, 11, 12), new(2024, 10, 29), new(2024, 11, 5), new(2024, 11, 6), new(2024, 10, 22)];
        store.AddAggregates(days.Select(day => Counter(day, UsageCounter.Jobs, 1)).ToList(), _ => true);

        List<DateTimeOffset> pending = store.ReadPendingWeeks(ThisWeek);
        Assert.Equal([ThisWeek.AddDays(-21), ThisWeek.AddDays(-14), ThisWeek.AddDays(-7)], pending);

        store.DropWeeks([ThisWeek.AddDays(-21)]);

        Assert.Equal([ThisWeek.AddDays(-14), ThisWeek.AddDays(-7)], store.ReadPendingWeeks(ThisWeek));
        Assert.Equal(new QueueState(2, 0, 1, 0, null, 0), store.ReadQueueState(ThisWeek));
    }

    [Fact]
    public void A_submission_record_gets_the_failures_so_far_and_writes_the_fate_the_schedule_and_the_log()
    {
        using StatisticsStore store = Create();
        store.WriteOptIn("1.0", Guid.NewGuid(), ThisWeek);
        DateTimeOffset week = ThisWeek.AddDays(-7);
        store.AddAggregates([Counter(new DateOnly(2024, 11, 5), UsageCounter.Jobs, 1)], _ => true);
        // Scheduling times are stored to the minute.
        DateTimeOffset retry = new(2024, 11, 14, 12, 18, 0, TimeSpan.Zero);
        var given = new List<int>();

        store.RecordSubmission(week, Now, TransportOutcome.Failed, null, failures =>
        {
            given.Add(failures);
            return new UploadDecision(SubmissionOutcome.RetryScheduled, failures + 1, retry);
        });
        store.RecordSubmission(week, Now, TransportOutcome.Accepted, 202, failures =>
        {
            given.Add(failures);
            return new UploadDecision(SubmissionOutcome.Sent, 0, retry.AddHours(1));
        });

        Assert.Equal([0, 1], given);
        SubmissionState state = store.ReadSubmissionState(ThisWeek);
        Assert.Empty(state.Pending);
        Assert.Equal((retry.AddHours(1), 0), (state.NotBefore!.Value, state.Failures));
        StoreSnapshot snapshot = store.ExportAll(ThisWeek);
        Assert.Equal([("2024-11-04", "sent")], snapshot.Weeks);
        Assert.Equal(
            [new SubmissionLogEntry("2024-11-04", "2024-11-14T10:00:00Z", "failed", null), new SubmissionLogEntry("2024-11-04", "2024-11-14T10:00:00Z", "accepted", 202)],
            snapshot.SubmissionLog);
    }

    [Fact]
    public void Deletion_requests_are_queued_once_due_rescheduled_and_removed()
    {
        using StatisticsStore store = Create();
        Guid first = Guid.NewGuid();
        Guid second = Guid.NewGuid();
        store.WriteOptIn("1.0", first, ThisWeek);

        store.ReplaceInstallationId(second, deleteRemote: first, Now);
        store.WriteOptOut(deleteRemote: second, keepLocalData: false, Now);
        store.WriteOptOut(deleteRemote: second, keepLocalData: false, Now);

        Assert.Equal([new DeletionRequest(first, 0), new DeletionRequest(second, 0)], store.ReadDueDeletionRequests(Now).OrderBy(r => r.InstallationId != first));
        store.RescheduleDeletionRequest(first, Now.AddMinutes(2));
        Assert.Equal([new DeletionRequest(second, 0)], store.ReadDueDeletionRequests(Now));
        Assert.Equal([new DeletionRequest(first, 1), new DeletionRequest(second, 0)], store.ReadDueDeletionRequests(Now.AddMinutes(2)).OrderBy(r => r.InstallationId != first));

        store.DeleteDeletionRequest(first);
        store.DeleteDeletionRequest(second);

        Assert.Empty(store.ReadDueDeletionRequests(Now.AddDays(1)));
        Assert.DoesNotContain(first.ToString("D"), _folder.RawBytes(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_opt_out_that_keeps_local_data_withdraws_every_week_including_the_current_one()
    {
        using StatisticsStore store = Create();
        store.WriteOptIn("1.0", Guid.NewGuid(), ThisWeek);
        store.AddAggregates([Counter(new DateOnly(2024, 11, 5), UsageCounter.Jobs, 1), Counter(new DateOnly(2024, 11, 13), UsageCounter.Jobs, 1)], _ => true);

        store.WriteOptOut(deleteRemote: null, keepLocalData: true, Now);

        Assert.Equal(new StoredConsent(true, false, "1.0", null, null), store.ReadConsent());
        Assert.Equal(2, store.ReadStatistics().Count);
        Assert.Equal([("2024-11-04", WeekState.Withdrawn), ("2024-11-11", WeekState.Withdrawn)], store.ExportAll(ThisWeek.AddDays(7)).Weeks);
        Assert.Empty(store.ReadPendingWeeks(ThisWeek.AddDays(14)));
    }

    [Fact]
    public void Deleting_everything_keeps_the_decision_and_the_deletion_requests_and_leaves_no_trace_in_the_file()
    {
        using StatisticsStore store = Create();
        Guid old = Guid.NewGuid();
        Guid replacement = Guid.NewGuid();
        store.WriteOptIn("1.0", old, ThisWeek);
        store.AddAggregates([Counter(new DateOnly(2024, 11, 5), UsageCounter.Jobs, 1)], _ => true);
        store.RecordSubmission(ThisWeek.AddDays(-7), Now, TransportOutcome.Failed, null, failures => new UploadDecision(SubmissionOutcome.RetryScheduled, failures + 1, Now.AddHours(1)));
        store.ReplaceInstallationId(Guid.NewGuid(), deleteRemote: old, Now);

        store.DeleteAll(replacement, ThisWeek);

        Assert.Equal(new StoredConsent(true, true, "1.0", replacement, ThisWeek), store.ReadConsent());
        StoreSnapshot snapshot = store.ExportAll(ThisWeek);
        Assert.Equal((0, 0, 0, 1, (string?)null, 0), (snapshot.Statistics.Count, snapshot.Weeks.Count, snapshot.SubmissionLog.Count, snapshot.DeletionRequests.Count, snapshot.NextSubmissionNotBefore, snapshot.ConsecutiveFailures));
        Assert.DoesNotContain(nameof(UsageCounter.Jobs), _folder.RawBytes(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_sql_is_written_outside_the_storage_folder()
    {
        string telemetry = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "src", "Telemetry"));
        string[] files = Directory.GetFiles(telemetry, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray();
        Assert.Contains(files, file => file.EndsWith("StatisticsStore.cs", StringComparison.Ordinal));

        string[] offenders = files
            .Where(file => !file.StartsWith(Path.Combine(telemetry, "Storage") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(file => File.ReadAllText(file) is var text && (text.Contains("CommandText", StringComparison.Ordinal) || text.Contains("SqliteCommand", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(telemetry, file))
            .ToArray();
        Assert.Empty(offenders);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private StatisticsStore Create() =>
        StatisticsStore.Open(_folder.Path, "usage-statistics.db", TimeSpan.FromSeconds(5), NullLogger.Instance, create: true)!;

    private static Aggregator.Delta Counter(DateOnly day, UsageCounter key, long value) =>
        new(day, StatisticKind.Counter, Aggregator.Pack(StatisticKind.Counter, EnumKeys<UsageCounter>.TypeId, EnumKeys<UsageCounter>.IndexOf(key)), value);

    private static Aggregator.Delta Gauge(DateOnly day, UsageCounter key, long value) =>
        new(day, StatisticKind.Gauge, Aggregator.Pack(StatisticKind.Gauge, EnumKeys<UsageCounter>.TypeId, EnumKeys<UsageCounter>.IndexOf(key)), value);

    private static Aggregator.Delta Error(DateOnly day) =>
        new(day, StatisticKind.Error, Aggregator.Pack(StatisticKind.Error, EnumKeys<ErrorKind>.TypeId, EnumKeys<ErrorKind>.IndexOf(ErrorKind.Timeout), EnumKeys<Component>.TypeId, EnumKeys<Component>.IndexOf(Component.FileService)), 1);
}
