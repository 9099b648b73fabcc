using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

using PiiGuard.Tests.Shared;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// Code that is broken mid-typing must never make an analyzer throw (AD0001): every rule runs over each snippet
/// and the test fails on any analyzer exception.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> BrokenSources => new()
    {
        "[TelemetryPayload] public class P { [TelemetryField] public string",
        "[TelemetryPayload] public class P { [TelemetryField] public string { get; set; } }",
        "[TelemetryPayload] public class P { [TelemetryField] public Unknown X { get; set; } }",
        "[TelemetryPayload] public class P { [TelemetryField] public List<Unknown> FilePaths { get; set; } }",
        "[TelemetryPayload] public class P { [TelemetryField] public List<> X; }",
        "[TelemetryPayload] public class P { [TelemetryField(] public int X; }",
        "[TelemetryPayload] public class P { [TelemetryField(null)] public int X; }",
        "[TelemetryPayload] public class P { [TelemetryField(\"\")] public string X; }",
        "[TelemetryPayload] public class P { [TelemetryField(42)] public string X; }",
        "[TelemetryPayload] public class P { [TelemetryField] public int this[int i] => 0; }",
        "[TelemetryPayload] public class P : P { [TelemetryField] public int X; }",
        "[TelemetryPayload] public class P : Q { } public class Q : P { [TelemetryField] public string Path; }",
        "[TelemetryPayload] public class P { [TelemetryField] public P Self { get; set; } [TelemetryField] public List<P> Children; }",
        "public class Node<T> { [TelemetryField] public Node<Node<T>> Next; [TelemetryField] public T Value; } [TelemetryPayload] public class P { [TelemetryField] public Node<int> Root; }",
        "public class A<T> { [TelemetryField] public A<(T, T)> Next { get; set; } [TelemetryField] public Dictionary<string, A<T[]>> More { get; set; } [TelemetryField] public T Value { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
        "[TelemetryPayload] public class P { [TelemetryField, Aggregated((Period)99)] public DateTime At; }",
        "[TelemetryPayload] public class P { [TelemetryField, Aggregated] public DateTime At; }",
        "[TelemetryPayload] public class P { [TelemetryField, InstallationId] public Guid A, B; }",
        "[TelemetryPayload] public class P { [TelemetryField] public static string Host; [TelemetryField] public const string Email = \"\"; }",
        "[TelemetryPayload] public class P { [TelemetryField] public int* Pointer; [TelemetryField] public delegate*<int> F; }",
        "[TelemetryPayload] public class P { [TelemetryField] public (string Path, DateTime At, Guid Id) Tuple; }",
        "[TelemetryPayload] public class P { [TelemetryField] public Dictionary<string, Dictionary<Guid, List<DateTime?>>> Deep; }",
        "[TelemetryPayload] public record P([property: TelemetryField] string, [property: TelemetryField] int X);",
        "[TelemetryPayload] public record P([TelemetryField] string Email);",
        "[TelemetryPayload] public interface IP { [TelemetryField] string Email { get; } }",
        "[TelemetryPayload] public enum E { [TelemetryField] A }",
        "[TelemetryPayload] public static class S { [TelemetryField] public static string Email = \"\"; }",
        "[TelemetryPayload] public class P { [TelemetryField] public string @class { get; set; } [TelemetryField] public int _ { get; set; } [TelemetryField] public int __Ip__ { get; set; } }",
        "[TelemetryPayload] public class P { [TelemetryField] public string ÉmailAdresse { get; set; } [TelemetryField] public string 主机名 { get; set; } }",
        "[TelemetryPayload] public partial class P { [TelemetryField] public partial string Email { get; set; } }",
        "[TelemetryPayload",
        "[TelemetryField] public string Orphan;",

        // The application-data rules (PII100-PII106) over broken annotations and members.
        "[DataSubject] public class U { public string Email { get; set; } public string Password; public string }",
        "[DataSubject] public class U { [PersonalData] public string Email { get; set; } [PersonalData(] public string Token; }",
        "[DataSubject] public class U { [PersonalData(null)] public string Email; [PersonalData(\"x\")] public string Name; [PersonalData((PersonalDataKind)(-1))] public string Bio; }",
        "[DataSubject] public class U { [SubjectKey] public int A; [SubjectKey(null)] public int B; [SubjectKey(typeof(Missing))] public int C; [SubjectKey(typeof(List<>))] public int D; }",
        "[DataSubject] public class U { [NotPersonalData] public string A; [NotPersonalData(null)] public string B; [NotPersonalData(42)] public string C; }",
        "[DataSubject, Retention] public class U { } [Retention(1)] public class V { } [Retention(-5, null)] public class W { } [Retention(7, nameof(Missing))] public class X { public string IpAddress; }",
        "[DataSubject, Retention(30, \"At\")] public class U { public int At() => 0; public DateTime this[int i] => default; public event Action At2; }",
        "[DataSubject, Erasure] public class U { } [Erasure((ErasureAction)99)] public class V { } [Erasure(ErasureAction.Anonymise)] public class W : W { }",
        "[DataSubject] public class U : U { public string Email; } [DataSubject] public class A : B { } public class B : A { public string IpAddress; }",
        "[DataSubject] public class U<T> { public T Email; public List<U<U<T>>> Children; public string UId; } [DataSubject] public record R(string Email, [property: SubjectKey(typeof(R))] int Id);",
        "[DataSubject] public class U { public Missing Navigation; public List<Missing> More; public string MissingId; } [NoSubjectKey(\"\")] public interface I { string Email { get; } }",
        "[DataSubject] public partial class U { public partial string Email { get; set; } } public class Microsoft.EntityFrameworkCore.DbContext { }",
        "namespace Microsoft.EntityFrameworkCore { public class DbContext { } public class DbSet<T> { } } [DataSubject] public class U { public int Id; } " +
            "public class Ctx : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<Missing> A { get; set; } public Microsoft.EntityFrameworkCore.DbSet<int> B { get; set; } public Microsoft.EntityFrameworkCore.DbSet<U> C => C; public static Microsoft.EntityFrameworkCore.DbSet<Ctx> D; } public class Loop : Loop2 { } public class Loop2 : Loop { }",
        "[DataSubject] public struct S { public string Email; public string IpAddress; [SubjectKey(typeof(S))] public int Id; } [DataSubject] public static class St { public static string Email; }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Broken_code_never_makes_an_analyzer_throw(string source)
    {
        (List<Exception> exceptions, ImmutableArray<Diagnostic> diagnostics) = await RunAllAnalyzersAsync(source);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task The_harness_runs_every_analyzer()
    {
        (List<Exception> exceptions, ImmutableArray<Diagnostic> diagnostics) = await RunAllAnalyzersAsync(
            "[TelemetryPayload] public class P { [TelemetryField] public string FilePath; [TelemetryField] public DateTime At; " +
            "[TelemetryField] public Exception Error; [TelemetryField] public Guid Id; [TelemetryField] public int Clicks; [TelemetryField] public string Channel; }");

        Assert.Empty(exceptions);
        Assert.Equal(
            new[] { "PII001", "PII002", "PII003", "PII004", "PII005", "PII006" },
            diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
    }

    private static async Task<(List<Exception> Exceptions, ImmutableArray<Diagnostic> Diagnostics)> RunAllAnalyzersAsync(string source)
    {
        var exceptions = new List<Exception>();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Broken",
            new[] { CSharpSyntaxTree.ParseText("using System; using System.Collections.Generic; using PiiGuard;\n" + source, new CSharpParseOptions(LanguageVersion.Preview)) },
            PlatformReferences.WithPiiGuard,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(AllAnalyzers.Create(), options)
            .GetAnalyzerDiagnosticsAsync();
        return (exceptions, diagnostics);
    }

}
