using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// samples/FilamentTracker, the application that holds personal data on purpose, builds with no diagnostic, writes its
/// data map, and its committed privacy page (PRIVACY.md) and data map lock are what its build generates: the page the
/// sample publishes cannot drift from its code.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FilamentTrackerSampleTests
{
    [Fact]
    public void Builds_without_diagnostics_and_its_privacy_page_is_the_generated_data_map()
    {
        string project = Repository.PathOf("samples/FilamentTracker/FilamentTracker.csproj");
        string lockPath = Repository.PathOf("samples/FilamentTracker/piiguard.datamap.lock");
        string committedLock = File.ReadAllText(lockPath);

        DotnetResult build = Dotnet.Run(Repository.Root, "build", project, "-nodeReuse:false", "-tl:off");

        Assert.True(build.Succeeded, "samples/FilamentTracker must build. " + build.Describe());
        Assert.True(BuildDiagnostic.Parse(build.Output).Count == 0, "samples/FilamentTracker must build without diagnostics. " + build.Describe());
        Assert.Equal(committedLock, File.ReadAllText(lockPath));

        string folder = Repository.PathOf("samples/FilamentTracker/bin/Debug/net10.0/piiguard");
        string page = File.ReadAllText(Path.Combine(folder, "personal-data.md"));
        Assert.Equal(File.ReadAllText(Repository.PathOf("samples/FilamentTracker/PRIVACY.md")), page);

        // Every entity of the app's DbContext is in the map, each with a way to its account.
        using JsonDocument map = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "personal-data.json")));
        string[] types = map.RootElement.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString() ?? "").ToArray();
        Assert.Equal(
            ["AffiliateClick", "AuthLogEntry", "BambuConnection", "Comment", "Palette", "Photo", "Print", "Review", "Spool", "User"],
            types.Select(t => t[(t.LastIndexOf('.') + 1)..]).Order(StringComparer.Ordinal));
        Assert.Contains("[deleted user]", page, StringComparison.Ordinal);
        Assert.Contains("90 days", page, StringComparison.Ordinal);
    }
}
