using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PiiGuard.Telemetry.Hosting;

/// <summary>
/// Runs <see cref="UsageStatistics.SubmitAsync"/> at start-up, every <see cref="PiiGuardTelemetryOptions.SchedulerInterval"/>
/// and whenever an opt-out queues a deletion request; flushes on shutdown. Nothing it does can stop the host: a
/// failure is logged (its type only) and the next run tries again.
/// </summary>
internal sealed class UsageStatisticsScheduler : BackgroundService
{
    private readonly UsageStatistics _statistics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public UsageStatisticsScheduler(UsageStatistics statistics, TimeProvider time, ILogger? logger)
    {
        _statistics = statistics;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _statistics.Flush();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Task woken = _statistics.WhenWoken;
            try
            {
                await _statistics.SubmitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                TelemetryLog.ScheduledWorkFailed(_logger, e.GetType().Name);
            }

            try
            {
                await Task.WhenAny(Task.Delay(_statistics.SchedulerInterval, _time, stoppingToken), woken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
