using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Analyzers.Flow;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>
/// How the flow analysis scales, by counting its work (never by timing it): a helper is summarised once whatever
/// the number of its call sites, and the operations visited grow linearly with call sites and with method size.
/// Broken code never makes it throw.
/// </summary>
public class FlowScaleTests
{
    [Fact]
    public async Task A_helper_called_from_1000_sites_is_summarised_once_and_the_work_grows_linearly()
    {
        (FlowCounters half, FlowCounters full) = await AnalyzeGrowingAsync(CallSites);

        Assert.Equal(1, half.SummariesOf("Audit.Write"));
        Assert.Equal(1, full.SummariesOf("Audit.Write"));
        Assert.Equal(half.SummariesComputed, full.SummariesComputed);
        Assert.Equal(half.SummaryPasses, full.SummaryPasses);
    }

    [Fact]
    public async Task A_member_read_by_1000_methods_has_its_stores_worked_out_once_and_the_work_grows_linearly()
    {
        (FlowCounters half, FlowCounters full) = await AnalyzeGrowingAsync(Readers);

        Assert.Equal(1, half.StoresOf("Greeter._email"));
        Assert.Equal(1, full.StoresOf("Greeter._email"));
    }

    [Fact]
    public async Task A_constructor_that_stores_1000_members_is_solved_once_for_all_of_them()
    {
        (FlowCounters half, FlowCounters full) = await AnalyzeGrowingAsync(StoredMembers);

        Assert.Equal(1, half.StoresOf("Holder._f0"));
        Assert.Equal(1, full.StoresOf("Holder._f999"));
    }

    /// <summary>
    /// The sources of <paramref name="sites"/> 0, 500 and 1,000 sinks, analysed: each sink is reported once, and the
    /// work grows linearly (the second 500 sites cost what the first 500 did). Returns the counters at 500 and 1,000.
    /// </summary>
    private static async Task<(FlowCounters Half, FlowCounters Full)> AnalyzeGrowingAsync(Func<int, string> sites)
    {
        (FlowCounters none, ImmutableArray<Diagnostic> noDiagnostics) = await AnalyzeAsync(sites(0));
        (FlowCounters half, ImmutableArray<Diagnostic> halfDiagnostics) = await AnalyzeAsync(sites(500));
        (FlowCounters full, ImmutableArray<Diagnostic> fullDiagnostics) = await AnalyzeAsync(sites(1000));

        Assert.Empty(noDiagnostics);
        Assert.Equal(500, halfDiagnostics.Count(d => d.Id == RuleIds.PersonalDataReachesSink));
        Assert.Equal(1000, fullDiagnostics.Count(d => d.Id == RuleIds.PersonalDataReachesSink));

        long first = half.OperationsVisited - none.OperationsVisited;
        long second = full.OperationsVisited - half.OperationsVisited;
        Assert.True(first > 0);
        Assert.InRange(second, first * 99 / 100, first * 101 / 100);
        return (half, full);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_method_of_1000_statements_is_solved_in_linear_work_whatever_the_order_of_its_assignments(bool reversed)
    {
        (FlowCounters half, ImmutableArray<Diagnostic> halfDiagnostics) = await AnalyzeAsync(Chain(500, reversed));
        (FlowCounters full, ImmutableArray<Diagnostic> fullDiagnostics) = await AnalyzeAsync(Chain(1000, reversed));

        Assert.Single(halfDiagnostics, d => d.Id == RuleIds.PersonalDataReachesSink);
        Assert.Single(fullDiagnostics, d => d.Id == RuleIds.PersonalDataReachesSink);

        // A chain a1 = a0; a2 = a1; ... written last link first would cost rounds x statements if the assignments
        // were solved in rounds; the work list re-evaluates an assignment only when what it reads has changed.
        Assert.InRange(full.OperationsVisited, half.OperationsVisited * 19 / 10, half.OperationsVisited * 21 / 10);
    }

    [Fact]
    public async Task Without_PiiGuard_referenced_the_analysis_does_nothing()
    {
        const string source = "public class A { public void M() { Console.WriteLine(Environment.MachineName); } }";
        (FlowCounters with, ImmutableArray<Diagnostic> withDiagnostics) = await AnalyzeAsync(source);
        (FlowCounters without, ImmutableArray<Diagnostic> withoutDiagnostics) = await AnalyzeAsync(
            source.Replace("public class A", "namespace PiiGuard { } public class A", StringComparison.Ordinal), new List<Exception>(), allowErrors: false, withPiiGuard: false);

        Assert.Single(withDiagnostics, d => d.Id == RuleIds.PersonalDataReachesSink);
        Assert.True(with.OperationsVisited > 0);
        Assert.Empty(withoutDiagnostics);
        Assert.Equal(0, without.OperationsVisited);
    }

    public static TheoryData<string> BrokenSources => new()
    {
        "public class A { public void M(User user) { Console.WriteLine(user. } }",
        "public class A { public void M(User user) { Console.WriteLine(user.Email }",
        "public class A { public void M(User user) { Unknown.Log(user.Email); Console.WriteLine(Missing(user.Email)); } }",
        "public class A { public void M(User user) { var x = ; Console.WriteLine(x); } }",
        "public class A { public void M(User user) { Console.WriteLine($\"{user.Email\"); } }",
        "public class A { public void M(User user) => M(user.Email); }",
        "public class A { public string M(string s) => M(M(s)); public void N(User u) { Console.WriteLine(M(u.Email)); } }",
        "public class A { public void M(User user) { foreach (var (a, b) in user.Email) Console.WriteLine(a); } }",
        "public class A { public void M(User user, ILogger logger) { logger.LogInformation(); logger.LogInformation(\"{A}\", ); } }",
        "public class A { public void M(User user) { throw new Exception(message: user.Email, user.Email); } }",
        "public class A { public A(string s) : base(s) { } public void M(User u) { _ = new A(u.Email); } }",
        "public partial class A { partial void P(string s); public void M(User u) => P(u.Email); }",
        "public class A { public void M(User user) { SentrySdk.ConfigureScope(s => s.SetTag(\"k\", )); new SentryOptions { SendDefaultPii = } ; } }",
        "public class A { public void M(User user) { Action<string> a = null!; a(user.Email); Func<string> f = () => user.Email; Console.WriteLine(f()); } }",
        "public class A { private string _s = \"\"; public void W(User user) { _s = user.; } public void R() => Console.WriteLine(_s); }",
        "public class A { private string _s = ; public void R() => Console.WriteLine(_s); }",
        "public class A { private string _s = \"\"; private List<string> _l = new(); private string[] _a = new string[1]; public void W(User u) { (_s, var t) = (u.Email, 1); _a[0] = u.Email; this._l.Add(u.Email); Missing._s = u.Email; } public void R() { Console.WriteLine(_s + _l[0] + _a[0]); } }",
        "public class A { private static string _s = \"\"; private Action _a = () => _s = Environment.MachineName; public void R() => Console.WriteLine(_s); }",
        "public interface I { void M(string s); } public class A : I { public void M(string s) => ((I)this).M(s); } public class B { public void N(User u, I i) => i.M(u.Email); }",
        "public interface I { void M(string s); } public class A : I { } public abstract class C { public abstract void M(string s); } public class D : C { public override void M(int s) { } } public class B { public void N(User u, I i, C c) { i.M(u.Email); c.M(u.Email); } }",
        "public record R(string E); public class A { public R M(User u) => new(u.Email, 2); public void N(R r) => Console.WriteLine(r.E); }",
        "public class S(string e) { public void P() => Console.WriteLine(e); } public class A { public S M(User u) => new S(; }",
        "public class A { private string _s = \"\"; public A(string s) : this(s, ) { _s = s; } public A(string s, string t) { } public void M(User u) { _ = new A(u.Email); } public void P() => Console.WriteLine(_s); }",
        "public class A { public string S { get; set; } = \"\"; public A(User u) { S = u.Email; } public void R() => Console.WriteLine(new A(null!) { S = }.S); }",
        "public class A { public void M(User user) { string s = user.Email; s += s; s ??= user.Email; (s, var t) = (user.Email, 1); Console.WriteLine(s + t); } }",
        "public class A { public void M(User user) { Console.WriteLine(" + string.Concat(Enumerable.Repeat("user.Email + ", 3000)) + "\"\"); } }",
        "public class A { public void M(User user) { Console.WriteLine(" + string.Concat(Enumerable.Repeat("(", 400)) + "user.Email" + string.Concat(Enumerable.Repeat(")", 400)) + "); } }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Broken_code_never_makes_the_flow_analysis_throw(string source)
    {
        var exceptions = new List<Exception>();
        (_, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(source, exceptions, allowErrors: true);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    private const string User = """
        [DataSubject]
        public class User
        {
            [PersonalData(PersonalDataKind.Contact)] public string Email { get; set; } = "";
        }

        """;

    private static string CallSites(int count)
    {
        var source = new StringBuilder(User);
        source.AppendLine("public static class Audit { public static void Write(string text) => Console.WriteLine(text); }");
        source.AppendLine("public class Caller { public void Run(User user) {");
        for (int i = 0; i < count; i++)
        {
            source.AppendLine("    Audit.Write(user.Email);");
        }

        source.AppendLine("} }");
        return source.ToString();
    }

    private static string Readers(int count)
    {
        var source = new StringBuilder(User);
        source.AppendLine("public class Greeter {");
        source.AppendLine("    private string _email = \"\";");
        source.AppendLine("    public void Remember(User user) { _email = user.Email; }");
        for (int i = 0; i < count; i++)
        {
            source.AppendLine($"    public void Greet{i}() {{ Console.WriteLine(_email); }}");
        }

        source.AppendLine("}");
        return source.ToString();
    }

    private static string StoredMembers(int count)
    {
        var source = new StringBuilder(User);
        source.AppendLine("public class Holder {");
        for (int i = 0; i < count; i++)
        {
            source.AppendLine($"    private string _f{i} = \"\";");
        }

        source.AppendLine("    public Holder(User user) {");
        for (int i = 0; i < count; i++)
        {
            source.AppendLine($"        _f{i} = user.Email;");
        }

        source.AppendLine("    }");
        for (int i = 0; i < count; i++)
        {
            source.AppendLine($"    public void Print{i}() {{ Console.WriteLine(_f{i}); }}");
        }

        source.AppendLine("}");
        return source.ToString();
    }

    private static string Chain(int length, bool reversed)
    {
        var source = new StringBuilder(User);
        source.AppendLine("public class Caller { public void Run(User user) {");
        for (int i = 0; i <= length; i++)
        {
            source.AppendLine($"    string a{i} = \"\";");
        }

        var links = new List<string> { "    a0 = user.Email;" };
        for (int i = 1; i <= length; i++)
        {
            links.Add($"    a{i} = a{i - 1};");
        }

        if (reversed)
        {
            links.Reverse();
        }

        links.ForEach(link => source.AppendLine(link));
        source.AppendLine($"    Console.WriteLine(a{length});");
        source.AppendLine("} }");
        return source.ToString();
    }

    private static Task<(FlowCounters Counters, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(string source) =>
        AnalyzeAsync(source, new List<Exception>(), allowErrors: false);

    private static async Task<(FlowCounters Counters, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(string source, List<Exception> exceptions, bool allowErrors, bool withPiiGuard = true)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        string usings = "using System; using System.Collections.Generic; using System.Linq; using PiiGuard; using Microsoft.Extensions.Logging; using Sentry;\n";
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Flow",
            new[]
            {
                CSharpSyntaxTree.ParseText(usings + source, parse),
                CSharpSyntaxTree.ParseText(MicrosoftExtensionsLogging.Source, parse),
                CSharpSyntaxTree.ParseText(Stubs.Sentry.Source, parse),
            },
            withPiiGuard ? PlatformReferences.WithPiiGuard : PlatformReferences.WithPiiGuard.Where(r => !(r.Display ?? "").EndsWith("PiiGuard.dll", StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (!allowErrors)
        {
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        var counters = new FlowCounters();
        var analyzer = new PersonalDataFlowAnalyzer { Counters = counters };
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options)
            .GetAnalyzerDiagnosticsAsync();
        return (counters, diagnostics);
    }
}
