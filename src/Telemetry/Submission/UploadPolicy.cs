using System;
using System.Collections.Generic;

namespace PiiGuard.Telemetry.Submission;

/// <summary>What follows an attempt to send a week: its outcome, the failures in a row, and when the next attempt may be made.</summary>
/// <param name="Outcome">What came of the attempt for the statistics.</param>
/// <param name="Failures">How many attempts in a row have failed now.</param>
/// <param name="Next">When the next submission may be made, to the minute.</param>
internal readonly record struct UploadDecision(SubmissionOutcome Outcome, int Failures, DateTimeOffset Next);

/// <summary>Whether a week is to be sent now; <see cref="Week"/> and <see cref="NotBefore"/> as the outcome needs them.</summary>
/// <param name="Outcome"><see cref="SubmissionOutcome.NothingDue"/>, <see cref="SubmissionOutcome.NotYet"/>, or <see cref="SubmissionOutcome.Sent"/> meaning "send it now".</param>
/// <param name="Week">The oldest waiting week, if any.</param>
/// <param name="NotBefore">When the next submission may be made, if a limit is set.</param>
internal readonly record struct UploadDue(SubmissionOutcome Outcome, DateTimeOffset? Week, DateTimeOffset? NotBefore)
{
    /// <summary>Gets whether the week is to be sent now.</summary>
    public bool IsDue => Outcome == SubmissionOutcome.Sent;
}

/// <summary>
/// The upload policy: pure decisions, no I/O and no clock of its own (every method takes "now"). At most one
/// submission an hour, retries included; exponential backoff after failures, with jitter; a collector's
/// <c>Retry-After</c> honoured when it asks for longer; at most <see cref="MaxPendingWeeks"/> weeks waiting, the
/// oldest beyond that dropped; deletion requests retried, with their own backoff, until acknowledged.
/// </summary>
internal sealed class UploadPolicy
{
    /// <summary>The least time between two submissions of an installation, retries included.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromHours(1);

    /// <summary>The longest wait after failed submissions (before jitter).</summary>
    public static readonly TimeSpan MaximumBackoff = TimeSpan.FromHours(24);

    /// <summary>The wait after a deletion request's first failure (before jitter).</summary>
    public static readonly TimeSpan FirstDeletionRetry = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait after failed deletion requests (before jitter).</summary>
    public static readonly TimeSpan MaximumDeletionBackoff = TimeSpan.FromHours(6);

    private readonly Func<double> _jitter;

    /// <summary>Creates the policy.</summary>
    /// <param name="maxPendingWeeks">How many completed weeks may wait to be sent (at least 1).</param>
    /// <param name="jitter">A number in [0, 1) for each backoff: a quarter of the delay times it is added. <see cref="Random.Shared"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPendingWeeks"/> is less than 1.</exception>
    public UploadPolicy(int maxPendingWeeks, Func<double>? jitter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingWeeks, 1);
        MaxPendingWeeks = maxPendingWeeks;
        _jitter = jitter ?? Random.Shared.NextDouble;
    }

    /// <summary>Gets how many completed weeks may wait to be sent.</summary>
    public int MaxPendingWeeks { get; }

    /// <summary>The start of the week <paramref name="now"/> falls in: weeks before it are complete.</summary>
    public static DateTimeOffset CurrentWeek(DateTimeOffset now) => TelemetryPeriods.StartOf(now, Period.Week);

    /// <summary>
    /// The oldest waiting weeks beyond <see cref="MaxPendingWeeks"/>, which are dropped, never sent, and the rest.
    /// </summary>
    /// <param name="pending">The waiting weeks, oldest first.</param>
    /// <returns>The weeks to drop (oldest first) and the weeks that keep waiting.</returns>
    public (IReadOnlyList<DateTimeOffset> Dropped, IReadOnlyList<DateTimeOffset> Kept) LimitPending(IReadOnlyList<DateTimeOffset> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        int over = pending.Count - MaxPendingWeeks;
        if (over <= 0)
        {
            return ([], pending);
        }

        var list = new List<DateTimeOffset>(pending);
        return (list.GetRange(0, over), list.GetRange(over, MaxPendingWeeks));
    }

    /// <summary>Whether the oldest of <paramref name="pending"/> is to be sent at <paramref name="now"/>.</summary>
    /// <param name="pending">The waiting weeks, oldest first, already limited by <see cref="LimitPending"/>.</param>
    /// <param name="notBefore">When the next submission may be made, as stored.</param>
    /// <param name="now">Now.</param>
    public static UploadDue Check(IReadOnlyList<DateTimeOffset> pending, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Count == 0)
        {
            return new UploadDue(SubmissionOutcome.NothingDue, null, notBefore);
        }

        return notBefore is { } next && now < next
            ? new UploadDue(SubmissionOutcome.NotYet, pending[0], next)
            : new UploadDue(SubmissionOutcome.Sent, pending[0], notBefore);
    }

    /// <summary>
    /// When the next submission may be made at the earliest, stored before an attempt: the rate limit holds even if
    /// the process dies mid-request.
    /// </summary>
    public static DateTimeOffset ReserveBefore(DateTimeOffset now) => RoundUpToMinute(now + MinimumInterval);

    /// <summary>What follows an attempt that came back as <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The transport's outcome.</param>
    /// <param name="retryAfter">The collector's <c>Retry-After</c>, if any: taken when it is longer than the backoff.</param>
    /// <param name="failures">The failures in a row before this attempt.</param>
    /// <param name="now">When the answer came.</param>
    public UploadDecision AfterSubmission(TransportOutcome outcome, TimeSpan? retryAfter, int failures, DateTimeOffset now)
    {
        switch (outcome)
        {
            case TransportOutcome.Accepted:
                return new UploadDecision(SubmissionOutcome.Sent, 0, RoundUpToMinute(now + MinimumInterval));
            case TransportOutcome.Rejected:
                return new UploadDecision(SubmissionOutcome.Rejected, 0, RoundUpToMinute(now + MinimumInterval));
            default:
                int failed = failures < 0 ? 1 : failures == int.MaxValue ? failures : failures + 1;
                TimeSpan delay = Longer(Backoff(MinimumInterval, MaximumBackoff, failed), retryAfter);
                return new UploadDecision(SubmissionOutcome.RetryScheduled, failed, RoundUpToMinute(now + delay));
        }
    }

    /// <summary>
    /// When a deletion request that was not acknowledged goes again. A deletion is a right, not statistics: it is
    /// retried whatever the collector says, with a backoff, or later when its <c>Retry-After</c> asks for longer.
    /// </summary>
    /// <param name="attempts">The attempts made before this one.</param>
    /// <param name="retryAfter">The collector's <c>Retry-After</c>, if any.</param>
    /// <param name="now">When the answer came.</param>
    /// <returns>The wait, and the time of the next attempt (to the minute).</returns>
    public (TimeSpan Delay, DateTimeOffset Next) AfterDeletionFailure(int attempts, TimeSpan? retryAfter, DateTimeOffset now)
    {
        TimeSpan delay = Longer(Backoff(FirstDeletionRetry, MaximumDeletionBackoff, attempts < 0 ? 1 : attempts + 1), retryAfter);
        return (delay, RoundUpToMinute(now + delay));
    }

    // Exponential: first, 2 × first, 4 × first, … up to maximum, plus up to a quarter more at random, so that
    // installations that failed together do not retry together. Never less than first.
    private TimeSpan Backoff(TimeSpan first, TimeSpan maximum, int failures)
    {
        double factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(maximum.Ticks, first.Ticks * factor));
        double jitter = Math.Clamp(_jitter(), 0, 1);
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.25 * jitter));
    }

    private static TimeSpan Longer(TimeSpan delay, TimeSpan? retryAfter) => retryAfter is { } asked && asked > delay ? asked : delay;

    // Scheduling times are kept to the minute: they say when to try again, nothing about when the app was used.
    private static DateTimeOffset RoundUpToMinute(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        long remainder = ticks % TimeSpan.TicksPerMinute;
        return new DateTimeOffset(remainder == 0 ? ticks : ticks - remainder + TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }
}
