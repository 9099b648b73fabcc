using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Collector;

/// <summary>
/// Deletes submissions of weeks older than <see cref="TelemetryCollectorOptions.Retention"/> and run-out rate limits:
/// at start-up and every <see cref="TelemetryCollectorOptions.RetentionInterval"/>. Several instances on one database
/// may all run it: each deletion is idempotent.
/// </summary>
internal sealed class CollectorRetentionService(CollectorStore store, TelemetryCollectorOptions options, TimeProvider time, ILogger<CollectorRetentionService> logger) : BackgroundService
{
    /// <summary>Runs the purge once.</summary>
    /// <returns>How many submissions were deleted.</returns>
    public int PurgeNow() => PurgeAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs the purge once.</summary>
    /// <returns>How many submissions were deleted.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateOnly cutoff = DateOnly.FromDateTime(TelemetryPeriods.StartOf(now - options.Retention, Period.Week).UtcDateTime);
        int deleted = await store.PurgeAsync(cutoff, now, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Retention: deleted {Count} submissions of weeks before {Cutoff}.", deleted, cutoff.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        return deleted;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError("Retention: the purge failed ({ExceptionType}); it runs again at the next interval.", e.GetType().Name);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(options.RetentionInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
