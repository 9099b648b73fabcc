using Microsoft.Extensions.Options;
using PiiGuard.Collector;
using Printernizer;
using PrinternizerCollector;

// Printernizer's collector. With no configuration it keeps its data in ./collector-data (SQLite), listens on
// https://127.0.0.1:5443 with a certificate it makes on first start, and prints how to point the sample app at it.
// On PostgreSQL: --Collector:Storage=PostgreSql --ConnectionStrings:Collector="Host=...;Database=...;Username=..."
WebApplication app = CollectorApp.Create(args);
TelemetryCollectorOptions<UsageReport> options = app.Services.GetRequiredService<IOptions<TelemetryCollectorOptions<UsageReport>>>().Value;
app.Lifetime.ApplicationStarted.Register(() =>
{
    string storage = options.Storage == CollectorStorage.Sqlite ? "SQLite database " + options.ResolvedDatabasePath : "PostgreSQL";
    Console.WriteLine($"Printernizer collector on {string.Join(", ", app.Urls)}; {storage}.");
    string authority = Path.GetFullPath(Path.Combine(options.DataDirectory, CollectorCertificates.AuthorityFileName));
    if (File.Exists(authority))
    {
        Console.WriteLine($"Clients trust its certificate authority: {authority}");
    }

    if (options.AdminToken is null)
    {
        Console.WriteLine($"Admin token (for /v1/admin/...): {Path.GetFullPath(Path.Combine(options.DataDirectory, AdminTokens.FileName))}");
    }
});
app.Run();
