using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PiiGuard.EntityFrameworkCore.Tests.Media;

public sealed class Account
{
    public int Id { get; set; }

    public string Email { get; set; } = string.Empty;

    public string? RefreshToken { get; set; }

    public byte[]? SigningKey { get; set; }
}

public sealed class Device
{
    public int Id { get; set; }

    public int AccountId { get; set; }

    public string? PushToken { get; set; }
}

public sealed class Badge
{
    public int Id { get; set; }

    public int Pin { get; set; }
}

/// <summary>
/// A STAND-IN for the <see cref="PersonalDataModel"/> that PiiGuard's generator writes for a <c>DbContext</c>: a
/// hand-written description of the entities and their classified members. Credential encryption reads only the
/// description; the typed operations belong to the rights runtime and are not called here.
/// </summary>
internal sealed class StandInDataModel(params PersonalDataEntity[] entities)
    : PersonalDataModel(typeof(CredentialsContext), "# What we collect\n", entities)
{
    /// <summary>Accounts with a refresh token (text) and a signing key (bytes), devices with a push token.</summary>
    public static readonly StandInDataModel Credentials = new(
        new StandInEntity(
            typeof(Account),
            "Tests.Account",
            "Id",
            new PersonalDataMember(nameof(Account.Email), "contact", "Sign-in", isCredential: false),
            new PersonalDataMember(nameof(Account.RefreshToken), "credential", "Calls the partner's API", isCredential: true),
            new PersonalDataMember(nameof(Account.SigningKey), "credential", null, isCredential: true)),
        new StandInEntity(
            typeof(Device),
            "Tests.Device",
            "AccountId",
            new PersonalDataMember(nameof(Device.PushToken), "credential", null, isCredential: true)));

    /// <summary>A credential that is a number: not something PiiGuard can encrypt.</summary>
    public static readonly StandInDataModel NumericCredential = new(
        new StandInEntity(typeof(Badge), "Tests.Badge", "Id", new PersonalDataMember(nameof(Badge.Pin), "credential", null, isCredential: true)));
}

/// <summary>A STAND-IN for a generated <see cref="PersonalDataEntity"/>: the description only.</summary>
internal sealed class StandInEntity(Type clrType, string name, string subjectKeyMember, params PersonalDataMember[] members)
    : PersonalDataEntity(clrType, name, clrType.Name + ".json", typeof(Account), subjectKeyMember, "Id", null, null, ErasureAction.Delete, null, members)
{
    public override void ConfigureModel(ModelBuilder modelBuilder) => throw NotHere();

    public override Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken) => throw NotHere();

    public override Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken) => throw NotHere();

    public override Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken) => throw NotHere();

    public override Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken) => throw NotHere();

    public override Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken) => throw NotHere();

    public override Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => throw NotHere();

    private static NotSupportedException NotHere() => new("The stand-in describes the entity for credential encryption; the rights runtime's operations are generated code.");
}

/// <summary>
/// A context that encrypts its credentials as the rights runtime's model customizer does: the stand-in model's
/// converters added after the context's own model. EF Core caches a model per context type, and the converters hold
/// their protectors, so the cache key holds the key ring, the data model and the test's own configuration.
/// </summary>
internal sealed class CredentialsContext(
    DbContextOptions<CredentialsContext> options,
    IDataProtectionProvider provider,
    PersonalDataModel personalData,
    Action<ModelBuilder>? configure = null) : DbContext(options)
{
    public IDataProtectionProvider Provider { get; } = provider;

    public PersonalDataModel PersonalData { get; } = personalData;

    public Action<ModelBuilder>? Configure { get; } = configure;

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Device> Devices => Set<Device>();

    public static CredentialsContext Open(string databasePath, IDataProtectionProvider provider, PersonalDataModel? personalData = null, Action<ModelBuilder>? configure = null, bool detailedErrors = false)
    {
        var options = new DbContextOptionsBuilder<CredentialsContext>()
            .UseSqlite($"Data Source={databasePath};Pooling=False")
            .ReplaceService<IModelCacheKeyFactory, PerKeyRingModelCacheKey>()
            .EnableDetailedErrors(detailedErrors)
            .Options;
        return new CredentialsContext(options, provider, personalData ?? StandInDataModel.Credentials, configure);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (PersonalData.Entities.Any(e => e.ClrType == typeof(Badge)))
        {
            modelBuilder.Entity<Badge>().ToTable("Badges");
        }
        else
        {
            modelBuilder.Entity<Account>().ToTable("Accounts");
            modelBuilder.Entity<Device>().ToTable("Devices");
        }

        Configure?.Invoke(modelBuilder);
        CredentialEncryption.Apply(modelBuilder, PersonalData, Provider);
    }

    private sealed class PerKeyRingModelCacheKey : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime)
        {
            var credentials = (CredentialsContext)context;
            return (context.GetType(), credentials.Provider, credentials.PersonalData, credentials.Configure, designTime);
        }
    }
}
