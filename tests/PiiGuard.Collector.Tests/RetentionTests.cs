using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// Retention: submissions of weeks older than <see cref="TelemetryCollectorOptions.Retention"/> (730 days by default, or as
/// configured) are deleted, by the retention job's PurgeNow and by the background job every
/// <see cref="TelemetryCollectorOptions.RetentionInterval"/>; newer ones are kept. Old rows are made by submitting while the
/// collector's clock is in the past, then moving the clock on.
/// </summary>
public abstract class RetentionTests(TestStorage storage)
{
    private static readonly TimeSpan DefaultInterval = new TelemetryCollectorOptions().RetentionInterval;

    [Fact]
    public async Task PurgeNow_deletes_weeks_older_than_the_default_two_years_and_keeps_newer_ones()
    {
        // Wednesday 2022-01-12: the weeks of 2021-12-27 and 2022-01-03 are over.
        var clock = new FakeTimeProvider(new DateTimeOffset(2022, 1, 12, 10, 0, 0, TimeSpan.Zero));
        await using CollectorHost host = await CollectorHost.StartAsync(storage, clock);
        await host.StopRetentionAsync(); // PurgeNow alone, no background run in between
        using HttpClient client = host.Client();
        Guid oldest = Guid.NewGuid(), old = Guid.NewGuid(), recent = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, oldest, Week(2021, 12, 27)));
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, old, Week(2022, 1, 3)));
        clock.SetUtcNow(new DateTimeOffset(2023, 6, 7, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, recent, Week(2023, 5, 29)));
        Assert.Equal(0, host.PurgeNow());

        // Monday 2024-01-08: 730 days ago is Saturday 2022-01-08, in the week of 2022-01-03, which is kept whole.
        clock.SetUtcNow(new DateTimeOffset(2024, 1, 8, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, host.PurgeNow());
        Assert.Equal((0, 1, 1), (await Submissions.CountAsync(host, oldest), await Submissions.CountAsync(host, old), await Submissions.CountAsync(host, recent)));

        // A week later that week is past the retention too.
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, host.PurgeNow());
        Assert.Equal((0, 0, 1), (await Submissions.CountAsync(host, oldest), await Submissions.CountAsync(host, old), await Submissions.CountAsync(host, recent)));
        Assert.Equal(0, host.PurgeNow());
        Assert.Equal(1, await host.CountSubmissionsAsync());
    }

    [Fact]
    public async Task A_week_older_than_the_retention_is_refused_rather_than_stored_to_be_purged()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 11, 14, 10, 17, 0, TimeSpan.Zero));
        await using CollectorHost host = await CollectorHost.StartAsync(storage, clock, null, "--Collector:Retention=30.00:00:00");
        using HttpClient client = host.Client();
        using HttpResponseMessage old = await Submissions.PostAsync(client, Submissions.Body(Guid.NewGuid(), Week(2024, 10, 7), clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("$.period: older than the collector keeps", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, Guid.NewGuid(), Week(2024, 10, 21)));
        Assert.Equal(1, await host.CountSubmissionsAsync());
    }

    [Theory]
    [InlineData("--Collector:RetentionInterval=60.00:00:00", "Collector:RetentionInterval")]
    [InlineData("--Collector:Retention=1.00:00:00", "Collector:Retention")]
    // Ten thousand years: now minus the retention would fall before 0001-01-01, and every submission and purge would throw.
    [InlineData("--Collector:Retention=3650000.00:00:00", "Collector:Retention")]
    [InlineData("--Collector:MaxBodyBytes=10", "Collector:MaxBodyBytes")]
    [InlineData("--Collector:MinimumGroupSize=0", "Collector:MinimumGroupSize")]
    public async Task Settings_out_of_range_stop_the_start_with_a_message_that_names_them(string setting, string name)
    {
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => CollectorHost.StartAsync(storage, null, null, setting));
        Assert.StartsWith(name + " must", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeNow_follows_a_configured_shorter_retention()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 11, 14, 10, 17, 0, TimeSpan.Zero));
        await using CollectorHost host = await CollectorHost.StartAsync(storage, clock, null, "--Collector:Retention=30.00:00:00");
        await host.StopRetentionAsync();
        using HttpClient client = host.Client();
        Guid older = Guid.NewGuid(), newer = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, older, Week(2024, 10, 28)));
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, newer, Week(2024, 11, 4)));
        Assert.Equal(0, host.PurgeNow());

        // Thursday 2024-12-05: 30 days ago is Tuesday 2024-11-05, in the week of 2024-11-04.
        clock.SetUtcNow(new DateTimeOffset(2024, 12, 5, 10, 17, 0, TimeSpan.Zero));
        Assert.Equal(1, host.PurgeNow());
        Assert.Equal((0, 1), (await Submissions.CountAsync(host, older), await Submissions.CountAsync(host, newer)));

        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, host.PurgeNow());
        Assert.Equal(0, await host.CountSubmissionsAsync());
    }

    [Fact]
    public async Task The_background_job_purges_every_interval_with_the_default_retention()
    {
        var clock = new JobClock(new DateTimeOffset(2022, 1, 12, 10, 0, 0, TimeSpan.Zero), DefaultInterval);
        await using CollectorHost host = await CollectorHost.StartAsync(storage, clock);
        using HttpClient client = host.Client();
        await clock.WaitForJobAsync(runs: 1);
        Guid old = Guid.NewGuid(), recent = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, old, Week(2021, 12, 27)));

        // A year and a half on, past an interval: the job runs, nothing is that old yet.
        clock.SetUtcNow(new DateTimeOffset(2023, 6, 7, 10, 0, 0, TimeSpan.Zero));
        await clock.WaitForJobAsync(runs: 2);
        Assert.Equal(1, await host.CountSubmissionsAsync());
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, recent, Week(2023, 5, 29)));

        // Past two years for the first week, and past the interval again: the job deletes it, not the newer one, and
        // says so. The job arms its next timer only after the purge and its log message: wait for that, not for the row.
        clock.SetUtcNow(new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero));
        await clock.WaitForJobAsync(runs: 3);
        Assert.Equal(1, await host.CountSubmissionsAsync());
        Assert.Equal((0, 1), (await Submissions.CountAsync(host, old), await Submissions.CountAsync(host, recent)));
        Assert.Contains(host.Logs.Entries, entry => entry.Message.Contains("Retention: deleted 1 submissions of weeks before 2022-01-10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_background_job_purges_every_interval_with_a_configured_retention()
    {
        var clock = new JobClock(new DateTimeOffset(2024, 11, 14, 10, 17, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        await using CollectorHost host = await CollectorHost.StartAsync(storage, clock, null, "--Collector:Retention=30.00:00:00", "--Collector:RetentionInterval=01:00:00");
        using HttpClient client = host.Client();
        await clock.WaitForJobAsync(runs: 1);
        Guid older = Guid.NewGuid(), newer = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, older, Week(2024, 10, 28)));
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, newer, Week(2024, 11, 4)));

        // Monday 2024-12-02, past the interval: 30 days back is still in the week of 2024-10-28, so the job keeps both.
        clock.SetUtcNow(new DateTimeOffset(2024, 12, 2, 10, 16, 0, TimeSpan.Zero));
        await clock.WaitForJobAsync(runs: 2);
        Assert.Equal(2, await host.CountSubmissionsAsync());

        // Thursday 2024-12-05, hours past the interval: the job deletes the older week and keeps the newer one.
        clock.SetUtcNow(new DateTimeOffset(2024, 12, 5, 10, 17, 0, TimeSpan.Zero));
        await clock.WaitForJobAsync(runs: 3);
        Assert.Equal((0, 1), (await Submissions.CountAsync(host, older), await Submissions.CountAsync(host, newer)));

        // A week later the newer one is past 30 days too.
        clock.Advance(TimeSpan.FromDays(7));
        await clock.WaitForJobAsync(runs: 4);
        Assert.Equal(0, await host.CountSubmissionsAsync());
    }

    private static DateTimeOffset Week(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A fake clock that tells when the retention job waits for its next run: it counts the timers of that job's
    /// interval (Task.Delay creates one after each purge), so a test moves the clock only while the job waits.
    /// </summary>
    private sealed class JobClock(DateTimeOffset start, TimeSpan interval) : FakeTimeProvider(start)
    {
        private readonly List<(int Runs, TaskCompletionSource Done)> _waiting = [];
        private int _runs;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == interval)
            {
                lock (_waiting)
                {
                    _runs++;
                    foreach ((int runs, TaskCompletionSource done) in _waiting.Where(w => w.Runs <= _runs).ToList())
                    {
                        done.TrySetResult();
                        _waiting.Remove((runs, done));
                    }
                }
            }

            return timer;
        }

        // Until the job has purged `runs` times (start-up included) and waits again. The 10 seconds only keep a job that
        // never runs from hanging the test; no result depends on them.
        public Task WaitForJobAsync(int runs)
        {
            lock (_waiting)
            {
                if (_runs >= runs)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((runs, done));
                return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
    }
}

/// <summary>The retention tests on SQLite.</summary>
public sealed class RetentionTestsOnSqlite() : RetentionTests(TestStorage.Sqlite);

/// <summary>The retention tests on PostgreSQL.</summary>
public sealed class RetentionTestsOnPostgreSql() : RetentionTests(TestStorage.PostgreSql);
