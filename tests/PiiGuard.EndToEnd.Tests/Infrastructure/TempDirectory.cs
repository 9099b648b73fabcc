using System;
using System.IO;

namespace PiiGuard.EndToEnd.Tests.Infrastructure;

/// <summary>A fresh folder under the system's temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating its folder) and returns its full path.</summary>
    public string Write(string relativePath, string contents)
    {
        string path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that was killed may still hold a file; the OS cleans the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
