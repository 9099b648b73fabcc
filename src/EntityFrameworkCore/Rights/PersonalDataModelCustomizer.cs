using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// The model customizer of a context with <c>UsePersonalDataRights</c>: the context's own <c>OnModelCreating</c> (the
/// relational customizer's work), then each entity's generated <see cref="PersonalDataEntity.ConfigureModel"/> (the
/// erasure mark and its query filter), then what the provider needs (SQLite: retention clocks it can compare), then
/// the credential converters.
/// </summary>
internal sealed class PersonalDataModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    /// <summary>The provider name of EF Core's SQLite provider (<c>Database.ProviderName</c>).</summary>
    internal const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <inheritdoc/>
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        PersonalDataModel model = PersonalDataModel.For(context.GetType());
        PersonalDataRightsOptions options = RightsContext.OptionsOf(context);
        foreach (PersonalDataEntity entity in model.Entities)
        {
            entity.ConfigureModel(modelBuilder);
        }

        if (context.Database.ProviderName == SqliteProviderName)
        {
            StoreRetentionClocksAsNumbers(modelBuilder, model);
        }

        ApplyCredentialConverters(modelBuilder, model, options);
    }

    /// <summary>
    /// SQLite has no date type: EF Core's SQLite provider stores a <see cref="DateTimeOffset"/> as text and can neither
    /// compare nor order it in SQL (a <c>Where(r =&gt; r.At &lt; cutoff)</c> does not translate, an <c>OrderBy</c>
    /// throws <see cref="NotSupportedException"/>), so a retention statement could not run. A <c>DateTimeOffset</c>
    /// retention clock without a converter of the app's own is stored as a number instead, with EF Core's
    /// <see cref="DateTimeOffsetToBinaryConverter"/> (the column becomes INTEGER: a migration for an existing database).
    /// That number orders by the clock time as written, offset aside: write retention clocks in UTC
    /// (<c>TimeProvider.GetUtcNow()</c>), or a row written with an offset expires up to that offset early or late.
    /// </summary>
    private static void StoreRetentionClocksAsNumbers(ModelBuilder modelBuilder, PersonalDataModel model)
    {
        foreach (PersonalDataEntity entity in model.Entities)
        {
            if (entity.RetentionFrom is null
                || modelBuilder.Model.FindEntityType(entity.ClrType)?.FindProperty(entity.RetentionFrom) is not IMutableProperty clock
                || (Nullable.GetUnderlyingType(clock.ClrType) ?? clock.ClrType) != typeof(DateTimeOffset)
                || clock.GetValueConverter() is not null
                || clock.GetProviderClrType() is not null)
            {
                continue;
            }

            clock.SetValueConverter(new DateTimeOffsetToBinaryConverter());
        }
    }

    /// <summary>
    /// The members classified as credentials get a value converter that encrypts them at rest with
    /// <see cref="PersonalDataRightsOptions.DataProtectionProvider"/> (<see cref="CredentialEncryption"/>). A model with
    /// a mapped credential and no provider is refused when the model is built: storing the credential in plain text
    /// instead would break the promise silently.
    /// </summary>
    private static void ApplyCredentialConverters(ModelBuilder modelBuilder, PersonalDataModel model, PersonalDataRightsOptions options)
    {
        if (options.DataProtectionProvider is { } provider)
        {
            CredentialEncryption.Apply(modelBuilder, model, provider);
            return;
        }

        foreach (PersonalDataEntity entity in model.Entities)
        {
            if (modelBuilder.Model.FindEntityType(entity.ClrType) is not { } entityType)
            {
                continue;
            }

            foreach (PersonalDataMember member in entity.Members)
            {
                if (member.IsCredential && entityType.FindProperty(member.Name) is not null)
                {
                    throw new InvalidOperationException(
                        $"'{entity.Name}.{member.Name}' is classified as a credential, which PiiGuard encrypts at rest with ASP.NET Core Data Protection, but UsePersonalDataRights was given no DataProtectionProvider: set PersonalDataRightsOptions.DataProtectionProvider (for example to the app's IDataProtectionProvider from AddDataProtection()).");
                }
            }
        }
    }
}
