using System;
using System.IO;
using System.Linq;
using System.Text;

namespace PiiGuard.Tests.Shared;

/// <summary>
/// The bytes a SQLite database leaves on disk: the database file and its write-ahead log, read as they are (while the
/// database may still be open), for tests that prove a value is gone or was never stored in plain text. Compiled into
/// each test project that needs it.
/// </summary>
internal static class SqliteFileBytes
{
    /// <summary>Whether the database file or its write-ahead log holds <paramref name="value"/> in UTF-8 or UTF-16 (either byte order).</summary>
    public static bool Holds(string databasePath, string value) =>
        Holds(databasePath, Encoding.UTF8.GetBytes(value), Encoding.Unicode.GetBytes(value), Encoding.BigEndianUnicode.GetBytes(value));

    /// <summary>Whether the database file or its write-ahead log holds any of <paramref name="needles"/>.</summary>
    public static bool Holds(string databasePath, params byte[][] needles)
    {
        foreach (string path in new[] { databasePath, databasePath + "-wal" }.Where(File.Exists))
        {
            byte[] bytes = Read(path);
            if (needles.Any(needle => bytes.AsSpan().IndexOf(needle) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A file's bytes, read without locking out the connection that has it open.</summary>
    public static byte[] Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return bytes;
    }
}
