using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PiiGuard.Runtime.Tests.Payloads;
using Printernizer;

namespace PiiGuard.Runtime.Tests;

/// <summary>Serialize, validate against the generated JSON Schema, read back strictly, and get the same payload.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Seed_payload_round_trips_through_its_schema()
    {
        UsageReport original = SeedPayload.Create();
        string json = TelemetrySerializer.SerializeToString(original);

        Assert.Empty(SchemaValidation.Errors<UsageReport>(json));

        UsageReport read = TelemetrySerializer.Deserialize<UsageReport>(Encoding.UTF8.GetBytes(json));

        Assert.Equal(json, TelemetrySerializer.SerializeToString(read));

        // Member by member; the precise dates come back as the Mondays they were rounded to.
        Assert.Equal(original.Installation.InstallationId, read.Installation.InstallationId);
        Assert.Equal(new DateTimeOffset(2024, 10, 28, 0, 0, 0, TimeSpan.Zero), read.Installation.FirstSeen);
        Assert.Equal(TimeSpan.Zero, read.Installation.FirstSeen.Offset);
        Assert.Equal(new Version(2, 7, 0), read.Installation.AppVersion);
        Assert.Equal(new Version(3, 11, 0), read.Installation.PythonVersion);
        Assert.Equal(Platform.Linux, read.Installation.Platform);
        Assert.Equal(DeploymentMode.HomeAssistant, read.Installation.DeploymentMode);
        Assert.Equal(CountryCode.Parse("DE"), read.Installation.CountryCode);
        Assert.Equal(new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero), read.Period.Start);
        Assert.Equal(new DateTimeOffset(2024, 11, 18, 0, 0, 0, TimeSpan.Zero), read.Period.End);
        Assert.Equal(7, read.Period.DurationDays);
        Assert.Equal(3, read.PrinterFleet.PrinterCount);
        Assert.Equal([PrinterType.BambuLab, PrinterType.Prusa], read.PrinterFleet.PrinterTypes);
        Assert.Equal(original.PrinterFleet.PrinterTypeCounts, read.PrinterFleet.PrinterTypeCounts);
        Assert.Equal((23, 18, 5, 168), (read.UsageStats.JobCount, read.UsageStats.FileCount, read.UsageStats.UploadCount, read.UsageStats.UptimeHours));
        FeatureUsage features = read.UsageStats.FeatureUsage;
        Assert.Equal((true, false, true, false, true), (features.LibraryEnabled, features.TimelapseEnabled, features.AutoJobCreationEnabled, features.GermanComplianceEnabled, features.WatchFoldersEnabled));
        Assert.Equal(original.ErrorSummary, read.ErrorSummary);

        // Everything else equal member by member, once the original's dates are rounded as the writer rounds them.
        UsageReport rounded = TelemetrySerializer.Deserialize<UsageReport>(Encoding.UTF8.GetBytes(SeedPayload.ExpectedJson));
        Assert.Empty(WideSample.Differences(rounded, read));
    }

    [Fact]
    public void Wide_payload_round_trips_through_its_schema()
    {
        WidePayload original = WideSample.Create();
        string json = TelemetrySerializer.SerializeToString(original);

        Assert.Empty(SchemaValidation.Errors<WidePayload>(json));

        WidePayload read = TelemetrySerializer.Deserialize<WidePayload>(Encoding.UTF8.GetBytes(json));

        Assert.Equal(json, TelemetrySerializer.SerializeToString(read));
        Assert.Empty(WideSample.Differences(original, read));

        // What the comparison cannot see: kinds, offsets and the collection types the reader builds.
        Assert.Equal(DateTimeKind.Utc, read.Moments.DayOfUtc.Kind);
        Assert.Equal(DateTimeKind.Utc, read.Moments.WeekOfUtc.Kind);
        Assert.Equal(DateTimeKind.Utc, read.Moments.MaybeDayPresent!.Value.Kind);
        Assert.Equal(TimeSpan.Zero, read.Moments.DayOfOffset.Offset);
        Assert.Null(read.Moments.MaybeDayAbsent);
        Assert.Null(read.Moments.MaybeWeekAbsent);
        Assert.IsType<HashSet<string>>(read.Collections.TagSet);
        Assert.IsType<HashSet<int>>(read.Collections.IntSet);
        Assert.Null(read.Collections.MissingList);
        Assert.Null(read.Collections.MissingArray);
        Assert.Equal([1, null, 3], read.Collections.OptionalNumbers);
        Assert.Equal(original.Scalars.Tag, read.Scalars.Tag);
        Assert.Equal(0.30000000000000004, read.Scalars.Double);
        Assert.Equal(decimal.MaxValue, read.Scalars.Decimal);
        Assert.Equal(ulong.MaxValue, read.Scalars.UInt64);
        Assert.Equal(original.Scalars.Elapsed, read.Scalars.Elapsed);
        Assert.Equal(42, read.Scalars.RenamedField);
        Assert.Contains("\"explicit_json_name\":42", json, StringComparison.Ordinal);
        Assert.Contains("\"shade\":\"sky-blue\"", json, StringComparison.Ordinal);
        Assert.Contains("\"dark_green\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_nullables_are_written_as_null_and_read_back_as_null()
    {
        WidePayload original = WideSample.Create();
        string json = TelemetrySerializer.SerializeToString(original);

        Assert.Contains(
            "\"absent\":{\"flag\":null,\"int_8\":null,\"u_int_8\":null,\"int_16\":null,\"u_int_16\":null,\"int_32\":null,\"u_int_32\":null," +
            "\"int_64\":null,\"u_int_64\":null,\"single\":null,\"double\":null,\"decimal\":null,\"shade\":null,\"tag\":null,\"release\":null," +
            "\"elapsed\":null,\"country_code\":null,\"gauge\":null,\"bounds\":null,\"totals\":null,\"numbers\":null,\"by_shade\":null}",
            json,
            StringComparison.Ordinal);

        OptionalScalars absent = TelemetrySerializer.Deserialize<WidePayload>(Encoding.UTF8.GetBytes(json)).Absent;
        Assert.Null(absent.Flag);
        Assert.Null(absent.UInt64);
        Assert.Null(absent.Decimal);
        Assert.Null(absent.Shade);
        Assert.Null(absent.Tag);
        Assert.Null(absent.Release);
        Assert.Null(absent.Elapsed);
        Assert.Null(absent.CountryCode);
        Assert.Null(absent.Gauge);
        Assert.Null(absent.Bounds);
        Assert.Null(absent.Totals);
        Assert.Null(absent.Numbers);
        Assert.Null(absent.ByShade);
    }

    [Fact]
    public void Precise_points_in_time_are_read_back_as_their_bucket_start()
    {
        WidePayload original = WideSample.Create();
        original.Moments.DayOfUtc = new DateTime(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Utc);
        original.Moments.WeekOfUtc = new DateTime(2025, 1, 5, 12, 0, 0, DateTimeKind.Unspecified); // a Sunday, taken as UTC
        original.Moments.DayOfOffset = new DateTimeOffset(2024, 4, 1, 1, 30, 0, TimeSpan.FromHours(2)); // 2024-03-31T23:30Z
        original.Moments.WeekOfOffset = new DateTimeOffset(2021, 1, 10, 20, 0, 0, TimeSpan.FromHours(-5)); // Monday 2021-01-11T01:00Z

        WidePayload read = TelemetrySerializer.Deserialize<WidePayload>(TelemetrySerializer.SerializeToUtf8Bytes(original));

        Assert.Equal(new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), read.Moments.DayOfUtc);
        Assert.Equal(new DateTime(2024, 12, 30, 0, 0, 0, DateTimeKind.Utc), read.Moments.WeekOfUtc);
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.Zero), read.Moments.DayOfOffset);
        Assert.Equal(new DateTimeOffset(2021, 1, 11, 0, 0, 0, TimeSpan.Zero), read.Moments.WeekOfOffset);
    }

    [Fact]
    public void The_edges_of_every_range_are_written_so_that_the_strict_reader_reads_them_back()
    {
        // Whatever C# holds, the writer writes something in the reader's range: the calendar's first and last ticks
        // (rounded down to their day and week, never up past 9999-12-31), and every scalar type's extremes.
        DateTime last = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        WidePayload original = WideSample.Create();
        original.Moments.DayOfUtc = DateTime.MaxValue; // Unspecified: taken as UTC
        original.Moments.WeekOfUtc = last;
        original.Moments.DayOfOffset = DateTimeOffset.MinValue;
        original.Moments.WeekOfOffset = DateTimeOffset.MaxValue;
        original.Moments.MaybeDayPresent = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Local);
        original.Moments.MaybeWeekPresent = new DateTimeOffset(9999, 12, 31, 9, 59, 59, TimeSpan.FromHours(14)); // 9999-12-30T19:59:59Z
        original.Scalars.Release = new Version(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue);
        original.Scalars.Elapsed = TimeSpan.MinValue;
        original.Present.Elapsed = TimeSpan.MaxValue;
        original.Scalars.Decimal = decimal.MinValue;
        original.Scalars.Double = double.MaxValue;
        original.Scalars.Single = float.Epsilon;
        original.Present.Double = -double.Epsilon;
        original.Present.Single = float.MaxValue;

        WidePayload read = TelemetrySerializer.Deserialize<WidePayload>(TelemetrySerializer.SerializeToUtf8Bytes(original));

        Assert.Equal(new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), read.Moments.DayOfUtc);
        Assert.Equal(new DateTime(9999, 12, 27, 0, 0, 0, DateTimeKind.Utc), read.Moments.WeekOfUtc); // the last Monday
        Assert.Equal(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), read.Moments.DayOfOffset);
        Assert.Equal(new DateTimeOffset(9999, 12, 27, 0, 0, 0, TimeSpan.Zero), read.Moments.WeekOfOffset);
        Assert.Equal(new DateTimeOffset(9999, 12, 27, 0, 0, 0, TimeSpan.Zero), read.Moments.MaybeWeekPresent);

        // A local time at the start of the calendar, in whatever zone this machine is in: its UTC day, clamped as
        // .NET clamps DateTime.ToUniversalTime.
        DateTime utc = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Local).ToUniversalTime();
        Assert.Equal(DateTime.SpecifyKind(utc.Date, DateTimeKind.Utc), read.Moments.MaybeDayPresent);

        Assert.Equal(new Version(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue), read.Scalars.Release);
        Assert.Equal(TimeSpan.MinValue, read.Scalars.Elapsed);
        Assert.Equal(TimeSpan.MaxValue, read.Present.Elapsed);
        Assert.Equal(decimal.MinValue, read.Scalars.Decimal);
        Assert.Equal(double.MaxValue, read.Scalars.Double);
        Assert.Equal(float.Epsilon, read.Scalars.Single);
        Assert.Equal(-double.Epsilon, read.Present.Double);
        Assert.Equal(float.MaxValue, read.Present.Single);
    }

    [Fact]
    public void The_deep_comparison_sees_a_difference_anywhere()
    {
        // The round-trip assertions above are only as good as this comparison.
        Assert.Empty(WideSample.Differences(WideSample.Create(), WideSample.Create()));

        var changes = new List<Action<WidePayload>>
        {
            p => p.Scalars.UInt64--,
            p => p.Present.Gauge = p.Present.Gauge! with { Reading = 0 },
            p => p.Absent.Tag = "",
            p => p.Moments.MaybeWeekAbsent = DateTimeOffset.UnixEpoch,
            p => p.Nesting.One.Two.Three.Depth = 4,
            p => p.Nesting.Derived.Inherited = 0,
            p => p.Collections.ShadeSet.Add(Shade.SkyBlue),
            p => p.Collections.ByTag["one"] = new Gauge(1, Shade.SkyBlue),
            p => p.Collections.Deep["outer"][Shade.DarkGreen] = 0,
            p => p.Collections.Jagged[2][0] = 4,
            p => p.Collections.OptionalNumbers[1] = 0,
        };
        foreach (Action<WidePayload> change in changes)
        {
            WidePayload changed = WideSample.Create();
            change(changed);
            Assert.NotEmpty(WideSample.Differences(WideSample.Create(), changed));
        }
    }

    [Theory]
    [InlineData("unknown property", "\"installation\":{", "\"installation\":{\"hostname\":\"nas.example.org\",")]
    [InlineData("enum value not allowed", "\"platform\":\"linux\"", "\"platform\":\"solaris\"")]
    [InlineData("enum value in another case", "\"platform\":\"linux\"", "\"platform\":\"Linux\"")]
    [InlineData("missing property", "\"duration_days\":7", "\"duration\":7")]
    [InlineData("wrong type", "\"job_count\":23", "\"job_count\":\"23\"")]
    [InlineData("integer out of range", "\"job_count\":23", "\"job_count\":2147483648")]
    [InlineData("timestamp with a time of day", "\"2024-11-11T00:00:00Z\"", "\"2024-11-11T13:37:00Z\"")]
    [InlineData("lower-case country code", "\"DE\"", "\"de\"")]
    [InlineData("version with letters", "\"2.7.0\"", "\"2.7.0-beta\"")]
    public void Seed_schema_rejects_invalid_documents(string why, string valid, string invalid)
    {
        Assert.Contains(valid, SeedPayload.ExpectedJson, StringComparison.Ordinal);
        string json = SeedPayload.ExpectedJson.Replace(valid, invalid, StringComparison.Ordinal);

        Assert.True(SchemaValidation.Errors<UsageReport>(json).Count > 0, $"The schema accepts a document with {why}: {json}");
    }

    [Theory]
    [InlineData("unknown nested property", "\"depth\":3", "\"depth\":3,\"extra\":1")]
    [InlineData("enum value with TelemetryValue's JSON value in snake_case instead", "\"shade\":\"sky-blue\"", "\"shade\":\"sky_blue\"")]
    [InlineData("duplicate set elements", "\"int_set\":[1,2,3]", "\"int_set\":[1,1,3]")]
    [InlineData("null in a non-nullable member", "\"flag\":true", "\"flag\":null")]
    [InlineData("byte out of range", "\"u_int_8\":255", "\"u_int_8\":256")]
    [InlineData("a timestamp with a signed month", "\"day_of_utc\":\"2024-02-29T00:00:00Z\"", "\"day_of_utc\":\"2024-+2-29T00:00:00Z\"")]
    public void Wide_schema_rejects_invalid_documents(string why, string valid, string invalid)
    {
        string original = TelemetrySerializer.SerializeToString(WideSample.Create());
        Assert.Contains(valid, original, StringComparison.Ordinal);
        string json = original.Replace(valid, invalid, StringComparison.Ordinal);

        Assert.True(SchemaValidation.Errors<WidePayload>(json).Count > 0, $"The schema accepts a document with {why}");
    }
}
