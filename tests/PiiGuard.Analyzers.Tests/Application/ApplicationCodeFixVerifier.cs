using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PiiGuard.Analyzers.Tests.Verifiers;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>Applies one code fix of the application-data rules (and Fix All) to markup source, with library stubs.</summary>
internal static class ApplicationCodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, string[]? stubs = null, bool addUsings = true)
    {
        var test = new CSharpCodeFixTest<ApplicationDataAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = addUsings ? TestReferences.Usings + source : source,
            FixedCode = addUsings ? TestReferences.Usings + fixedSource : fixedSource,
            ReferenceAssemblies = TestReferences.Net10,
            MarkupOptions = TestReferences.Markup,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.FixedState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.BatchFixedState.AdditionalReferences.Add(TestReferences.PiiGuard);
        ApplicationDataVerifier.AddStubs(test.TestState, stubs ?? []);
        ApplicationDataVerifier.AddStubs(test.FixedState, stubs ?? []);
        ApplicationDataVerifier.AddStubs(test.BatchFixedState, stubs ?? []);
        return test.RunAsync();
    }

    /// <summary>Checks that the fix is not offered: the source stays as it is, diagnostics and all.</summary>
    public static Task VerifyNotOfferedAsync(string source)
    {
        var test = new CSharpCodeFixTest<ApplicationDataAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            FixedCode = TestReferences.Usings + source,
            ReferenceAssemblies = TestReferences.Net10,
            MarkupOptions = TestReferences.Markup,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.FixedState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.BatchFixedState.AdditionalReferences.Add(TestReferences.PiiGuard);
        return test.RunAsync();
    }
}
