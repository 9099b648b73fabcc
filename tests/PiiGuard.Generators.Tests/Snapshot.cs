using System;
using System.IO;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// Compares generated text with a file under Snapshots/. On a mismatch the actual text is written next to the test
/// output as <c>*.received</c>; set PIIGUARD_UPDATE_SNAPSHOTS=1 to rewrite the snapshot in the source tree.
/// </summary>
internal static class Snapshot
{
    public static void AssertMatches(string name, string actual)
    {
        string expectedPath = Path.Combine(AppContext.BaseDirectory, "Snapshots", name + ".txt");
        if (Environment.GetEnvironmentVariable("PIIGUARD_UPDATE_SNAPSHOTS") == "1")
        {
            string source = Path.Combine(SourceDirectory(), "Snapshots", name + ".txt");
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"No snapshot {expectedPath}; run with PIIGUARD_UPDATE_SNAPSHOTS=1 to create it.");
        string expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            File.WriteAllText(expectedPath + ".received", actual);
        }

        Assert.Equal(expected, actual);
    }

    private static string SourceDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PiiGuard.Generators.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The test project folder was not found.");
    }
}
