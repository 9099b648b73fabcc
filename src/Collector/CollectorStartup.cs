using Microsoft.Extensions.Hosting;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Collector;

/// <summary>
/// Makes what the collector needs when the app starts rather than at the first request: the store (its schema created
/// or migrated) and the admin credential (the generated token written), so that a problem with either stops the start.
/// </summary>
internal sealed class CollectorStartup(CollectorStore store, AdminCredential credential) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(store);
        GC.KeepAlive(credential);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
