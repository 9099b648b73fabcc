using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PiiGuard.Collector;
using PiiGuard.Collector.Storage;
using PiiGuard.Telemetry.Tests;
using Printernizer;
using PrinternizerCollector;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// The collector library with Printernizer's rules on Kestrel, HTTPS on 127.0.0.1 at a port the system picks,
/// with a certificate authority made in process, a fake clock, a temporary data folder and every log message captured.
/// </summary>
public sealed class CollectorHost : IAsyncDisposable
{
    /// <summary>The admin token the tests use.</summary>
    public const string AdminToken = "test-admin-token-0123456789abcdefghijklmnopqrstuvwxyz";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _authority;
    private readonly bool _ownsDatabase;
    private int _dropResponses;
    private bool _started;

    private CollectorHost(WebApplication app, X509Certificate2 authority, string dataDirectory, FakeTimeProvider time, CapturingLogger logs, TestStorage storage, TestDatabase? database, bool ownsDatabase)
    {
        _app = app;
        _authority = authority;
        DataDirectory = dataDirectory;
        Time = time;
        Logs = logs;
        Storage = storage;
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>Gets the collector's base address, such as <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Gets the roots a client trusts: the in-process certificate authority.</summary>
    public X509Certificate2Collection TrustedRoots => [_authority];

    /// <summary>Gets the collector's data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Gets the collector's clock (share it with clients).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>Gets everything the collector logged, at every level.</summary>
    public CapturingLogger Logs { get; }

    /// <summary>Gets where the collector keeps its data.</summary>
    public TestStorage Storage { get; }

    /// <summary>Gets the PostgreSQL database, with <see cref="TestStorage.PostgreSql"/>.</summary>
    public TestDatabase? Database { get; }

    /// <summary>Gets the SQLite database file, with <see cref="TestStorage.Sqlite"/>.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "collector.db");

    /// <summary>Gets the collector's store.</summary>
    internal CollectorStore Store => _app.Services.GetRequiredService<CollectorStore>();

    /// <summary>Gets the retention job.</summary>
    internal CollectorRetentionService Retention => _app.Services.GetRequiredService<CollectorRetentionService>();

    /// <summary>The number of stored submissions.</summary>
    public Task<long> CountSubmissionsAsync() => Store.CountSubmissionsAsync();

    /// <summary>Deletes an installation's rows directly in the store.</summary>
    public Task<int> DeleteInstallationAsync(Guid id) => Store.DeleteInstallationAsync(id);

    /// <summary>Runs the retention purge once.</summary>
    public int PurgeNow() => Retention.PurgeNow();

    /// <summary>Stops the retention job, so that only <see cref="PurgeNow"/> purges.</summary>
    public Task StopRetentionAsync() => Retention.StopAsync(CancellationToken.None);

    /// <summary>
    /// Makes the next <paramref name="count"/> responses to submissions get lost: the collector handles the request
    /// in full (and stores what it accepts), then the connection drops before the client reads the answer.
    /// </summary>
    public void DropNextResponses(int count) => Interlocked.Exchange(ref _dropResponses, count);

    /// <summary>
    /// Starts a collector of Printernizer's reports on the library (<c>AddTelemetryCollector</c>, <c>MapTelemetryCollector</c>)
    /// with <paramref name="storage"/>: on PostgreSQL in <paramref name="database"/>, or a fresh database of its own;
    /// <paramref name="time"/> is shared with the clients of the test (and other hosts).
    /// </summary>
    public static async Task<CollectorHost> StartAsync(TestStorage storage, FakeTimeProvider? time = null, TestDatabase? database = null, params string[] settings)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2024, 11, 14, 10, 17, 0, TimeSpan.Zero));
        X509Certificate2 authority = TestCertificates.CreateAuthority("PiiGuard collector test CA");
        X509Certificate2 server = TestCertificates.CreateServerCertificate(authority, ["localhost"], [System.Net.IPAddress.Loopback]);
        string data = Path.Combine(Path.GetTempPath(), "piiguard-collector-tests", Guid.NewGuid().ToString("N"));
        bool ownsDatabase = storage == TestStorage.PostgreSql && database is null;
        if (ownsDatabase)
        {
            database = await PostgresServer.CreateDatabaseAsync();
        }

        string[] storageSettings = storage == TestStorage.PostgreSql
            ? ["--Collector:Storage=PostgreSql", $"--ConnectionStrings:Collector={database!.ConnectionString}"]
            : [];
        var logs = new CapturingLogger();
        CollectorHost? host = null;
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args =
            [
                "--urls=https://127.0.0.1:0",
                $"--Collector:DataDirectory={data}",
                $"--Collector:AdminToken={AdminToken}",
                .. storageSettings,
                .. settings,
            ],
        });
        builder.Services.AddTelemetryCollector<UsageReport>(PrinternizerRules.Apply);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = server));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new CapturingProvider(logs));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new DropFilter(() => host!));
        WebApplication app = builder.Build();
        app.MapTelemetryCollector<UsageReport>();
        host = new CollectorHost(app, TestCertificates.PublicOnly(authority), data, time, logs, storage, database, ownsDatabase);
        try
        {
            await app.StartAsync();
            host._started = true;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>An HTTP client that trusts the collector, with the admin token when <paramref name="admin"/> says so.</summary>
    public HttpClient Client(bool admin = false)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.Add(_authority);
        var client = new HttpClient(handler) { BaseAddress = BaseUri };
        if (admin)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database!.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class DropFilter(Func<CollectorHost> host) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                CollectorHost current = host();
                int remaining = Volatile.Read(ref current._dropResponses);
                bool drop = context.Request.Path == "/v1/submissions" && remaining > 0 &&
                    Interlocked.CompareExchange(ref current._dropResponses, remaining - 1, remaining) == remaining;
                if (!drop)
                {
                    await nextMiddleware(context);
                    return;
                }

                // Let the collector do all its work, keep its answer from the client, and drop the connection.
                Stream original = context.Response.Body;
                context.Response.Body = new MemoryStream();
                await nextMiddleware(context);
                context.Response.Body = original;
                context.Abort();
            });
            next(app);
        };
    }

    private sealed class CapturingProvider(CapturingLogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Categorized(logger, categoryName);

        public void Dispose()
        {
        }

        private sealed class Categorized(CapturingLogger inner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => inner.BeginScope(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                inner.Log(logLevel, eventId, state, exception, (s, e) => category + ": " + formatter(s, e));
        }
    }
}
