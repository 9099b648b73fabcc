using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>A source that mutants start from: a file of payload types, or a snippet from a test.</summary>
/// <param name="Name">Where it comes from: the file's path from the repository root, and for a snippet its line.</param>
/// <param name="Text">The C# source.</param>
public sealed record SourceSeed(string Name, string Text);

/// <summary>
/// The project's own payload sources, read from the repository: every file under <c>samples/</c> and <c>tests/</c>
/// that declares PiiGuard attributes in code (the sample's payload types, the runtime tests' payloads and repros,
/// the telemetry tests' payloads, samples/Violations), every string in those folders' tests that holds a PiiGuard
/// snippet (the analyzer, code-fix and generator tests, with their diagnostic markup removed), and every schema lock.
/// </summary>
public sealed class SourceCorpus
{
    private static readonly string[] AttributeNames = { "TelemetryPayload", "TelemetryField", "TelemetryValue", "Aggregated", "InstallationId" };

    /// <summary>What tests put before a snippet (their TestReferences.Usings).</summary>
    public const string Usings = "using System;\nusing System.Collections.Generic;\nusing PiiGuard;\nusing static PiiGuard.Period;\n\n";

    private SourceCorpus(IReadOnlyList<SourceSeed> sources, IReadOnlyList<SourceSeed> locks)
    {
        Sources = sources;
        Locks = locks;
    }

    /// <summary>Gets the C# seeds, in a fixed order (by path, then by position).</summary>
    public IReadOnlyList<SourceSeed> Sources { get; }

    /// <summary>Gets the schema locks (<c>piiguard.lock</c>), in a fixed order.</summary>
    public IReadOnlyList<SourceSeed> Locks { get; }

    /// <summary>The repository root: the nearest folder at or above <paramref name="start"/> that holds PiiGuard.sln.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (DirectoryInfo? directory = new(start); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PiiGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No PiiGuard.sln at or above '{start}': run from inside the repository.");
    }

    /// <summary>Reads the corpus from the repository at <paramref name="root"/>.</summary>
    public static SourceCorpus Load(string root)
    {
        var sources = new List<SourceSeed>();
        foreach (string path in Files(root, "*.cs"))
        {
            string name = Relative(root, path);

            // The fuzz tests' own strings would make the corpus change with them.
            if (name.Contains("Fuzz", StringComparison.Ordinal))
            {
                continue;
            }

            string text = File.ReadAllText(path);
            if (!text.Contains("Telemetry", StringComparison.Ordinal) && !text.Contains("Aggregated", StringComparison.Ordinal))
            {
                continue;
            }

            SyntaxNode syntax = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
            if (syntax.DescendantNodes().OfType<AttributeSyntax>().Any(IsPiiGuardAttribute))
            {
                sources.Add(new SourceSeed(name, text));
            }

            sources.AddRange(Snippets(name, syntax));
        }

        List<SourceSeed> locks = Files(root, "piiguard.lock").Select(p => new SourceSeed(Relative(root, p), File.ReadAllText(p))).ToList();
        if (sources.Count == 0)
        {
            throw new InvalidOperationException($"No payload sources under '{root}'.");
        }

        return new SourceCorpus(sources, locks);
    }

    /// <summary>Removes the analyzer tests' diagnostic markup (<c>{|PII001:Name|}</c>, <c>[|Name|]</c>).</summary>
    public static string RemoveMarkup(string text) =>
        Regex.Replace(text, @"\{\|[^:|{}]*:|\|\}|\[\||\|\]", "");

    private static IEnumerable<SourceSeed> Snippets(string name, SyntaxNode syntax)
    {
        foreach (ExpressionSyntax literal in syntax.DescendantNodes().OfType<ExpressionSyntax>())
        {
            string? text = literal switch
            {
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } s => s.Token.ValueText,
                InterpolatedStringExpressionSyntax interpolated => Text(interpolated),
                _ => null,
            };
            if (text is null || !text.Contains("[Telemetry", StringComparison.Ordinal))
            {
                continue;
            }

            text = RemoveMarkup(text);
            int line = literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            yield return new SourceSeed($"{name}:{line}", text.Contains("using ", StringComparison.Ordinal) ? text : Usings + text);
        }
    }

    /// <summary>An interpolated string's text, each hole filled with a type or a name as its expression suggests.</summary>
    private static string Text(InterpolatedStringExpressionSyntax interpolated) =>
        string.Concat(interpolated.Contents.Select(content => content switch
        {
            InterpolatedStringTextSyntax text => text.TextToken.ValueText,
            InterpolationSyntax hole when hole.Expression.ToString().Contains("type", StringComparison.OrdinalIgnoreCase) => "int",
            _ => "Value",
        }));

    private static bool IsPiiGuardAttribute(AttributeSyntax attribute)
    {
        string name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return AttributeNames.Any(a => name == a || name == a + "Attribute");
    }

    private static IEnumerable<string> Files(string root, string pattern) =>
        new[] { "samples", "tests" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories))
            .Where(path => !Relative(root, path).Split('/').Any(part => part is "bin" or "obj"))
            .OrderBy(path => Relative(root, path), StringComparer.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
