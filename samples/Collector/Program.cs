using PiiGuard.Collector;

// The reference collector. With no configuration it keeps its data in ./collector-data, listens on
// https://127.0.0.1:5443 with a certificate it makes on first start, and prints how to point the sample app at it.
WebApplication app = CollectorApp.Create(args);
CollectorOptions options = app.Services.GetRequiredService<CollectorOptions>();
app.Lifetime.ApplicationStarted.Register(() =>
{
    string authority = Path.GetFullPath(Path.Combine(options.DataDirectory, CollectorCertificates.AuthorityFileName));
    Console.WriteLine($"PiiGuard sample collector on {string.Join(", ", app.Urls)}; database {options.ResolvedDatabasePath}.");
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
