using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PiiGuard.Analyzers.Flow;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using PiiGuard.Analyzers.Tests.Verifiers;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>Runs <see cref="PersonalDataFlowAnalyzer"/> over markup source, with the library stubs as further files.</summary>
internal static class FlowVerifier
{
    /// <summary>What every flow test source starts with: the stubbed libraries' namespaces.</summary>
    public const string Usings =
        "using System.Diagnostics;\nusing System.Linq;\nusing System.Net;\nusing System.Security.Claims;\nusing System.Text;\n" +
        "using Microsoft.AspNetCore.Http;\nusing Microsoft.Extensions.Compliance.Classification;\nusing Microsoft.Extensions.Compliance.Redaction;\n" +
        "using Microsoft.Extensions.Logging;\nusing Sentry;\n";

    /// <summary>A diagnostic of <paramref name="descriptor"/>; the parts a redactor would wrap (additional locations) are the code fix tests' business.</summary>
    public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor) =>
        CSharpAnalyzerVerifier<PersonalDataFlowAnalyzer, DefaultVerifier>.Diagnostic(descriptor).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<PersonalDataFlowAnalyzer, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + Usings + source,
            ReferenceAssemblies = TestReferences.Net10,
            MarkupOptions = TestReferences.Markup,
        };
        test.TestState.Sources.Add(("Logging.cs", MicrosoftExtensionsLogging.Source));
        test.TestState.Sources.Add(("Compliance.cs", MicrosoftExtensionsCompliance.Source));
        test.TestState.Sources.Add(("Sentry.cs", Stubs.Sentry.Source));
        test.TestState.Sources.Add(("Http.cs", AspNetCoreHttp.Source));
        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
