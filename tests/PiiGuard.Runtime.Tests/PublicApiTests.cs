using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using PiiGuard.Serialization.Metadata;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// The public surface of the assembly PiiGuard (issue 11): what only generated code calls lives in
/// <c>PiiGuard.Serialization.Metadata</c> and is hidden from IntelliSense, as System.Text.Json hides its metadata
/// services; what users call is not hidden; every public type has its own file, in the folder of its namespace.
/// PublicAPI.Unshipped.txt (Microsoft.CodeAnalysis.PublicApiAnalyzers) tracks the members at build time.
/// </summary>
public sealed class PublicApiTests
{
    private const string HiddenNamespace = "PiiGuard.Serialization.Metadata";

    private static readonly Assembly PiiGuardAssembly = typeof(TelemetrySerializer).Assembly;

    private static bool IsHidden(MemberInfo type) =>
        type.GetCustomAttribute<EditorBrowsableAttribute>() is { State: EditorBrowsableState.Never };

    [Fact]
    public void EveryPublicTypeForGeneratedCodeIsHidden()
    {
        Type[] forGeneratedCode = PiiGuardAssembly.GetExportedTypes().Where(t => t.Namespace == HiddenNamespace).ToArray();

        // What the generated code derives from, calls and carries is there, so the check below is not over nothing.
        Assert.Contains(typeof(TelemetryTypeInfo<>), forGeneratedCode);
        Assert.Contains(typeof(TelemetryTypeInfoRegistry), forGeneratedCode);
        Assert.Contains(typeof(TelemetryJsonWriter), forGeneratedCode);
        Assert.Contains(typeof(TelemetryJsonReader), forGeneratedCode);
        Assert.Contains(typeof(TelemetrySchemaDocumentsAttribute), forGeneratedCode);
        Assert.Empty(forGeneratedCode.Where(t => !IsHidden(t)).Select(t => t.FullName));
    }

    [Fact]
    public void PublicTypesForUsersAreNotHiddenAndLiveInThePiiGuardNamespace()
    {
        Type[] forUsers = PiiGuardAssembly.GetExportedTypes().Where(t => t.Namespace != HiddenNamespace).ToArray();

        Assert.Contains(typeof(TelemetrySerializer), forUsers);
        Assert.Empty(forUsers.Where(IsHidden).Select(t => t.FullName));
        // A new public namespace is a decision for the docs and PACKAGE.md, not an accident of a folder.
        Assert.Empty(forUsers.Where(t => t.Namespace != "PiiGuard").Select(t => t.FullName));
    }

    [Fact]
    public void EveryPublicTypeHasItsOwnFileInTheFolderOfItsNamespace()
    {
        string runtime = Path.Combine(RepoRoot(), "src", "Runtime");
        var problems = new List<string>();

        foreach (Type type in PiiGuardAssembly.GetExportedTypes().Where(t => !t.IsNested))
        {
            string name = type.Name.Split('`')[0];
            // SchemaVersion is one file shared with the analyzers and the generator, linked in from src/Shared.
            string file = type == typeof(SchemaVersion)
                ? Path.Combine(RepoRoot(), "src", "Shared", "SchemaVersion.cs")
                : Path.Combine(runtime, Path.Combine(type.Namespace!.Split('.').Skip(1).ToArray()), name + ".cs");
            if (!File.Exists(file) || !Regex.IsMatch(File.ReadAllText(file), $@"\b(class|struct|record|enum|interface)\s+{name}\b"))
            {
                problems.Add($"{type.FullName} is not declared in {Path.GetRelativePath(RepoRoot(), file)}");
            }
        }

        // A top-level public type starts a line (file-scoped namespaces); nested types are indented.
        var publicType = new Regex(@"^public\s+(?:(?:sealed|static|abstract|readonly|ref|partial)\s+)*(?:record\s+struct|class|struct|record|enum|interface)\s", RegexOptions.Multiline);
        foreach (string file in Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(runtime, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            int count = publicType.Matches(File.ReadAllText(file)).Count;
            if (count > 1)
            {
                problems.Add($"src/Runtime/{relative} declares {count} public types");
            }
        }

        Assert.Empty(problems);
    }

    private static string RepoRoot() =>
        typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PiiGuardRepoRoot").Value
        ?? throw new InvalidOperationException("The test assembly does not say where the repository is.");
}
