using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiiGuard.Telemetry.Hosting;

namespace PiiGuard;

/// <summary>Registers PiiGuard's usage statistics in a Microsoft.Extensions.Hosting app.</summary>
public static class PiiGuardTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="UsageStatistics"/> as a singleton and a background scheduler that flushes, sends deletion
    /// requests and submits due weeks <see cref="PiiGuardTelemetryOptions.SchedulerStartDelay"/> after the host starts,
    /// then every <see cref="PiiGuardTelemetryOptions.SchedulerInterval"/> (and at once after an opt-out), and writes
    /// what is in memory when the host stops. The app injects <see cref="UsageStatistics"/> to record and to offer the
    /// user's rights.
    /// A <see cref="TimeProvider"/> and an <see cref="ILoggerFactory"/> registered in the container are used.
    /// </summary>
    /// <typeparam name="TPayload">The weekly payload.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; <see cref="PiiGuardTelemetryOptions.DataDirectory"/> is required.</param>
    /// <param name="buildPayload">Builds a week's payload from its stored statistics.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPiiGuardTelemetry<TPayload>(
        this IServiceCollection services,
        Action<PiiGuardTelemetryOptions> configure,
        Func<StatisticsWeek, TPayload> buildPayload)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddPiiGuardTelemetry((_, options) => configure(options), buildPayload);
    }

    /// <summary>
    /// Registers <see cref="UsageStatistics"/> and its scheduler as
    /// <see cref="AddPiiGuardTelemetry{TPayload}(IServiceCollection, Action{PiiGuardTelemetryOptions}, Func{StatisticsWeek, TPayload})"/>
    /// does, with options that can take services from the container: typically
    /// <see cref="PiiGuardTelemetryOptions.HttpClientFactory"/> from Microsoft.Extensions.Http's <c>IHttpClientFactory</c>,
    /// <c>options.HttpClientFactory = () =&gt; provider.GetRequiredService&lt;IHttpClientFactory&gt;().CreateClient("PiiGuard")</c>.
    /// </summary>
    /// <typeparam name="TPayload">The weekly payload.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options, given the container; <see cref="PiiGuardTelemetryOptions.DataDirectory"/> is required.</param>
    /// <param name="buildPayload">Builds a week's payload from its stored statistics.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPiiGuardTelemetry<TPayload>(
        this IServiceCollection services,
        Action<IServiceProvider, PiiGuardTelemetryOptions> configure,
        Func<StatisticsWeek, TPayload> buildPayload)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(buildPayload);
        services.TryAddSingleton(provider =>
        {
            var options = new PiiGuardTelemetryOptions();
            configure(provider, options);
            return UsageStatistics.Open(
                options,
                buildPayload,
                provider.GetService<TimeProvider>(),
                provider.GetService<ILoggerFactory>()?.CreateLogger("PiiGuard.UsageStatistics"));
        });
        services.AddSingleton<IHostedService>(provider => new UsageStatisticsScheduler(
            provider.GetRequiredService<UsageStatistics>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>()?.CreateLogger("PiiGuard.UsageStatistics")));
        return services;
    }
}
