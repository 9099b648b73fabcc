using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PrinternizerCollector;
using PiiGuard.Telemetry.Tests;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// The real collector (<see cref="CollectorApp.Create"/>: the library's <c>AddTelemetryCollector</c> and
/// <c>MapTelemetryCollector</c> for Printernizer's report) on Kestrel, HTTPS on 127.0.0.1 with a certificate made in
/// process, a fixed clock, and N senders, each with its own <see cref="HttpClient"/>, posting pre-built bodies as fast
/// as the collector answers, as the runtime's transport posts them (application/json, an Idempotency-Key, certificate
/// validation on). The store is its own fresh SQLite database by default, or the PostgreSQL database of
/// <paramref name="storage"/>; with <see cref="CollectorBackend.Instances"/> above 1, that many collectors (Kestrel hosts
/// on their own ports, each with its own store and connection pool) share the database, and submission i goes to
/// instance i mod N, as a round-robin load balancer sends them.
/// </summary>
internal sealed class HttpConfiguration(string folder, int senders, bool newConnections, CollectorBackend? storage = null)
    : Configuration(folder, senders, newConnections ? Mode.NewConnection : Mode.KeepAlive)
{
    private static readonly byte[] AcceptedBody = "{\"status\":\"accepted\"}"u8.ToArray();

    private readonly ConcurrentQueue<long> _serverTimes = new();
    private readonly CollectorBackend _backend = storage ?? CollectorBackend.Sqlite;
    private readonly List<WebApplication> _apps = [];
    private Uri[] _targets = [];
    private HttpClient[] _clients = [];

    public override string Name => string.Create(CultureInfo.InvariantCulture,
        $"{_backend.Label}, {Throughput.Describe(newConnections ? Mode.NewConnection : Mode.KeepAlive)}, {Senders} sender(s)");

    public CollectorBackend Backend => _backend;

    public override async Task StartAsync()
    {
        X509Certificate2 authority = TestCertificates.CreateAuthority("PiiGuard collector benchmark CA");
        X509Certificate2 server = TestCertificates.CreateServerCertificate(authority, ["localhost"], [IPAddress.Loopback]);
        for (int instance = 0; instance < _backend.Instances; instance++)
        {
            WebApplication app = Create(server);
            _apps.Add(app);
            await app.StartAsync();
        }

        _targets = [.. _apps.Select(app => new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/"), "v1/submissions"))];
        _clients = [.. Enumerable.Range(0, Senders).Select(_ => Client(TestCertificates.PublicOnly(authority)))];
    }

    private WebApplication Create(X509Certificate2 server)
    {
        // SQLite: the database collector.db in the configuration's folder (one instance: SQLite is one file of one
        // process). PostgreSQL: nothing is written to the folder (the certificate and admin token are given).
        List<string> args =
        [
            "--urls=https://127.0.0.1:0",
            $"--Collector:DataDirectory={Folder}",
            "--Collector:AdminToken=benchmark-admin-token-0123456789abcdefghijklmnopqrstuvwxyz",
        ];
        if (_backend.PostgreSql is { } connectionString)
        {
            args.Add("--Collector:Storage=PostgreSql");
            args.Add("--ConnectionStrings:Collector=" + connectionString);
        }

        return CollectorApp.Create(
            [.. args],
            server,
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Submissions.Now));

                // No console logger: at the collector's levels it writes only start-up and shutdown lines, but a
                // console logger in the process is not what is measured.
                builder.Logging.ClearProviders();

                // The server's side of each submission, recorded outside the collector's code: from Kestrel handing over
                // the request (headers parsed) to the endpoint's answer written, reading the body included.
                builder.Services.AddSingleton<IStartupFilter>(new ServerTiming(_serverTimes));
            });
    }

    public override async Task<double> RunRoundAsync(int count, bool measured)
    {
        (byte[][] bodies, string[] keys) = Build(count);
        var latencies = new long[count];
        int next = -1;
        int failures = 0;
        _serverTimes.Clear();
        TimeSpan cpuBefore = ProcessCpu();
        long start = Stopwatch.GetTimestamp();
        await Task.WhenAll(_clients.Select(client => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                long sent = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, _targets[i % _targets.Length]);
                var content = new ReadOnlyMemoryContent(bodies[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Content = content;
                request.Headers.TryAddWithoutValidation("Idempotency-Key", keys[i]);
                if (newConnections)
                {
                    // As a real client does once a week: a new TCP connection and a full TLS handshake.
                    request.Headers.ConnectionClose = true;
                }

                string? failure = null;
                try
                {
                    using HttpResponseMessage response = await client.SendAsync(request);
                    byte[] answer = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.Created || !answer.AsSpan().SequenceEqual(AcceptedBody))
                    {
                        failure = $"{(int)response.StatusCode} {Encoding.UTF8.GetString(answer)}";
                    }
                }
                catch (HttpRequestException e)
                {
                    failure = e.GetType().Name + ": " + e.Message;
                }

                latencies[i] = Stopwatch.GetTimestamp() - sent;
                if (failure is not null && Interlocked.Increment(ref failures) <= 5)
                {
                    Console.WriteLine("  failure: " + failure);
                }
            }
        })));
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        return Record(count, failures, latencies, _serverTimes.ToArray(), elapsed, ProcessCpu() - cpuBefore, measured);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (HttpClient client in _clients)
        {
            client.Dispose();
        }

        foreach (WebApplication app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <inheritdoc/>
    protected override (long Rows, long Installations) CountStored()
    {
        if (_backend.PostgreSql is not { } connectionString)
        {
            return base.CountStored();
        }

        // Not pooled: the connection closes with this call, so that the database's statistics can be read after it.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT installation_id) FROM submissions;", connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static HttpClient Client(X509Certificate2 authority)
    {
        // As the runtime's transport: certificate validation on, against the collector's own authority.
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.Add(authority);
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "PiiGuard-collector-benchmark");
        return client;
    }

    /// <summary>Times each request from the first middleware to the endpoint's answer.</summary>
    private sealed class ServerTiming(ConcurrentQueue<long> times) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                long start = Stopwatch.GetTimestamp();
                await nextMiddleware(context);
                times.Enqueue(Stopwatch.GetTimestamp() - start);
            });
            next(app);
        };
    }
}

/// <summary>
/// Where a configuration's collectors keep their data: <see cref="Sqlite"/> (the configuration's own file, one
/// instance), or the PostgreSQL database of <see cref="PostgreSql"/> shared by <see cref="Instances"/> collectors.
/// </summary>
internal sealed record CollectorBackend(string Label, string? PostgreSql, int Instances)
{
    public static readonly CollectorBackend Sqlite = new("SQLite", null, 1);
}
