using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

/// <summary>A temporary folder for one test's database, deleted afterwards.</summary>
public sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "piiguard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "usage-statistics.db");

    /// <summary>Every byte of the database and its WAL and shared-memory files, as Latin-1 text to search in.</summary>
    public string RawBytes()
    {
        var text = new StringBuilder();
        foreach (string file in Directory.GetFiles(Path, "usage-statistics.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(Encoding.Latin1.GetString(memory.ToArray()));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Opens stores the way the tests need them.</summary>
public static class TestStore
{
    /// <summary>Thursday 2024-11-14 10:17 UTC: inside the policy's sample week.</summary>
    public static readonly DateTimeOffset Start = new(2024, 11, 14, 10, 17, 23, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static UsageStatistics Open(TestFolder folder, FakeTimeProvider time, Action<PiiGuardTelemetryOptions>? configure = null, ILogger? logger = null)
    {
        var options = new PiiGuardTelemetryOptions { DataDirectory = folder.Path, TimeZoneId = "Europe/Berlin" };
        configure?.Invoke(options);
        return UsageStatistics.Open(options, static week => UsageReports.Build(week), time, logger);
    }

    public static long Total(this IReadOnlyList<StoredStatistic> rows, StatisticKind kind, string key) =>
        rows.Where(row => row.Kind == kind && row.Key == key).Sum(row => row.Value);

    public static object? Scalar(TestFolder folder, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = folder.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(TestFolder folder, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = folder.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
