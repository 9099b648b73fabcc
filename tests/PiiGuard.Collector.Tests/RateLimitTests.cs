using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// At most one accepted submission an hour per installation, over HTTP: 429 with a Retry-After that is exactly the
/// time left; a retry of a stored week is 200 and counted once; deleting an installation is idempotent and lifts its
/// limit.
/// </summary>
public abstract class RateLimitTests(TestStorage storage) : IAsyncLifetime
{
    private static readonly DateTimeOffset WeekBefore = Submissions.LastWeek.AddDays(-7);
    private static readonly DateTimeOffset TwoWeeksBefore = Submissions.LastWeek.AddDays(-14);

    private CollectorHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await CollectorHost.StartAsync(storage);
        _client = _host.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public async Task Another_week_within_the_hour_gets_429_with_Retry_After_the_time_left_and_201_once_it_is_over(int seconds)
    {
        // Accepted at 10:17:00 (or 10:17:20: the collector keeps the minute, rounded up, when the installation may submit again).
        _host.Time.Advance(TimeSpan.FromSeconds(seconds));
        Guid id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(id, Submissions.LastWeek));
        DateTimeOffset notBefore = new(2024, 11, 14, 11, seconds == 0 ? 17 : 18, 0, TimeSpan.Zero);

        _host.Time.Advance(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(30));
        TimeSpan retryAfter = await LimitedAsync(id, WeekBefore);

        Assert.Equal(notBefore - _host.Time.GetUtcNow(), retryAfter);
        Assert.Equal(1, await Submissions.CountAsync(_host, id));

        // One second short of it: still limited, for that second.
        _host.Time.Advance(retryAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), await LimitedAsync(id, WeekBefore));

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(id, WeekBefore));
        Assert.Equal(2, await Submissions.CountAsync(_host, id));
    }

    [Fact]
    public async Task A_retry_of_the_same_week_is_200_and_counted_once_even_within_the_hour()
    {
        Guid id = Guid.NewGuid();
        byte[] body = Submissions.Body(id, Submissions.LastWeek, _host.Time.GetUtcNow());
        using (HttpResponseMessage first = await Submissions.PostAsync(_client, body))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        _host.Time.Advance(TimeSpan.FromMinutes(5));
        using (HttpResponseMessage retry = await Submissions.PostAsync(_client, body))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            using JsonDocument answer = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());
            Assert.StartsWith("duplicate", answer.RootElement.GetProperty("status").GetString(), StringComparison.Ordinal);
        }

        // With the Idempotency-Key the runtime sends, too; a key for another week is refused.
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/submissions") { Content = Submissions.Json(body) })
        {
            request.Headers.Add("Idempotency-Key", $"{id:N}-20241104");
            using HttpResponseMessage retry = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/submissions") { Content = Submissions.Json(body) })
        {
            request.Headers.Add("Idempotency-Key", $"{id:N}-20241028");
            using HttpResponseMessage mismatched = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        }

        Assert.Equal(1, await Submissions.CountAsync(_host, id));
        Assert.Equal(1, await _host.CountSubmissionsAsync());

        // Retries do not move the limit: an hour after the first acceptance the next week is accepted.
        _host.Time.Advance(TimeSpan.FromMinutes(45));
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(id, WeekBefore));
        Assert.Equal(2, await Submissions.CountAsync(_host, id));
    }

    [Fact]
    public async Task Another_installation_is_not_limited_by_the_first()
    {
        Guid first = Guid.NewGuid();
        Guid second = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(first, Submissions.LastWeek));
        await LimitedAsync(first, WeekBefore);

        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(second, Submissions.LastWeek));
        Assert.Equal(TimeSpan.FromHours(1), await LimitedAsync(second, WeekBefore));

        Assert.Equal(1, await Submissions.CountAsync(_host, first));
        Assert.Equal(1, await Submissions.CountAsync(_host, second));
    }

    [Fact]
    public async Task Deleting_an_installation_is_idempotent_and_lifts_its_rate_limit()
    {
        Guid id = Guid.NewGuid();
        Guid other = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(other, Submissions.LastWeek));
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(id, Submissions.LastWeek));
        _host.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(id, WeekBefore));
        await LimitedAsync(id, TwoWeeksBefore);
        Assert.Equal(2, await Submissions.CountAsync(_host, id));

        using (HttpResponseMessage deleted = await _client.DeleteAsync($"v1/installations/{id:D}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (HttpResponseMessage again = await _client.DeleteAsync($"v1/installations/{id:D}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        using (HttpResponseMessage never = await _client.DeleteAsync($"v1/installations/{Guid.NewGuid():D}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, never.StatusCode);
        }

        Assert.Equal(0, await Submissions.CountAsync(_host, id));
        Assert.Equal(1, await Submissions.CountAsync(_host, other));

        // Its limit went with its rows: within the same hour it may submit again.
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(id, TwoWeeksBefore));
        Assert.Equal(1, await Submissions.CountAsync(_host, id));
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("550e8400e29b41d4a716446655440000")]
    [InlineData("{550e8400-e29b-41d4-a716-446655440000}")]
    [InlineData("(550e8400-e29b-41d4-a716-446655440000)")]
    [InlineData("550e8400-e29b-41d4-a716-44665544000g")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000-00")]
    [InlineData("jane.doe@example.com")]
    [InlineData("%00")]
    public async Task Deleting_with_a_malformed_id_is_400_and_deletes_nothing(string id)
    {
        Guid stored = Guid.Parse("550e8400-e29b-41d4-a716-446655440000");
        Assert.Equal(HttpStatusCode.Created, await SubmitAsync(stored, Submissions.LastWeek));

        using HttpResponseMessage response = await _client.DeleteAsync("v1/installations/" + Uri.EscapeDataString(id));
        string answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(id, answer, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await Submissions.CountAsync(_host, stored));
    }

    private async Task<HttpStatusCode> SubmitAsync(Guid id, DateTimeOffset week) => await Submissions.SubmitAsync(_host, _client, id, week);

    // Submits and expects 429 with a problem body; returns the Retry-After.
    private async Task<TimeSpan> LimitedAsync(Guid id, DateTimeOffset week)
    {
        using HttpResponseMessage response = await Submissions.PostAsync(_client, Submissions.Body(id, week, _host.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Whole seconds (delta-seconds), never a date.
        Assert.Matches("^[1-9][0-9]*$", Assert.Single(response.Headers.GetValues("Retry-After")));
        return Assert.IsType<TimeSpan>(response.Headers.RetryAfter?.Delta);
    }
}

/// <summary>The rate-limit tests on SQLite.</summary>
public sealed class RateLimitTestsOnSqlite() : RateLimitTests(TestStorage.Sqlite);

/// <summary>The rate-limit tests on PostgreSQL.</summary>
public sealed class RateLimitTestsOnPostgreSql() : RateLimitTests(TestStorage.PostgreSql);
