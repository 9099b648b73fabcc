using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Printernizer;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// The admin's endpoints: nothing without the admin's bearer token (and nothing a client holds is one); with it,
/// population-level statistics only, where a group smaller than the minimum group size is never named.
/// </summary>
public abstract class AdminTests(AdminTests.Fixture fixture)
{
    /// <summary>One of the installations the fixture submits, for the deletion check's endpoint.</summary>
    private const string KnownId = "5b0c3c52-8f0e-4d6f-9a63-2f5f0e8d7c41";

    private static readonly string[] Endpoints =
    [
        "v1/admin/statistics",
        "v1/admin/export.json",
        "v1/admin/export.csv",
        $"v1/admin/installations/{KnownId}",
    ];

    // What a request can present instead of the admin's token; a client holds its installation id and the
    // Idempotency-Key it sends ("<id in N format>-<week as yyyyMMdd>"), never the token.
    private static readonly Dictionary<string, Action<HttpRequestMessage>> Credentials = new(StringComparer.Ordinal)
    {
        ["no Authorization header"] = _ => { },
        ["a wrong token"] = request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new string('x', CollectorHost.AdminToken.Length)),
        ["the token in the Basic scheme"] = request => request.Headers.Authorization = new AuthenticationHeaderValue("Basic", CollectorHost.AdminToken),
        ["the token as a Basic password"] = request => request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + CollectorHost.AdminToken))),
        ["the token without a scheme"] = request => request.Headers.TryAddWithoutValidation("Authorization", CollectorHost.AdminToken),
        ["the token with a character more"] = request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CollectorHost.AdminToken + "x"),
        ["the token less its last character"] = request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CollectorHost.AdminToken[..^1]),
        ["an empty bearer token"] = request => request.Headers.TryAddWithoutValidation("Authorization", "Bearer "),
        ["the token after a wrong one, in a second Authorization header"] = request =>
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer wrong");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + CollectorHost.AdminToken);
        },
        ["an Idempotency-Key header"] = request => request.Headers.Add("Idempotency-Key", Guid.Parse(KnownId).ToString("N") + "-20241104"),
        ["the Idempotency-Key as a bearer token"] = request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Guid.Parse(KnownId).ToString("N") + "-20241104"),
        ["the installation id as a bearer token"] = request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KnownId),
        ["the token in the query string"] = request => request.RequestUri = new Uri(request.RequestUri + "?access_token=" + CollectorHost.AdminToken, UriKind.Relative),
        ["the token in a cookie"] = request => request.Headers.Add("Cookie", "token=" + CollectorHost.AdminToken),
    };

    /// <summary>Every endpoint with every credential that is not the admin's token.</summary>
    public static TheoryData<string, string> Unauthorized()
    {
        var cases = new TheoryData<string, string>();
        foreach (string endpoint in Endpoints)
        {
            foreach (string credential in Credentials.Keys)
            {
                cases.Add(endpoint, credential);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Unauthorized), MemberType = typeof(AdminTests))]
    public async Task Without_the_admin_token_every_admin_endpoint_answers_401_Bearer_and_nothing_else(string endpoint, string credential)
    {
        using HttpClient client = fixture.Host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        Credentials[credential](request);

        using HttpResponseMessage response = await client.SendAsync(request);
        string answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        using JsonDocument problem = JsonDocument.Parse(answer);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(problem.RootElement.TryGetProperty("weeks", out _));
        Assert.False(problem.RootElement.TryGetProperty("submissions", out _));
        Assert.DoesNotContain(CollectorHost.AdminToken, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(KnownId, answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("linux", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_statistics_are_totals_and_groups_by_JSON_path_with_small_groups_only_in_other()
    {
        using HttpClient admin = fixture.Host.Client(admin: true);

        string text = await admin.GetStringAsync("v1/admin/statistics");

        using JsonDocument statistics = JsonDocument.Parse(text);
        Assert.Equal(["weeks"], statistics.RootElement.EnumerateObject().Select(p => p.Name));
        JsonElement[] weeks = [.. statistics.RootElement.GetProperty("weeks").EnumerateArray()];
        Assert.Equal(["2024-10-28", "2024-11-04"], weeks.Select(w => w.GetProperty("week_start").GetString()));
        foreach (JsonElement week in weeks)
        {
            Assert.Equal(["week_start", "installations", "totals", "groups"], week.EnumerateObject().Select(p => p.Name));
        }

        // The earlier week: four installations, fewer than the minimum group size of 5: only their number is shown,
        // no total and no group, since those would come too close to single installations' values.
        JsonElement small = weeks[0];
        Assert.Equal(4, small.GetProperty("installations").GetInt32());
        Assert.Empty(small.GetProperty("totals").EnumerateObject());
        Assert.Empty(small.GetProperty("groups").EnumerateObject());

        // The later week: five on Linux in Germany with 2.7.0 are groups of their own; the one on Windows in the US
        // with 9.8.7 is only in "other".
        JsonElement large = weeks[1];
        Assert.Equal(6, large.GetProperty("installations").GetInt32());
        JsonElement groups = large.GetProperty("groups");
        JsonElement totals = large.GetProperty("totals");
        Assert.Equal(Groups(("linux", 5), ("other", 1)), Groups(groups.GetProperty("$.installation.platform")));
        Assert.Equal(Groups(("DE", 5), ("other", 1)), Groups(groups.GetProperty("$.installation.country_code")));
        Assert.Equal(Groups(("2.7.0", 5), ("other", 1)), Groups(groups.GetProperty("$.installation.app_version")));
        Assert.Equal(Groups(("homeassistant", 6)), Groups(groups.GetProperty("$.installation.deployment_mode")));
        Assert.Equal(Groups(("bambu_lab", 6), ("prusa", 6)), Groups(groups.GetProperty("$.printer_fleet.printer_types[]")));
        Assert.Equal(Groups(("true", 6)), Groups(groups.GetProperty("$.usage_stats.feature_usage.library_enabled")));
        Assert.Equal(Groups(("false", 6)), Groups(groups.GetProperty("$.usage_stats.feature_usage.timelapse_enabled")));
        Assert.Equal(Fixture.LargeWeek.Sum(i => i.Jobs), totals.GetProperty("$.usage_stats.job_count").GetInt64());
        Assert.Equal(Fixture.LargeWeek.Sum(i => i.Files), totals.GetProperty("$.usage_stats.file_count").GetInt64());
        Assert.Equal(Fixture.LargeWeek.Sum(i => i.Uploads), totals.GetProperty("$.usage_stats.upload_count").GetInt64());
        Assert.Equal(Fixture.LargeWeek.Sum(i => i.UptimeHours), totals.GetProperty("$.usage_stats.uptime_hours").GetInt64());
        Assert.Equal(6 * 3, totals.GetProperty("$.printer_fleet.printer_count").GetInt64());
        Assert.Equal(6 * 2, totals.GetProperty("$.error_summary.connection_timeout").GetInt64());

        // The installation id is never a group, even in "other".
        Assert.False(groups.TryGetProperty("$.installation.installation_id", out _));
        AssertNoInstallationData(text);
    }

    [Fact]
    public async Task The_exports_are_the_same_statistics_as_an_attachment_and_the_CSV_has_one_line_per_total_and_group()
    {
        using HttpClient admin = fixture.Host.Client(admin: true);
        string statistics = await admin.GetStringAsync("v1/admin/statistics");

        using HttpResponseMessage json = await admin.GetAsync("v1/admin/export.json");
        using HttpResponseMessage csv = await admin.GetAsync("v1/admin/export.csv");
        string jsonText = await json.Content.ReadAsStringAsync();
        string csvText = await csv.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("statistics.json", json.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(statistics, jsonText);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("statistics.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        string[] lines = csvText.TrimEnd('\n').Split('\n');
        Assert.Equal("week_start,installations,kind,path,value,number", lines[0]);
        Assert.Equal("2024-10-28,4,,,,", lines[1]);
        Assert.All(lines.Skip(2), line => Assert.StartsWith("2024-11-04,6,", line, StringComparison.Ordinal));
        Assert.Contains($"2024-11-04,6,total,$.usage_stats.job_count,,{Fixture.LargeWeek.Sum(i => i.Jobs)}", lines);
        Assert.Contains("2024-11-04,6,group,$.installation.platform,linux,5", lines);
        Assert.Contains("2024-11-04,6,group,$.installation.platform,other,1", lines);
        Assert.Contains("2024-11-04,6,group,$.usage_stats.feature_usage.library_enabled,true,6", lines);

        // The same numbers as the JSON: one line per total and per group.
        using JsonDocument document = JsonDocument.Parse(jsonText);
        JsonElement large = document.RootElement.GetProperty("weeks")[1];
        int expected = large.GetProperty("totals").EnumerateObject().Count() + large.GetProperty("groups").EnumerateObject().Sum(g => g.Value.EnumerateObject().Count());
        Assert.Equal(expected, lines.Length - 2);

        AssertNoInstallationData(jsonText);
        AssertNoInstallationData(csvText);
    }

    [Fact]
    public async Task The_deletion_check_returns_a_count_and_nothing_of_the_rows()
    {
        using HttpClient admin = fixture.Host.Client(admin: true);

        string known = await admin.GetStringAsync($"v1/admin/installations/{KnownId}");
        string unknown = await admin.GetStringAsync($"v1/admin/installations/{Guid.NewGuid():D}");
        using HttpResponseMessage malformed = await admin.GetAsync("v1/admin/installations/not-a-uuid");

        using (JsonDocument answer = JsonDocument.Parse(known))
        {
            Assert.Equal(["installation_id", "submissions"], answer.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(KnownId, answer.RootElement.GetProperty("installation_id").GetString());
            Assert.Equal(1, answer.RootElement.GetProperty("submissions").GetInt64());
        }

        using (JsonDocument answer = JsonDocument.Parse(unknown))
        {
            Assert.Equal(0, answer.RootElement.GetProperty("submissions").GetInt64());
        }

        // Only the id asked about (the admin's own input) and a number: none of the row's values.
        foreach (string value in new[] { "linux", "homeassistant", "DE", "2.7.0", "2024-11-04", "week", "payload" })
        {
            Assert.DoesNotContain(value, known, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("not-a-uuid", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, int> Groups(params (string Name, int Count)[] groups) => groups.ToDictionary(g => g.Name, g => g.Count, StringComparer.Ordinal);

    private static Dictionary<string, int> Groups(JsonElement groups) => groups.EnumerateObject().ToDictionary(g => g.Name, g => g.Value.GetInt32(), StringComparer.Ordinal);

    // Nothing of one installation: no id, and none of the values only one installation (or a group smaller than
    // the minimum) has.
    private static void AssertNoInstallationData(string text)
    {
        foreach (string id in Submissions.Forms(Fixture.SmallWeek.Concat(Fixture.LargeWeek).Select(i => i.Id)))
        {
            Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (string value in new[] { "windows", "\"US\"", "9.8.7", "mac_os", "\"FR\"", "installation_id", "payload" })
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotMatch(new Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase), text);
    }

    /// <summary>
    /// The collector with two weeks of submissions from distinct random installations, sent over HTTP: the week of
    /// 2024-10-28 by four on macOS in France, the week of 2024-11-04 by five on Linux in Germany and one on Windows in
    /// the US with another app version.
    /// </summary>
    public abstract class Fixture(TestStorage storage) : IAsyncLifetime
    {
        public static readonly IReadOnlyList<Submitted> SmallWeek =
        [
            .. Enumerable.Range(1, 4).Select(i => new Submitted(Guid.NewGuid(), Platform.MacOs, "FR", "2.7.0", Jobs: i, Files: 2 * i, Uploads: i, UptimeHours: 10 * i)),
        ];

        public static readonly IReadOnlyList<Submitted> LargeWeek =
        [
            new(Guid.Parse(KnownId), Platform.Linux, "DE", "2.7.0", Jobs: 10, Files: 1, Uploads: 0, UptimeHours: 100),
            .. Enumerable.Range(2, 4).Select(i => new Submitted(Guid.NewGuid(), Platform.Linux, "DE", "2.7.0", Jobs: 10 * i, Files: i, Uploads: i - 1, UptimeHours: 100 + i)),
            new(Guid.NewGuid(), Platform.Windows, "US", "9.8.7", Jobs: 7, Files: 70, Uploads: 3, UptimeHours: 168),
        ];

        /// <summary>Gets the collector.</summary>
        public CollectorHost Host { get; private set; } = null!;

        /// <inheritdoc/>
        public async Task InitializeAsync()
        {
            Host = await CollectorHost.StartAsync(storage);
            using HttpClient client = Host.Client();
            foreach ((DateTimeOffset week, IReadOnlyList<Submitted> installations) in new[] { (Submissions.LastWeek.AddDays(-7), SmallWeek), (Submissions.LastWeek, LargeWeek) })
            {
                foreach (Submitted i in installations)
                {
                    UsageReport report = Submissions.Report(i.Id, week, i.Platform, i.Country, i.AppVersion, i.Jobs, i.Files, i.Uploads, i.UptimeHours);
                    using HttpResponseMessage response = await Submissions.PostAsync(client, Submissions.Body(report, Host.Time.GetUtcNow()));
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                }
            }

            Assert.Equal(SmallWeek.Count + LargeWeek.Count, await Host.CountSubmissionsAsync());
        }

        /// <inheritdoc/>
        public async Task DisposeAsync() => await Host.DisposeAsync();

        /// <summary>One installation's submission.</summary>
        public sealed record Submitted(Guid Id, Platform Platform, string Country, string AppVersion, int Jobs, int Files, int Uploads, int UptimeHours);
    }
}

/// <summary>The admin tests on SQLite.</summary>
public sealed class AdminTestsOnSqlite(AdminTestsOnSqlite.SqliteFixture fixture) : AdminTests(fixture), IClassFixture<AdminTestsOnSqlite.SqliteFixture>
{
    /// <summary>The collector on SQLite with the fixture's submissions.</summary>
    public sealed class SqliteFixture() : Fixture(TestStorage.Sqlite);
}

/// <summary>The admin tests on PostgreSQL.</summary>
public sealed class AdminTestsOnPostgreSql(AdminTestsOnPostgreSql.PostgreSqlFixture fixture) : AdminTests(fixture), IClassFixture<AdminTestsOnPostgreSql.PostgreSqlFixture>
{
    /// <summary>The collector on PostgreSQL with the fixture's submissions.</summary>
    public sealed class PostgreSqlFixture() : Fixture(TestStorage.PostgreSql);
}
