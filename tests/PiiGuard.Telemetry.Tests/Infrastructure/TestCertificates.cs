using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PiiGuard.Telemetry.Tests;

/// <summary>
/// Certificates made in process for the HTTPS test server: a certificate authority, and server certificates it
/// signs. ECDSA P-256 keys, valid from a day ago for a week.
/// </summary>
public static class TestCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    /// <summary>A self-signed certificate authority, with its private key, that <see cref="CreateServerCertificate"/> signs with.</summary>
    /// <param name="commonName">The authority's common name.</param>
    public static X509Certificate2 CreateAuthority(string commonName = "PiiGuard Test Root CA")
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
    }

    /// <summary>
    /// A server certificate for <paramref name="dnsNames"/> and <paramref name="ipAddresses"/> signed by
    /// <paramref name="authority"/>, with an exportable private key, as Kestrel needs it on Linux.
    /// </summary>
    /// <param name="authority">The signing authority, with its private key.</param>
    /// <param name="dnsNames">The DNS names the certificate is for.</param>
    /// <param name="ipAddresses">The IP addresses the certificate is for.</param>
    public static X509Certificate2 CreateServerCertificate(X509Certificate2 authority, IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses)
    {
        ArgumentNullException.ThrowIfNull(authority);
        string[] dns = dnsNames.ToArray();
        IPAddress[] ips = ipAddresses.ToArray();
        if (dns.Length == 0 && ips.Length == 0)
        {
            throw new ArgumentException("A server certificate needs a DNS name or an IP address.");
        }

        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string commonName = dns.Length > 0 ? dns[0] : ips[0].ToString();
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { ServerAuthentication }, critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var names = new SubjectAlternativeNameBuilder();
        foreach (string name in dns)
        {
            names.AddDnsName(name);
        }

        foreach (IPAddress address in ips)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build(critical: false));

        byte[] serialNumber = RandomNumberGenerator.GetBytes(16);
        serialNumber[0] &= 0x7F;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 issued = request.Create(authority, now.AddHours(-1), now.AddDays(6), serialNumber);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip turns the ephemeral key into one the TLS stack can use for the server side.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), password: null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>The certificate alone, without its private key: what a client trusts.</summary>
    /// <param name="certificate">A certificate, with or without its key.</param>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }
}
