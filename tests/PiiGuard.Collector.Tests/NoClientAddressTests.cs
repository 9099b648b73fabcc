using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Npgsql;
using PiiGuard.Telemetry.Tests;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// No client address anywhere: after requests of every kind (accepted, retried, refused, rate-limited, deleted,
/// admin), from a client whose requests also carry a forwarded address (X-Forwarded-For, Forwarded), no log entry holds
/// the client's port or either address and the database has no column for one and no address in its bytes (SQLite) or
/// its whole dump (PostgreSQL, pg_dump); no log entry holds an installation id.
/// </summary>
public abstract class NoClientAddressTests(TestStorage storage) : IAsyncLifetime
{
    /// <summary>The address the client's requests say they were forwarded for.</summary>
    protected const string ForwardedAddress = "203.0.113.77";

    /// <summary>The pattern of a column name that could hold an address, a host or a user agent.</summary>
    protected static readonly Regex Suspicious = new("(^|_)ip(v[46])?($|_)|addr|host|agent|remote|forwarded|client|port", RegexOptions.IgnoreCase);

    private CollectorHost _host = null!;

    /// <summary>Gets the collector.</summary>
    protected CollectorHost Host => _host;

    public async Task InitializeAsync() => _host = await CollectorHost.StartAsync(storage);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Neither_the_logs_nor_the_database_hold_a_client_address_or_an_installation_id()
    {
        // The ports the clients connect from: what the collector sees as the remote port of each connection.
        var ports = new ConcurrentBag<int>();
        using HttpClient client = RecordingClient(ports, admin: false);
        using HttpClient admin = RecordingClient(ports, admin: true);
        Guid id = Guid.NewGuid(), other = Guid.NewGuid();
        DateTimeOffset now = _host.Time.GetUtcNow();
        byte[] body = Submissions.Body(id, Submissions.LastWeek, now);

        await ExpectAsync(HttpStatusCode.Created, Submissions.PostAsync(client, body));
        await ExpectAsync(HttpStatusCode.OK, Submissions.PostAsync(client, body));
        await ExpectAsync(HttpStatusCode.TooManyRequests, Submissions.PostAsync(client, Submissions.Body(id, Submissions.LastWeek.AddDays(-7), now)));
        await ExpectAsync(HttpStatusCode.BadRequest, Submissions.PostAsync(client, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"linux\"", "\"jane.doe@example.com\"", StringComparison.Ordinal))));
        await ExpectAsync(HttpStatusCode.UnsupportedMediaType, client.PostAsync("v1/submissions", new ByteArrayContent(body)));
        using (var tooLarge = new HttpRequestMessage(HttpMethod.Post, "v1/submissions") { Content = Submissions.Json([.. body, .. new byte[16 * 1024]]) })
        {
            tooLarge.Headers.ExpectContinue = true;
            await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, client.SendAsync(tooLarge));
        }

        await ExpectAsync(HttpStatusCode.Created, Submissions.PostAsync(client, Submissions.Body(other, Submissions.LastWeek, now)));
        await ExpectAsync(HttpStatusCode.NoContent, client.DeleteAsync($"v1/installations/{other:D}"));
        await ExpectAsync(HttpStatusCode.BadRequest, client.DeleteAsync("v1/installations/not-a-uuid"));
        await ExpectAsync(HttpStatusCode.Unauthorized, client.GetAsync("v1/admin/statistics"));
        await ExpectAsync(HttpStatusCode.OK, admin.GetAsync("v1/admin/statistics"));
        await ExpectAsync(HttpStatusCode.OK, admin.GetAsync("v1/admin/export.csv"));
        await ExpectAsync(HttpStatusCode.OK, admin.GetAsync($"v1/admin/installations/{id:D}"));
        await ExpectAsync(HttpStatusCode.OK, admin.GetAsync($"v1/admin/installations/{other:D}"));

        Assert.NotEmpty(ports);
        Assert.DoesNotContain(ports, port => port == _host.BaseUri.Port);
        string server = _host.BaseUri.GetLeftPart(UriPartial.Authority);
        string[] addresses = [.. ports.Distinct().Select(port => ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        // The logs: no client port, no remote address; 127.0.0.1 only in the server's own address ("Now listening on").
        IReadOnlyList<LogEntry> entries = _host.Logs.Entries;
        Assert.NotEmpty(entries);
        foreach (string text in entries.Select(entry => entry.AllText).Concat(_host.Logs.Scopes))
        {
            foreach (string address in addresses)
            {
                Assert.False(text.Contains(address, StringComparison.Ordinal), $"the client port {address} in: {text}");
            }

            Assert.DoesNotContain(ForwardedAddress, text, StringComparison.Ordinal);
            Assert.DoesNotContain("RemoteIpAddress", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("RemotePort", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("127.0.0.1", text.Replace(server, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        // Nor an installation id, in any log entry.
        foreach (LogEntry entry in entries)
        {
            foreach (string value in Submissions.Forms([id, other]))
            {
                Assert.DoesNotContain(value, entry.AllText, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The database: no column that could hold an address, and no address anywhere in what it holds.
        await AssertDatabaseHoldsNoAddressAsync([ForwardedAddress, "127.0.0.1", "::1", .. addresses]);
    }

    /// <summary>Checks that the database has no column for an address and none of <paramref name="addresses"/> in it.</summary>
    protected abstract Task AssertDatabaseHoldsNoAddressAsync(string[] addresses);

    private static async Task ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> sending)
    {
        using HttpResponseMessage response = await sending;
        Assert.Equal(status, response.StatusCode);
    }

    // A client like CollectorHost.Client, whose connections record their local port.
    private HttpClient RecordingClient(ConcurrentBag<int> ports, bool admin)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    ports.Add(((IPEndPoint)socket.LocalEndPoint!).Port);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(_host.TrustedRoots);
        var client = new HttpClient(handler) { BaseAddress = _host.BaseUri };
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", ForwardedAddress);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Forwarded", "for=" + ForwardedAddress);
        if (admin)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CollectorHost.AdminToken);
        }

        return client;
    }
}

/// <summary>No client address on SQLite: no column for one, none in the bytes of the database or its write-ahead log.</summary>
public sealed class NoClientAddressTestsOnSqlite() : NoClientAddressTests(TestStorage.Sqlite)
{
    protected override Task AssertDatabaseHoldsNoAddressAsync(string[] addresses)
    {
        string database = Host.DatabasePath;
        List<(string Table, string Column)> columns = Columns(database);
        Assert.Contains(("submissions", "installation_id"), columns);
        Assert.Contains(("rate_limits", "not_before"), columns);
        Assert.DoesNotContain(columns, column => Suspicious.IsMatch(column.Column));

        string[] files = [database, database + "-wal"];
        Assert.True(File.Exists(database));
        foreach (string file in files.Where(File.Exists))
        {
            string bytes = Encoding.Latin1.GetString(ReadShared(file));
            foreach (string address in addresses)
            {
                Assert.DoesNotContain(address, bytes, StringComparison.Ordinal);
            }
        }

        return Task.CompletedTask;
    }

    private static List<(string Table, string Column)> Columns(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var columns = new List<(string, string)>();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT m.name, c.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c WHERE m.type = 'table' ORDER BY m.name, c.cid;";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>No client address on PostgreSQL: no column for one, and none in a pg_dump of the whole database.</summary>
public sealed class NoClientAddressTestsOnPostgreSql() : NoClientAddressTests(TestStorage.PostgreSql)
{
    protected override async Task AssertDatabaseHoldsNoAddressAsync(string[] addresses)
    {
        var columns = new List<(string Table, string Column)>();
        await using (var connection = new NpgsqlConnection(Host.Database!.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position;", connection);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(("submissions", "installation_id"), columns);
        Assert.Contains(("rate_limits", "not_before"), columns);
        Assert.DoesNotContain(columns, column => Suspicious.IsMatch(column.Column));

        string dump = await PgDump.DumpAsync(Host.Database.ConnectionString);
        Assert.Contains("COPY public.submissions", dump, StringComparison.Ordinal);
        Assert.Contains(Host.Time.GetUtcNow().Year.ToString(System.Globalization.CultureInfo.InvariantCulture), dump, StringComparison.Ordinal);
        foreach (string address in addresses)
        {
            Assert.DoesNotContain(address, dump, StringComparison.Ordinal);
        }
    }
}
