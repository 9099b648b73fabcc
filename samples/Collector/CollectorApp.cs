using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PiiGuard.Collector;

/// <summary>Builds the collector: configuration, Kestrel over HTTPS only, logging without client addresses, the endpoints and the retention job.</summary>
public static class CollectorApp
{
    /// <summary>Where the collector listens when nothing else is configured.</summary>
    public const string DefaultUrl = "https://127.0.0.1:5443";

    /// <summary>Builds the collector.</summary>
    /// <param name="args">Command-line arguments (<c>--Collector:DataDirectory=…</c>, <c>--urls=…</c>).</param>
    /// <param name="certificate">The server certificate; by default one made on first start (see <see cref="CollectorCertificates"/>).</param>
    /// <param name="configure">Changes to the builder before it builds, for tests.</param>
    /// <returns>The app, not started.</returns>
    public static WebApplication Create(string[] args, X509Certificate2? certificate = null, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        CollectorOptions options = builder.Configuration.GetSection("Collector").Get<CollectorOptions>() ?? new CollectorOptions();
        options.Validate();

        // No client address anywhere: ASP.NET Core's own request and connection logs (which can hold addresses, paths
        // with installation ids, and TLS details) stay at warnings; nothing here ever reads RemoteIpAddress; there is no
        // access log, no forwarded-headers middleware and no IP column.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Its per-request log scope carries the request path, which holds an installation id for deletions.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Information);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Https:Url"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1L;
            if (certificate is not null || string.IsNullOrEmpty(builder.Configuration["Kestrel:Certificates:Default:Path"]))
            {
                X509Certificate2 serverCertificate = certificate ?? CollectorCertificates.LoadOrCreate(options.DataDirectory).Server;
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = serverCertificate);
            }
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new AdminCredential(options.AdminToken ?? AdminTokens.LoadOrCreate(options.DataDirectory)));
        builder.Services.AddSingleton(_ => new CollectorStore(options.ResolvedDatabasePath));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RetentionService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RetentionService>());
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            // HTTPS only: a plain-HTTP request (a misconfigured listener) is refused, never served.
            if (!context.Request.IsHttps)
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }

            await next(context);
        });
        app.MapSubmissionEndpoints();
        app.MapAdminEndpoints();
        return app;
    }
}

/// <summary>The collector's admin token when none is configured: made once, kept owner-only in the data folder.</summary>
public static class AdminTokens
{
    /// <summary>The file in the data folder that holds the generated token.</summary>
    public const string FileName = "admin-token";

    /// <summary>Reads the token from <paramref name="dataDirectory"/>, making it on first start.</summary>
    /// <param name="dataDirectory">The collector's data folder.</param>
    /// <returns>The token.</returns>
    public static string LoadOrCreate(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            OwnerOnly.Restrict(path);
            return File.ReadAllText(path).Trim();
        }

        OwnerOnly.CreateFolder(dataDirectory);
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        OwnerOnly.WriteFile(path, System.Text.Encoding.UTF8.GetBytes(token + "\n"));
        return token;
    }
}

/// <summary>
/// The collector's TLS certificate when none is configured: on first start a private certificate authority and a
/// server certificate for 127.0.0.1 and localhost, kept in the data folder. Clients trust the authority's
/// <c>collector-ca.pem</c> (the sample app's <c>--trust-root-cert</c>), so certificate validation stays on.
/// </summary>
public static class CollectorCertificates
{
    /// <summary>The authority's public certificate, for clients.</summary>
    public const string AuthorityFileName = "collector-ca.pem";

    private const string ServerFileName = "collector-server.pfx";

    /// <summary>Loads the certificates from <paramref name="dataDirectory"/>, making them on first start or when the server's has expired.</summary>
    /// <param name="dataDirectory">The collector's data folder.</param>
    /// <returns>The server certificate (with its key) and the path of the authority's PEM file.</returns>
    public static (X509Certificate2 Server, string AuthorityPath) LoadOrCreate(string dataDirectory)
    {
        string authorityPath = Path.GetFullPath(Path.Combine(dataDirectory, AuthorityFileName));
        string serverPath = Path.Combine(dataDirectory, ServerFileName);
        if (File.Exists(serverPath) && File.Exists(authorityPath))
        {
            OwnerOnly.Restrict(serverPath);
            OwnerOnly.Restrict(authorityPath);
            X509Certificate2 existing = X509CertificateLoader.LoadPkcs12FromFile(serverPath, password: null);
            if (existing.NotAfter > DateTime.UtcNow.AddDays(7))
            {
                return (existing, authorityPath);
            }
        }

        OwnerOnly.CreateFolder(dataDirectory);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=PiiGuard sample collector CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        using X509Certificate2 signed = serverRequest.Create(authority, now.AddMinutes(-5), now.AddYears(1), serial);
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(serverKey);
        byte[] pfx = withKey.Export(X509ContentType.Pfx);

        // The authority's certificate is public, but like everything in the data folder it is owner-only: copy it to
        // clients that run as another user.
        OwnerOnly.WriteFile(authorityPath, System.Text.Encoding.UTF8.GetBytes(authority.ExportCertificatePem() + "\n"));
        OwnerOnly.WriteFile(serverPath, pfx);
        return (X509CertificateLoader.LoadPkcs12(pfx, password: null), authorityPath);
    }
}
