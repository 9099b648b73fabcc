using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

public sealed class TelemetryTransportTlsTests
{
    [Fact]
    public async Task A_certificate_no_trusted_root_vouches_for_fails_so_validation_is_on()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        var logger = new CapturingLogger();
        using Uploader transport = TestTransports.Create(server, logger, trustServer: false);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
        Assert.Empty(server.Requests);
        LogEntry failure = Assert.Single(logger.Entries);
        Assert.Equal(105, failure.EventId.Id);
        Assert.Contains("SecureConnectionError", failure.Message);
    }

    [Fact]
    public async Task A_certificate_from_another_authority_fails_when_the_roots_are_pinned()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        using X509Certificate2 otherAuthority = TestCertificates.CreateAuthority("Some Other CA");
        using Uploader transport = TestTransports.Create(server, trustedRoots: [TestCertificates.PublicOnly(otherAuthority)]);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_certificate_for_another_host_name_fails_even_with_its_authority_trusted()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync(new HttpsTestServerOptions
        {
            CertificateDnsNames = ["example.org"],
            CertificateIpAddresses = [],
        });
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_pinned_authority_is_trusted_by_host_name_too()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        var byName = new UriBuilder(server.BaseUri) { Host = "localhost" }.Uri;
        using Uploader transport = TestTransports.Create(server, baseUri: byName);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 200, null), result);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task One_of_several_pinned_roots_is_enough()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        using X509Certificate2 otherAuthority = TestCertificates.CreateAuthority("Some Other CA");
        using Uploader transport = TestTransports.Create(server, trustedRoots: [TestCertificates.PublicOnly(otherAuthority), server.Authority]);

        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 200, null), result);
    }

    [Fact]
    public async Task Plain_http_to_loopback_works_only_when_insecure_loopback_is_allowed()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartHttpAsync();
        Assert.Equal(Uri.UriSchemeHttp, server.BaseUri.Scheme);

        Assert.Throws<ArgumentException>(() => TestTransports.Create(server, allowInsecureLoopback: false));
        using Uploader transport = TestTransports.Create(server, allowInsecureLoopback: true);
        TransportResult result = await transport.SubmitAsync(TestTransports.Body, TestTransports.NewKey(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 200, null), result);
        Assert.Equal(TestTransports.Body, Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task The_test_server_certificate_names_loopback_and_localhost()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();

        Assert.Equal(IPAddress.Loopback.ToString(), server.BaseUri.Host);
        Assert.NotEqual(0, server.BaseUri.Port);
        Assert.False(server.Authority.HasPrivateKey);
    }
}
