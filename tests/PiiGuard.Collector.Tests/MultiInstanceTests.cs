using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// Two collector instances (two hosts, each its own process-level state) on one PostgreSQL database: every guarantee
/// is the database's. Many submissions of one installation sent to both at once: exactly one is stored per hour, every
/// other one answers 200 (its week is the stored one) or 429; a deletion at one instance is seen by the other.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private const int RequestsPerWeek = 12;

    private static readonly DateTimeOffset[] Weeks = [.. Enumerable.Range(0, 4).Select(i => Submissions.LastWeek.AddDays(-7 * i))];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 11, 14, 10, 17, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private CollectorHost _first = null!;
    private CollectorHost _second = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();

        // Both start at once: their migrations meet on the advisory lock, and the schema is made once.
        Task<CollectorHost> first = CollectorHost.StartAsync(TestStorage.PostgreSql, _time, _database);
        Task<CollectorHost> second = CollectorHost.StartAsync(TestStorage.PostgreSql, _time, _database);
        _first = await first;
        _second = await second;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_installation_to_two_instances_store_exactly_one_per_hour()
    {
        Guid id = Guid.NewGuid();
        using HttpClient first = _first.Client();
        using HttpClient second = _second.Client();

        // Hour one: every week at once, half of the requests to each instance.
        DateTimeOffset accepted = await RoundAsync(id, first, second, Weeks);
        Assert.Equal(1, await _first.CountSubmissionsAsync());

        // Hour two: the same again. The stored week is a duplicate (200) at both, one other week is accepted.
        _time.Advance(TimeSpan.FromHours(1));
        DateTimeOffset acceptedNext = await RoundAsync(id, first, second, Weeks, alreadyStored: [accepted]);
        Assert.NotEqual(accepted, acceptedNext);
        Assert.Equal(2, await _second.CountSubmissionsAsync());
        Assert.Equal(2, await Submissions.CountAsync(_first, id));
    }

    [Fact]
    public async Task A_deletion_at_one_instance_is_seen_by_the_other_and_lifts_the_limit_there()
    {
        Guid id = Guid.NewGuid();
        Guid other = Guid.NewGuid();
        using HttpClient first = _first.Client();
        using HttpClient second = _second.Client();
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(_first, first, id, Weeks[0]));
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(_second, second, other, Weeks[0]));

        // The other instance enforces the first one's limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, await Submissions.SubmitAsync(_second, second, id, Weeks[1]));

        using (HttpResponseMessage deleted = await second.DeleteAsync($"v1/installations/{id:D}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, await Submissions.CountAsync(_first, id));
        Assert.Equal(1, await Submissions.CountAsync(_first, other));

        // Within the same hour, at the instance that accepted it first.
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(_first, first, id, Weeks[1]));
        Assert.Equal(1, await Submissions.CountAsync(_second, id));
    }

    // Sends RequestsPerWeek submissions of each week at once, alternating the instances; returns the week accepted.
    private async Task<DateTimeOffset> RoundAsync(Guid id, HttpClient first, HttpClient second, DateTimeOffset[] weeks, DateTimeOffset[]? alreadyStored = null)
    {
        alreadyStored ??= [];
        DateTimeOffset now = _time.GetUtcNow();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = new List<Task<(DateTimeOffset Week, HttpStatusCode Status)>>();
        int n = 0;
        foreach (DateTimeOffset week in weeks)
        {
            byte[] body = Submissions.Body(id, week, now);
            for (int i = 0; i < RequestsPerWeek; i++)
            {
                HttpClient client = n++ % 2 == 0 ? first : second;
                sends.Add(SendAsync(client, body, week, start.Task));
            }
        }

        start.SetResult();
        (DateTimeOffset Week, HttpStatusCode Status)[] answers = await Task.WhenAll(sends);

        (DateTimeOffset Week, HttpStatusCode Status) created = Assert.Single(answers, answer => answer.Status == HttpStatusCode.Created);
        Assert.DoesNotContain(created.Week, alreadyStored);
        foreach ((DateTimeOffset week, HttpStatusCode status) in answers.Where(answer => answer != created))
        {
            HttpStatusCode expected = week == created.Week || alreadyStored.Contains(week) ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests;
            Assert.Equal(expected, status);
        }

        return created.Week;
    }

    private static async Task<(DateTimeOffset Week, HttpStatusCode Status)> SendAsync(HttpClient client, byte[] body, DateTimeOffset week, Task start)
    {
        await start;
        using HttpResponseMessage response = await Submissions.PostAsync(client, body);
        return (week, response.StatusCode);
    }
}
