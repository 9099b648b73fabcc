using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Analyzers.Tests;

/// <summary>Every rule has a unique id, a page under docs/rules with a help link to it, and a release-tracking entry.</summary>
public class RuleCatalogTests
{
    public static TheoryData<string> Ids => new(AllDescriptors().Select(d => d.Id));

    [Fact]
    public void Every_rule_id_is_a_unique_PII_id_and_has_a_descriptor()
    {
        string[] ids = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.All(ids, id => Assert.Matches("^PII[0-9]{3}$", id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.OrderBy(i => i), AllDescriptors().Select(d => d.Id).OrderBy(i => i));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_descriptor_has_a_page_and_a_help_link_to_it(string id)
    {
        DiagnosticDescriptor descriptor = AllDescriptors().Single(d => d.Id == id);
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? link) && link.Scheme == Uri.UriSchemeHttps);
        Assert.EndsWith("/docs/rules/" + id + ".md", link!.AbsolutePath, StringComparison.Ordinal);

        string page = Path.Combine(RepoRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page at {page}");
        string firstLine = File.ReadLines(page).First();
        Assert.StartsWith("# " + id, firstLine, StringComparison.Ordinal);
        string text = File.ReadAllText(page);
        Assert.Contains("Bad", text, StringComparison.Ordinal);
        Assert.Contains("Good", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_is_tracked_in_the_release_files(string id)
    {
        DiagnosticDescriptor descriptor = AllDescriptors().Single(d => d.Id == id);
        string unshipped = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer()
    {
        var owners = AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics.Select(d => d.Id)).ToList();
        Assert.Equal(owners.Count, owners.Distinct().Count());
        Assert.Equal(AllDescriptors().Select(d => d.Id).OrderBy(i => i), owners.OrderBy(i => i));
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PiiGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PiiGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
