using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// Runs the personal data maintenance of <typeparamref name="TContext"/> when the host starts and then every
/// <see cref="PersonalDataMaintenanceOptions.Interval"/> on the injected <see cref="TimeProvider"/>, each run with a
/// context from a scope of its own. It logs counts and the data map's type names, never a key or a value; a failed run
/// is logged (with its exception's type only: a database's message can hold values) and the next one comes at the
/// next interval: a failure never stops the host.
/// </summary>
internal sealed class PersonalDataMaintenanceService<TContext>(
    IServiceScopeFactory scopes,
    TimeProvider time,
    PersonalDataMaintenanceOptions options,
    ILogger<PersonalDataMaintenanceService<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly string ContextName = typeof(TContext).FullName ?? typeof(TContext).Name;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: a .NET 8 host waits for ExecuteAsync up to its first await.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        PersonalDataMaintenanceReport report;
        try
        {
            AsyncServiceScope scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                TContext context = scope.ServiceProvider.GetRequiredService<TContext>();
                report = await context.RunPersonalDataMaintenanceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(
                MaintenanceEvents.RunFailed,
                "Personal data maintenance of {Context} failed ({ExceptionType}); it runs again in {Interval}.",
                ContextName,
                exception.GetType().FullName,
                options.Interval);
            return;
        }

        foreach (PersonalDataMaintenanceFailure failure in report.Failures)
        {
            logger.LogWarning(
                MaintenanceEvents.PartFailed,
                "Personal data maintenance of {Context}: {Step} in {Entity} failed ({ExceptionType}); it is tried again at the next run.",
                ContextName,
                failure.Step,
                failure.EntityName,
                failure.Exception.GetType().FullName);
        }

        if (report.SubjectsErased == 0 && report.RowsErased.Count == 0 && report.RowsExpired.Count == 0)
        {
            logger.LogDebug(MaintenanceEvents.NothingDue, "Personal data maintenance of {Context}: nothing was due.", ContextName);
        }
        else
        {
            logger.LogInformation(
                MaintenanceEvents.Ran,
                "Personal data maintenance of {Context}: {Subjects} subjects erased; rows erased: {Erased}; rows past their retention deleted: {Expired}.",
                ContextName,
                report.SubjectsErased,
                Describe(report.RowsErased),
                Describe(report.RowsExpired));
        }

        if (report.MoreDue)
        {
            logger.LogInformation(
                MaintenanceEvents.MoreDue,
                "Personal data maintenance of {Context}: more was due than one run takes; the rest follows at the next run.",
                ContextName);
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
}

/// <summary>The event ids of the maintenance service's log messages; each run ends with exactly one of the first three.</summary>
internal static class MaintenanceEvents
{
    /// <summary>A run failed as a whole.</summary>
    public static readonly EventId RunFailed = new(1, "PersonalDataMaintenanceFailed");

    /// <summary>A run found nothing due.</summary>
    public static readonly EventId NothingDue = new(2, "PersonalDataMaintenanceNothingDue");

    /// <summary>A run erased or deleted rows.</summary>
    public static readonly EventId Ran = new(3, "PersonalDataMaintenanceRan");

    /// <summary>A part of a run failed (a subject's erasure, an entity's retention); the rest ran.</summary>
    public static readonly EventId PartFailed = new(4, "PersonalDataMaintenancePartFailed");

    /// <summary>A run stopped at its bound with more due.</summary>
    public static readonly EventId MoreDue = new(5, "PersonalDataMaintenanceMoreDue");
}
