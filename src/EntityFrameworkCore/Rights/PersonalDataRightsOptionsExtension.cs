using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// The EF Core options extension that <c>UsePersonalDataRights</c> adds: it carries the <see cref="PersonalDataRightsOptions"/>
/// and puts <see cref="PersonalDataModelCustomizer"/> in place of the provider's model customizer.
/// </summary>
/// <remarks>
/// EF Core builds one internal service provider, and caches one model, per distinct set of options extensions, as
/// their <see cref="DbContextOptionsExtensionInfo"/> hash and compare them. Of these options only the
/// <see cref="PersonalDataRightsOptions.DataProtectionProvider"/> shapes the model (the credential converters hold it),
/// so it alone is hashed and compared (by reference); the grace period, clock and batch sizes are read from the
/// context's options at each call and may differ between contexts that share a model.
/// </remarks>
internal sealed class PersonalDataRightsOptionsExtension(PersonalDataRightsOptions options) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    /// <summary>The options, a copy that nothing else holds.</summary>
    public PersonalDataRightsOptions Options { get; } = options;

    /// <inheritdoc/>
    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    /// <inheritdoc/>
    public void ApplyServices(IServiceCollection services) =>
        // Replace, not TryAdd: whichever of UseSqlite/UseNpgsql and UsePersonalDataRights came first, the providers add
        // their customizer with TryAdd, which leaves this one in place.
        services.Replace(ServiceDescriptor.Singleton<IModelCustomizer, PersonalDataModelCustomizer>());

    /// <inheritdoc/>
    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(PersonalDataRightsOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private object? Provider => ((PersonalDataRightsOptionsExtension)Extension).Options.DataProtectionProvider;

        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "PiiGuardPersonalDataRights ";

        public override int GetServiceProviderHashCode() => Provider is null ? 0 : RuntimeHelpers.GetHashCode(Provider);

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && ReferenceEquals(info.Provider, Provider);

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["PiiGuard:PersonalDataRights:DataProtectionProvider"] = GetServiceProviderHashCode().ToString(CultureInfo.InvariantCulture);
    }
}
