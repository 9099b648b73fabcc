using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// The disclosure promises only what the build enforces: "Never collected" lists a kind of data only when the rules
/// that report it are errors in the payload's build, and the fields that drew less than an error are listed as such.
/// </summary>
public sealed class DisclosureTests
{
    private const string Payload = """
        using System;
        using System.Collections.Generic;
        using PiiGuard;

        namespace Shop;

        public sealed record Details([property: TelemetryField] string? Flavor);

        [TelemetryPayload(Name = "shop_usage", SchemaVersion = "1")]
        public sealed class Usage
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
            [TelemetryField] public int Orders { get; init; }
            [TelemetryField] public string? Tag { get; init; }
            [TelemetryField] public List<string> Tags { get; init; } = new();
            [TelemetryField] public int ZipCode { get; init; }
            [TelemetryField] public long CreatedAtUnix { get; init; }
            [TelemetryField] public long BuildTimestamp { get; init; }
            [TelemetryField] public Guid SessionId { get; init; }
            [TelemetryField] public Details? Details { get; init; }
        }
        """;

    [Fact]
    public void By_default_every_kind_is_promised_and_free_text_is_listed_as_passed_with_a_warning()
    {
        string markdown = Disclosure(Options());

        string[] never = Section(markdown, "Never collected");
        Assert.Contains(never, line => line.StartsWith("- Names, user names, e-mail addresses", StringComparison.Ordinal));
        Assert.Contains(never, line => line.StartsWith("- Exact timestamps", StringComparison.Ordinal));
        Assert.Contains(never, line => line.StartsWith("- Identifiers of people", StringComparison.Ordinal));
        Assert.DoesNotContain(never, line => line.StartsWith("- Free text", StringComparison.Ordinal));

        // Errors fail the build: the fields they report never reach a published disclosure. Text no name rule reports
        // draws only PII006's warning, and the page says so.
        Assert.Equal(
            new[]
            {
                "- `tag`: free text, which can hold whatever a person typed; PII006 is not an error in this build",
                "- `tags`: free text, which can hold whatever a person typed; PII006 is not an error in this build",
                "- `details.flavor`: free text, which can hold whatever a person typed; PII006 is not an error in this build",
            },
            Section(markdown, "Passed with a warning"));
        Assert.Contains("except for the fields listed under \"Passed with a warning\"", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_lowered_to_a_warning_leaves_its_kinds_out_and_lists_the_fields_it_reports()
    {
        string markdown = Disclosure(Options(("PII001", ReportDiagnostic.Warn), ("PII002", ReportDiagnostic.Suppress), ("PII004", ReportDiagnostic.Warn)));

        string[] never = Section(markdown, "Never collected");
        Assert.DoesNotContain(never, line => line.StartsWith("- Names, user names", StringComparison.Ordinal));
        Assert.DoesNotContain(never, line => line.StartsWith("- Exact timestamps", StringComparison.Ordinal));
        Assert.DoesNotContain(never, line => line.StartsWith("- Identifiers", StringComparison.Ordinal));

        // Devices and networks are reported by PII001 as text and PII004 as numbers: both must be errors.
        Assert.DoesNotContain(never, line => line.StartsWith("- Device", StringComparison.Ordinal));
        Assert.Contains(never, line => line.StartsWith("- Locations", StringComparison.Ordinal));
        Assert.Contains(never, line => line.StartsWith("- Documents and dumps", StringComparison.Ordinal));

        string[] warned = Section(markdown, "Passed with a warning");
        Assert.Contains("- `zip_code`: named like identity or contact data ('zip code'); PII001 is not an error in this build", warned);
        Assert.Contains("- `created_at_unix`: named like a point in time ('unix'); PII002 is not an error in this build", warned);
        // A build's time is the same for every user: PII002 does not report it, so it is not listed.
        Assert.DoesNotContain(warned, line => line.Contains("`build_timestamp`", StringComparison.Ordinal));
        Assert.Contains("- `session_id`: an identifier (a Guid) other than the installation id; PII004 is not an error in this build", warned);
        Assert.DoesNotContain(warned, line => line.Contains("`orders`", StringComparison.Ordinal) || line.Contains("`installation_id`", StringComparison.Ordinal));
    }

    [Fact]
    public void Warnings_as_errors_make_free_text_a_promise_and_leave_no_field_with_a_warning()
    {
        string markdown = Disclosure(Options().WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        Assert.Contains("- Free text: strings that could hold whatever a person typed", Section(markdown, "Never collected"));
        Assert.DoesNotContain("## Passed with a warning", markdown, StringComparison.Ordinal);
        Assert.Contains("the build fails if a field could carry any of the data listed under \"Never collected\".", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_that_enforces_no_rule_promises_nothing()
    {
        string markdown = Disclosure(Options(
            ("PII001", ReportDiagnostic.Suppress), ("PII002", ReportDiagnostic.Suppress), ("PII003", ReportDiagnostic.Suppress),
            ("PII004", ReportDiagnostic.Suppress), ("PII005", ReportDiagnostic.Suppress), ("PII006", ReportDiagnostic.Suppress)));

        Assert.Contains("This build enforces none of PiiGuard's rules as errors, so this page promises nothing about what a field can carry.", markdown, StringComparison.Ordinal);
        Assert.Empty(Section(markdown, "Never collected"));
    }

    [Fact]
    public void The_severity_of_the_payloads_own_file_counts()
    {
        // .editorconfig sections reach the compiler per file, through the syntax tree options.
        CSharpCompilation compilation = GeneratorHarness.Compile(Payload);
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(
            new PerFileSeverities(compilation.SyntaxTrees.Single(), "PII005", ReportDiagnostic.Warn)));

        string[] never = Section(Disclosure(compilation), "Never collected");
        Assert.DoesNotContain(never, line => line.StartsWith("- Locations", StringComparison.Ordinal));
        Assert.DoesNotContain(never, line => line.StartsWith("- Behavioural", StringComparison.Ordinal));
        Assert.Contains(never, line => line.StartsWith("- Names, user names", StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_severity_rewrites_the_disclosure()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Payload);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        GeneratorRunResult run = driver.RunGenerators(compilation.WithOptions(Options(("PII001", ReportDiagnostic.Warn))))
            .GetRunResult().Results.Single();

        Assert.Equal(new[] { "global::Shop.Usage" }, run.RegeneratedPayloads());
        Assert.DoesNotContain(Section(Markdown(run), "Never collected"), line => line.StartsWith("- Names, user names", StringComparison.Ordinal));
    }

    [Fact]
    public void Strict_makes_free_text_a_promise_and_leaves_no_field_with_a_warning()
    {
        string markdown = Disclosure(Options(), Settings(("piiguard.strict", "true")));

        Assert.Contains("- Free text: strings that could hold whatever a person typed", Section(markdown, "Never collected"));
        Assert.DoesNotContain("## Passed with a warning", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_strict_build_property_counts_as_strict()
    {
        string markdown = Disclosure(Options(), Settings(("build_property.PiiGuardStrict", "true")));

        Assert.Contains("- Free text: strings that could hold whatever a person typed", Section(markdown, "Never collected"));
    }

    [Fact]
    public void A_severity_set_for_free_text_overrides_strict_as_the_compiler_does()
    {
        string markdown = Disclosure(Options(("PII006", ReportDiagnostic.Warn)), Settings(("piiguard.strict", "true")));

        Assert.DoesNotContain(Section(markdown, "Never collected"), line => line.StartsWith("- Free text", StringComparison.Ordinal));
        Assert.Contains("- `tag`: free text, which can hold whatever a person typed; PII006 is not an error in this build", Section(markdown, "Passed with a warning"));
    }

    [Fact]
    public void The_projects_forbidden_words_are_promised_while_PII001_is_an_error()
    {
        string markdown = Disclosure(Options(), Settings(("piiguard.forbidden_words", "shop_code, Flavor")));

        Assert.Contains("- Anything named with one of this app's own words for personal data: shop code, flavor", Section(markdown, "Never collected"));

        // A forbidden word is an error on text too: details.flavor fails the build instead of passing with a warning.
        Assert.DoesNotContain(Section(markdown, "Passed with a warning"), line => line.Contains("`details.flavor`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_forbidden_word_under_a_lowered_PII001_is_not_promised_and_its_field_is_listed()
    {
        string markdown = Disclosure(Options(("PII001", ReportDiagnostic.Warn)), Settings(("piiguard.forbidden_words", "orders")));

        Assert.DoesNotContain(Section(markdown, "Never collected"), line => line.StartsWith("- Anything named with", StringComparison.Ordinal));
        Assert.Contains("- `orders`: named like a word this project forbids ('orders'); PII001 is not an error in this build", Section(markdown, "Passed with a warning"));
    }

    [Fact]
    public void An_allowed_word_clears_a_field_as_it_does_in_the_analyzers()
    {
        string lowered = Disclosure(Options(("PII001", ReportDiagnostic.Warn)));
        Assert.Contains(Section(lowered, "Passed with a warning"), line => line.StartsWith("- `zip_code`", StringComparison.Ordinal));

        string allowed = Disclosure(Options(("PII001", ReportDiagnostic.Warn)), Settings(("piiguard.allowed_words", "zip_code")));
        Assert.DoesNotContain(Section(allowed, "Passed with a warning"), line => line.StartsWith("- `zip_code`", StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_setting_rewrites_the_disclosure_and_an_equal_one_rewrites_nothing()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Payload);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true, Settings(("piiguard.forbidden_words", "flavor"))).RunGenerators(compilation);

        GeneratorRunResult same = driver.WithUpdatedAnalyzerConfigOptions(Settings(("piiguard.forbidden_words", "flavor")))
            .RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Empty(same.RegeneratedPayloads());

        GeneratorRunResult changed = driver.WithUpdatedAnalyzerConfigOptions(Settings(("piiguard.forbidden_words", "flavor, shop_code")))
            .RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Equal(new[] { "global::Shop.Usage" }, changed.RegeneratedPayloads());
        Assert.Contains("- Anything named with one of this app's own words for personal data: flavor, shop code", Section(Markdown(changed), "Never collected"));
    }

    private static CSharpCompilationOptions Options(params (string Id, ReportDiagnostic Report)[] severities) =>
        GeneratorHarness.Compile().Options.WithSpecificDiagnosticOptions(severities.Select(s => new KeyValuePair<string, ReportDiagnostic>(s.Id, s.Report)));

    private static string Disclosure(CSharpCompilationOptions options, AnalyzerConfigOptionsProvider? settings = null) =>
        Disclosure(GeneratorHarness.Compile(Payload).WithOptions(options), settings);

    private static string Disclosure(CSharpCompilation compilation, AnalyzerConfigOptionsProvider? settings = null) =>
        Markdown(GeneratorHarness.CreateDriver(settings: settings).RunGenerators(compilation).GetRunResult().Results.Single());

    /// <summary>.editorconfig options that apply to every file (and as global options, like build properties).</summary>
    private static AnalyzerConfigOptionsProvider Settings(params (string Key, string Value)[] values) =>
        new EverywhereOptions(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    /// <summary>The Markdown disclosure: the fourth argument of the serializer's schema documents attribute.</summary>
    private static string Markdown(GeneratorRunResult run)
    {
        SyntaxTree tree = run.Payloads().Single().SyntaxTree;
        AttributeSyntax attribute = tree.GetRoot().DescendantNodes().OfType<AttributeSyntax>()
            .Single(a => a.Name.ToString().EndsWith(nameof(PiiGuard.Serialization.Metadata.TelemetrySchemaDocumentsAttribute), StringComparison.Ordinal));
        return ((LiteralExpressionSyntax)attribute.ArgumentList!.Arguments[3].Expression).Token.ValueText;
    }

    /// <summary>The list items of a <c>## heading</c> section.</summary>
    private static string[] Section(string markdown, string heading)
    {
        int start = markdown.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section '{heading}' in:\n{markdown}");
        int end = markdown.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        string body = end < 0 ? markdown[start..] : markdown[start..end];
        return body.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)).ToArray();
    }

    private sealed class EverywhereOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Values _values = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _values;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _values;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _values;

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    private sealed class PerFileSeverities(SyntaxTree tree, string id, ReportDiagnostic report) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree1, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = report;
            return tree1 == tree && diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }
}
