using System;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiiGuard;
using PiiGuard.Telemetry.Hosting;

// In the namespace of IServiceCollection rather than the folder's (PiiGuard.Telemetry.Hosting), as every
// Microsoft.Extensions registration method is: `services.AddPiiGuardTelemetry(...)` is found with no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PiiGuard's usage statistics in a Microsoft.Extensions.Hosting app.</summary>
public static class PiiGuardTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="UsageStatistics"/> as a singleton, its options as
    /// <see cref="IOptions{TOptions}">IOptions&lt;PiiGuardTelemetryOptions&gt;</see> validated when the host starts, and a
    /// background scheduler that flushes, sends deletion requests and submits due weeks
    /// <see cref="PiiGuardTelemetryOptions.SchedulerStartDelay"/> after the host starts, then every
    /// <see cref="PiiGuardTelemetryOptions.SchedulerInterval"/> (and at once after an opt-out), and writes what is in
    /// memory when the host stops. The app injects <see cref="UsageStatistics"/> to record and to offer the user's rights.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A <see cref="TimeProvider"/> registered in the container is the clock (<see cref="TimeProvider.System"/>
    /// otherwise); <see cref="UsageStatistics"/> logs to <c>ILogger&lt;UsageStatistics&gt;</c> and the scheduler to its
    /// own <see cref="ILogger{TCategoryName}"/> when logging is registered, nowhere otherwise.
    /// </para>
    /// <para>
    /// A bad option fails the host's start with an <see cref="OptionsValidationException"/> whose failures name the
    /// option (<c>ValidateOnStart</c>), with the rules of <see cref="UsageStatistics.Open{TPayload}"/>.
    /// </para>
    /// <para>
    /// Calling it again registers nothing twice: <see cref="UsageStatistics"/>, the scheduler and the validator stay
    /// single, the first call's <paramref name="buildPayload"/> is the one used, and every call's
    /// <paramref name="configure"/> is applied, in order, like any options configuration. Further configuration goes
    /// through <c>services.AddOptions&lt;PiiGuardTelemetryOptions&gt;()</c>, such as
    /// <c>.Configure&lt;IHttpClientFactory&gt;((options, clients) =&gt; options.HttpClientFactory = () =&gt; clients.CreateClient("PiiGuard"))</c>
    /// for a client from Microsoft.Extensions.Http.
    /// </para>
    /// </remarks>
    /// <typeparam name="TPayload">The weekly payload.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; <see cref="PiiGuardTelemetryOptions.DataDirectory"/> is required.</param>
    /// <param name="buildPayload">Builds a week's payload from its stored statistics.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddPiiGuardTelemetry<TPayload>(
        this IServiceCollection services,
        Action<PiiGuardTelemetryOptions> configure,
        Func<StatisticsWeek, TPayload> buildPayload)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(buildPayload);
        AddCore(services, buildPayload).Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers <see cref="UsageStatistics"/> and its scheduler as
    /// <see cref="AddPiiGuardTelemetry{TPayload}(IServiceCollection, Action{PiiGuardTelemetryOptions}, Func{StatisticsWeek, TPayload})"/>
    /// does, with options bound from <paramref name="configuration"/>, such as the section
    /// <c>builder.Configuration.GetSection("PiiGuard:Telemetry")</c>: the keys are the options' names
    /// (<c>DataDirectory</c>, <c>DatabaseFileName</c>, <c>Endpoint</c>, <c>AllowInsecureLoopbackEndpointForTesting</c>,
    /// <c>RequestTimeout</c>, <c>TimeZoneId</c>, <c>MaxPendingWeeks</c>, <c>FlushInterval</c>, <c>SchedulerInterval</c>,
    /// <c>SchedulerStartDelay</c>, <c>BusyTimeout</c>, <c>UserAgent</c>), time spans written as <c>00:15:00</c>.
    /// <see cref="PiiGuardTelemetryOptions.TrustedRootCertificates"/>, <see cref="PiiGuardTelemetryOptions.HttpClientFactory"/>
    /// and <see cref="PiiGuardTelemetryOptions.ErrorClassifier"/> are objects, not text: set them in code, through
    /// <c>services.AddOptions&lt;PiiGuardTelemetryOptions&gt;().Configure(...)</c>.
    /// </summary>
    /// <typeparam name="TPayload">The weekly payload.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section that holds the options.</param>
    /// <param name="buildPayload">Builds a week's payload from its stored statistics.</param>
    /// <returns>The services, for chaining.</returns>
    /// <remarks>
    /// The section is read when the options are first read, at the latest when the host starts. A value that is not of
    /// its option's type, and a key that names no option that can be read (a typo), fail the host's start with an
    /// <see cref="OptionsValidationException"/> that names the key, never the value. An empty <c>Endpoint</c> means none.
    /// </remarks>
    public static IServiceCollection AddPiiGuardTelemetry<TPayload>(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<StatisticsWeek, TPayload> buildPayload)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(buildPayload);
        AddCore(services, buildPayload).Configure(options => PiiGuardTelemetryConfiguration.Bind(configuration, options));
        return services;
    }

    /// <summary>
    /// Registers <see cref="UsageStatistics"/> and its scheduler as
    /// <see cref="AddPiiGuardTelemetry{TPayload}(IServiceCollection, Action{PiiGuardTelemetryOptions}, Func{StatisticsWeek, TPayload})"/>
    /// does, with options that can take services from the container, such as
    /// <see cref="PiiGuardTelemetryOptions.HttpClientFactory"/> from Microsoft.Extensions.Http's <c>IHttpClientFactory</c>:
    /// <c>options.HttpClientFactory = () =&gt; provider.GetRequiredService&lt;IHttpClientFactory&gt;().CreateClient("PiiGuard")</c>.
    /// </summary>
    /// <typeparam name="TPayload">The weekly payload.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options, given the container; <see cref="PiiGuardTelemetryOptions.DataDirectory"/> is required.</param>
    /// <param name="buildPayload">Builds a week's payload from its stored statistics.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddPiiGuardTelemetry<TPayload>(
        this IServiceCollection services,
        Action<IServiceProvider, PiiGuardTelemetryOptions> configure,
        Func<StatisticsWeek, TPayload> buildPayload)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(buildPayload);
        AddCore(services, buildPayload).Configure<IServiceProvider>((options, provider) => configure(provider, options));
        return services;
    }

    private static OptionsBuilder<PiiGuardTelemetryOptions> AddCore<TPayload>(IServiceCollection services, Func<StatisticsWeek, TPayload> buildPayload)
    {
        // ValidateOnStart adds a configuration of its own each time it is called: only the first call asks for it.
        bool first = !services.Any(static descriptor => descriptor.ServiceType == typeof(UsageStatistics));
        OptionsBuilder<PiiGuardTelemetryOptions> options = services.AddOptions<PiiGuardTelemetryOptions>();
        if (first)
        {
            options.ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PiiGuardTelemetryOptions>, PiiGuardTelemetryOptionsValidator>());
        services.TryAddSingleton(provider => UsageStatistics.Open(
            provider.GetRequiredService<IOptions<PiiGuardTelemetryOptions>>().Value,
            buildPayload,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<UsageStatistics>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UsageStatisticsScheduler>(static provider => new UsageStatisticsScheduler(
            provider.GetRequiredService<UsageStatistics>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<UsageStatisticsScheduler>>())));
        return options;
    }
}
