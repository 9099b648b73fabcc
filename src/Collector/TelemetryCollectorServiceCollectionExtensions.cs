using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiiGuard.Collector;
using PiiGuard.Collector.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the PiiGuard collector's services to an ASP.NET Core app.</summary>
public static class TelemetryCollectorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the collector of <typeparamref name="TPayload"/>: its settings (the configuration section <c>Collector</c>,
    /// then <paramref name="configure"/>; checked when the app starts), its store (SQLite or PostgreSQL, per
    /// <c>Collector:Storage</c>; the schema is created or migrated when the app starts), the admin credential and
    /// the retention job. Map its endpoints with <c>MapTelemetryCollector&lt;TPayload&gt;()</c>.
    /// </summary>
    /// <typeparam name="TPayload">The <c>[TelemetryPayload]</c> type the collector receives.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets what the configuration cannot: at least <see cref="TelemetryCollectorOptions{TPayload}.Week"/>.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <example><code>
    /// builder.Services.AddTelemetryCollector&lt;UsageStats&gt;(options =&gt; options.Week = stats =&gt; stats.PeriodStart);
    /// WebApplication app = builder.Build();
    /// app.MapTelemetryCollector&lt;UsageStats&gt;();
    /// </code></example>
    public static IServiceCollection AddTelemetryCollector<TPayload>(this IServiceCollection services, Action<TelemetryCollectorOptions<TPayload>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(service => service.ServiceType == typeof(CollectorStore)))
        {
            throw new InvalidOperationException("AddTelemetryCollector was called twice: an app hosts one collector, for one payload type.");
        }

        OptionsBuilder<TelemetryCollectorOptions<TPayload>> options = services.AddOptions<TelemetryCollectorOptions<TPayload>>()
            .BindConfiguration(TelemetryCollectorOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .PostConfigure<IConfiguration>((settings, configuration) => settings.ConnectionString ??= configuration.GetConnectionString(TelemetryCollectorOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryCollectorOptions<TPayload>>, OptionsValidator<TPayload>>();

        services.AddSingleton(new CollectorRegistration(typeof(TPayload)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TelemetryCollectorOptions>(provider => provider.GetRequiredService<IOptions<TelemetryCollectorOptions<TPayload>>>().Value);
        services.AddSingleton<CollectorStore>(provider =>
        {
            TelemetryCollectorOptions settings = provider.GetRequiredService<TelemetryCollectorOptions>();
            CollectorStore store = settings.Storage == CollectorStorage.PostgreSql
                ? new PostgreSqlCollectorStore(settings.ConnectionString!)
                : new SqliteCollectorStore(settings.ResolvedDatabasePath);
            try
            {
                store.Migrate(PiiGuard.TelemetrySchema.For<TPayload>().Name);
                return store;
            }
            catch
            {
                store.Dispose();
                throw;
            }
        });
        services.AddSingleton(provider =>
        {
            TelemetryCollectorOptions settings = provider.GetRequiredService<TelemetryCollectorOptions>();
            return new AdminCredential(settings.AdminToken ?? AdminTokens.LoadOrCreate(settings.DataDirectory));
        });
        services.AddHostedService<CollectorStartup>();
        services.AddSingleton<CollectorRetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<CollectorRetentionService>());
        services.AddProblemDetails();

        // No client address in any log: ASP.NET Core's own request and connection logs (which can hold addresses,
        // paths with installation ids, and TLS details) stay at warnings, and its per-request log scope, which carries
        // the request path, is off. The collector itself never reads the remote address, and has no access log and no
        // forwarded-headers middleware. More specific rules of the app's own logging configuration still win.
        services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            filters.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        });
        return services;
    }

    // The first problem, with a message that names the setting.
    private sealed class OptionsValidator<TPayload> : IValidateOptions<TelemetryCollectorOptions<TPayload>>
    {
        public ValidateOptionsResult Validate(string? name, TelemetryCollectorOptions<TPayload> options) =>
            options.Check() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
