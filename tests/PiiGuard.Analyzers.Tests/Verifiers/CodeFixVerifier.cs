using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PiiGuard.Analyzers.Tests.Verifiers;

/// <summary>Applies one code fix (and Fix All) to markup source and compares with the expected source.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, bool addUsings = true)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = addUsings ? TestReferences.Usings + source : source,
            FixedCode = addUsings ? TestReferences.Usings + fixedSource : fixedSource,
            ReferenceAssemblies = TestReferences.Net10,
            MarkupOptions = TestReferences.Markup,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.FixedState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.BatchFixedState.AdditionalReferences.Add(TestReferences.PiiGuard);
        return test.RunAsync();
    }
}
