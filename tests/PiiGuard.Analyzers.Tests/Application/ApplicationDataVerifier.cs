using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PiiGuard.Analyzers.Tests.Verifiers;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>
/// Runs <see cref="ApplicationDataAnalyzer"/> over markup source (with PiiGuard's usings) and the library stubs the
/// test names, and checks the diagnostics.
/// </summary>
internal static class ApplicationDataVerifier
{
    public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor) =>
        CSharpAnalyzerVerifier<ApplicationDataAnalyzer, DefaultVerifier>.Diagnostic(descriptor);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, [], expected);

    public static Task VerifyAsync(string source, string[] stubs, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<ApplicationDataAnalyzer, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            ReferenceAssemblies = TestReferences.Net10,
            MarkupOptions = TestReferences.Markup,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        AddStubs(test.TestState, stubs);

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Compiles the library stubs into a project of their own that the test project references, as the real
    /// libraries are: their types come from metadata, and the analyzer does not analyze them.
    /// </summary>
    public static void AddStubs(SolutionState state, string[] stubs)
    {
        if (stubs.Length == 0)
        {
            return;
        }

        ProjectState project = state.AdditionalProjects["Stubs"];
        foreach (string stub in stubs)
        {
            project.Sources.Add(stub);
        }

        state.AdditionalProjectReferences.Add("Stubs");
    }
}
