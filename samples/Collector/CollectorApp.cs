using System.Security.Cryptography.X509Certificates;
using PiiGuard.Collector;
using Printernizer;

namespace PrinternizerCollector;

/// <summary>
/// Printernizer's collector on the library PiiGuard.Collector: Kestrel over HTTPS with a certificate it makes on first
/// start (unless one is configured), the collector of <see cref="UsageReport"/> with <see cref="PrinternizerRules"/>.
/// </summary>
public static class CollectorApp
{
    /// <summary>Where the collector listens when nothing else is configured.</summary>
    public const string DefaultUrl = "https://127.0.0.1:5443";

    /// <summary>Builds the collector.</summary>
    /// <param name="args">Command-line arguments (<c>--Collector:DataDirectory=…</c>, <c>--Collector:Storage=PostgreSql</c>, <c>--urls=…</c>).</param>
    /// <param name="certificate">The server certificate; by default one made on first start (see <see cref="CollectorCertificates"/>).</param>
    /// <param name="configure">Changes to the builder before it builds, for tests.</param>
    /// <returns>The app, not started.</returns>
    public static WebApplication Create(string[] args, X509Certificate2? certificate = null, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Services.AddTelemetryCollector<UsageReport>(PrinternizerRules.Apply);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Https:Url"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (certificate is not null || string.IsNullOrEmpty(builder.Configuration["Kestrel:Certificates:Default:Path"]))
            {
                string data = builder.Configuration["Collector:DataDirectory"] ?? new TelemetryCollectorOptions().DataDirectory;
                X509Certificate2 serverCertificate = certificate ?? CollectorCertificates.LoadOrCreate(data).Server;
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = serverCertificate);
            }
        });

        configure?.Invoke(builder);
        WebApplication app = builder.Build();
        app.MapTelemetryCollector<UsageReport>();
        return app;
    }
}
