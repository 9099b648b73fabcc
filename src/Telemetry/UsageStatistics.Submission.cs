using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PiiGuard.Submission;
using PiiGuard.Telemetry.Storage;

namespace PiiGuard;

public sealed partial class UsageStatistics
{
    /// <summary>The least time between two submissions of an installation, retries included: the policy's rate limit.</summary>
    public static readonly TimeSpan MinimumSubmissionInterval = TimeSpan.FromHours(1);

    private static readonly TimeSpan s_maximumBackoff = TimeSpan.FromHours(24);
    private static readonly TimeSpan s_firstDeletionRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_maximumDeletionBackoff = TimeSpan.FromHours(6);

    private readonly Uri? _endpoint;
    private readonly TelemetryTransport? _transport;
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

    private static TelemetryTransport CreateTransport(Uri endpoint, PiiGuardTelemetryOptions options, TimeProvider time, ILogger logger) =>
        new(endpoint, new TelemetryTransportSettings(options.AllowInsecureLoopbackEndpointForTesting, options.TrustedRootCertificates, options.RequestTimeout, options.UserAgent), time, logger);

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
            TelemetryDatabase? database = DatabaseOrNull();
            if (database is null)
            {
                // No file is no decision: not opted in, and nothing is created.
                return new SubmissionResult(_storeAbsent ? SubmissionOutcome.NotOptedIn : SubmissionOutcome.StoreUnavailable, null, null, null);
            }

            database.Read((connection, transaction) => SyncConsent(connection, transaction));
            Consent consent = _consent;

            if (!consent.OptedIn || consent.InstallationId is not { } id)
            {
                return new SubmissionResult(SubmissionOutcome.NotOptedIn, null, null, null);
            }

            if (NeedsConsent(consent))
            {
                return new SubmissionResult(SubmissionOutcome.NeedsConsent, null, null, null);
            }

            if (_transport is null)
            {
                return new SubmissionResult(SubmissionOutcome.NoEndpoint, null, null, null);
            }

            DateTimeOffset currentWeek = TelemetryPeriods.StartOf(now, Period.Week);
            (List<DateTimeOffset> pending, DateTimeOffset? notBefore) = database.Write((connection, transaction) =>
            {
                List<DateTimeOffset> weeks = PendingWeeks(connection, transaction, currentWeek);
                int over = weeks.Count - _options.MaxPendingWeeks;
                if (over > 0)
                {
                    foreach (DateTimeOffset dropped in weeks.GetRange(0, over))
                    {
                        SetWeekState(connection, transaction, dropped, WeekState.Dropped);
                    }

                    weeks.RemoveRange(0, over);
                    TelemetryLog.WeeksDropped(_logger, over, _options.MaxPendingWeeks);
                }

                return (weeks, ReadNextSubmission(connection, transaction));
            });

            if (pending.Count == 0)
            {
                return new SubmissionResult(SubmissionOutcome.NothingDue, null, null, notBefore);
            }

            week = pending[0];
            if (notBefore is { } next && now < next)
            {
                return new SubmissionResult(SubmissionOutcome.NotYet, week, null, next);
            }

            body = BuildBody(database, week, complete: true, now);
            idempotencyKey = id.ToString("N") + "-" + week.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

            // The attempt counts before it is made: the rate limit holds even if the process dies mid-request.
            DateTimeOffset limit = RoundUpToMinute(now + MinimumSubmissionInterval);
            database.Write((connection, transaction) =>
            {
                SetSetting(connection, transaction, NextSubmissionKey, FormatTime(limit));
                return 0;
            });
            optOut = _inFlight.Token;
        }

        TransportResult result;
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, optOut))
        {
            try
            {
                result = await _transport.SubmitAsync(body, idempotencyKey, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The user opted out while the request was in flight.
                return new SubmissionResult(SubmissionOutcome.NotOptedIn, week, null, null);
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
        TelemetryDatabase? database = DatabaseOrNull();
        string weekText = FormatDay(week);
        if (!_consent.OptedIn || database is null)
        {
            // Opted out (and perhaps deleted) while the request was in flight: remember nothing of it.
            return new SubmissionResult(_consent.OptedIn ? SubmissionOutcome.StoreUnavailable : SubmissionOutcome.NotOptedIn, week, result.StatusCode, null);
        }

        (SubmissionOutcome outcome, DateTimeOffset next) = database.Write((connection, transaction) =>
        {
            int failures = int.TryParse(ReadSettings(connection, transaction).GetValueOrDefault(FailuresKey), NumberStyles.None, CultureInfo.InvariantCulture, out int f) ? f : 0;
            SubmissionOutcome outcome;
            TimeSpan delay = MinimumSubmissionInterval;
            switch (result.Outcome)
            {
                case TransportOutcome.Accepted:
                    outcome = SubmissionOutcome.Sent;
                    SetWeekState(connection, transaction, week, WeekState.Sent);
                    failures = 0;
                    break;
                case TransportOutcome.Rejected:
                    outcome = SubmissionOutcome.Rejected;
                    SetWeekState(connection, transaction, week, WeekState.Rejected);
                    failures = 0;
                    break;
                default:
                    outcome = SubmissionOutcome.RetryScheduled;
                    failures++;
                    delay = Backoff(MinimumSubmissionInterval, s_maximumBackoff, failures);
                    if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                    {
                        delay = retryAfter;
                    }

                    break;
            }

            DateTimeOffset next = RoundUpToMinute(now + delay);
            SetSetting(connection, transaction, FailuresKey, failures.ToString(CultureInfo.InvariantCulture));
            SetSetting(connection, transaction, NextSubmissionKey, FormatTime(next));
            using SqliteCommand log = connection.CreateCommand();
            log.Transaction = transaction;
            log.CommandText = "INSERT INTO submission_log (week_start, attempted_at, outcome, status_code) VALUES ($week, $at, $outcome, $status);";
            log.Parameters.AddWithValue("$week", weekText);
            log.Parameters.AddWithValue("$at", FormatTime(TelemetryEnvelope.TruncateToHour(now)));
            log.Parameters.AddWithValue("$outcome", result.Outcome.ToString().ToLowerInvariant());
            log.Parameters.AddWithValue("$status", result.StatusCode is { } status ? status : DBNull.Value);
            log.ExecuteNonQuery();
            return (outcome, next);
        });

        switch (outcome)
        {
            case SubmissionOutcome.Sent:
                TelemetryLog.WeekSubmitted(_logger, weekText, result.StatusCode);
                break;
            case SubmissionOutcome.Rejected:
                TelemetryLog.WeekRejected(_logger, weekText, result.StatusCode);
                break;
            default:
                TelemetryLog.SubmissionRetry(_logger, weekText, result.Outcome.ToString(), result.StatusCode, next - now);
                break;
        }

        return new SubmissionResult(outcome, week, result.StatusCode, next);
    }

    // Returns what was done with each request that was due, in the order sent.
    private async Task<List<DeletionRequestResult>> SendDeletionRequestsAsync(CancellationToken cancellationToken)
    {
        var done = new List<DeletionRequestResult>();
        if (_transport is null)
        {
            return done;
        }

        List<(Guid Id, int Attempts)> due;
        lock (_gate)
        {
            if (DatabaseOrNull() is not { } database)
            {
                return done;
            }

            string now = FormatTime(_time.GetUtcNow());
            due = database.Read((connection, transaction) =>
            {
                var rows = new List<(Guid, int)>();
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT installation_id, attempts FROM deletion_requests WHERE next_attempt_at <= $now ORDER BY requested_at;";
                command.Parameters.AddWithValue("$now", now);
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (Guid.TryParseExact(reader.GetString(0), "D", out Guid id))
                    {
                        rows.Add((id, reader.GetInt32(1)));
                    }
                }

                return rows;
            });
        }

        foreach ((Guid id, int attempts) in due)
        {
            TransportResult result = await _transport.DeleteInstallationAsync(id, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (DatabaseOrNull() is not { } database)
                {
                    // Its answer cannot be recorded: it stays queued and goes again next time.
                    done.Add(new DeletionRequestResult(
                        result.Outcome == TransportOutcome.Accepted ? DeletionRequestOutcome.Acknowledged : DeletionRequestOutcome.RetryScheduled,
                        result.StatusCode,
                        null));
                    return done;
                }

                DateTimeOffset now = _time.GetUtcNow();
                if (result.Outcome == TransportOutcome.Accepted)
                {
                    database.Write((connection, transaction) =>
                    {
                        using SqliteCommand command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = "DELETE FROM deletion_requests WHERE installation_id = $id;";
                        command.Parameters.AddWithValue("$id", id.ToString("D"));
                        return command.ExecuteNonQuery();
                    });
                    database.Compact();
                    TelemetryLog.DeletionAcknowledged(_logger);
                    done.Add(new DeletionRequestResult(DeletionRequestOutcome.Acknowledged, result.StatusCode, null));
                }
                else
                {
                    // A deletion is a right, not statistics: retried until acknowledged, whatever the collector says.
                    TimeSpan delay = Backoff(s_firstDeletionRetry, s_maximumDeletionBackoff, attempts + 1);
                    if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                    {
                        delay = retryAfter;
                    }

                    DateTimeOffset next = RoundUpToMinute(now + delay);
                    database.Write((connection, transaction) =>
                    {
                        using SqliteCommand command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = "UPDATE deletion_requests SET attempts = attempts + 1, next_attempt_at = $next WHERE installation_id = $id;";
                        command.Parameters.AddWithValue("$id", id.ToString("D"));
                        command.Parameters.AddWithValue("$next", FormatTime(next));
                        return command.ExecuteNonQuery();
                    });
                    TelemetryLog.DeletionRetry(_logger, result.Outcome.ToString(), result.StatusCode, delay);
                    done.Add(new DeletionRequestResult(DeletionRequestOutcome.RetryScheduled, result.StatusCode, next));
                }
            }
        }

        return done;
    }

    private void QueueDeletion(SqliteConnection connection, SqliteTransaction transaction, Guid id)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO deletion_requests (installation_id, requested_at, attempts, next_attempt_at) VALUES ($id, $at, 0, $at) " +
            "ON CONFLICT (installation_id) DO NOTHING;";
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        command.Parameters.AddWithValue("$at", FormatTime(TelemetryEnvelope.TruncateToHour(_time.GetUtcNow())));
        command.ExecuteNonQuery();
    }

    // Every week that holds statistics and has no fate yet, the current one included, will never be sent.
    private void WithdrawWeeks(SqliteConnection connection, SqliteTransaction transaction)
    {
        DateTimeOffset nextWeek = TelemetryPeriods.StartOf(_time.GetUtcNow(), Period.Week).AddDays(7);
        foreach (DateTimeOffset week in PendingWeeks(connection, transaction, nextWeek))
        {
            SetWeekState(connection, transaction, week, WeekState.Withdrawn);
        }
    }

    private static void SetWeekState(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset week, string state)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO weeks (week_start, state) VALUES ($week, $state) ON CONFLICT (week_start) DO UPDATE SET state = excluded.state;";
        command.Parameters.AddWithValue("$week", FormatDay(week));
        command.Parameters.AddWithValue("$state", state);
        command.ExecuteNonQuery();
    }

    private static DateTimeOffset? ReadNextSubmission(SqliteConnection connection, SqliteTransaction transaction) =>
        ReadSettings(connection, transaction).TryGetValue(NextSubmissionKey, out string? text) &&
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH':'mm':00Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset next)
            ? next
            : null;

    // Exponential: first, 2 × first, 4 × first, … up to maximum, plus up to a quarter more at random, so that
    // installations that failed together do not retry together. Never less than first.
    private static TimeSpan Backoff(TimeSpan first, TimeSpan maximum, int failures)
    {
        double factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(maximum.Ticks, first.Ticks * factor));
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.25 * Random.Shared.NextDouble()));
    }

    // Scheduling times are kept to the minute: they say when to try again, nothing about when the app was used.
    private static DateTimeOffset RoundUpToMinute(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        long remainder = ticks % TimeSpan.TicksPerMinute;
        return new DateTimeOffset(remainder == 0 ? ticks : ticks - remainder + TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    private static string FormatTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH':'mm':00Z'", CultureInfo.InvariantCulture);
}
