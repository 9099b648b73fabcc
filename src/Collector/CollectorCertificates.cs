using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PiiGuard.Collector;

/// <summary>
/// The collector's TLS certificate when none is configured: on first start a private certificate authority and a
/// server certificate for 127.0.0.1 and localhost, kept in the data folder. Clients trust the authority's
/// <c>collector-ca.pem</c> (for example through PiiGuard.Telemetry's TrustedRootCertificates), so certificate validation
/// stays on. For trying a collector out and for tests; a public collector uses a certificate of a public authority.
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
            X509Certificate2 existing = new X509Certificate2(serverPath);
            if (existing.NotAfter > DateTime.UtcNow.AddDays(7))
            {
                return (existing, authorityPath);
            }
        }

        OwnerOnly.CreateFolder(dataDirectory);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=PiiGuard collector CA", authorityKey, HashAlgorithmName.SHA256);
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
        return (new X509Certificate2(pfx), authorityPath);
    }
}
