using System.Globalization;
using System.IO;

namespace PiiGuard.Fuzzing.Cli;

/// <summary>Saves a finding as a folder: what happened and where (finding.txt), the input and its minimal form.</summary>
internal static class FindingFiles
{
    /// <summary>Saves <paramref name="report"/> under <c>OUT/target/kind-hash/</c>, unless an earlier campaign saved that signature.</summary>
    /// <returns>The folder, and whether it was there already.</returns>
    public static (string Folder, bool Known) Save(string output, FuzzTarget target, FindingReport report)
    {
        string hash = FuzzRandom.StableHash(report.Finding.Signature).ToString("x16", CultureInfo.InvariantCulture).Substring(0, 10);
        string folder = Path.Combine(output, target.Name, report.Finding.Kind + "-" + hash);
        if (Directory.Exists(folder))
        {
            return (folder, true);
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "finding.txt"), report.Describe(maxInputChars: 1_000_000) + "\nFull stack of the first occurrence:\n" + (report.Finding.Stack ?? "(none)") + "\n");
        File.WriteAllBytes(Path.Combine(folder, "input" + target.Extension), report.Input);
        File.WriteAllBytes(Path.Combine(folder, "minimal" + target.Extension), report.Minimal);
        return (folder, false);
    }
}
