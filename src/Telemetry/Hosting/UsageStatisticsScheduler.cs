using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PiiGuard.Telemetry.Hosting;

/// <summary>
/// Runs <see cref="UsageStatistics.SubmitAsync"/> <see cref="PiiGuardTelemetryOptions.SchedulerStartDelay"/> after the
/// host starts, then every <see cref="PiiGuardTelemetryOptions.SchedulerInterval"/>, and whenever an opt-out (or a new
/// id with remote deletion) queues a deletion request; flushes on shutdown. Nothing it does can stop the host: a
/// failure is logged (its type only) and the next run tries again.
/// </summary>
/// <remarks>
/// Every wait is armed before the scheduler says it is waiting: the first in <see cref="StartAsync"/>, before the
/// host's start returns (on .NET 10 <see cref="ExecuteAsync"/> begins later, on the thread pool), the next ones before
/// <see cref="NextRunCompleted"/> completes. So a clock moved after either is seen, and so is a wake after either.
/// </remarks>
internal sealed class UsageStatisticsScheduler : BackgroundService
{
    private readonly UsageStatistics _statistics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Task _firstRunDue = Task.CompletedTask;
    private TaskCompletionSource<SubmissionResult?> _runCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UsageStatisticsScheduler(UsageStatistics statistics, TimeProvider time, ILogger? logger)
    {
        _statistics = statistics;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Completes when the next run is over and the wait after it armed, with what the run did (null when it failed);
    /// cancelled when the scheduler stops first. For tests, which move a fake clock and need to know when the work it
    /// triggered is done.
    /// </summary>
    internal Task<SubmissionResult?> NextRunCompleted => Volatile.Read(ref _runCompleted).Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Not cancelled at stop: ExecuteAsync stops waiting for it, and its timer lapses by itself.
        _firstRunDue = Task.WhenAny(Task.Delay(_statistics.SchedulerStartDelay, _time, CancellationToken.None), _statistics.WhenWoken);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Not cancellable: what is in memory is written even when the host hurries (before opt-in there is nothing).
        await _statistics.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task stopping = Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
        Task due = _firstRunDue;
        try
        {
            while (true)
            {
                await Task.WhenAny(due, stopping).ConfigureAwait(false);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                // Taken before the run: a wake during the run makes the next one start at once.
                Task woken = _statistics.WhenWoken;
                SubmissionResult? result = null;
                try
                {
                    result = await _statistics.SubmitAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    TelemetryLog.ScheduledWorkFailed(_logger, e.GetType().Name);
                }

                due = Task.WhenAny(Task.Delay(_statistics.SchedulerInterval, _time, stoppingToken), woken);
                Interlocked.Exchange(ref _runCompleted, new TaskCompletionSource<SubmissionResult?>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(result);
            }
        }
        finally
        {
            Volatile.Read(ref _runCompleted).TrySetCanceled(CancellationToken.None);
        }
    }
}
