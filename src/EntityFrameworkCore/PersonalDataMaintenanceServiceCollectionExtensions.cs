using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PiiGuard.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore.Rights;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds PiiGuard's personal data maintenance to an app's services.</summary>
public static class PersonalDataMaintenanceServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that runs <c>RunPersonalDataMaintenanceAsync</c> on a <typeparamref name="TContext"/> from
    /// a scope of its own when the host starts and then every <see cref="PersonalDataMaintenanceOptions.Interval"/>, on
    /// the app's <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> unless the app registered one). It logs
    /// counts and type names, never a key or a value; a run that fails is logged and the next interval brings the next
    /// run: it never stops the host. The context must be registered (<c>AddDbContext</c>) with
    /// <c>UsePersonalDataRights</c>, whose clock decides what is due.
    /// </summary>
    /// <typeparam name="TContext">The context whose data subjects' erasures and retention the service keeps.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the interval.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">The interval is out of range (the message names it).</exception>
    /// <exception cref="InvalidOperationException">It was already added for <typeparamref name="TContext"/>.</exception>
    public static IServiceCollection AddPersonalDataMaintenance<TContext>(this IServiceCollection services, Action<PersonalDataMaintenanceOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(service => service.ServiceType == typeof(Registration<TContext>)))
        {
            throw new InvalidOperationException($"AddPersonalDataMaintenance<{typeof(TContext).FullName}> was called twice: one maintenance service per context.");
        }

        var options = new PersonalDataMaintenanceOptions();
        configure?.Invoke(options);
        if (options.Check() is { } problem)
        {
            throw new ArgumentException(problem, nameof(configure));
        }

        var interval = new PersonalDataMaintenanceOptions { Interval = options.Interval };
        services.AddSingleton(new Registration<TContext>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService(provider => new PersonalDataMaintenanceService<TContext>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            interval,
            provider.GetService<ILogger<PersonalDataMaintenanceService<TContext>>>() ?? NullLogger<PersonalDataMaintenanceService<TContext>>.Instance));
        return services;
    }

    /// <summary>Marks that the service was added for <typeparamref name="TContext"/>.</summary>
    private sealed class Registration<TContext>;
}
