using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

public sealed class TelemetryTransportDeleteTests
{
    [Fact]
    public async Task A_204_is_accepted_and_the_request_is_a_delete_of_the_installation()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status204NoContent);
        using Uploader transport = TestTransports.Create(server, baseUri: new Uri(server.BaseUri, "collector/"));
        var id = Guid.NewGuid();

        TransportResult result = await transport.DeleteInstallationAsync(id, CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 204, null), result);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("/collector/v1/installations/" + id.ToString("D"), request.Path);
        Assert.Equal(TestTransports.UserAgent, request.Header("User-Agent"));
        Assert.Null(request.Header("Idempotency-Key"));
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task A_404_is_accepted_because_there_is_nothing_to_delete()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status404NotFound);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.DeleteInstallationAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Accepted, 404, null), result);
    }

    [Fact]
    public async Task A_409_is_rejected_for_a_deletion()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status409Conflict);
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.DeleteInstallationAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Rejected, 409, null), result);
    }

    [Fact]
    public async Task A_503_with_retry_after_retries_later()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = TestTransports.Respond(StatusCodes.Status503ServiceUnavailable, "60");
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.DeleteInstallationAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.RetryLater, 503, TimeSpan.FromMinutes(1)), result);
    }

    [Fact]
    public async Task A_dropped_connection_fails()
    {
        await using HttpsTestServer server = await HttpsTestServer.StartAsync();
        server.Handler = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
        using Uploader transport = TestTransports.Create(server);

        TransportResult result = await transport.DeleteInstallationAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(new TransportResult(TransportOutcome.Failed, null, null), result);
    }
}
