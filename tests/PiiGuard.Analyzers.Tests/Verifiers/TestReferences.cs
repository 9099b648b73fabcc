using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PiiGuard.Analyzers.Tests.Verifiers;

/// <summary>What every test compilation references: .NET 10's reference pack and the PiiGuard attributes.</summary>
internal static class TestReferences
{
    // ReferenceAssemblies.Net.Net80 is not served here; the .NET 10 reference pack is.
    public static readonly ReferenceAssemblies Net10 = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    /// <summary>
    /// Markup such as <c>{|PII007:Stats|}</c> names a rule, and a rule that says different things has several
    /// descriptors: the markup expects the rule's id at that span, whichever message it has (tests that check a
    /// message name its descriptor).
    /// </summary>
    public const MarkupOptions Markup = MarkupOptions.UseFirstDescriptor;

    public static readonly MetadataReference PiiGuard = MetadataReference.CreateFromFile(typeof(TelemetryPayloadAttribute).Assembly.Location);

    /// <summary>An .editorconfig that applies <paramref name="lines"/> to every C# file.</summary>
    public static (string Path, string Content) EditorConfig(params string[] lines) =>
        ("/.editorconfig", "root = true\n\n[*.cs]\n" + string.Join("\n", lines) + "\n");

    /// <summary>Prepended to every test source: PiiGuard's usings, so tests show only the payload.</summary>
    public const string Usings = "using System;\nusing System.Collections.Generic;\nusing PiiGuard;\nusing static PiiGuard.Period;\n\n";
}
