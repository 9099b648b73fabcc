using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PiiGuard.Telemetry.Tests;

/// <summary>One request an <see cref="HttpsTestServer"/> received, recorded before its handler ran.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path (path base and path), without the query.</param>
/// <param name="QueryString">The query string, with its <c>?</c>, or empty.</param>
/// <param name="Headers">Every request header, names compared case-insensitively, values joined with a comma.</param>
/// <param name="Body">The whole request body.</param>
public sealed record ReceivedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The value of the header <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The header's name.</param>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>How <see cref="HttpsTestServer.StartAsync(HttpsTestServerOptions)"/> sets the server up.</summary>
public sealed record HttpsTestServerOptions
{
    /// <summary>HTTPS with a certificate made in process (the default), or plain HTTP.</summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>The DNS names the server certificate is for.</summary>
    public IReadOnlyList<string> CertificateDnsNames { get; init; } = ["localhost"];

    /// <summary>The IP addresses the server certificate is for.</summary>
    public IReadOnlyList<IPAddress> CertificateIpAddresses { get; init; } = [IPAddress.Loopback];
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 at a port the system picks, over HTTPS with a certificate authority and a
/// server certificate made in process (or over plain HTTP), for tests that talk to a collector over the network.
/// It records every request (method, path, headers, body) and then runs <see cref="Handler"/>, which a test sets;
/// by default it answers 200 with no body. Nothing is logged. Dispose it to stop it.
/// </summary>
public sealed class HttpsTestServer : IAsyncDisposable
{
    /// <summary>The largest request body the server reads; a larger one fails the request.</summary>
    public const int MaxRecordedBodyBytes = 1024 * 1024;

    private static readonly Func<HttpContext, Task> Ok = context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    };

    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly X509Certificate2? _authority;
    private readonly X509Certificate2? _authorityWithKey;
    private readonly X509Certificate2? _serverCertificate;
    private WebApplication? _app;
    private volatile Func<HttpContext, Task> _handler = Ok;
    private int _disposed;

    private HttpsTestServer(X509Certificate2? authorityWithKey, X509Certificate2? serverCertificate)
    {
        _authorityWithKey = authorityWithKey;
        _authority = authorityWithKey is null ? null : TestCertificates.PublicOnly(authorityWithKey);
        _serverCertificate = serverCertificate;
    }

    /// <summary>The server's base URI, such as <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The certificate authority that signed the server's certificate, without its private key.</summary>
    /// <exception cref="InvalidOperationException">The server speaks plain HTTP.</exception>
    public X509Certificate2 Authority =>
        _authority ?? throw new InvalidOperationException("A plain-HTTP test server has no certificate authority.");

    /// <summary>A new collection holding only <see cref="Authority"/>: the trusted roots a client needs.</summary>
    public X509Certificate2Collection TrustedRoots => [Authority];

    /// <summary>
    /// What the server does with each request after recording it. <see cref="HttpContext.RequestAborted"/> also
    /// fires when the server stops, so a handler that waits on it never outlives the server.
    /// </summary>
    public Func<HttpContext, Task> Handler
    {
        get => _handler;
        set => _handler = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The requests received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>Starts an HTTPS server whose certificate is for <c>127.0.0.1</c> and <c>localhost</c>.</summary>
    public static Task<HttpsTestServer> StartAsync() => StartAsync(new HttpsTestServerOptions());

    /// <summary>Starts a plain-HTTP server on 127.0.0.1.</summary>
    public static Task<HttpsTestServer> StartHttpAsync() => StartAsync(new HttpsTestServerOptions { UseHttps = false });

    /// <summary>Starts a server as <paramref name="options"/> says.</summary>
    /// <param name="options">HTTP or HTTPS, and the names the certificate is for.</param>
    public static async Task<HttpsTestServer> StartAsync(HttpsTestServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        X509Certificate2? authority = null;
        X509Certificate2? serverCertificate = null;
        if (options.UseHttps)
        {
            authority = TestCertificates.CreateAuthority();
            serverCertificate = TestCertificates.CreateServerCertificate(authority, options.CertificateDnsNames, options.CertificateIpAddresses);
        }

        var server = new HttpsTestServer(authority, serverCertificate);
        try
        {
            await server.StartCoreAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server: handlers still waiting on <see cref="HttpContext.RequestAborted"/> end, connections close.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _serverCertificate?.Dispose();
        _authority?.Dispose();
        _authorityWithKey?.Dispose();
    }

    private async Task StartCoreAsync()
    {
        // The empty builder: no configuration sources, no logging providers, no hosting messages on the console.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HttpsTestServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (_serverCertificate is not null)
                {
                    listen.UseHttps(_serverCertificate);
                }
            });
        });

        WebApplication app = builder.Build();
        app.Run(HandleAsync);
        _app = app;
        await app.StartAsync(_stopping.Token).ConfigureAwait(false);

        // Kestrel reports the address with the port it bound.
        string address = app.Urls.Single();
        BaseUri = new Uri(address.EndsWith('/') ? address : address + "/", UriKind.Absolute);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        context.RequestAborted = aborted.Token;

        byte[] body = await ReadBodyAsync(context.Request.Body, aborted.Token).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(
            header => header.Key,
            header => header.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.PathBase.Add(context.Request.Path).ToString(),
            context.Request.QueryString.ToString(),
            headers,
            body));

        try
        {
            await _handler(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away or the server is stopping: nobody is waiting for an answer.
            context.Abort();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRecordedBodyBytes)
            {
                throw new InvalidOperationException("The request body is larger than the test server records.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
