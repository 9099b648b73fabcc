using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Analyzers.Flow;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>
/// The application-data rules (PII100 to PII106, PII110, PII111) cost nothing in a project with no application data
/// (payloads alone): counted, never timed. And each rule still reports in the smallest project that needs it: a known
/// personal source and a sink, with no attribute; a malformed annotation, with no data subject; application data
/// declared in a referenced assembly; an identifier spelled with Unicode escapes.
/// </summary>
public class EarlyExitTests
{
    // Payloads, an enum, a nested record, and code that builds and prints them: LINQ, string interpolation and
    // concatenation, Console.WriteLine of the payload's fields. No application data, no known personal source.
    private const string Payloads = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using PiiGuard;

        namespace Shop.Telemetry;

        public enum Plan { Free, Pro }

        [TelemetryPayload(Name = "usage", SchemaVersion = "1.0")]
        public sealed record Usage
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
            [TelemetryField, Aggregated(Period.Week)] public DateTimeOffset PeriodStart { get; init; }
            [TelemetryField] public int PrintCount { get; init; }
            [TelemetryField] public Plan Plan { get; init; }
            [TelemetryField] public List<int> JobMinutes { get; init; } = new();
            [TelemetryField] public Details Details { get; init; } = new();
        }

        public sealed record Details
        {
            [TelemetryField] public bool DarkTheme { get; init; }
        }

        public static class UsageReport
        {
            public static Usage Build(Guid installation, DateTimeOffset week, IEnumerable<int> minutes) => new()
            {
                InstallationId = installation,
                PeriodStart = week,
                PrintCount = minutes.Count(),
                JobMinutes = minutes.Where(m => m > 0).OrderBy(m => m).ToList(),
                Details = new Details { DarkTheme = Describe(Plan.Pro).Length > 2 },
            };

            public static void Print(Usage usage)
            {
                string line = $"{Describe(usage.Plan)}: {usage.PrintCount} prints, {usage.JobMinutes.Sum()} minutes";
                Console.WriteLine(line);
                Console.WriteLine("Installation " + usage.InstallationId + ", week of " + usage.PeriodStart.ToString("d"));
                foreach (var group in usage.JobMinutes.GroupBy(m => m / 10).Select(g => new { Bucket = g.Key, Count = g.Count() }))
                {
                    Console.WriteLine($"{group.Bucket}: {group.Count}");
                }
            }

            private static string Describe(Plan plan) => plan.ToString().ToLowerInvariant();
        }

        """;

    [Fact]
    public async Task A_project_of_payloads_alone_costs_the_application_rules_no_work()
    {
        Result result = await AnalyzeAsync(Compile(Payloads));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(0, result.Flow.BodiesAnalysed);
        Assert.Equal(0, result.Flow.SummariesComputed);
        Assert.Equal(0, result.Flow.OperationsVisited);
        Assert.Equal(0, result.Application.TypesAnalysed);
        Assert.Equal(0, result.Application.MembersLooked);
        Assert.Equal(0, result.Application.MemberFactsRead);
        Assert.Equal(0, result.Application.ScopeWalks);
    }

    [Fact]
    public async Task The_serializers_PiiGuard_generates_for_the_payloads_cost_no_work_either()
    {
        // The generated writers catch serialization errors to add a field's path: the word is there, the work is not.
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new PiiGuard.Generators.TelemetryPayloadGenerator());
        driver.RunGeneratorsAndUpdateCompilation(Compile(Payloads), out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        SyntaxTree[] trees = generated.SyntaxTrees.Skip(1).ToArray();

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(trees, tree => tree.ToString().Contains("catch (global::PiiGuard.TelemetrySerializationException", StringComparison.Ordinal));
        Assert.All(trees, tree => Assert.True(ApplicationEvidence.IsWrittenByThePayloadGenerator(tree), tree.FilePath));

        Result result = await AnalyzeAsync((CSharpCompilation)generated);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(0, result.Flow.BodiesAnalysed);
        Assert.Equal(0, result.Flow.OperationsVisited);
        Assert.Equal(0, result.Application.TypesAnalysed);
    }

    [Fact]
    public async Task The_same_payloads_beside_a_known_source_are_analysed_and_reported()
    {
        // The counters count: one known source anywhere, and the flow analysis looks at every body.
        Result result = await AnalyzeAsync(Compile(Payloads + "public static class Host { public static void Who() => Console.WriteLine(Environment.UserName); }"));

        Assert.Equal([RuleIds.PersonalDataReachesSink], result.Diagnostics.Select(d => d.Id));
        Assert.True(result.Flow.BodiesAnalysed > 5, $"{result.Flow.BodiesAnalysed} bodies");
        Assert.True(result.Flow.OperationsVisited > 0);
        Assert.Equal(0, result.Application.TypesAnalysed);
    }

    [Fact]
    public async Task The_same_payloads_beside_a_data_subject_are_analysed_and_reported()
    {
        Result result = await AnalyzeAsync(Compile(Payloads + "[DataSubject] public class Buyer { public Guid Id { get; set; } public string Email { get; set; } = \"\"; }"));

        Assert.Equal([RuleIds.UnclassifiedPersonalMember], result.Diagnostics.Select(d => d.Id));
        Assert.Equal(5, result.Application.TypesAnalysed);
        Assert.Equal(1, result.Application.ScopeWalks);
        Assert.True(result.Application.MemberFactsRead > 0);
    }

    public static TheoryData<string> KnownSources => new()
    {
        "public static void M() => Console.WriteLine(Environment.UserName);",
        "public static void M() => Console.WriteLine(Environment.MachineName);",
        "public static void M() => Console.WriteLine(Environment.UserDomainName);",
        "public static void M(Action a) { try { a(); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); } }",
        "public static void M(Action a) { try { a(); } catch (Exception e) { Console.WriteLine($\"failed: {e}\"); } }",
        "public static void M(System.Threading.Tasks.Task t) => Console.WriteLine(t.Exception!.ToString());",

        // An exception whose type and member name neither says "Exception": the word "Error" does.
        "public static void M(System.ComponentModel.AsyncCompletedEventArgs args) => Console.WriteLine(args.Error);",
        "public static void M(string text) => Console.WriteLine(System.Net.IPAddress.Parse(text));",
        "public static void M(System.Security.Claims.ClaimsPrincipal user) => Console.WriteLine(user.Identity!.Name);",
        "public static void M(System.Security.Claims.ClaimsPrincipal user) => Console.WriteLine(user.FindFirst(\"email\")!.Value);",

        // Through a summary: the source in one method, the sink in another.
        "private static string Who() => Environment.UserName; public static void M() => Console.WriteLine(Who());",

        // Names spelled with Unicode escapes.
        "public static void M() => Console.WriteLine(Environment.User\\u004Eame);",
        "public static void M() => System.Diagnostics.Debug.WriteLine(Environment.\\U0000004DachineName);",
    };

    [Theory]
    [MemberData(nameof(KnownSources))]
    public async Task A_known_source_and_a_sink_are_reported_without_any_application_data(string members)
    {
        Result result = await AnalyzeAsync(Compile("using System;\npublic static class A { " + members + " }"));

        Assert.Equal([RuleIds.PersonalDataReachesSink], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task A_member_classified_in_a_referenced_assembly_is_followed()
    {
        // The project names no PiiGuard attribute: the library that does references PiiGuard.
        MetadataReference library = Library(
            "Customers",
            "using PiiGuard; namespace Customers; [DataSubject] public class Customer { [PersonalData(PersonalDataKind.Contact)] public string Email { get; set; } = \"\"; }",
            withPiiGuard: true);

        Result result = await AnalyzeAsync(Compile("public static class A { public static void M(Customers.Customer c) => System.Console.WriteLine(c.Email); }", library));

        Assert.Equal([RuleIds.PersonalDataReachesSink], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task A_member_classified_by_Identity_in_a_referenced_assembly_is_followed()
    {
        // The project names neither Identity nor its attributes: IdentityUser comes back from a library's method.
        MetadataReference library = Library(
            "Accounts",
            AspNetCoreIdentity.Source + "namespace Accounts { public static class Users { public static Microsoft.AspNetCore.Identity.IdentityUser Current() => new(); } }",
            withPiiGuard: false);

        Result result = await AnalyzeAsync(Compile("public static class A { public static void M() => System.Console.WriteLine(Accounts.Users.Current().PhoneNumber); }", library));

        Assert.Equal([RuleIds.PersonalDataReachesSink], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task A_member_classified_by_a_Compliance_taxonomy_in_a_referenced_assembly_is_followed()
    {
        MetadataReference library = Library(
            "Orders",
            MicrosoftExtensionsCompliance.Source + """
                namespace Orders
                {
                    using Microsoft.Extensions.Compliance.Classification;

                    public sealed class PrivateDataAttribute : DataClassificationAttribute
                    {
                        public PrivateDataAttribute() : base(new DataClassification("shop", "private")) { }
                    }

                    public class Order
                    {
                        [PrivateData] public string Note { get; set; } = "";
                    }
                }
                """,
            withPiiGuard: false);

        Result result = await AnalyzeAsync(Compile("public static class A { public static void M(Orders.Order o) => System.Console.WriteLine(o.Note); }", library));

        Assert.Equal([RuleIds.PersonalDataReachesSink], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task A_request_header_is_followed_where_ASP_NET_Core_is_referenced()
    {
        MetadataReference library = Library("Http", AspNetCoreHttp.Source, withPiiGuard: false);

        Result result = await AnalyzeAsync(Compile(
            "public static class A { public static void M(Microsoft.AspNetCore.Http.HttpContext context) => System.Console.WriteLine(context.Request.Headers[\"User-Agent\"]); }",
            library));

        Assert.Equal([RuleIds.PersonalDataReachesSink], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task SendDefaultPii_is_reported_where_Sentry_is_referenced_and_nothing_else()
    {
        MetadataReference library = Library("Sentry", Stubs.Sentry.Source, withPiiGuard: false);

        Result result = await AnalyzeAsync(Compile("public static class A { public static void M(Sentry.SentryOptions options) => options.SendDefaultPii = true; }", library));

        Assert.Equal([RuleIds.SentrySendDefaultPii], result.Diagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("[Retention(0, nameof(Seen))] public class Visit { public DateTime Seen { get; set; } }", RuleIds.InvalidRetention)]
    [InlineData("[Retention(30, \"Missing\")] public class Visit { }", RuleIds.InvalidRetention)]
    [InlineData("[NoSubjectKey(\" \")] public class Visit { }", RuleIds.MalformedAnnotation)]
    [InlineData("[Erasure((ErasureAction)7)] public class Visit { }", RuleIds.MalformedAnnotation)]
    [InlineData("public class Note { [NotPersonalData(\"\")] public string Text { get; set; } = \"\"; }", RuleIds.MalformedAnnotation)]
    [InlineData("public class Note { [PersonalData((PersonalDataKind)99)] public string Text { get; set; } = \"\"; }", RuleIds.MalformedAnnotation)]
    [InlineData("public class Other { } public class Note { [SubjectKey(typeof(Other))] public int OwnerId { get; set; } }", RuleIds.MalformedAnnotation)]
    public async Task A_malformed_annotation_is_reported_without_a_data_subject_and_without_reading_names(string source, string rule)
    {
        Result result = await AnalyzeAsync(Compile("using System; using PiiGuard;\n" + source), flow: false);

        Assert.Equal([rule], result.Diagnostics.Select(d => d.Id).Distinct());
        Assert.True(result.Application.TypesAnalysed > 0);

        // Annotations only: no scope walk, no member's name read.
        Assert.Equal(0, result.Application.ScopeWalks);
        Assert.Equal(0, result.Application.MemberFactsRead);
    }

    [Fact]
    public async Task An_annotation_spelled_with_Unicode_escapes_is_still_checked()
    {
        // An escape may spell any word: the rules run as if every word were there.
        Result result = await AnalyzeAsync(Compile("using PiiGuard; [Rete\\u006Etion(30, \"Missing\")] public class Visit { }"), flow: false);

        Assert.Equal([RuleIds.InvalidRetention], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task A_data_subject_alone_is_enough_for_the_classification_rules()
    {
        Result result = await AnalyzeAsync(Compile("using PiiGuard; [DataSubject] public class Buyer { public string Email { get; set; } = \"\"; }"), flow: false);

        Assert.Equal([RuleIds.UnclassifiedPersonalMember], result.Diagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("string LastMessage;", (int)ApplicationEvidence.Words.PlatformSource)]
    [InlineData("int SlicerErrors; int ErrorCount; Plan Plan; [TelemetryField] Guid InstallationId;", (int)ApplicationEvidence.Words.None)]
    [InlineData("Console.WriteLine(args.Error);", (int)ApplicationEvidence.Words.PlatformSource)]
    [InlineData("Error = 1", (int)ApplicationEvidence.Words.PlatformSource)]
    [InlineData("string path = @\"C:\\Users\\me\\unit\";", (int)ApplicationEvidence.Words.None)]
    [InlineData("string s = \"\\u00e9\";", (int)ApplicationEvidence.Words.Escape)]
    [InlineData("string s = \"\\U0001F600\";", (int)ApplicationEvidence.Words.Escape)]
    [InlineData("string s = \"\\u00e\";", (int)ApplicationEvidence.Words.None)]
    [InlineData("[NoSubjectKey(\"lookup\")] [Erasure(ErasureAction.Delete)]", (int)ApplicationEvidence.Words.Annotation)]
    [InlineData("[NotPersonalData(\"a code\")]", (int)ApplicationEvidence.Words.PersonalData)]
    [InlineData("[DataSubject] class User { }", (int)ApplicationEvidence.Words.DataSubject)]
    public void The_words_of_a_text_are_read_as_words(string text, int expected)
    {
        Assert.Equal((ApplicationEvidence.Words)expected, ApplicationEvidence.Scan(text));
    }

    private sealed record Result(ImmutableArray<Diagnostic> Diagnostics, FlowCounters Flow, ApplicationCounters Application);

    private static CSharpCompilation Compile(string source, params MetadataReference[] references)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "EarlyExit",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            PlatformReferences.WithPiiGuard.AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    /// <summary>A library the project references as metadata, as real libraries are.</summary>
    private static MetadataReference Library(string name, string source, bool withPiiGuard)
    {
        CSharpCompilation library = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            withPiiGuard
                ? PlatformReferences.WithPiiGuard
                : PlatformReferences.WithPiiGuard.Where(r => !Path.GetFileName(r.Display ?? "").Equals("PiiGuard.dll", StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static async Task<Result> AnalyzeAsync(CSharpCompilation compilation, bool flow = true)
    {
        var flowCounters = new FlowCounters();
        var applicationCounters = new ApplicationCounters();
        ImmutableArray<DiagnosticAnalyzer> analyzers = flow
            ? [new ApplicationDataAnalyzer { Counters = applicationCounters }, new PersonalDataFlowAnalyzer { Counters = flowCounters }]
            : [new ApplicationDataAnalyzer { Counters = applicationCounters }];
        var exceptions = new System.Collections.Generic.List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        return new Result(diagnostics.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start)), flowCounters, applicationCounters);
    }
}
