using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Generators.Parser;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// Every rule has a unique id, a page under docs/rules with a help link to it, and a release-tracking entry; a rule
/// that says different things has a descriptor for each, with the rule's title, severity and description, and a
/// message format of its own.
/// </summary>
public class RuleCatalogTests
{
    public static TheoryData<string> Ids => new(AllDescriptors().Select(d => d.Id).Distinct());

    [Fact]
    public void Every_rule_id_is_a_unique_PII_id_and_has_a_descriptor()
    {
        string[] ids = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.All(ids, id => Assert.Matches("^PII[0-9]{3}$", id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.OrderBy(i => i), AllDescriptors().Select(d => d.Id).Distinct().OrderBy(i => i));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_descriptor_has_a_page_and_a_help_link_to_it(string id)
    {
        Assert.All(AllDescriptors().Where(d => d.Id == id), descriptor =>
        {
            Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? link) && link.Scheme == Uri.UriSchemeHttps);
            Assert.EndsWith("/docs/rules/" + id + ".md", link!.AbsolutePath, StringComparison.Ordinal);
        });

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
        DiagnosticDescriptor descriptor = AllDescriptors().First(d => d.Id == id);
        string unshipped = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_descriptors_of_a_rule_share_all_but_their_message_format(string id)
    {
        DiagnosticDescriptor[] ofRule = AllDescriptors().Where(d => d.Id == id).ToArray();
        DiagnosticDescriptor first = ofRule[0];
        Assert.All(ofRule, d =>
        {
            Assert.Equal(first.Title.ToString(CultureInfo.InvariantCulture), d.Title.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(first.Description.ToString(CultureInfo.InvariantCulture), d.Description.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(first.Category, d.Category);
            Assert.Equal(first.DefaultSeverity, d.DefaultSeverity);
            Assert.Equal(first.IsEnabledByDefault, d.IsEnabledByDefault);
        });
        string[] formats = ofRule.Select(d => d.MessageFormat.ToString(CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(formats.Length, formats.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_message_a_rule_page_quotes_is_one_its_descriptors_write(string id)
    {
        // The page's plain code blocks quote messages; each must fit one of the rule's message formats.
        Regex[] formats = AllDescriptors().Where(d => d.Id == id)
            .Select(d => new Regex("^" + Regex.Replace(Regex.Escape(d.MessageFormat.ToString(CultureInfo.InvariantCulture)), @"\\\{[0-9]+}", ".+") + "$"))
            .ToArray();
        string[] quoted = QuotedMessages(File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "rules", id + ".md"))).ToArray();
        Assert.NotEmpty(quoted);
        Assert.All(quoted, message => Assert.True(formats.Any(f => f.IsMatch(message)), $"docs/rules/{id}.md quotes a message no {id} descriptor writes: {message}"));
    }

    [Fact]
    public void Every_message_format_is_a_template_whose_arguments_are_numbered_from_zero()
    {
        // A format of placeholders alone ("{0}") carries prose built in code: SARIF and IDEs get no template.
        Assert.All(AllDescriptors(), descriptor =>
        {
            string format = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
            int[] numbers = Regex.Matches(format, @"\{([0-9]+)\}").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
            string text = Regex.Replace(format, @"\{[0-9]+\}", "");
            Assert.True(text.Count(char.IsLetter) >= 10, $"{descriptor.Id}'s message format '{format}' says next to nothing itself.");
            Assert.Equal(Enumerable.Range(0, numbers.Length), numbers);
            Assert.DoesNotContain("{", text.Replace("{{", "", StringComparison.Ordinal), StringComparison.Ordinal);
            _ = string.Format(CultureInfo.InvariantCulture, format, Enumerable.Repeat((object)"x", numbers.Length).ToArray());
        });
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_rule_and_by_the_analyzer_the_compiler_loads()
    {
        // Compared by reference: two descriptors of one rule are equal in all but their message format.
        ImmutableArray<DiagnosticAnalyzer> loaded = AllAnalyzers.Create();
        var owners = loaded.SelectMany(a => a.SupportedDiagnostics).ToList();
        Assert.Equal(owners.Count, owners.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(AllDescriptors().ToHashSet(ReferenceEqualityComparer.Instance), owners.ToHashSet(ReferenceEqualityComparer.Instance));

        // The payload rules run from PiiGuardAnalyzer; each application-data rule family is an analyzer of its own.
        var ofRules = RuleAnalyzers().SelectMany(a => a.SupportedDiagnostics).ToList();
        Assert.Equal(ofRules.Count, ofRules.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(AllDescriptors().ToHashSet(ReferenceEqualityComparer.Instance), ofRules.ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void Every_payload_problem_has_its_own_PII007_descriptor_but_those_PII002_reports()
    {
        PayloadProblemKind[] kinds = Enum.GetValues<PayloadProblemKind>();
        PayloadProblemKind[] reportedByPreciseTime = [PayloadProblemKind.AggregatedNotPointInTime, PayloadProblemKind.PointInTimeNotAggregated];
        Assert.All(reportedByPreciseTime, kind => Assert.Null(Descriptors.For(kind)));

        DiagnosticDescriptor[] described = kinds.Except(reportedByPreciseTime).Select(kind => Descriptors.For(kind)!).ToArray();
        Assert.All(described, d => Assert.Equal(RuleIds.Unsupported, d?.Id));
        Assert.Equal(described.Length, described.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(
            new UnsupportedPayloadAnalyzer().SupportedDiagnostics.ToHashSet(ReferenceEqualityComparer.Instance),
            described.ToHashSet(ReferenceEqualityComparer.Instance));
    }

    /// <summary>The lines of the plain (language-less) fenced code blocks of a rule page.</summary>
    private static IEnumerable<string> QuotedMessages(string[] lines)
    {
        bool plainBlock = false;
        bool inBlock = false;
        foreach (string line in lines.Select(l => l.Trim()))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                plainBlock = !inBlock && line.Length == 3;
                inBlock = !inBlock;
            }
            else if (inBlock && plainBlock && line.Length > 0)
            {
                yield return line;
            }
        }
    }

    /// <summary>
    /// Each rule's own analyzer class: the payload rules' (which the compiler loads through PiiGuardAnalyzer) and each
    /// application-data family's, which the compiler loads itself.
    /// </summary>
    private static IEnumerable<DiagnosticAnalyzer> RuleAnalyzers() =>
        typeof(PayloadAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t != typeof(PiiGuardAnalyzer))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

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
