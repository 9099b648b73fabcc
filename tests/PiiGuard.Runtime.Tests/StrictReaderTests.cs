using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PiiGuard.Runtime.Tests.Payloads;
using Printernizer;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// The strict reader rejects every hostile or malformed body with a <see cref="TelemetryFormatException"/> that
/// names the JSON path of the problem and never echoes the offending value. The bad bodies carry e-mail and IP
/// addresses where they can, so an echo would be personal data in a log.
/// </summary>
public sealed class StrictReaderTests
{
    private const string Email = "jane.doe@example.com";
    private const string Ip = "192.168.17.42";

    private static readonly string Seed = SeedPayload.ExpectedJson;
    private static readonly string Wide = TelemetrySerializer.SerializeToString(WideSample.Create());

    /// <summary>A bad body: the payload type to read it as, its bytes, the size bound, the expected path, and a value that must not be echoed.</summary>
    private sealed record Case(Func<byte[], int, object?> Read, byte[] Body, string Path, string? Secret, int MaxBodyBytes = TelemetrySerializer.DefaultMaxBodyBytes);

    private static Case SeedCase(string body, string path, string? secret) => new(ReadAs<UsageReport>, Body.Utf8(body), path, secret);

    private static Case SeedCase(byte[] body, string path, string? secret, int maxBodyBytes = TelemetrySerializer.DefaultMaxBodyBytes) =>
        new(ReadAs<UsageReport>, body, path, secret, maxBodyBytes);

    private static Case WideCase(string body, string path, string? secret) => new(ReadAs<WidePayload>, Body.Utf8(body), path, secret);

    private static object? ReadAs<T>(byte[] body, int maxBodyBytes) => TelemetrySerializer.Deserialize<T>(body, maxBodyBytes);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Unknown, missing and duplicate properties.
        ["unknown property named like an e-mail address"] = SeedCase(Body.Prepend(Seed, "installation", $"\"{Email}\":\"{Ip}\""), "$.installation", Email),
        ["unknown property at the root"] = SeedCase(Body.Prepend(Seed, "", $"\"remote_ip\":\"{Ip}\""), "$", Ip),
        ["unknown property in a record"] = WideCase(Body.Prepend(Wide, "nesting.gauge", $"\"{Ip}\":0"), "$.nesting.gauge", Ip),
        ["missing property"] = SeedCase(Body.Without(Seed, "installation.platform"), "$.installation", null),
        ["missing nested object"] = SeedCase(Body.Without(Seed, "usage_stats.feature_usage"), "$.usage_stats", null),
        ["missing constructor parameter of a record"] = WideCase(Body.Without(Wide, "nesting.gauge.reading"), "$.nesting.gauge", null),
        ["missing init-only property beside constructor parameters"] = WideCase(Body.Without(Wide, "nesting.mixed.third"), "$.nesting.mixed", null),
        ["duplicate property"] = SeedCase(Body.With(Seed, "installation.country_code", $"\"DE\",\"country_code\":\"{Ip}\""), "$.installation.country_code", Ip),
        ["duplicate object property at the root"] = SeedCase(Body.With(Seed, "error_summary", $"{{}},\"error_summary\":{{\"{Email}\":1}}"), "$.error_summary", Email),

        // The wrong JSON type for each kind of member.
        ["boolean given a string"] = SeedCase(Body.With(Seed, "usage_stats.feature_usage.library_enabled", $"\"{Email}\""), "$.usage_stats.feature_usage.library_enabled", Email),
        ["integer given a string"] = SeedCase(Body.With(Seed, "usage_stats.job_count", $"\"{Ip}\""), "$.usage_stats.job_count", Ip),
        ["enum given a number"] = SeedCase(Body.With(Seed, "installation.platform", "1921681742"), "$.installation.platform", "1921681742"),
        ["GUID given a number"] = SeedCase(Body.With(Seed, "installation.installation_id", "31415926535"), "$.installation.installation_id", "31415926535"),
        ["version given an object"] = SeedCase(Body.With(Seed, "installation.app_version", $"{{\"major\":\"{Email}\"}}"), "$.installation.app_version", Email),
        ["country code given a boolean"] = SeedCase(Body.With(Seed, "installation.country_code", "true"), "$.installation.country_code", null),
        ["timestamp given a number"] = SeedCase(Body.With(Seed, "period.start", "1731283200"), "$.period.start", "1731283200"),
        ["object given a string"] = SeedCase(Body.With(Seed, "period", $"\"{Email}\""), "$.period", Email),
        ["array given an object"] = SeedCase(Body.With(Seed, "printer_fleet.printer_types", $"{{\"bambu_lab\":\"{Ip}\"}}"), "$.printer_fleet.printer_types", Ip),
        ["dictionary given an array"] = SeedCase(Body.With(Seed, "error_summary", $"[\"{Ip}\"]"), "$.error_summary", Ip),
        ["array element of the wrong type"] = SeedCase(Body.With(Seed, "printer_fleet.printer_types", "[\"bambu_lab\",1921681742]"), "$.printer_fleet.printer_types[1]", "1921681742"),
        ["string given a number"] = WideCase(Body.With(Wide, "scalars.tag", "1921681742"), "$.scalars.tag", "1921681742"),
        ["floating-point number given a string"] = WideCase(Body.With(Wide, "scalars.double", $"\"{Ip}\""), "$.scalars.double", Ip),
        ["decimal given a boolean"] = WideCase(Body.With(Wide, "scalars.decimal", "false"), "$.scalars.decimal", null),
        ["duration given an ISO 8601 string"] = WideCase(Body.With(Wide, "scalars.elapsed", "\"PT13H37M\""), "$.scalars.elapsed", "PT13H37M"),
        ["enum with a byte underlying type given its number"] = WideCase(Body.With(Wide, "scalars.tier", "5"), "$.scalars.tier", null),
        ["nested array element of the wrong type"] = WideCase(Body.With(Wide, "collections.jagged", $"[[1,\"{Ip}\"]]"), "$.collections.jagged[0][1]", Ip),
        ["string-keyed dictionary value of the wrong type"] = WideCase(Body.With(Wide, "collections.lists_by_tag", $"{{\"{Email}\":[1,\"x\"]}}"), "$.collections.lists_by_tag.*[1]", Email),
        ["value of the wrong type in a dictionary in a dictionary"] = WideCase(Body.With(Wide, "collections.deep", $"{{\"outer\":{{\"red\":\"{Ip}\"}}}}"), "$.collections.deep.*.red", Ip),

        // Values outside their enum.
        ["enum value not in the set"] = SeedCase(Body.With(Seed, "installation.platform", $"\"{Email}\""), "$.installation.platform", Email),
        ["enum value in another case"] = SeedCase(Body.With(Seed, "installation.deployment_mode", "\"HomeAssistant\""), "$.installation.deployment_mode", "HomeAssistant"),
        ["enum value in upper case"] = SeedCase(Body.With(Seed, "installation.platform", "\"LINUX\""), "$.installation.platform", "LINUX"),
        ["enum member name instead of its TelemetryValue"] = WideCase(Body.With(Wide, "scalars.shade", "\"sky_blue\""), "$.scalars.shade", "sky_blue"),
        ["unknown enum dictionary key"] = SeedCase(Body.With(Seed, "printer_fleet.printer_type_counts", $"{{\"{Email}\":2}}"), "$.printer_fleet.printer_type_counts", Email),
        ["unknown enum dictionary key with object values"] = WideCase(Body.With(Wide, "collections.by_bucket", "{\"fourth\":{\"low\":1,\"high\":2}}"), "$.collections.by_bucket", "fourth"),

        // Points in time: only 00:00:00Z on the member's bucket boundary.
        ["timestamp not on a Monday"] = SeedCase(Body.With(Seed, "period.start", "\"2024-11-14T00:00:00Z\""), "$.period.start", "2024-11-14"),
        ["timestamp on a Sunday"] = WideCase(Body.With(Wide, "moments.week_of_offset", "\"2021-01-03T00:00:00Z\""), "$.moments.week_of_offset", "2021-01-03"),
        ["timestamp with a time of day"] = SeedCase(Body.With(Seed, "period.end", "\"2024-11-18T13:37:42Z\""), "$.period.end", "13:37:42"),
        ["day-aggregated timestamp one second past midnight"] = WideCase(Body.With(Wide, "moments.day_of_utc", "\"2024-02-29T00:00:01Z\""), "$.moments.day_of_utc", "00:00:01"),
        ["timestamp with an offset"] = SeedCase(Body.With(Seed, "installation.first_seen", "\"2024-10-28T00:00:00+02:00\""), "$.installation.first_seen", "+02:00"),
        ["precise timestamp with fractional seconds"] = SeedCase(Body.With(Seed, "period.start", "\"2024-11-11T00:00:00.1234567Z\""), "$.period.start", "1234567"),
        ["date without a time"] = SeedCase(Body.With(Seed, "period.start", "\"2024-11-11\""), "$.period.start", null),
        ["date that does not exist"] = WideCase(Body.With(Wide, "moments.day_of_utc", "\"2023-02-29T00:00:00Z\""), "$.moments.day_of_utc", "2023-02-29"),
        ["nullable timestamp with a time of day"] = WideCase(Body.With(Wide, "moments.maybe_week_absent", "\"2000-01-03T09:15:00Z\""), "$.moments.maybe_week_absent", "09:15"),
        ["timestamp in year 0"] = WideCase(Body.With(Wide, "moments.day_of_utc", "\"0000-01-01T00:00:00Z\""), "$.moments.day_of_utc", "0000-01-01"),
        ["timestamp with a five-digit year"] = WideCase(Body.With(Wide, "moments.day_of_offset", "\"10000-01-01T00:00:00Z\""), "$.moments.day_of_offset", "10000-01-01"),
        ["timestamp in month 13"] = WideCase(Body.With(Wide, "moments.day_of_offset", "\"8675-13-01T00:00:00Z\""), "$.moments.day_of_offset", "8675-13"),
        ["timestamp on day 32"] = WideCase(Body.With(Wide, "moments.day_of_utc", "\"8675-01-32T00:00:00Z\""), "$.moments.day_of_utc", "8675-01-32"),
        ["timestamp on day 0"] = WideCase(Body.With(Wide, "moments.maybe_day_present", "\"8675-01-00T00:00:00Z\""), "$.moments.maybe_day_present", "8675-01-00"),
        ["week timestamp on the last day of the calendar, a Friday"] = WideCase(Body.With(Wide, "moments.week_of_offset", "\"9999-12-31T00:00:00Z\""), "$.moments.week_of_offset", "9999-12-31"),

        // Numbers out of range, or not integers.
        ["integer overflow for int"] = SeedCase(Body.With(Seed, "usage_stats.job_count", "2147483648"), "$.usage_stats.job_count", "2147483648"),
        ["float where an integer is expected"] = SeedCase(Body.With(Seed, "usage_stats.file_count", "18.5"), "$.usage_stats.file_count", "18.5"),
        ["exponent where an integer is expected"] = SeedCase(Body.With(Seed, "usage_stats.upload_count", "5e0"), "$.usage_stats.upload_count", "5e0"),
        ["byte overflow"] = WideCase(Body.With(Wide, "scalars.u_int_8", "256"), "$.scalars.u_int_8", "256"),
        ["sbyte underflow"] = WideCase(Body.With(Wide, "scalars.int_8", "-129"), "$.scalars.int_8", "-129"),
        ["negative ulong"] = WideCase(Body.With(Wide, "scalars.u_int_64", "-1"), "$.scalars.u_int_64", null),
        ["ulong overflow"] = WideCase(Body.With(Wide, "scalars.u_int_64", "18446744073709551616"), "$.scalars.u_int_64", "18446744073709551616"),
        ["long overflow"] = WideCase(Body.With(Wide, "scalars.int_64", "9223372036854775808"), "$.scalars.int_64", "9223372036854775808"),
        ["float overflow"] = WideCase(Body.With(Wide, "scalars.single", "3.5e38"), "$.scalars.single", "3.5e38"),
        ["double overflow"] = WideCase(Body.With(Wide, "scalars.double", "1e400"), "$.scalars.double", "1e400"),
        ["decimal overflow"] = WideCase(Body.With(Wide, "scalars.decimal", "1e29"), "$.scalars.decimal", "1e29"),
        ["nullable integer overflow"] = WideCase(Body.With(Wide, "present.int_16", "32768"), "$.present.int_16", "32768"),
        ["uint overflow"] = WideCase(Body.With(Wide, "scalars.u_int_32", "4294967296"), "$.scalars.u_int_32", "4294967296"),
        ["int underflow in an array"] = WideCase(Body.With(Wide, "collections.numbers", "[0,-2147483649]"), "$.collections.numbers[1]", "2147483649"),
        ["integer far past long"] = WideCase(Body.With(Wide, "scalars.int_64", "-86753785310000000000000"), "$.scalars.int_64", "8675378531"),
        ["float past its range but not double's"] = WideCase(Body.With(Wide, "present.single", "-3.4028236e38"), "$.present.single", "4028236"),
        ["double written with an exponent past int"] = WideCase(Body.With(Wide, "scalars.double", "8675378531e2147483648"), "$.scalars.double", "8675378531"),
        ["double in a list past its range"] = WideCase(Body.With(Wide, "collections.ratios", "[1,-8675378531e300]"), "$.collections.ratios[1]", "8675378531"),
        ["decimal one past its range"] = WideCase(Body.With(Wide, "scalars.decimal", "79228162514264337593543950336"), "$.scalars.decimal", "79228162514264337593543950336"),
        ["decimal dictionary value past its range"] = WideCase(Body.With(Wide, "collections.by_tier", "{\"high\":-8675378531e300}"), "$.collections.by_tier.high", "8675378531"),

        // Durations: seconds past TimeSpan's range, or finer than a tick. Huge numbers overflowed the decimal multiplication.
        ["duration given a huge negative number of seconds"] = WideCase(Body.With(Wide, "scalars.elapsed", "-86753785310000000000000"), "$.scalars.elapsed", "8675378531"),
        ["duration given a huge number of seconds"] = WideCase(Body.With(Wide, "scalars.elapsed", "86753785310000000000000"), "$.scalars.elapsed", "8675378531"),
        ["nullable duration given a huge number of seconds"] = WideCase(Body.With(Wide, "present.elapsed", "-86753785310000000000000"), "$.present.elapsed", "8675378531"),
        ["duration at the largest decimal"] = WideCase(Body.With(Wide, "scalars.elapsed", "79228162514264337593543950335"), "$.scalars.elapsed", "79228162514264337593543950335"),
        ["duration one tick past TimeSpan.MaxValue"] = WideCase(Body.With(Wide, "scalars.elapsed", "922337203685.4775808"), "$.scalars.elapsed", "4775808"),
        ["duration one tick before TimeSpan.MinValue"] = WideCase(Body.With(Wide, "scalars.elapsed", "-922337203685.4775809"), "$.scalars.elapsed", "4775809"),
        ["duration with an exponent past decimal's range"] = WideCase(Body.With(Wide, "scalars.elapsed", "8675378531e300"), "$.scalars.elapsed", "8675378531"),
        ["duration finer than a tick"] = WideCase(Body.With(Wide, "scalars.elapsed", "0.00000008675"), "$.scalars.elapsed", "8675"),

        // Typed strings.
        ["invalid GUID"] = SeedCase(Body.With(Seed, "installation.installation_id", $"\"{Ip}-0000-0000-0000-000000000000\""), "$.installation.installation_id", Ip),
        ["GUID in braces"] = SeedCase(Body.With(Seed, "installation.installation_id", "\"{550e8400-e29b-41d4-a716-446655440000}\""), "$.installation.installation_id", "550e8400"),
        ["version with letters"] = SeedCase(Body.With(Seed, "installation.app_version", "\"2.7.0-janedoe\""), "$.installation.app_version", "janedoe"),
        ["version with one component"] = SeedCase(Body.With(Seed, "installation.python_version", "\"3\""), "$.installation.python_version", null),
        ["version with a component past int"] = WideCase(Body.With(Wide, "scalars.release", "\"1.8675378531\""), "$.scalars.release", "8675378531"),
        ["version with a component one past int"] = WideCase(Body.With(Wide, "present.release", "\"2147483648.0\""), "$.present.release", "2147483648"),
        ["version with five components"] = WideCase(Body.With(Wide, "scalars.release", "\"1.2.3.4.8675\""), "$.scalars.release", "8675"),
        ["version with a negative component"] = WideCase(Body.With(Wide, "scalars.release", "\"1.-8675\""), "$.scalars.release", "8675"),
        ["version with an empty component"] = WideCase(Body.With(Wide, "scalars.release", "\"8675..1\""), "$.scalars.release", "8675"),
        ["version longer than any version"] = WideCase(Body.With(Wide, "scalars.release", "\"1." + new string('8', 60) + "\""), "$.scalars.release", new string('8', 60)),
        ["country code in lower case"] = SeedCase(Body.With(Seed, "installation.country_code", "\"zq\""), "$.installation.country_code", "zq"),
        ["country code of 3 letters"] = SeedCase(Body.With(Seed, "installation.country_code", "\"QZX\""), "$.installation.country_code", "QZX"),
        ["nullable country code of 3 letters"] = WideCase(Body.With(Wide, "present.country_code", "\"QZX\""), "$.present.country_code", "QZX"),

        // Null where none is allowed.
        ["null in a non-nullable reference member"] = SeedCase(Body.With(Seed, "installation.app_version", "null"), "$.installation.app_version", null),
        ["null in a non-nullable object"] = SeedCase(Body.With(Seed, "usage_stats", "null"), "$.usage_stats", null),
        ["null in a non-nullable value member"] = SeedCase(Body.With(Seed, "period.duration_days", "null"), "$.period.duration_days", null),
        ["null in a non-nullable struct"] = WideCase(Body.With(Wide, "nesting.bounds", "null"), "$.nesting.bounds", null),
        ["null element in a list of enums"] = SeedCase(Body.With(Seed, "printer_fleet.printer_types", "[\"prusa\",null]"), "$.printer_fleet.printer_types[1]", null),
        ["null element in a list of strings"] = WideCase(Body.With(Wide, "collections.tags", "[\"a\",null]"), "$.collections.tags[1]", null),
        ["null dictionary value"] = SeedCase(Body.With(Seed, "error_summary", "{\"connection_timeout\":null}"), "$.error_summary.connection_timeout", null),

        // Duplicates in sets and dictionaries.
        ["duplicate set element"] = WideCase(Body.With(Wide, "collections.shade_set", "[\"red\",\"red\"]"), "$.collections.shade_set[1]", null),
        ["duplicate string set element"] = WideCase(Body.With(Wide, "collections.tag_set", $"[\"{Email}\",\"{Email}\"]"), "$.collections.tag_set[1]", Email),
        ["duplicate dictionary key"] = SeedCase(Body.With(Seed, "error_summary", "{\"connection_timeout\":2,\"connection_timeout\":1}"), "$.error_summary.connection_timeout", null),
        ["duplicate string dictionary key"] = WideCase(Body.With(Wide, "collections.present_map", $"{{\"{Email}\":1,\"{Email}\":2}}"), "$.collections.present_map.*", Email),

        // Malformed JSON.
        ["trailing data after the object"] = SeedCase(Seed + $"{{\"ip\":\"{Ip}\"}}", "$", Ip),
        ["trailing text after the object"] = SeedCase(Seed + " " + Email, "$", Email),
        ["block comment"] = SeedCase(Body.With(Seed, "installation.platform", $"\"linux\"/* {Email} */"), "$.installation", Email),
        ["line comment before the body"] = SeedCase($"// {Ip}\n" + Seed, "$", Ip),
        ["trailing comma in an object"] = SeedCase(Body.With(Seed, "installation.country_code", "\"DE\","), "$.installation", null),
        ["trailing comma in an array"] = SeedCase(Body.With(Seed, "printer_fleet.printer_types", "[\"bambu_lab\",\"prusa\",]"), "$.printer_fleet.printer_types", null),
        ["single-quoted string"] = SeedCase(Body.With(Seed, "installation.platform", $"'{Email}'"), "$.installation.platform", Email),
        ["control character in a string"] = SeedCase(Body.With(Seed, "installation.platform", $"\"{Ip}\u0001\""), "$.installation.platform", Ip),
        ["NaN literal"] = WideCase(Body.With(Wide, "scalars.double", "NaN"), "$.scalars.double", null),
        // The byte offset in a malformed-JSON message is a number: numeric secrets there could match by chance.
        ["number with a leading zero"] = SeedCase(Body.With(Seed, "usage_stats.job_count", "023"), "$.usage_stats.job_count", null),
        ["body that ends early"] = SeedCase(Seed[..(Seed.IndexOf("\"file_download_failed\":", StringComparison.Ordinal) + "\"file_download_failed\":".Length)], "$.error_summary.file_download_failed", null),
        ["invalid UTF-8 bytes"] = SeedCase(InvalidUtf8(Seed, "\"linux\"", [0x22, 0x6A, 0xC3, 0x28, 0x40, 0x22]), "$", null),
        ["lone UTF-8 continuation byte"] = SeedCase(InvalidUtf8(Seed, "\"DE\"", [0x22, 0x80, 0x22]), "$", null),
        ["overlong UTF-8 encoding"] = SeedCase(InvalidUtf8(Seed, "\"DE\"", [0x22, 0xC0, 0xAF, 0x22]), "$", null),
        ["deep nesting at the root"] = SeedCase(new string('[', 100_000) + new string(']', 100_000), "$", null),
        ["deep nesting in a member"] = SeedCase(Body.With(Seed, "period", new string('[', 10_000) + new string(']', 10_000)), "$.period", null),
        ["deep nesting in an array element"] = WideCase(Body.With(Wide, "collections.jagged", "[" + new string('[', 1_000) + new string(']', 1_000) + "]"), "$.collections.jagged[0][0]", null),
        ["deep nesting of objects"] = SeedCase(Body.With(Seed, "error_summary", string.Concat(Enumerable.Repeat("{\"connection_timeout\":", 1_000)) + "1" + new string('}', 1_000)), "$.error_summary.connection_timeout", null),
        ["empty body"] = SeedCase(string.Empty, "$", null),
        ["whitespace body"] = SeedCase(" \r\n\t ", "$", null),
        ["body that is an array"] = SeedCase($"[\"{Email}\"]", "$", Email),
        ["body that is a string"] = SeedCase($"\"{Email}\"", "$", Email),
        ["body that is null"] = SeedCase("null", "$", null),
        ["body over the size bound"] = SeedCase(Body.Utf8(Body.With(Seed, "installation.platform", $"\"{Email}\"")), "$", Email, maxBodyBytes: 256),
        ["valid body one byte over the size bound"] = SeedCase(Body.Utf8(Seed), "$", null, maxBodyBytes: Encoding.UTF8.GetByteCount(Seed) - 1),
        ["body over the default size bound"] = SeedCase(Body.Utf8(Body.With(Seed, "installation.platform", "\"" + new string('x', 70_000) + Email + "\"")), "$", Email),

        // Strings the JSON reader accepts but .NET cannot turn into a string: an unpaired surrogate escape.
        ["unpaired surrogate escape in a string"] = WideCase(Body.With(Wide, "scalars.tag", "\"\\ud800\""), "$.scalars.tag", null),
        ["unpaired surrogate escape in a dictionary key"] = WideCase(Body.With(Wide, "collections.present_map", "{\"\\udc00\":1}"), "$.collections.present_map", null),
        ["unpaired surrogate escape in a property name"] = SeedCase(Body.Prepend(Seed, "installation", "\"\\ud800\":1"), "$.installation", null),
        ["unpaired surrogate escape in an enum value"] = SeedCase(Body.With(Seed, "installation.platform", "\"\\ud800\""), "$.installation.platform", null),
        ["unpaired surrogate escape in an enum dictionary key"] = SeedCase(Body.With(Seed, "error_summary", "{\"\\udfff\":1}"), "$.error_summary", null),

        // Non-canonical digits the schema's pattern refuses.
        ["timestamp with a signed month"] = WideCase(Body.With(Wide, "moments.day_of_utc", "\"2024-+2-29T00:00:00Z\""), "$.moments.day_of_utc", "+2"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Rejects_with_the_path_and_without_the_value(string name)
    {
        Case bad = Cases[name];

        TelemetryFormatException exception = Assert.Throws<TelemetryFormatException>(() => bad.Read(bad.Body, bad.MaxBodyBytes));

        Assert.Equal(bad.Path, exception.Path);
        Assert.StartsWith(bad.Path + ": ", exception.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(exception.Problem));
        if (bad.Secret is { } secret)
        {
            // Not in the message, nor anywhere a logger would print (inner exceptions, stack trace, data).
            Assert.DoesNotContain(secret, exception.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, exception.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void There_are_at_least_30_cases_and_every_one_starts_from_a_valid_body()
    {
        Assert.True(Cases.Count >= 30);

        // The bodies are mutations of these: they must read, so each case fails for its own defect only.
        Assert.NotNull(TelemetrySerializer.Deserialize<UsageReport>(Body.Utf8(Seed)));
        Assert.NotNull(TelemetrySerializer.Deserialize<WidePayload>(Body.Utf8(Wide)));
        Assert.NotNull(TelemetrySerializer.Deserialize<UsageReport>(Body.Utf8(Seed), Encoding.UTF8.GetByteCount(Seed)));
    }

    [Theory]
    [InlineData("an escaped enum value", "installation.platform", "\"\\u006cinux\"", "\"linux\"")]
    [InlineData("an escaped enum dictionary key", "error_summary", "{\"connection_\\u0074imeout\":2}", "{\"connection_timeout\":2}")]
    [InlineData("whitespace between tokens", "usage_stats.job_count", " \r\n\t23 \r\n\t", "23")]
    [InlineData("negative zero", "usage_stats.job_count", "-0", "0")]
    [InlineData("an empty dictionary", "error_summary", "{}", "{}")]
    [InlineData("an empty list", "printer_fleet.printer_types", "[]", "[]")]
    [InlineData("a list with repeated values", "printer_fleet.printer_types", "[\"prusa\",\"prusa\"]", "[\"prusa\",\"prusa\"]")]
    [InlineData("null in a nullable member", "installation.python_version", "null", "null")]
    public void Accepts_valid_bodies_however_they_are_spelled(string what, string path, string raw, string canonical)
    {
        UsageReport read = TelemetrySerializer.Deserialize<UsageReport>(Body.Utf8(Body.With(Seed, path, raw)));

        Assert.True(Body.With(Seed, path, canonical) == TelemetrySerializer.SerializeToString(read), $"Reading {what} and writing it again changes more than its spelling.");
    }

    [Theory]
    [InlineData("1e-400")]
    [InlineData("-8675378531e-400")]
    [InlineData("1e-324")]
    public void Numbers_too_small_for_float_or_double_read_as_zero(string raw)
    {
        // Not an error: the nearest value the type holds, as any JSON parser reads it (only the large end is out of range).
        string body = Body.With(Body.With(Wide, "scalars.double", raw), "scalars.single", raw);

        WidePayload read = TelemetrySerializer.Deserialize<WidePayload>(Body.Utf8(body));

        Assert.Equal(0, Math.Abs(read.Scalars.Double));
        Assert.Equal(0, Math.Abs(read.Scalars.Single));
    }

    /// <summary>
    /// Extreme values, each with the digits that must not come back in an error: numbers past every range a reader
    /// converts to (integers, <see cref="decimal"/>, <see cref="double"/>, <see cref="float"/>, <see cref="TimeSpan"/>
    /// ticks, exponents past <see cref="int"/>), and strings at the edges of dates, versions, GUIDs and country codes.
    /// </summary>
    private static readonly (string Raw, string Digits)[] Extremes =
    [
        ("-86753785310000000000000", "8675378531"),
        ("86753785310000000000000", "8675378531"),
        ("867537853100000000000000000000000000000000000000000000000000", "8675378531"),
        ("8675378531e300", "8675378531"),
        ("-8675378531e300", "8675378531"),
        ("8675378531e2147483648", "8675378531"),
        ("-8675378531e-2147483649", "8675378531"),
        ("8675378531e-400", "8675378531"),
        ("0.0000000000000000000000000000000000000008675378531", "8675378531"),
        ("8675378531.8675378531", "8675378531"),
        ("79228162514264337593543950336", "79228162514264337593543950336"),
        ("-79228162514264337593543950336", "79228162514264337593543950336"),
        ("18446744073709551616", "18446744073709551616"),
        ("-9223372036854775809", "9223372036854775809"),
        ("922337203685.4775808", "4775808"),
        ("-922337203685.4775809", "4775809"),
        ("922337203685.47758071", "47758071"),
        ("340282356779733661637539395458142568448", "340282356779733661637539395458142568448"),
        ("1.7976931348623159e308", "7976931348623159"),
        ("\"0000-01-01T00:00:00Z\"", "0000-01-01"),
        ("\"9999-12-31T00:00:00Z\"", "9999-12-31"),
        ("\"9999-12-27T00:00:00Z\"", "9999-12-27"),
        ("\"0001-01-01T00:00:00Z\"", "0001-01-01"),
        ("\"8675-02-30T00:00:00Z\"", "8675-02-30"),
        ("\"8675-13-01T00:00:00Z\"", "8675-13-01"),
        ("\"86753-01-01T00:00:00Z\"", "86753-01-01"),
        ("\"8675378531.0\"", "8675378531"),
        ("\"2147483648.0\"", "2147483648"),
        ("\"0.0.0.8675378531\"", "8675378531"),
        ("\"1.2.3.4.8675\"", "1.2.3.4.8675"),
        ("\"-8675.1\"", "8675"),
        ("\"" + new string('8', 60) + ".0\"", new string('8', 60)),
        ("\"86753785-3100-0000-0000-000000000000\"", "86753785-3100"),
        ("\"86753785-3100-0000-0000-0000000000000\"", "86753785-3100"),
        ("\"ZZ\"", "ZZ"),

        // One past each integer type's bounds (short ones may match a path's index: their digits are not checked).
        ("-129", ""),
        ("256", ""),
        ("-32769", ""),
        ("65536", ""),
        ("-2147483649", "2147483649"),
        ("4294967296", "4294967296"),
        ("-1", ""),
    ];

    /// <summary>A body to plant values in, with the schema to find its paths by, a strict read, and a write of what was read.</summary>
    private sealed record Sweep(string Json, string Schema, Func<byte[], object> Read, Func<object, byte[]> Write, int Sites);

    private static readonly DateTimeOffset SubmissionHour = new(2024, 11, 18, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Sweep> Sweeps = new()
    {
        ["wide payload"] = new(
            Wide,
            TelemetrySchema.For<WidePayload>().JsonSchema,
            body => TelemetrySerializer.Deserialize<WidePayload>(body),
            read => TelemetrySerializer.SerializeToUtf8Bytes((WidePayload)read),
            Sites: 150),
        ["seed payload"] = new(
            Seed,
            TelemetrySchema.For<UsageReport>().JsonSchema,
            body => TelemetrySerializer.Deserialize<UsageReport>(body),
            read => TelemetrySerializer.SerializeToUtf8Bytes((UsageReport)read),
            Sites: 34),
        ["seed payload in its submission envelope"] = new(
            Encoding.UTF8.GetString(TelemetryEnvelope.ToUtf8Bytes(TelemetrySerializer.Deserialize<UsageReport>(Body.Utf8(Seed)), SubmissionHour)),
            TelemetrySchema.For<UsageReport>().JsonSchema,
            body => TelemetryEnvelope.Read<UsageReport>(body),
            read => TelemetryEnvelope.ToUtf8Bytes(((TelemetrySubmission<UsageReport>)read).Payload, ((TelemetrySubmission<UsageReport>)read).SubmissionTimestamp),
            Sites: 36), // the seed's and the envelope's two
        ["points in time in collections"] = new(
            TelemetrySerializer.SerializeToString(new TimestampCollectionsPayload
            {
                Days = [DateTimeOffset.MinValue, DateTimeOffset.MaxValue],
                WeekByBucket = new() { [Bucket.First] = DateTime.MaxValue, [Bucket.Third] = DateTime.MinValue },
                Weeks = [DateTimeOffset.MaxValue],
            }),
            TelemetrySchema.For<TimestampCollectionsPayload>().JsonSchema,
            body => TelemetrySerializer.Deserialize<TimestampCollectionsPayload>(body),
            read => TelemetrySerializer.SerializeToUtf8Bytes((TimestampCollectionsPayload)read),
            Sites: 8),
    };

    public static TheoryData<string> SweepNames() => new(Sweeps.Keys);

    /// <summary>
    /// Plants every extreme value in every member, element and dictionary value of a body: the read either succeeds
    /// (and what it read writes back and reads again) or fails with a <see cref="TelemetryFormatException"/> at the
    /// planted value's path that does not repeat the planted digits. Nothing else (no <see cref="OverflowException"/>,
    /// no <see cref="ArgumentOutOfRangeException"/>) may escape.
    /// </summary>
    [Theory]
    [MemberData(nameof(SweepNames))]
    public void Extreme_values_anywhere_fail_only_with_a_format_error_at_their_path(string name)
    {
        Sweep sweep = Sweeps[name];
        using JsonDocument schema = JsonDocument.Parse(sweep.Schema);
        var sites = new List<(List<object> Steps, string Path)>();
        Sites(JsonNode.Parse(sweep.Json)!, schema.RootElement, [], "$", sites);
        Assert.True(sites.Count >= sweep.Sites, $"Only {sites.Count} places to plant a value in the body.");

        var problems = new List<string>();
        const string Marker = "\u2603EXTREME\u2603";
        foreach ((List<object> steps, string path) in sites)
        {
            string template = Body.At(sweep.Json, steps, Marker);
            foreach ((string raw, string digits) in Extremes)
            {
                byte[] body = Body.Utf8(template.Replace(Marker, raw, StringComparison.Ordinal));
                object read;
                try
                {
                    read = sweep.Read(body);
                }
                catch (TelemetryFormatException exception)
                {
                    if (exception.Path != path || !exception.Message.StartsWith(path + ": ", StringComparison.Ordinal))
                    {
                        problems.Add($"{path} = {raw}: the error names {exception.Path}");
                    }

                    if (digits.Length > 0 && exception.ToString().Contains(digits, StringComparison.Ordinal))
                    {
                        problems.Add($"{path} = {raw}: the error repeats the value");
                    }

                    continue;
                }
                catch (Exception exception)
                {
                    problems.Add($"{path} = {raw}: {exception.GetType().Name}");
                    continue;
                }

                // Accepted: what was read must write back as something the reader reads again.
                try
                {
                    sweep.Read(sweep.Write(read));
                }
                catch (Exception exception)
                {
                    problems.Add($"{path} = {raw}: read, but written back it gives {exception.GetType().Name}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every value in <paramref name="node"/>, with the steps to it and the path the strict reader names it by.</summary>
    private static void Sites(JsonNode node, JsonElement schema, List<object> steps, string path, List<(List<object>, string)> sites)
    {
        // A nullable value's schema is anyOf [the value's, null].
        if (schema.TryGetProperty("anyOf", out JsonElement anyOf))
        {
            schema = anyOf.EnumerateArray().First(s => !(s.TryGetProperty("type", out JsonElement t) && t.GetString() == "null"));
        }

        switch (node)
        {
            case JsonObject obj:
                foreach ((string name, JsonNode? child) in obj)
                {
                    // Objects name their properties; dictionaries with enum keys name the key, with string keys '*'.
                    (JsonElement childSchema, string segment) = schema.TryGetProperty("properties", out JsonElement properties)
                        ? (properties.GetProperty(name), name)
                        : (schema.GetProperty("additionalProperties"),
                            schema.GetProperty("propertyNames").TryGetProperty("enum", out _) ? name : "*");
                    Visit(child, childSchema, [.. steps, name], path + "." + segment, sites);
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Visit(array[i], schema.GetProperty("items"), [.. steps, i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", sites);
                }

                break;
        }

        static void Visit(JsonNode? child, JsonElement schema, List<object> steps, string path, List<(List<object>, string)> sites)
        {
            sites.Add((steps, path));
            if (child is not null)
            {
                Sites(child, schema, steps, path, sites);
            }
        }
    }

    private static byte[] InvalidUtf8(string json, string replace, byte[] with)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        byte[] target = Encoding.UTF8.GetBytes(replace);
        int at = body.AsSpan().IndexOf(target);
        Assert.True(at >= 0);
        return [.. body.AsSpan(0, at), .. with, .. body.AsSpan(at + target.Length)];
    }
}
