namespace PiiGuard.Collector;

/// <summary>
/// Deletes submissions older than <see cref="CollectorOptions.Retention"/> (2 years by default) and run-out rate
/// limits: at start-up and every <see cref="CollectorOptions.RetentionInterval"/>.
/// </summary>
public sealed class RetentionService(CollectorStore store, CollectorOptions options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Runs the purge once.</summary>
    /// <returns>How many submissions were deleted.</returns>
    public int PurgeNow()
    {
        DateTimeOffset now = time.GetUtcNow();
        DateOnly cutoff = DateOnly.FromDateTime(TelemetryPeriods.StartOf(now - options.Retention, Period.Week).UtcDateTime);
        int deleted = store.Purge(cutoff, now);
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
                PurgeNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError("Retention: the purge failed ({ExceptionType}); it runs again at the next interval.", e.GetType().Name);
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
