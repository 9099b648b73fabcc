using System;

namespace PiiGuard.Runtime.Tests;

/// <summary>TelemetryPeriods: the UTC instant decides the bucket; weeks are ISO weeks, starting on Monday.</summary>
public sealed class TelemetryPeriodsTests
{
    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    // 2024-11-14 is a Thursday.
    [InlineData("2024-11-14T13:37:42.1234567+00:00", "2024-11-14", "2024-11-11")]
    // 01:30 at +02:00 is 23:30 UTC the day before: a Sunday, so the week is the one before.
    [InlineData("2024-11-11T01:30:00+02:00", "2024-11-10", "2024-11-04")]
    // 20:00 at -05:00 is 01:00 UTC the next day: the Monday that starts the next week.
    [InlineData("2024-11-10T20:00:00-05:00", "2024-11-11", "2024-11-11")]
    // +14:00 and -12:00, the extreme offsets.
    [InlineData("2024-11-12T10:00:00+14:00", "2024-11-11", "2024-11-11")]
    [InlineData("2024-11-17T13:00:00-12:00", "2024-11-18", "2024-11-18")]
    // A Monday at 00:00:00 UTC stays itself; the last tick of the Sunday still belongs to that week.
    [InlineData("2024-11-11T00:00:00+00:00", "2024-11-11", "2024-11-11")]
    [InlineData("2024-11-17T23:59:59.9999999+00:00", "2024-11-17", "2024-11-11")]
    // Year boundaries: the ISO week of 2021-01-01 (a Friday) starts on Monday 2020-12-28.
    [InlineData("2021-01-01T12:00:00+00:00", "2021-01-01", "2020-12-28")]
    [InlineData("2025-01-01T00:00:00+00:00", "2025-01-01", "2024-12-30")]
    [InlineData("2020-02-29T08:00:00+00:00", "2020-02-29", "2020-02-24")]
    // New Year's Eve in Tokyo is still the old year in UTC... and the other way round in Honolulu.
    [InlineData("2022-01-01T08:00:00+09:00", "2021-12-31", "2021-12-27")]
    [InlineData("2021-12-31T20:00:00-10:00", "2022-01-01", "2021-12-27")]
    // The first week of the calendar: 0001-01-01 was a Monday.
    [InlineData("0001-01-01T00:00:00+00:00", "0001-01-01", "0001-01-01")]
    [InlineData("0001-01-07T23:00:00+00:00", "0001-01-07", "0001-01-01")]
    [InlineData("9999-12-31T23:59:59+00:00", "9999-12-31", "9999-12-27")]
    public void DateTimeOffset_is_bucketed_by_its_utc_instant(string value, string day, string week)
    {
        DateTimeOffset input = DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        DateTimeOffset dayStart = TelemetryPeriods.StartOf(input, Period.Day);
        DateTimeOffset weekStart = TelemetryPeriods.StartOf(input, Period.Week);

        Assert.Equal(DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), dayStart);
        Assert.Equal(DateTimeOffset.Parse(week + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), weekStart);
        Assert.Equal(TimeSpan.Zero, dayStart.Offset);
        Assert.Equal(TimeSpan.Zero, weekStart.Offset);
        Assert.Equal(DayOfWeek.Monday, weekStart.DayOfWeek);
        Assert.Equal(TimeSpan.Zero, weekStart.TimeOfDay);
        Assert.True(TelemetryPeriods.IsStartOf(dayStart, Period.Day));
        Assert.True(TelemetryPeriods.IsStartOf(weekStart, Period.Week));
        Assert.InRange(input - weekStart, TimeSpan.Zero, TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        Assert.InRange(input - dayStart, TimeSpan.Zero, TimeSpan.FromDays(1) - TimeSpan.FromTicks(1));
    }

    [Fact]
    public void Week_start_agrees_with_the_ISO_calendar_for_every_day_of_several_years()
    {
        for (DateTime day = new(2019, 12, 1); day < new DateTime(2027, 2, 1); day = day.AddDays(1))
        {
            DateTimeOffset value = new(day.AddHours(17), TimeSpan.Zero);
            DateTimeOffset weekStart = TelemetryPeriods.StartOf(value, Period.Week);

            // The ISO week and year of the day and of its week's start are the same; the start is a Monday.
            Assert.Equal(DayOfWeek.Monday, weekStart.DayOfWeek);
            Assert.Equal(System.Globalization.ISOWeek.GetWeekOfYear(day), System.Globalization.ISOWeek.GetWeekOfYear(weekStart.UtcDateTime));
            Assert.Equal(System.Globalization.ISOWeek.GetYear(day), System.Globalization.ISOWeek.GetYear(weekStart.UtcDateTime));
            Assert.InRange((day - weekStart.UtcDateTime).TotalDays, 0, 6);
        }
    }

    [Fact]
    public void DateTime_of_each_kind()
    {
        // Utc: as it is.
        var utc = new DateTime(2021, 1, 1, 23, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc), TelemetryPeriods.StartOf(utc, Period.Day));
        Assert.Equal(new DateTime(2020, 12, 28, 0, 0, 0, DateTimeKind.Utc), TelemetryPeriods.StartOf(utc, Period.Week));

        // Unspecified: taken as UTC.
        var unspecified = new DateTime(2021, 1, 4, 0, 30, 0, DateTimeKind.Unspecified);
        Assert.Equal(new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc), TelemetryPeriods.StartOf(unspecified, Period.Day));
        Assert.Equal(new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc), TelemetryPeriods.StartOf(unspecified, Period.Week));

        // Local: converted to UTC first, whatever the machine's time zone.
        var local = new DateTime(2021, 1, 4, 0, 30, 0, DateTimeKind.Local);
        DateTime localAsUtc = local.ToUniversalTime();
        Assert.Equal(localAsUtc.Date, TelemetryPeriods.StartOf(local, Period.Day));
        Assert.Equal(TelemetryPeriods.StartOf(new DateTimeOffset(localAsUtc, TimeSpan.Zero), Period.Week).UtcDateTime, TelemetryPeriods.StartOf(local, Period.Week));

        foreach (DateTime value in new[] { utc, unspecified, local })
        {
            Assert.Equal(DateTimeKind.Utc, TelemetryPeriods.StartOf(value, Period.Day).Kind);
            Assert.Equal(DateTimeKind.Utc, TelemetryPeriods.StartOf(value, Period.Week).Kind);
        }
    }

    [Fact]
    public void DateTime_and_DateTimeOffset_agree()
    {
        var offset = new DateTimeOffset(2024, 11, 11, 1, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal(TelemetryPeriods.StartOf(offset, Period.Week).UtcDateTime, TelemetryPeriods.StartOf(offset.UtcDateTime, Period.Week));
        Assert.Equal(TelemetryPeriods.StartOf(offset, Period.Day).UtcDateTime, TelemetryPeriods.StartOf(offset.UtcDateTime, Period.Day));
    }

    [Fact]
    public void A_bucket_start_stays_itself()
    {
        DateTimeOffset monday = Utc(2024, 11, 11);
        Assert.Equal(monday, TelemetryPeriods.StartOf(monday, Period.Week));
        Assert.Equal(monday, TelemetryPeriods.StartOf(monday, Period.Day));
        Assert.Equal(monday, TelemetryPeriods.StartOf(TelemetryPeriods.StartOf(monday.AddDays(3.5), Period.Week), Period.Week));
        Assert.Equal(Utc(2024, 11, 14), TelemetryPeriods.StartOf(Utc(2024, 11, 14), Period.Day));
    }

    [Fact]
    public void IsStartOf()
    {
        Assert.True(TelemetryPeriods.IsStartOf(Utc(2024, 11, 11), Period.Week));
        Assert.True(TelemetryPeriods.IsStartOf(Utc(2024, 11, 11), Period.Day));
        Assert.True(TelemetryPeriods.IsStartOf(Utc(2024, 11, 14), Period.Day));
        Assert.True(TelemetryPeriods.IsStartOf(Utc(2020, 12, 28), Period.Week));

        // Not a Monday.
        Assert.False(TelemetryPeriods.IsStartOf(Utc(2024, 11, 14), Period.Week));
        Assert.False(TelemetryPeriods.IsStartOf(Utc(2021, 1, 1), Period.Week));

        // A time of day, however small.
        Assert.False(TelemetryPeriods.IsStartOf(Utc(2024, 11, 11).AddTicks(1), Period.Week));
        Assert.False(TelemetryPeriods.IsStartOf(Utc(2024, 11, 11).AddTicks(1), Period.Day));
        Assert.False(TelemetryPeriods.IsStartOf(Utc(2024, 11, 12).AddTicks(-1), Period.Day));

        // A non-zero offset, even at the same instant as a bucket start or at midnight local time.
        Assert.False(TelemetryPeriods.IsStartOf(Utc(2024, 11, 11).ToOffset(TimeSpan.FromHours(2)), Period.Week));
        Assert.False(TelemetryPeriods.IsStartOf(new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.FromHours(2)), Period.Day));
    }
}
