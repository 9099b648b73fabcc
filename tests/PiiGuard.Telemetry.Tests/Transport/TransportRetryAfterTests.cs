using System;
using System.Net.Http.Headers;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

public sealed class TransportRetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_header_is_no_delay()
    {
        Assert.Null(Uploader.ToDelay(null, Now));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3600, 3600)]
    [InlineData(7 * 24 * 3600, 7 * 24 * 3600)]
    [InlineData(7 * 24 * 3600 + 1, 7 * 24 * 3600)]
    [InlineData(int.MaxValue, 7 * 24 * 3600)]
    public void Seconds_are_taken_up_to_seven_days(int seconds, int expected)
    {
        TimeSpan? delay = Uploader.ToDelay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds)), Now);

        Assert.Equal(TimeSpan.FromSeconds(expected), delay);
    }

    [Theory]
    [InlineData(90, 90)]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(-86400, 0)]
    [InlineData(8 * 24 * 3600, 7 * 24 * 3600)]
    public void A_date_is_measured_from_now_and_clamped(int secondsFromNow, int expected)
    {
        TimeSpan? delay = Uploader.ToDelay(new RetryConditionHeaderValue(Now.AddSeconds(secondsFromNow)), Now);

        Assert.Equal(TimeSpan.FromSeconds(expected), delay);
    }

    [Fact]
    public void Header_text_parses_as_seconds_or_http_date()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), Uploader.ToDelay(RetryConditionHeaderValue.Parse("120"), Now));
        Assert.Equal(TimeSpan.FromMinutes(5), Uploader.ToDelay(RetryConditionHeaderValue.Parse("Sat, 01 Mar 2025 12:05:00 GMT"), Now));
    }
}
