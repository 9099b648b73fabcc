using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

public sealed class SubmissionTests : IAsyncLifetime
{
    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();
    private readonly CapturingLogger _logger = new();
    private HttpsTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpsTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_completed_week_is_sent_over_HTTPS_exactly_as_previewed()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        Guid id = statistics.GetStatus().InstallationId!.Value;
        statistics.Add(UsageCounter.Jobs, 23);
        statistics.SetGauge(PrinterType.Prusa, 1);

        Assert.Equal(SubmissionOutcome.NothingDue, (await statistics.SubmitAsync()).Outcome);
        Assert.Empty(_server.Requests);

        _time.Advance(TimeSpan.FromDays(5));
        SubmissionPreview preview = statistics.PreviewNextSubmission()!;
        SubmissionResult result = await statistics.SubmitAsync();

        Assert.Equal(SubmissionOutcome.Sent, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero), result.WeekStart);
        ReceivedRequest request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/v1/submissions"), (request.Method, request.Path));
        Assert.Equal(preview.Body.ToArray(), request.Body);
        Assert.Equal(id.ToString("N") + "-20241111", request.Header("Idempotency-Key"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("PiiGuard/1.0", request.Header("User-Agent"));

        using JsonDocument body = JsonDocument.Parse(request.Body);
        Assert.Equal("1.0", body.RootElement.GetProperty("schema_version").GetString());
        Assert.Equal("2024-11-19T10:00:00Z", body.RootElement.GetProperty("submission_timestamp").GetString());
        Assert.Equal(23, body.RootElement.GetProperty("usage_stats").GetProperty("job_count").GetInt32());

        TelemetryStatus status = statistics.GetStatus();
        Assert.Equal((0, 1), (status.PendingWeeks, status.SubmittedWeeks));
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(SubmissionOutcome.NothingDue, (await statistics.SubmitAsync()).Outcome);
        Assert.Single(_server.Requests);
        AssertLogsHoldNothingPersonal(id);
    }

    [Fact]
    public async Task At_most_one_submission_an_hour_and_the_limit_survives_a_restart()
    {
        using (UsageStatistics statistics = Open())
        {
            statistics.OptIn();
            RecordWeeks(statistics, 3);
            Assert.Equal(SubmissionOutcome.Sent, (await statistics.SubmitAsync()).Outcome);
            SubmissionResult second = await statistics.SubmitAsync();
            Assert.Equal(SubmissionOutcome.NotYet, second.Outcome);
            Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), second.NextSubmissionNotBefore!.Value, TimeSpan.FromMinutes(1));
        }

        using (UsageStatistics reopened = Open())
        {
            _time.Advance(TimeSpan.FromMinutes(58));
            Assert.Equal(SubmissionOutcome.NotYet, (await reopened.SubmitAsync()).Outcome);
            _time.Advance(TimeSpan.FromMinutes(3));
            Assert.Equal(SubmissionOutcome.Sent, (await reopened.SubmitAsync()).Outcome);
            Assert.Equal(1, reopened.GetStatus().PendingWeeks);
        }

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(["20241111", "20241118"], _server.Requests.Select(r => r.Header("Idempotency-Key")![^8..]));
    }

    [Fact]
    public async Task Failures_back_off_exponentially_from_an_hour_and_every_retry_carries_the_same_idempotency_key()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        _server.Handler = context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };

        DateTimeOffset now = _time.GetUtcNow();
        SubmissionResult first = await statistics.SubmitAsync();
        Assert.Equal(SubmissionOutcome.RetryScheduled, first.Outcome);
        AssertBetween(first.NextSubmissionNotBefore!.Value - now, TimeSpan.FromHours(1), TimeSpan.FromHours(1.25));

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(SubmissionOutcome.NotYet, (await statistics.SubmitAsync()).Outcome);
        _time.Advance(first.NextSubmissionNotBefore!.Value - _time.GetUtcNow());
        now = _time.GetUtcNow();
        SubmissionResult second = await statistics.SubmitAsync();
        AssertBetween(second.NextSubmissionNotBefore!.Value - now, TimeSpan.FromHours(2), TimeSpan.FromHours(2.5));

        _server.Handler = context =>
        {
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        };
        _time.Advance(second.NextSubmissionNotBefore!.Value - now);
        Assert.Equal(SubmissionOutcome.Sent, (await statistics.SubmitAsync()).Outcome);

        Assert.Equal(3, _server.Requests.Count);
        Assert.Single(_server.Requests.Select(r => r.Header("Idempotency-Key")).Distinct());
        using JsonDocument export = JsonDocument.Parse(statistics.ExportJson());
        Assert.Equal(
            ["retrylater", "retrylater", "accepted"],
            export.RootElement.GetProperty("submission_log").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_honoured()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        _server.Handler = context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "10800";
            return Task.CompletedTask;
        };

        DateTimeOffset now = _time.GetUtcNow();
        SubmissionResult result = await statistics.SubmitAsync();
        Assert.Equal((SubmissionOutcome.RetryScheduled, 429), (result.Outcome, result.StatusCode));
        AssertBetween(result.NextSubmissionNotBefore!.Value - now, TimeSpan.FromHours(3), TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromHours(2.9));
        Assert.Equal(SubmissionOutcome.NotYet, (await statistics.SubmitAsync()).Outcome);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_later_and_counted_once()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        int calls = 0;
        _server.Handler = context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Abort();
            }

            return Task.CompletedTask;
        };

        Assert.Equal(SubmissionOutcome.RetryScheduled, (await statistics.SubmitAsync()).Outcome);
        _time.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal(SubmissionOutcome.Sent, (await statistics.SubmitAsync()).Outcome);
        Assert.Single(_server.Requests.Select(r => r.Header("Idempotency-Key")).Distinct());
        Assert.Equal(1, statistics.GetStatus().SubmittedWeeks);
    }

    [Fact]
    public async Task A_refused_week_is_not_sent_again()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        _server.Handler = context =>
        {
            context.Response.StatusCode = 400;
            return Task.CompletedTask;
        };

        Assert.Equal(SubmissionOutcome.Rejected, (await statistics.SubmitAsync()).Outcome);
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(SubmissionOutcome.NothingDue, (await statistics.SubmitAsync()).Outcome);
        Assert.Equal(1, statistics.GetStatus().RejectedWeeks);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Offline_weeks_wait_in_a_bounded_queue_that_drops_the_oldest_and_counts_it()
    {
        using UsageStatistics statistics = Open(options => options.MaxPendingWeeks = 4);
        statistics.OptIn();
        RecordWeeks(statistics, 6);
        Assert.Equal(6, statistics.GetStatus().PendingWeeks);

        Assert.Equal(SubmissionOutcome.Sent, (await statistics.SubmitAsync()).Outcome);

        TelemetryStatus status = statistics.GetStatus();
        Assert.Equal((2, 1, 3), (status.DroppedWeeks, status.SubmittedWeeks, status.PendingWeeks));
        // The third week is the oldest kept: 2024-11-25.
        Assert.EndsWith("-20241125", _server.Requests.Single().Header("Idempotency-Key"), StringComparison.Ordinal);
        Assert.Contains(_logger.Entries, entry => entry.Message.Contains("dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opting_out_queues_a_deletion_request_that_is_retried_until_acknowledged()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        Guid id = statistics.GetStatus().InstallationId!.Value;
        RecordWeeks(statistics, 1);
        Assert.Equal(SubmissionOutcome.Sent, (await statistics.SubmitAsync()).Outcome);

        int deletes = 0;
        _server.Handler = context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref deletes) == 1 ? 503 : 204;
            return Task.CompletedTask;
        };

        statistics.OptOut();
        Assert.Equal(1, statistics.GetStatus().PendingRemoteDeletions);
        Assert.Equal(SubmissionOutcome.NotOptedIn, (await statistics.SubmitAsync()).Outcome);
        Assert.Equal(1, statistics.GetStatus().PendingRemoteDeletions);

        // Survives a restart; retried after its backoff (a minute or so), not held to the submissions' hourly limit.
        statistics.Dispose();
        using UsageStatistics reopened = Open();
        _time.Advance(TimeSpan.FromMinutes(2));
        await reopened.SubmitAsync();

        Assert.Equal(0, reopened.GetStatus().PendingRemoteDeletions);
        ReceivedRequest[] requests = [.. _server.Requests.Where(r => r.Method == "DELETE")];
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("/v1/installations/" + id.ToString("D"), r.Path));
        Assert.DoesNotContain(id.ToString("D"), _folder.RawBytes(), StringComparison.Ordinal);
        AssertLogsHoldNothingPersonal(id);
    }

    [Fact]
    public async Task After_an_opt_out_the_result_says_what_was_done_with_the_deletion_request_as_well_as_the_statistics()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        SubmissionResult sent = await statistics.SubmitAsync();
        Assert.Equal(SubmissionOutcome.Sent, sent.Outcome);
        Assert.Empty(sent.DeletionRequests);

        int deletes = 0;
        _server.Handler = context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref deletes) == 1 ? 503 : 204;
            return Task.CompletedTask;
        };
        statistics.OptOut();

        // The collector is busy: the request went, was not acknowledged, and waits for its backoff.
        SubmissionResult busy = await statistics.SubmitAsync();
        Assert.Equal((SubmissionOutcome.NotOptedIn, null, null), (busy.Outcome, busy.WeekStart, busy.StatusCode));
        DeletionRequestResult retry = Assert.Single(busy.DeletionRequests);
        Assert.Equal((DeletionRequestOutcome.RetryScheduled, 503), (retry.Outcome, retry.StatusCode));
        Assert.True(retry.NextAttemptNotBefore > _time.GetUtcNow(), "a retry is scheduled in the future");

        // Before its backoff nothing goes, and the result says nothing was done with it.
        Assert.Empty((await statistics.SubmitAsync()).DeletionRequests);
        Assert.Equal(1, deletes);

        _time.Advance(retry.NextAttemptNotBefore!.Value - _time.GetUtcNow());
        SubmissionResult acknowledged = await statistics.SubmitAsync();
        Assert.Equal((SubmissionOutcome.NotOptedIn, null, null), (acknowledged.Outcome, acknowledged.WeekStart, acknowledged.StatusCode));
        Assert.Equal(new DeletionRequestResult { Outcome = DeletionRequestOutcome.Acknowledged, StatusCode = 204 }, Assert.Single(acknowledged.DeletionRequests));
        Assert.Equal(0, statistics.GetStatus().PendingRemoteDeletions);
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "DELETE"));
    }

    [Fact]
    public async Task One_call_that_sends_a_deletion_request_and_a_week_reports_both()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        Guid old = statistics.GetStatus().InstallationId!.Value;
        RecordWeeks(statistics, 1);
        statistics.RegenerateInstallationId(deleteRemoteData: true);

        SubmissionResult result = await statistics.SubmitAsync();

        Assert.Equal((SubmissionOutcome.Sent, 200), (result.Outcome, result.StatusCode));
        Assert.Equal(new DeletionRequestResult { Outcome = DeletionRequestOutcome.Acknowledged, StatusCode = 200 }, Assert.Single(result.DeletionRequests));
        Assert.Equal(
            [("DELETE", "/v1/installations/" + old.ToString("D")), ("POST", "/v1/submissions")],
            _server.Requests.Select(r => (r.Method, r.Path)).ToArray());
    }

    [Fact]
    public async Task Statistics_kept_at_an_opt_out_are_never_sent_after_a_new_opt_in()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        RecordWeeks(statistics, 2);
        statistics.Add(UsageCounter.Jobs, 100);
        statistics.OptOut(keepLocalData: true);
        await statistics.SubmitAsync();

        // The week of the opt-out is withdrawn whole, even what a new opt-in records in it: the next week is sent.
        statistics.OptIn();
        Guid id = statistics.GetStatus().InstallationId!.Value;
        statistics.Add(UsageCounter.Files, 50);
        _time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(SubmissionOutcome.NothingDue, (await statistics.SubmitAsync()).Outcome);
        statistics.Add(UsageCounter.Files, 1);
        _time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(SubmissionOutcome.Sent, (await statistics.SubmitAsync()).Outcome);
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(SubmissionOutcome.NothingDue, (await statistics.SubmitAsync()).Outcome);

        ReceivedRequest post = Assert.Single(_server.Requests, r => r.Method == "POST");
        Assert.Equal(id.ToString("N") + "-20241202", post.Header("Idempotency-Key"));
        Assert.Contains("\"job_count\":0", Encoding.UTF8.GetString(post.Body), StringComparison.Ordinal);
        Assert.Contains("\"file_count\":1", Encoding.UTF8.GetString(post.Body), StringComparison.Ordinal);
        Assert.Equal(103, statistics.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));
    }

    [Fact]
    public async Task Opting_out_cancels_a_submission_in_flight()
    {
        using UsageStatistics statistics = Open();
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Handler = async context =>
        {
            if (context.Request.Method == "POST")
            {
                arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        };

        Task<SubmissionResult> submission = statistics.SubmitAsync();
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        statistics.OptOut();

        SubmissionResult result = await submission.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(SubmissionOutcome.NotOptedIn, result.Outcome);
        Assert.Equal(0, statistics.GetStatus().SubmittedWeeks);
        Assert.Equal(1, statistics.GetStatus().PendingRemoteDeletions);
    }

    [Fact]
    public async Task Certificate_validation_stays_on()
    {
        using UsageStatistics statistics = Open(options => options.TrustedRootCertificates = null);
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        Assert.Equal(SubmissionOutcome.RetryScheduled, (await statistics.SubmitAsync()).Outcome);
        Assert.Empty(_server.Requests);
        Assert.Equal(1, statistics.GetStatus().PendingWeeks);
    }

    [Fact]
    public async Task Plain_HTTP_is_refused_unless_it_is_loopback_under_the_testing_switch()
    {
        await using HttpsTestServer http = await HttpsTestServer.StartHttpAsync();
        Assert.ThrowsAny<ArgumentException>(() => Open(options => options.Endpoint = http.BaseUri));

        using UsageStatistics statistics = Open(options =>
        {
            options.Endpoint = http.BaseUri;
            options.AllowInsecureLoopbackEndpointForTesting = true;
        });
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        Assert.Equal(SubmissionOutcome.Sent, (await statistics.SubmitAsync()).Outcome);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Without_an_endpoint_statistics_stay_local()
    {
        using UsageStatistics statistics = Open(options => options.Endpoint = null);
        statistics.OptIn();
        RecordWeeks(statistics, 1);
        Assert.Equal(SubmissionOutcome.NoEndpoint, (await statistics.SubmitAsync()).Outcome);
        statistics.OptOut();
        Assert.Equal(0, statistics.GetStatus().PendingRemoteDeletions);
        Assert.Empty(_server.Requests);
    }

    private UsageStatistics Open(Action<PiiGuardTelemetryOptions>? configure = null) =>
        TestStore.Open(_folder, _time, options =>
        {
            options.Endpoint = _server.BaseUri;
            options.TrustedRootCertificates = _server.TrustedRoots;
            configure?.Invoke(options);
        }, _logger);

    // Records something in each of `weeks` weeks from the current one, then moves to the week after the last.
    private void RecordWeeks(UsageStatistics statistics, int weeks)
    {
        for (int week = 0; week < weeks; week++)
        {
            statistics.Add(UsageCounter.Jobs, week + 1);
            statistics.Flush();
            _time.Advance(TimeSpan.FromDays(7));
        }
    }

    private void AssertLogsHoldNothingPersonal(Guid id)
    {
        string logs = string.Join("\n", _logger.Entries.Select(entry => entry.Message + " " + string.Join(" ", entry.Values.Select(v => v.Value))));
        Assert.NotEmpty(_logger.Entries);
        Assert.DoesNotContain(id.ToString("D"), logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(id.ToString("N"), logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_server.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/v1", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(_folder.Path, logs, StringComparison.Ordinal);
    }

    private static void AssertBetween(TimeSpan actual, TimeSpan low, TimeSpan high) =>
        Assert.True(actual >= low && actual <= high + TimeSpan.FromMinutes(1), $"{actual} is not between {low} and {high}");
}
