using System;
using System.Linq;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// The generated code compiles without a warning with nullable enabled. This project's own build proves it for the
/// payloads it declares (TreatWarningsAsErrors); the shapes in Repros/GeneratorWarningShapes.cs would break that
/// build, so these tests run PiiGuard's generator on them in process and look at the warnings of what it generated.
/// Build the repros for real with: dotnet build tests/PiiGuard.Runtime.Tests -p:PiiGuardCompileRepros=true
/// </summary>
public sealed class GeneratedCodeWarningTests
{
    private static readonly Lazy<InProcessCompiler.Result> Repros = new(() => InProcessCompiler.Compile("Repros/GeneratorWarningShapes.cs"));

    [Fact]
    public void The_harness_sees_generated_code_and_the_seed_and_wide_payloads_have_no_warnings()
    {
        InProcessCompiler.Result result = InProcessCompiler.Compile("SampleSources/UsageReport.cs", "SampleSources/Enums.cs", "Payloads/WidePayload.cs");

        Assert.Contains(result.Generated, name => name.Contains("Printernizer.UsageReport", StringComparison.Ordinal));
        Assert.Contains(result.Generated, name => name.Contains("WidePayload", StringComparison.Ordinal));
        Assert.Empty(result.GeneratedCodeWarnings);
    }

    [Theory]
    [InlineData("EmptyObjectPayload")]
    [InlineData("EnumKeyedReferenceValuesPayload")]
    [InlineData("NullableReferenceElementsPayload")]
    public void Generated_code_has_no_warnings(string payload)
    {
        InProcessCompiler.Result result = Repros.Value;

        Assert.Contains(result.Generated, name => name.Contains(payload, StringComparison.Ordinal));
        string[] warnings = result.GeneratedCodeWarnings.Where(w => w.Contains(payload + ".PiiGuard.g.cs", StringComparison.Ordinal)).ToArray();
        Assert.True(warnings.Length == 0, $"The code generated for {payload} has {warnings.Length} warnings:\n" + string.Join("\n", warnings));
    }
}
