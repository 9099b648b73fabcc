using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PiiGuard.Telemetry.Storage;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard;

public sealed partial class UsageStatistics
{
    /// <summary>The least time between two submissions of an installation, retries included: the policy's rate limit.</summary>
    public static readonly TimeSpan MinimumSubmissionInterval = UploadPolicy.MinimumInterval;

    private readonly Uri? _endpoint;
    private readonly Uploader? _uploader;
    private readonly UploadPolicy _policy;
    private readonly SemaphoreSlim _submitGate = new(1, 1);
    private CancellationTokenSource _inFlight = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Does what is due: sends queued deletion requests, then submits the oldest completed week that waits, if the
    /// user opted in, an endpoint is configured, and the rate limit (one submission an hour, retries included) and any
    /// backoff allow. At most one week per call. The hosting integration calls it on a schedule; an app without a host
    /// calls it itself, say at start-up and every few hours.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// What happened: to the statistics in <see cref="SubmissionResult.Outcome"/>, to the deletion requests in
    /// <see cref="SubmissionResult.DeletionRequests"/>.
    /// </returns>
    /// <exception cref="InvalidOperationException">The app's payload builder failed.</exception>
    public async Task<SubmissionResult> SubmitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _submitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<DeletionRequestResult> deletions = await SendDeletionRequestsAsync(cancellationToken).ConfigureAwait(false);
            SubmissionResult result = await SubmitWeekAsync(cancellationToken).ConfigureAwait(false);
            return deletions.Count == 0 ? result : result with { DeletionRequests = deletions };
        }
        finally
        {
            _submitGate.Release();
        }
    }

    /// <summary>Completes when something asks for scheduled work sooner than its interval (an opt-out's deletion request).</summary>
    internal Task WhenWoken => Volatile.Read(ref _wake).Task;

    /// <summary>How long after the host starts the hosting integration first looks for due work.</summary>
    internal TimeSpan SchedulerStartDelay => _options.SchedulerStartDelay;

    private static Uploader CreateUploader(Uri endpoint, PiiGuardTelemetryOptions options, TimeProvider time, ILogger logger) =>
        new(endpoint, new UploaderSettings(options.AllowInsecureLoopbackEndpointForTesting, options.TrustedRootCertificates, options.RequestTimeout, options.UserAgent, options.HttpClientFactory), time, logger);

    private void WakeScheduler() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void CancelSubmissionInFlight()
    {
        CancellationTokenSource previous = Interlocked.Exchange(ref _inFlight, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    private async Task<SubmissionResult> SubmitWeekAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset week;
        byte[] body;
        string idempotencyKey;
        CancellationToken optOut;
        lock (_gate)
        {
            FlushCore(force: false);
            if (StoreOrNull() is not { } store)
            {
                // No file is no decision: not opted in, and nothing is created.
                return new SubmissionResult { Outcome = _consent.StoreAbsent ? SubmissionOutcome.NotOptedIn : SubmissionOutcome.StoreUnavailable };
            }

            _consent.Sync(store.ReadConsent());
            StoredConsent consent = _consent.Current;
            if (!consent.OptedIn || consent.InstallationId is not { } id)
            {
                return new SubmissionResult { Outcome = SubmissionOutcome.NotOptedIn };
            }

            if (_consent.NeedsConsent(consent))
            {
                return new SubmissionResult { Outcome = SubmissionOutcome.NeedsConsent };
            }

            if (_uploader is null)
            {
                return new SubmissionResult { Outcome = SubmissionOutcome.NoEndpoint };
            }

            SubmissionState state = store.ReadSubmissionState(UploadPolicy.CurrentWeek(now));
            (IReadOnlyList<DateTimeOffset> dropped, IReadOnlyList<DateTimeOffset> pending) = _policy.LimitPending(state.Pending);
            if (dropped.Count > 0)
            {
                store.DropWeeks(dropped);
                TelemetryLog.WeeksDropped(_logger, dropped.Count, _policy.MaxPendingWeeks);
            }

            UploadDue due = UploadPolicy.Check(pending, state.NotBefore, now);
            if (!due.IsDue)
            {
                return new SubmissionResult { Outcome = due.Outcome, WeekStart = due.Week, NextSubmissionNotBefore = due.NotBefore };
            }

            week = due.Week!.Value;
            body = BuildBody(store, week, complete: true, now);
            idempotencyKey = id.ToString("N") + "-" + week.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

            // The attempt counts before it is made: the rate limit holds even if the process dies mid-request.
            store.WriteNextSubmission(UploadPolicy.ReserveBefore(now));
            optOut = _inFlight.Token;
        }

        TransportResult result;
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, optOut))
        {
            try
            {
                result = await _uploader.SubmitAsync(body, idempotencyKey, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The user opted out while the request was in flight.
                return new SubmissionResult { Outcome = SubmissionOutcome.NotOptedIn, WeekStart = week };
            }
        }

        lock (_gate)
        {
            return RecordAttempt(week, result, _time.GetUtcNow());
        }
    }

    // Under _gate.
    private SubmissionResult RecordAttempt(DateTimeOffset week, TransportResult result, DateTimeOffset now)
    {
        StatisticsStore? store = StoreOrNull();
        if (!_consent.Current.OptedIn || store is null)
        {
            // Opted out (and perhaps deleted) while the request was in flight: remember nothing of it.
            return new SubmissionResult
            {
                Outcome = _consent.Current.OptedIn ? SubmissionOutcome.StoreUnavailable : SubmissionOutcome.NotOptedIn,
                WeekStart = week,
                StatusCode = result.StatusCode,
            };
        }

        UploadDecision decision = store.RecordSubmission(
            week,
            now,
            result.Outcome,
            result.StatusCode,
            failures => _policy.AfterSubmission(result.Outcome, result.RetryAfter, failures, now));
        string weekText = StatisticsStore.FormatDay(week);
        switch (decision.Outcome)
        {
            case SubmissionOutcome.Sent:
                TelemetryLog.WeekSubmitted(_logger, weekText, result.StatusCode);
                break;
            case SubmissionOutcome.Rejected:
                TelemetryLog.WeekRejected(_logger, weekText, result.StatusCode);
                break;
            default:
                TelemetryLog.SubmissionRetry(_logger, weekText, result.Outcome.ToString(), result.StatusCode, decision.Next - now);
                break;
        }

        return new SubmissionResult { Outcome = decision.Outcome, WeekStart = week, StatusCode = result.StatusCode, NextSubmissionNotBefore = decision.Next };
    }

    // Returns what was done with each request that was due, in the order sent.
    private async Task<List<DeletionRequestResult>> SendDeletionRequestsAsync(CancellationToken cancellationToken)
    {
        var done = new List<DeletionRequestResult>();
        if (_uploader is null)
        {
            return done;
        }

        List<DeletionRequest> due;
        lock (_gate)
        {
            if (StoreOrNull() is not { } store)
            {
                return done;
            }

            due = store.ReadDueDeletionRequests(_time.GetUtcNow());
        }

        foreach (DeletionRequest request in due)
        {
            TransportResult result = await _uploader.DeleteInstallationAsync(request.InstallationId, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (StoreOrNull() is not { } store)
                {
                    // Its answer cannot be recorded: it stays queued and goes again next time.
                    done.Add(new DeletionRequestResult
                    {
                        Outcome = result.Outcome == TransportOutcome.Accepted ? DeletionRequestOutcome.Acknowledged : DeletionRequestOutcome.RetryScheduled,
                        StatusCode = result.StatusCode,
                    });
                    return done;
                }

                if (result.Outcome == TransportOutcome.Accepted)
                {
                    store.DeleteDeletionRequest(request.InstallationId);
                    TelemetryLog.DeletionAcknowledged(_logger);
                    done.Add(new DeletionRequestResult { Outcome = DeletionRequestOutcome.Acknowledged, StatusCode = result.StatusCode });
                }
                else
                {
                    // A deletion is a right, not statistics: retried until acknowledged, whatever the collector says.
                    (TimeSpan delay, DateTimeOffset next) = _policy.AfterDeletionFailure(request.Attempts, result.RetryAfter, _time.GetUtcNow());
                    store.RescheduleDeletionRequest(request.InstallationId, next);
                    TelemetryLog.DeletionRetry(_logger, result.Outcome.ToString(), result.StatusCode, delay);
                    done.Add(new DeletionRequestResult { Outcome = DeletionRequestOutcome.RetryScheduled, StatusCode = result.StatusCode, NextAttemptNotBefore = next });
                }
            }
        }

        return done;
    }
}
