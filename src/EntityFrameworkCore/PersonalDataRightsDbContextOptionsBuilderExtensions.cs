using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PiiGuard.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore.Rights;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Turns on PiiGuard's personal data rights for a <c>DbContext</c>.</summary>
public static class PersonalDataRightsDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Gives the context its data subjects' rights, from the personal data model PiiGuard's generator wrote for it:
    /// its model gets, after the context's own <c>OnModelCreating</c>, each entity's erasure mark (the shadow property
    /// <see cref="PersonalDataModel.ErasureRequestedAtProperty"/>) and the query filter that hides marked rows, and the
    /// credential converters; on SQLite, every connection gets <c>PRAGMA secure_delete = ON</c> and
    /// <c>DateTimeOffset</c> retention clocks are stored as numbers that SQLite can compare. Then the context has
    /// <c>ExportPersonalDataAsync</c>, <c>RequestErasureAsync</c>, <c>RestoreAsync</c> and
    /// <c>RunPersonalDataMaintenanceAsync</c>. Calling it again changes the options given before.
    /// </summary>
    /// <param name="optionsBuilder">The context's options.</param>
    /// <param name="configure">Sets the grace period, the clock, the batch sizes and the data protection provider.</param>
    /// <returns><paramref name="optionsBuilder"/>.</returns>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    /// <example><code>
    /// services.AddDbContext&lt;AppDbContext&gt;((services, options) =&gt; options
    ///     .UseSqlite("Data Source=app.db")
    ///     .UsePersonalDataRights(rights =&gt;
    ///     {
    ///         rights.TimeProvider = services.GetRequiredService&lt;TimeProvider&gt;();
    ///         rights.DataProtectionProvider = services.GetRequiredService&lt;IDataProtectionProvider&gt;();
    ///     }));
    /// </code></example>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The pair of EF Core's own Use* methods (the plain and the generic options builder), added together.")]
    public static DbContextOptionsBuilder UsePersonalDataRights(this DbContextOptionsBuilder optionsBuilder, Action<PersonalDataRightsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        PersonalDataRightsOptions options = optionsBuilder.Options.FindExtension<PersonalDataRightsOptionsExtension>()?.Options.Clone() ?? new PersonalDataRightsOptions();
        configure?.Invoke(options);
        if (options.Check() is { } problem)
        {
            throw new ArgumentException(problem, nameof(configure));
        }

        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(new PersonalDataRightsOptionsExtension(options.Clone()));
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(SqliteSecureDeleteInterceptor.Instance) != true)
        {
            optionsBuilder.AddInterceptors(SqliteSecureDeleteInterceptor.Instance);
        }

        return optionsBuilder;
    }

    /// <summary>
    /// Gives the context its data subjects' rights: see
    /// <see cref="UsePersonalDataRights(DbContextOptionsBuilder, Action{PersonalDataRightsOptions})"/>.
    /// </summary>
    /// <typeparam name="TContext">The context.</typeparam>
    /// <param name="optionsBuilder">The context's options.</param>
    /// <param name="configure">Sets the grace period, the clock, the batch sizes and the data protection provider.</param>
    /// <returns><paramref name="optionsBuilder"/>.</returns>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The pair of EF Core's own Use* methods (the plain and the generic options builder), added together.")]
    public static DbContextOptionsBuilder<TContext> UsePersonalDataRights<TContext>(this DbContextOptionsBuilder<TContext> optionsBuilder, Action<PersonalDataRightsOptions>? configure = null)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)UsePersonalDataRights((DbContextOptionsBuilder)optionsBuilder, configure);
}
