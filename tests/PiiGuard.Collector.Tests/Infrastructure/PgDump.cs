using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;

namespace PiiGuard.Collector.Tests;

/// <summary>Runs <c>pg_dump</c> of a whole database: every table, its rows and the schema, as SQL text.</summary>
public static class PgDump
{
    /// <summary>The dump of the database of <paramref name="connectionString"/>.</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--no-password", "--host", settings.Host!, "--port", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", settings.Username!, "--dbname", settings.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await errors);
        return await output;
    }

    // The pg_dump on the PATH, or the newest in /usr/lib/postgresql (where Debian's package puts it).
    private static string Find()
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "pg_dump");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string? found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin", "pg_dump")).Where(File.Exists).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("pg_dump was not found on the PATH nor in /usr/lib/postgresql/*/bin: tools/postgres.sh installs it with PostgreSQL.");
    }
}
