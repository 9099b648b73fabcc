using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using PiiGuard.Telemetry.Tests;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// A database that goes away under a running collector (here: its PostgreSQL database dropped) is a 503 problem for
/// every endpoint that needs it, never a crash, and one log line with the exception's type: nothing of the request,
/// and no installation id.
/// </summary>
public sealed class StorageFailureTests
{
    [Fact]
    public async Task Without_its_database_the_collector_answers_503_and_logs_only_the_failure_type()
    {
        await using CollectorHost host = await CollectorHost.StartAsync(TestStorage.PostgreSql);
        using HttpClient client = host.Client();
        using HttpClient admin = host.Client(admin: true);
        Guid id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, Guid.NewGuid(), Submissions.LastWeek));

        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE {host.Database!.Name} WITH (FORCE);", connection);
            await command.ExecuteNonQueryAsync();
        }

        using HttpResponseMessage submitted = await Submissions.PostAsync(client, Submissions.Body(id, Submissions.LastWeek, host.Time.GetUtcNow()));
        using HttpResponseMessage deleted = await client.DeleteAsync($"v1/installations/{id:D}");
        using HttpResponseMessage statistics = await admin.GetAsync("v1/admin/statistics");
        using HttpResponseMessage count = await admin.GetAsync($"v1/admin/installations/{id:D}");

        foreach (HttpResponseMessage response in new[] { submitted, deleted, statistics, count })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }

        LogEntry[] errors = [.. host.Logs.Entries.Where(entry => entry.Level >= LogLevel.Warning)];
        Assert.Equal(4, errors.Length);
        Assert.All(errors, entry => Assert.Matches(@"^PiiGuard\.Collector: The collector's storage failed \([A-Za-z]+\)\.$", entry.Message));
        HostileInputTests.AssertNotLogged(host.Logs, [.. Submissions.Forms([id]), host.Database.Name]);
    }
}
