using System;
using System.IO;

namespace PiiGuard.EndToEnd.Tests.Infrastructure;

/// <summary>Paths in the repository these tests were built from.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds PiiGuard.sln.</summary>
    public static string Root => RootPath.Value;

    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PiiGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PiiGuard.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
