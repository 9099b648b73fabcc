using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;

namespace PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A fresh database of the test app for one test: a SQLite file in WAL mode in a temporary folder of its own, or a
/// database on the tests' PostgreSQL server; with the rights' fake clock, the tests' data protection key ring, and
/// contexts made on it with <c>UsePersonalDataRights</c>. Disposing it drops the database and the folder.
/// </summary>
public sealed class RightsDatabase : IAsyncDisposable
{
    /// <summary>Where the fake clock starts: an ordinary day, in UTC.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 10, 9, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// The key ring of every test in this process (and of the child processes they start): one data protection
    /// provider, as an app has one, so that EF Core builds one internal service provider for all the tests' contexts
    /// (it builds one per data protection provider, which the credential converters hold).
    /// </summary>
    public static readonly string KeysFolder = Path.Combine(Path.GetTempPath(), "piiguard-rights-keys-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Lazy<IDataProtectionProvider> SharedDataProtection = new(() => DataProtection(KeysFolder));

    private readonly TestDatabase? _postgres;

    private RightsDatabase(TestStorage storage, string folder, string connectionString, TestDatabase? postgres)
    {
        Storage = storage;
        Folder = folder;
        ConnectionString = connectionString;
        _postgres = postgres;
    }

    /// <summary>Gets where the data is.</summary>
    public TestStorage Storage { get; }

    /// <summary>Gets the test's temporary folder (the SQLite files and the key ring are in it).</summary>
    public string Folder { get; }

    /// <summary>Gets the SQLite database file.</summary>
    public string SqlitePath => Path.Combine(Folder, "rights.db");

    /// <summary>Gets the connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Gets the rights' clock.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Makes the database and its schema.</summary>
    public static async Task<RightsDatabase> CreateAsync(TestStorage storage)
    {
        RightsDatabase database = await CreateEmptyAsync(storage);
        await using RightsTestContext context = database.NewContext();
        await context.Database.EnsureCreatedAsync();
        if (storage == TestStorage.Sqlite)
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        return database;
    }

    /// <summary>Makes an empty database, for a test with a context of its own: the test makes the schema.</summary>
    public static async Task<RightsDatabase> CreateEmptyAsync(TestStorage storage)
    {
        string folder = Path.Combine(Path.GetTempPath(), "piiguard-rights-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        RightsDatabase database;
        if (storage == TestStorage.Sqlite)
        {
            string path = Path.Combine(folder, "rights.db");
            database = new RightsDatabase(storage, folder, new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString(), null);
        }
        else
        {
            TestDatabase postgres = await PostgresServer.CreateDatabaseAsync();
            database = new RightsDatabase(storage, folder, postgres.ConnectionString, postgres);
        }

        return database;
    }

    /// <summary>The data protection provider of a key ring in <paramref name="folder"/>, as the child process makes it too.</summary>
    public static IDataProtectionProvider DataProtection(string folder) =>
        new ServiceCollection()
            .AddDataProtection()
            .SetApplicationName("piiguard-rights-tests")
            .PersistKeysToFileSystem(new DirectoryInfo(folder))
            .Services.BuildServiceProvider()
            .GetRequiredService<IDataProtectionProvider>();

    /// <summary>The options of a context on this database, as the child process makes them too.</summary>
    public static DbContextOptionsBuilder<RightsTestContext> Options(
        TestStorage storage,
        string connectionString,
        TimeProvider clock,
        IDataProtectionProvider dataProtection,
        Action<PersonalDataRightsOptions>? configure = null)
    {
        var builder = new DbContextOptionsBuilder<RightsTestContext>();
        if (storage == TestStorage.Sqlite)
        {
            builder.UseSqlite(connectionString);
        }
        else
        {
            builder.UseNpgsql(connectionString);
        }

        return builder.UsePersonalDataRights(options =>
        {
            options.TimeProvider = clock;
            options.DataProtectionProvider = dataProtection;
            configure?.Invoke(options);
        });
    }

    /// <summary>A context on this database with <c>UsePersonalDataRights</c> on the fake clock.</summary>
    public RightsTestContext NewContext(Action<PersonalDataRightsOptions>? configure = null, params IInterceptor[] interceptors) =>
        new(OptionsBuilder(configure, interceptors).Options);

    /// <summary>The options of <see cref="NewContext"/>.</summary>
    public DbContextOptionsBuilder<RightsTestContext> OptionsBuilder(Action<PersonalDataRightsOptions>? configure = null, params IInterceptor[] interceptors)
    {
        DbContextOptionsBuilder<RightsTestContext> builder = Options(Storage, ConnectionString, Clock, SharedDataProtection.Value, configure);
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        return builder;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temporary folder.
        }
    }
}
