using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace PiiGuard.Telemetry.Tests.Api;

/// <summary>
/// The public API of PiiGuard.Telemetry (issue 11): only what a user needs is public, the results can grow without
/// breaking callers, one public type per file, folders match namespaces.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Telemetry = typeof(UsageStatistics).Assembly;

    [Fact]
    public void Only_the_types_a_user_needs_are_public()
    {
        string[] expected =
        [
            "Microsoft.Extensions.DependencyInjection.PiiGuardTelemetryServiceCollectionExtensions",
            "PiiGuard.ConsentState",
            "PiiGuard.DeletionRequestOutcome",
            "PiiGuard.DeletionRequestResult",
            "PiiGuard.ErrorClassifier",
            "PiiGuard.ErrorClassifier`1",
            "PiiGuard.ErrorCount`2",
            "PiiGuard.ErrorKind",
            "PiiGuard.PiiGuardTelemetryHttp",
            "PiiGuard.PiiGuardTelemetryOptions",
            "PiiGuard.StatisticKind",
            "PiiGuard.StatisticsWeek",
            "PiiGuard.StoredStatistic",
            "PiiGuard.SubmissionOutcome",
            "PiiGuard.SubmissionPreview",
            "PiiGuard.SubmissionResult",
            "PiiGuard.TelemetryStatus",
            "PiiGuard.TelemetryStoreException",
            "PiiGuard.UsageStatistics",
        ];

        string[] exported = Telemetry.GetExportedTypes().Select(type => type.FullName!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, exported);
    }

    [Theory]
    [InlineData(typeof(TelemetryStatus))]
    [InlineData(typeof(SubmissionPreview))]
    [InlineData(typeof(SubmissionResult))]
    [InlineData(typeof(DeletionRequestResult))]
    [InlineData(typeof(StoredStatistic))]
    public void A_result_has_no_public_constructor_and_only_init_only_properties(Type type)
    {
        // No public (or protected) constructor: only the package makes them, so a property can be added without
        // breaking a caller, as adding a parameter to a positional record's constructor would.
        Assert.True(type.IsSealed);
        Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.DoesNotContain(type.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance), constructor => constructor.IsFamily || constructor.IsFamilyOrAssembly);
        Assert.DoesNotContain(type.GetMethods(BindingFlags.Public | BindingFlags.Instance), method => method.Name == "Deconstruct");

        PropertyInfo[] settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.SetMethod is { IsPublic: true }).ToArray();
        Assert.NotEmpty(settable);
        Assert.All(settable, property => Assert.Contains(typeof(IsExternalInit), property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers()));
    }

    [Fact]
    public void Results_compare_by_value()
    {
        var first = new DeletionRequestResult { Outcome = DeletionRequestOutcome.RetryScheduled, StatusCode = 503, NextAttemptNotBefore = DateTimeOffset.UnixEpoch };
        var same = new DeletionRequestResult { Outcome = DeletionRequestOutcome.RetryScheduled, StatusCode = 503, NextAttemptNotBefore = DateTimeOffset.UnixEpoch };

        Assert.Equal(first, same);
        Assert.NotEqual(first, same with { StatusCode = 500 });
    }

    [Fact]
    public void Each_file_declares_at_most_one_public_type_named_after_it()
    {
        string[] offenders = SourceFiles()
            .Select(file => (File: file, Types: PublicTypeNames(File.ReadAllText(file))))
            .Where(entry => entry.Types.Length > 1 || (entry.Types.Length == 1 && !FileNameFits(entry.File, entry.Types[0])))
            .Select(entry => Path.GetRelativePath(SourceRoot(), entry.File) + ": " + string.Join(", ", entry.Types))
            .ToArray();

        Assert.Equal(["UsageStatistics"], PublicTypeNames(File.ReadAllText(Path.Combine(SourceRoot(), "UsageStatistics.cs"))));
        Assert.Equal(["ErrorClassifier<TError>"], PublicTypeNames(File.ReadAllText(Path.Combine(SourceRoot(), "ErrorClassifier{TError}.cs"))));
        Assert.Empty(offenders);
    }

    [Fact]
    public void Folders_match_namespaces()
    {
        // The one exception: the registration extension lives in Microsoft.Extensions.DependencyInjection by the
        // framework's convention (so that `services.AddPiiGuardTelemetry` needs no extra using), next to the rest of the
        // hosting integration.
        const string Registration = "Hosting/PiiGuardTelemetryServiceCollectionExtensions.cs";
        string root = SourceRoot();
        string[] offenders = SourceFiles()
            .Select(file => (Relative: Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'), Namespace: Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value))
            .Where(entry => entry.Relative != Registration)
            .Where(entry => entry.Namespace != ExpectedNamespace(entry.Relative))
            .Select(entry => entry.Relative + ": " + entry.Namespace)
            .ToArray();

        Assert.Contains(SourceFiles(), file => file.EndsWith("UsageStatistics.cs", StringComparison.Ordinal));
        Assert.Empty(offenders);
        Assert.Equal("Microsoft.Extensions.DependencyInjection", typeof(Microsoft.Extensions.DependencyInjection.PiiGuardTelemetryServiceCollectionExtensions).Namespace);
        Assert.True(File.Exists(Path.Combine(root, Registration)));
    }

    private static string ExpectedNamespace(string relative)
    {
        string folder = Path.GetDirectoryName(relative)!.Replace('/', '.').Replace('\\', '.');
        return folder.Length == 0 ? "PiiGuard" : "PiiGuard.Telemetry." + folder;
    }

    // Top-level public types (file-scoped namespaces: they start at column 0), with their generic parameters.
    private static string[] PublicTypeNames(string source) =>
        Regex.Matches(source, @"^public (?:(?:sealed|static|abstract|partial|readonly) )*(?:class|record struct|record|struct|enum|interface) (\w+(?:<[^>]+>)?)", RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal))
            .Distinct()
            .ToArray();

    // UsageStatistics.cs or UsageStatistics.Rights.cs (a part of a partial type); ErrorClassifier{TError}.cs for a generic one.
    private static bool FileNameFits(string file, string type)
    {
        string name = type.Replace('<', '{').Replace('>', '}');
        string fileName = Path.GetFileNameWithoutExtension(file);
        return fileName == name || fileName.StartsWith(name + ".", StringComparison.Ordinal);
    }

    private static string[] SourceFiles() =>
        Directory.GetFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(SourceRoot(), file).Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .ToArray();

    private static string SourceRoot() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "src", "Telemetry"));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
