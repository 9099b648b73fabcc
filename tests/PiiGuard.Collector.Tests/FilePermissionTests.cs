using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// What the collector keeps is owner-only, as the client's store is: the data folder 0700; the database, its WAL and
/// shared-memory files, the generated admin token and certificates 0600, whatever the process's umask, and files an
/// older collector left readable are tightened at start. Windows has no Unix modes: there the tests check that the
/// files are made and usable.
/// </summary>
public sealed class FilePermissionTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode WorldReadableFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "piiguard-collector-permissions", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task The_database_its_WAL_and_shared_memory_files_and_the_data_folder_are_owner_only()
    {
        await using CollectorHost host = await CollectorHost.StartAsync(TestStorage.Sqlite);
        using HttpClient client = host.Client();
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, Guid.NewGuid(), Submissions.LastWeek));

        // The connection pool keeps the database open, so its -wal and -shm files are there to look at.
        string database = Path.Combine(host.DataDirectory, "collector.db");
        string[] files = Directory.GetFiles(host.DataDirectory);
        Assert.Contains(database, files);
        Assert.Contains(database + "-wal", files);
        Assert.Contains(database + "-shm", files);
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(1, await host.CountSubmissionsAsync());
            return;
        }

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(host.DataDirectory));
        foreach (string file in files)
        {
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task A_database_path_outside_the_data_folder_gets_an_owner_only_folder_and_files()
    {
        string database = Path.Combine(_root, "elsewhere", "nested", "statistics.db");
        using var store = new SqliteCollectorStore(database);
        store.Migrate("test_payload");
        await store.StoreAsync(new StoredSubmission(Guid.NewGuid(), new DateOnly(2024, 11, 4), "1.0", "{}"), new DateTimeOffset(2024, 11, 14, 10, 0, 0, TimeSpan.Zero));

        string[] files = Directory.GetFiles(Path.GetDirectoryName(database)!);
        Assert.Contains(database + "-wal", files);
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(1, await store.CountSubmissionsAsync());
            return;
        }

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(_root, "elsewhere")));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(database)!));
        foreach (string file in files)
        {
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void The_generated_admin_token_and_certificates_are_owner_only()
    {
        string data = Path.Combine(_root, "data");
        string token = AdminTokens.LoadOrCreate(data);
        (System.Security.Cryptography.X509Certificates.X509Certificate2 server, string authority) = CollectorCertificates.LoadOrCreate(data);
        using (server)
        {
            Assert.True(server.HasPrivateKey);
        }

        string[] files = Directory.GetFiles(data);
        Assert.Equal(
            new[] { AdminTokens.FileName, CollectorCertificates.AuthorityFileName, "collector-server.pfx" }.Order(StringComparer.Ordinal),
            files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(token, AdminTokens.LoadOrCreate(data));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(authority), StringComparison.Ordinal);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
        foreach (string file in files)
        {
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task Files_an_older_collector_left_readable_are_made_owner_only_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            // Nothing to tighten without Unix modes; the store still opens what is there.
            using var windowsStore = new SqliteCollectorStore(Path.Combine(_root, "collector.db"));
            windowsStore.Migrate("test_payload");
            Assert.Equal(0, await windowsStore.CountSubmissionsAsync());
            return;
        }

        // A data folder and files as a collector without this fix left them: 0755 and 0644, with a WAL and
        // shared-memory file left over from a crash.
        string data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string database = Path.Combine(data, "collector.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE leftover (x INTEGER);";
            command.ExecuteNonQuery();
        }

        string token = Path.Combine(data, AdminTokens.FileName);
        File.WriteAllText(token, "an-admin-token-an-older-collector-wrote-0123456789\n");
        foreach (string leftover in new[] { database + "-wal", database + "-shm" })
        {
            File.WriteAllBytes(leftover, []);
        }

        foreach (string file in Directory.GetFiles(data))
        {
            File.SetUnixFileMode(file, WorldReadableFile);
        }

        Assert.Equal("an-admin-token-an-older-collector-wrote-0123456789", AdminTokens.LoadOrCreate(data));
        using var store = new SqliteCollectorStore(database);
        store.Migrate("test_payload");
        Assert.Equal(0, await store.CountSubmissionsAsync());

        // The folder existed: its mode is the operator's to choose. What the collector keeps in it is owner-only.
        foreach (string file in Directory.GetFiles(data))
        {
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
        }
    }
}
