using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Time.Testing;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

/// <summary>The upload policy alone: pure decisions, checked by counting on a fake clock, never by waiting.</summary>
public sealed class UploadPolicyTests
{
    private static readonly DateTimeOffset Monday = new(2024, 11, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void At_most_max_pending_weeks_wait_and_the_oldest_beyond_are_dropped()
    {
        for (int max = 1; max <= 8; max++)
        {
            var policy = new UploadPolicy(max);
            for (int count = 0; count <= 12; count++)
            {
                DateTimeOffset[] pending = Enumerable.Range(0, count).Select(i => Monday.AddDays(7 * (i - count))).ToArray();

                (IReadOnlyList<DateTimeOffset> dropped, IReadOnlyList<DateTimeOffset> kept) = policy.LimitPending(pending);

                int over = Math.Max(0, count - max);
                Assert.Equal(pending.Take(over), dropped);
                Assert.Equal(pending.Skip(over), kept);
            }
        }
    }

    [Fact]
    public void The_policy_needs_room_for_one_week()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UploadPolicy(0));
    }

    [Fact]
    public void The_oldest_week_is_due_unless_the_stored_limit_is_still_ahead()
    {
        var time = new FakeTimeProvider(Monday.AddHours(9));
        DateTimeOffset[] pending = [Monday.AddDays(-14), Monday.AddDays(-7)];
        DateTimeOffset limit = time.GetUtcNow().AddMinutes(30);

        Assert.Equal(new UploadDue(SubmissionOutcome.NothingDue, null, limit), UploadPolicy.Check([], limit, time.GetUtcNow()));
        Assert.Equal(new UploadDue(SubmissionOutcome.Sent, pending[0], null), UploadPolicy.Check(pending, null, time.GetUtcNow()));

        int due = 0;
        for (int minute = 0; minute < 60; minute++)
        {
            UploadDue check = UploadPolicy.Check(pending, limit, time.GetUtcNow());
            Assert.Equal(pending[0], check.Week);
            if (check.IsDue)
            {
                due++;
            }
            else
            {
                Assert.Equal((SubmissionOutcome.NotYet, (DateTimeOffset?)limit), (check.Outcome, check.NotBefore));
            }

            time.Advance(TimeSpan.FromMinutes(1));
        }

        // Due from the limit on (minute 30 included): 30 of the 60 minutes.
        Assert.Equal(30, due);
    }

    [Fact]
    public void One_submission_an_hour_whatever_the_outcome_and_times_are_kept_to_the_minute()
    {
        var policy = new UploadPolicy(8, jitter: () => 0);
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 11, 14, 10, 17, 23, TimeSpan.Zero));
        DateTimeOffset expected = new(2024, 11, 14, 11, 18, 0, TimeSpan.Zero);

        Assert.Equal(expected, UploadPolicy.ReserveBefore(time.GetUtcNow()));
        Assert.Equal(new UploadDecision(SubmissionOutcome.Sent, 0, expected), policy.AfterSubmission(TransportOutcome.Accepted, null, 5, time.GetUtcNow()));
        Assert.Equal(new UploadDecision(SubmissionOutcome.Rejected, 0, expected), policy.AfterSubmission(TransportOutcome.Rejected, TimeSpan.FromDays(1), 5, time.GetUtcNow()));

        var onTheMinute = new FakeTimeProvider(new DateTimeOffset(2024, 11, 14, 10, 17, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2024, 11, 14, 11, 17, 0, TimeSpan.Zero), UploadPolicy.ReserveBefore(onTheMinute.GetUtcNow()));
    }

    [Fact]
    public void Failures_back_off_exponentially_from_an_hour_to_a_day()
    {
        var policy = new UploadPolicy(8, jitter: () => 0);
        DateTimeOffset now = Monday;
        int failures = 0;
        var waits = new List<double>();
        for (int attempt = 0; attempt < 8; attempt++)
        {
            UploadDecision decision = policy.AfterSubmission(attempt % 2 == 0 ? TransportOutcome.Failed : TransportOutcome.RetryLater, null, failures, now);
            Assert.Equal(SubmissionOutcome.RetryScheduled, decision.Outcome);
            Assert.Equal(failures + 1, decision.Failures);
            failures = decision.Failures;
            waits.Add((decision.Next - now).TotalHours);
        }

        Assert.Equal([1, 2, 4, 8, 16, 24, 24, 24], waits);
        Assert.Equal(0, policy.AfterSubmission(TransportOutcome.Accepted, null, failures, now).Failures);
    }

    [Fact]
    public void Jitter_adds_at_most_a_quarter_and_never_takes_anything_away()
    {
        DateTimeOffset now = Monday;
        foreach (double jitter in new[] { 0.0, 0.25, 0.5, 0.999999, -3.0, 7.0 })
        {
            var policy = new UploadPolicy(8, jitter: () => jitter);
            for (int failures = 0; failures < 10; failures++)
            {
                TimeSpan wait = policy.AfterSubmission(TransportOutcome.Failed, null, failures, now).Next - now;
                TimeSpan backoff = TimeSpan.FromHours(Math.Min(24, Math.Pow(2, failures)));
                Assert.InRange(wait, backoff, backoff * 1.25 + TimeSpan.FromMinutes(1));
            }
        }
    }

    [Fact]
    public void A_retry_after_is_honoured_when_it_asks_for_longer_than_the_backoff()
    {
        var policy = new UploadPolicy(8, jitter: () => 0);
        DateTimeOffset now = Monday;

        Assert.Equal(now.AddHours(1), policy.AfterSubmission(TransportOutcome.RetryLater, TimeSpan.FromMinutes(5), 0, now).Next);
        Assert.Equal(now.AddHours(3), policy.AfterSubmission(TransportOutcome.RetryLater, TimeSpan.FromHours(3), 0, now).Next);
        Assert.Equal(now.AddDays(7), policy.AfterSubmission(TransportOutcome.RetryLater, TimeSpan.FromDays(7), 3, now).Next);
        Assert.Equal(now.AddMinutes(121), policy.AfterSubmission(TransportOutcome.RetryLater, TimeSpan.FromSeconds(7201), 0, now).Next);
    }

    [Fact]
    public void Deletion_requests_back_off_from_a_minute_to_six_hours_and_honour_retry_after()
    {
        var policy = new UploadPolicy(8, jitter: () => 0);
        DateTimeOffset now = Monday;
        var waits = new List<double>();
        for (int attempts = 0; attempts < 12; attempts++)
        {
            (TimeSpan delay, DateTimeOffset next) = policy.AfterDeletionFailure(attempts, null, now);
            Assert.Equal(now + delay, next);
            waits.Add(delay.TotalMinutes);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360], waits);
        Assert.Equal(TimeSpan.FromHours(12), policy.AfterDeletionFailure(0, TimeSpan.FromHours(12), now).Delay);
        Assert.Equal(TimeSpan.FromMinutes(1), policy.AfterDeletionFailure(0, TimeSpan.FromSeconds(10), now).Delay);
    }

    [Fact]
    public void The_current_week_starts_on_monday_utc()
    {
        var time = new FakeTimeProvider(Monday.AddDays(6).AddHours(23).AddMinutes(59));
        Assert.Equal(Monday, UploadPolicy.CurrentWeek(time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Monday.AddDays(7), UploadPolicy.CurrentWeek(time.GetUtcNow()));
    }
}
