using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Rights;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// UsePersonalDataRights: the model gets the erasure mark and its filter after the context's own OnModelCreating; on
/// SQLite every connection has secure_delete on and DateTimeOffset retention clocks are numbers (EF Core's SQLite
/// provider cannot compare DateTimeOffset: checked here too); settings out of range and missing set-up are clear errors.
/// </summary>
public abstract class ConfigurationTests(TestStorage storage) : RightsTests(storage)
{
    [Fact]
    public async Task The_model_has_the_context_s_own_configuration_and_the_erasure_mark_with_its_filter_on_every_tied_entity()
    {
        await using RightsTestContext context = Database.NewContext();
        Assert.IsType<PersonalDataModelCustomizer>(context.GetService<IModelCustomizer>());
        foreach (Type type in new[] { typeof(User), typeof(Note), typeof(NoteAttachment), typeof(Comment), typeof(LoginRecord), typeof(ApiConnection) })
        {
            IEntityType entity = context.Model.FindEntityType(type)!;
            Assert.Equal(typeof(long?), entity.FindProperty(PersonalDataModel.ErasureRequestedAtProperty)!.ClrType);
            Assert.NotNull(entity.GetQueryFilter());
        }

        // OnModelCreating ran first: its unique index and restricted foreign keys are there.
        Assert.True(context.Model.FindEntityType(typeof(User))!.GetIndexes().Single().IsUnique);
        Assert.All(context.Model.FindEntityType(typeof(NoteAttachment))!.GetForeignKeys(), key => Assert.Equal(DeleteBehavior.Restrict, key.DeleteBehavior));
    }

    [Fact]
    public async Task On_SQLite_every_connection_has_secure_delete_and_retention_clocks_are_numbers()
    {
        await using RightsTestContext context = Database.NewContext();
        ValueConverter? converter = context.Model.FindEntityType(typeof(LoginRecord))!.FindProperty(nameof(LoginRecord.OccurredAt))!.GetValueConverter();
        if (Storage == TestStorage.Sqlite)
        {
            Assert.IsType<DateTimeOffsetToBinaryConverter>(converter);
            await context.Database.OpenConnectionAsync();
            DbConnection connection = context.Database.GetDbConnection();
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete;";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
        else
        {
            Assert.Null(converter);
        }

        // Other DateTimeOffset members keep the provider's own mapping.
        Assert.Null(context.Model.FindEntityType(typeof(Note))!.FindProperty(nameof(Note.CreatedAt))!.GetValueConverter());
    }

    [Fact]
    public async Task A_context_without_UsePersonalDataRights_gets_a_clear_error()
    {
        var builder = new DbContextOptionsBuilder<RightsTestContext>();
        if (Storage == TestStorage.Sqlite)
        {
            builder.UseSqlite(Database.ConnectionString);
        }
        else
        {
            builder.UseNpgsql(Database.ConnectionString);
        }

        await using var context = new RightsTestContext(builder.Options);
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.RequestErasureAsync(Alice.Id));
        Assert.Contains("UsePersonalDataRights()", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.RunPersonalDataMaintenanceAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.ExportPersonalDataAsync(Alice.Id, new MemoryStream()));
    }

    [Fact]
    public async Task Maintenance_inside_a_transaction_is_a_clear_error()
    {
        await using RightsTestContext context = Database.NewContext();
        await using var transaction = await context.Database.BeginTransactionAsync();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.RunPersonalDataMaintenanceAsync());
        Assert.Contains("outside a transaction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_joins_the_caller_s_transaction()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            Assert.NotNull(await context.RequestErasureAsync(Alice.Id));
            await transaction.RollbackAsync();
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.True(await context.Users.AnyAsync(user => user.Id == Alice.Id));
        }
    }
}

/// <summary>The configuration tests on SQLite.</summary>
public sealed class ConfigurationTestsOnSqlite() : ConfigurationTests(TestStorage.Sqlite);

/// <summary>The configuration tests on PostgreSQL.</summary>
public sealed class ConfigurationTestsOnPostgreSql() : ConfigurationTests(TestStorage.PostgreSql);

/// <summary>What needs no database: settings, the claim about SQLite, the erasure order, the choice of subject type.</summary>
public sealed class RightsSetupTests
{
    [Theory]
    [InlineData("GracePeriod")]
    [InlineData("BatchSize")]
    [InlineData("MaxBatchesPerRun")]
    [InlineData("TimeProvider")]
    public void Settings_out_of_range_are_refused_with_a_message_that_names_them(string setting)
    {
        Action<PersonalDataRightsOptions> configure = setting switch
        {
            "GracePeriod" => options => options.GracePeriod = TimeSpan.FromDays(-1),
            "BatchSize" => options => options.BatchSize = 0,
            "MaxBatchesPerRun" => options => options.MaxBatchesPerRun = 100_001,
            _ => options => options.TimeProvider = null!,
        };
        ArgumentException error = Assert.Throws<ArgumentException>(() => new DbContextOptionsBuilder<RightsTestContext>().UseSqlite("Data Source=:memory:").UsePersonalDataRights(configure));
        Assert.StartsWith($"PersonalDataRightsOptions.{setting} must", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_call_changes_the_options_given_before_and_adds_the_interceptor_once()
    {
        DbContextOptionsBuilder<RightsTestContext> builder = new DbContextOptionsBuilder<RightsTestContext>().UseSqlite("Data Source=:memory:")
            .UsePersonalDataRights(options => options.GracePeriod = TimeSpan.FromDays(7))
            .UsePersonalDataRights(options => options.BatchSize = 20);
        PersonalDataRightsOptions options = builder.Options.FindExtension<PersonalDataRightsOptionsExtension>()!.Options;
        Assert.Equal((TimeSpan.FromDays(7), 20), (options.GracePeriod, options.BatchSize));
        Assert.Single(builder.Options.FindExtension<CoreOptionsExtension>()!.Interceptors!, interceptor => interceptor == SqliteSecureDeleteInterceptor.Instance);
    }

    [Fact]
    public void EF_Core_s_SQLite_provider_cannot_compare_or_order_a_DateTimeOffset_without_a_converter()
    {
        // Why UsePersonalDataRights gives SQLite retention clocks a converter: the claim, checked on a model without one.
        using var context = new PlainClockContext();
        DateTimeOffset cutoff = DateTimeOffset.UnixEpoch;
        Assert.Throws<InvalidOperationException>(() => context.Rows.Where(row => row.At < cutoff).ToQueryString());
        Assert.Throws<NotSupportedException>(() => context.Rows.OrderBy(row => row.At).ToQueryString());
    }

    [Fact]
    public void A_model_with_a_credential_and_no_data_protection_provider_is_refused_when_it_is_built()
    {
        // Storing the credential in plain text instead would break the promise silently.
        using var context = new RightsTestContext(new DbContextOptionsBuilder<RightsTestContext>().UseSqlite("Data Source=:memory:").UsePersonalDataRights().Options);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => context.Model);
        Assert.Contains("is classified as a credential", error.Message, StringComparison.Ordinal);
        Assert.Contains("DataProtectionProvider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subjects_are_erased_after_anonymised_entities_and_deleted_dependents_before_their_principals()
    {
        using var context = new RightsTestContext(new DbContextOptionsBuilder<RightsTestContext>().UseSqlite("Data Source=:memory:")
            .UsePersonalDataRights(options => options.DataProtectionProvider = new EphemeralDataProtectionProvider()).Options);
        PersonalDataModel model = PersonalDataModel.For(typeof(RightsTestContext));
        IReadOnlyList<PersonalDataEntity> order = ErasureOrder.For(model, model.Entities.Single(entity => entity.IsSubject), context.Model);
        Assert.Equal(
            ["Comment", "ApiConnection", "LoginRecord", "NoteAttachment", "Note", "User"],
            order.Select(entity => entity.Name[RightsTestNames.Namespace.Length..]));
    }

    [Fact]
    public async Task Without_a_type_argument_a_context_with_two_subject_types_is_a_clear_error()
    {
        await using var context = new TwoSubjectsContext();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.RequestErasureAsync(Guid.NewGuid()));
        Assert.Contains("has 2 data subject types ('PiiGuard.EntityFrameworkCore.Tests.RightsSetupTests.Customer', 'PiiGuard.EntityFrameworkCore.Tests.RightsSetupTests.Supplier'): call RequestErasureAsync<TSubject>", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.ExportPersonalDataAsync(Guid.NewGuid(), new MemoryStream()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.RestoreAsync(Guid.NewGuid()));
    }

    [Fact]
    public void A_context_without_a_personal_data_model_is_a_clear_error_when_its_model_is_built()
    {
        using var context = new PlainClockContext(rights: true);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => context.Model);
        Assert.Contains($"no personal data model for the DbContext '{typeof(PlainClockContext).FullName}'", error.Message, StringComparison.Ordinal);
    }

    private sealed class ClockRow
    {
        public int Id { get; set; }

        public DateTimeOffset At { get; set; }
    }

    private sealed class PlainClockContext(bool rights = false) : DbContext
    {
        public DbSet<ClockRow> Rows => Set<ClockRow>();

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
        {
            optionsBuilder.UseSqlite("Data Source=:memory:");
            if (rights)
            {
                optionsBuilder.UsePersonalDataRights();
            }
        }
    }

    // Internal, not private: PiiGuard's generator writes this context's personal data model as an app's.
    [DataSubject]
    internal sealed class Customer
    {
        public Guid Id { get; set; }

        [PersonalData(PersonalDataKind.Contact)]
        public string Email { get; set; } = string.Empty;
    }

    [DataSubject]
    internal sealed class Supplier
    {
        public Guid Id { get; set; }

        [PersonalData(PersonalDataKind.Contact)]
        public string Email { get; set; } = string.Empty;
    }

    internal sealed class TwoSubjectsContext : DbContext
    {
        public DbSet<Customer> Customers => Set<Customer>();

        public DbSet<Supplier> Suppliers => Set<Supplier>();

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
            optionsBuilder.UseSqlite("Data Source=:memory:").UsePersonalDataRights();
    }
}
