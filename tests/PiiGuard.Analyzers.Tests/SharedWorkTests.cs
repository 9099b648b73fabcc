using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// Work the analyzers share across a compilation's payloads, counted (never timed): a name used by many members is
/// judged once per value shape, and every member still gets its own diagnostic.
/// </summary>
public class SharedWorkTests
{
    [Fact]
    public async Task A_member_name_used_by_several_payloads_is_judged_once_per_shape_and_reported_on_each_member()
    {
        const string source =
            "[TelemetryPayload] public class A { [TelemetryField] public string UserEmail { get; set; } = \"\"; [TelemetryField] public int Count { get; set; } }\n" +
            "[TelemetryPayload] public class B { [TelemetryField] public string UserEmail { get; set; } = \"\"; [TelemetryField] public int Count { get; set; } }\n" +
            "[TelemetryPayload] public class C { [TelemetryField] public string UserEmail { get; set; } = \"\"; [TelemetryField] public int Count { get; set; } }\n" +
            "[TelemetryPayload] public class D { [TelemetryField] public int UserEmail { get; set; } }\n";
        ImmutableArray<Diagnostic> diagnostics = await AllAnalyzers.AnalyzeAsync(source);

        // Each string UserEmail is reported where it is declared (lines 1 to 3, after the usings); the int one (not
        // text) and the counts are not.
        Assert.Equal(new[] { 1, 2, 3 }, LinesOf(diagnostics, "PII001"));
        Assert.All(diagnostics.Where(d => d.Id == "PII001"), d => Assert.Contains("'UserEmail'", d.GetMessage(), System.StringComparison.Ordinal));

        // The same members through one cache, as the analyzers see them: three verdicts (UserEmail on text, UserEmail
        // on a number, Count on a number) for seven members, each member with its own finding.
        (AnalysisCache cache, PayloadMember[] members) = MembersOf(source, "A", "B", "C", "D");
        NameFinding?[] findings = members.Select(member => member.NameFinding).ToArray();

        Assert.Equal(7, members.Length);
        Assert.Equal(3, cache.Symbols!.Names.Judged);
        Assert.Equal(3, findings.Count(finding => finding is not null));
        Assert.All(members.Where(m => m.Name == "UserEmail" && m.Type.SpecialType == SpecialType.System_String), m => Assert.NotNull(m.NameFinding));
    }

    [Fact]
    public async Task Names_with_the_same_words_are_judged_once_per_shape_whatever_their_spelling()
    {
        // A member name and a JSON name (or another member's name) that split into the same words get one verdict.
        const string source =
            "[TelemetryPayload] public class A { [TelemetryField(\"user_email\")] public string UserEmail { get; set; } = \"\"; [TelemetryField(\"job_count\")] public int JobCount { get; set; } }\n" +
            "[TelemetryPayload] public class B { [TelemetryField] public string user_email { get; set; } = \"\"; [TelemetryField] public int JOB_COUNT { get; set; } }\n";
        ImmutableArray<Diagnostic> diagnostics = await AllAnalyzers.AnalyzeAsync(source);

        Assert.Equal(new[] { 1, 2 }, LinesOf(diagnostics, "PII001"));

        // Through one cache: "user email" on text, and "job count" on a number (asked for both job counts' names and
        // JSON names, as no name says anything): two verdicts, and one point-in-time question per distinct words.
        (AnalysisCache cache, PayloadMember[] members) = MembersOf(source, "A", "B");
        NameFinding?[] findings = members.Select(member => member.NameFinding).ToArray();
        string?[] pointsInTime = members.Select(member => member.FindPointInTimeName()).ToArray();

        Assert.Equal(new[] { true, false, true, false }, findings.Select(finding => finding is not null).ToArray());
        Assert.All(pointsInTime, Assert.Null);
        NameJudgements names = cache.Symbols!.Names;
        Assert.Equal(2, names.Judged);

        // Five spellings (UserEmail, user_email, JobCount, job_count, JOB_COUNT) of two names' words, with two verdicts
        // and two point-in-time words.
        Assert.Equal(5 + 2 + 2 + 2, names.Count);
    }

    [Fact]
    public async Task A_member_type_is_scanned_for_forbidden_types_once_and_reported_on_each_member()
    {
        const string source =
            "[TelemetryPayload] public class A { [TelemetryField] public int X { get; set; } [TelemetryField] public int Y { get; set; } [TelemetryField] public System.Uri? Link { get; set; } [TelemetryField] public List<int>? Sizes { get; set; } }\n" +
            "[TelemetryPayload] public class B { [TelemetryField] public int X { get; set; } [TelemetryField] public System.Uri? Link { get; set; } [TelemetryField] public List<int>? Sizes { get; set; } }\n" +
            "[TelemetryPayload] public class C { [TelemetryField] public System.Uri? Link { get; set; } [TelemetryField] public List<int>? Sizes { get; set; } }\n";
        ImmutableArray<Diagnostic> diagnostics = await AllAnalyzers.AnalyzeAsync(source);

        // Every Uri member is reported where it is declared, once (PII003), whichever member's question scanned its type.
        Assert.Equal(new[] { 1, 2, 3 }, LinesOf(diagnostics, "PII003"));

        // Through one cache, as the analyzers see them: nine members of three types (int, Uri?, List<int>?), each
        // asked by every rule, and each type scanned once.
        (AnalysisCache cache, PayloadMember[] members) = MembersOf(source, "A", "B", "C");
        ForbiddenTypes forbidden = cache.Symbols!.Forbidden;
        bool[] first = members.Select(member => forbidden.FirstForbidden(member.Shape) is not null).ToArray();
        bool[] again = members.Select(member => member.HasTypeFinding).ToArray();

        Assert.Equal(9, members.Length);
        Assert.Equal(3, forbidden.ShapesScanned);
        Assert.Equal(first, again);
        Assert.Equal(new[] { "Link", "Link", "Link" }, members.Where((_, i) => first[i]).Select(m => m.Name).ToArray());
        Assert.Equal(3, members.Select(m => m.Shape).Distinct().Count());
    }

    [Fact]
    public void A_type_reached_by_several_payloads_is_read_once_and_its_members_are_shared_by_the_member_action_and_every_walk()
    {
        const string source =
            "public record Summary([property: TelemetryField] int Total, [property: TelemetryField] string? UserEmail);\n" +
            "public class Plain { public int Count { get; set; } public string Name = \"\"; }\n" +
            "[TelemetryPayload] public class A { [TelemetryField] public Summary? S { get; set; } [TelemetryField] public int X { get; set; } }\n" +
            "[TelemetryPayload] public class B { [TelemetryField] public Summary? S { get; set; } }\n" +
            "[TelemetryPayload] public class C { [TelemetryField] public Summary? S { get; set; } [TelemetryField] public List<Summary>? All { get; set; } }\n";
        Compilation compilation = UnboundedShapeTests.Compile(source);
        AnalysisCache cache = AnalysisCache.For(compilation);
        INamedTypeSymbol summary = compilation.GetTypeByMetadataName("Summary")!;

        // A member without [TelemetryField] is no payload member, and its type is not read for it.
        foreach (ISymbol plain in compilation.GetTypeByMetadataName("Plain")!.GetMembers())
        {
            Assert.Null(cache.GetMember(plain, UnboundedShapeTests.EmptyOptions.Instance));
        }

        Assert.Equal(0, cache.TypesRead);

        // What GetMember finds among Summary's members, then three walks that all reach Summary.
        PayloadMember[] declared = summary.GetMembers().OfType<IPropertySymbol>()
            .Select(property => cache.GetMember(property, UnboundedShapeTests.EmptyOptions.Instance))
            .Where(member => member is not null).Select(member => member!).ToArray();
        PayloadWalk[] walks = new[] { "A", "B", "C" }
            .Select(name => compilation.GetTypeByMetadataName(name)!)
            .Select(payload => cache.GetWalk(payload, payload.Locations[0], UnboundedShapeTests.EmptyOptions.Instance, System.Threading.CancellationToken.None))
            .ToArray();

        Assert.Equal(new[] { "Total", "UserEmail" }, declared.Select(member => member.Name).ToArray());

        // Summary and the three payloads, each read once: four reads for three walks and two member questions.
        Assert.Equal(4, cache.TypesRead);
        Assert.Equal(new[] { 4, 3, 4 }, walks.Select(walk => walk.Members.Count).ToArray());
        foreach (PayloadWalk walk in walks)
        {
            PayloadMember[] reached = walk.Members.Where(member => SymbolEqualityComparer.Default.Equals(member.Symbol.ContainingType, summary)).ToArray();
            Assert.Equal(declared, reached);
        }

        // Asked again, every member is the same one: nothing is read again.
        Assert.All(walks.SelectMany(walk => walk.Members), member => Assert.Same(member, cache.GetMember(member.Symbol, UnboundedShapeTests.EmptyOptions.Instance)));
        Assert.Equal(4, cache.TypesRead);
    }

    [Fact]
    public void The_problem_search_takes_the_default_json_names_from_the_name_judgements()
    {
        Compilation compilation = UnboundedShapeTests.Compile("[TelemetryPayload] public class A { [TelemetryField] public int AxisOutcomeCounts { get; set; } }\n");
        AnalysisCache cache = AnalysisCache.For(compilation);
        NameJudgements names = cache.Symbols!.Names;

        Assert.Empty(cache.GetProblems(compilation.GetTypeByMetadataName("A")!, System.Threading.CancellationToken.None));

        // The member's name was snake-cased once, for the judgements (the name and its words), and the problem search
        // asked them for its JSON name instead of keeping names of its own.
        Assert.Equal(2, names.Count);
        Assert.Equal("axis_outcome_counts", names.SnakeCase("AxisOutcomeCounts"));
        Assert.Equal("axis_outcome_counts", cache.BuilderCache.JsonNameOf("AxisOutcomeCounts"));
        Assert.Equal(2, names.Count);
    }

    [Fact]
    public void The_problem_search_reads_the_members_that_the_walk_read()
    {
        Compilation compilation = UnboundedShapeTests.Compile(
            "public class Summary { [TelemetryField] public int Total { get; set; } }\n" +
            "[TelemetryPayload] public class A { [TelemetryField] public Summary? S { get; set; } }\n");
        AnalysisCache cache = AnalysisCache.For(compilation);
        INamedTypeSymbol payload = compilation.GetTypeByMetadataName("A")!;
        INamedTypeSymbol summary = compilation.GetTypeByMetadataName("Summary")!;

        // Before a walk, nothing is kept: each read makes a new array.
        Assert.False(cache.BuilderCache.MembersOf(summary) == cache.BuilderCache.MembersOf(summary));

        // The walk reads A and Summary once, and keeps their members with their payload members; the problem search reads those.
        cache.GetWalk(payload, payload.Locations[0], UnboundedShapeTests.EmptyOptions.Instance, System.Threading.CancellationToken.None);
        Assert.True(cache.BuilderCache.MembersOf(summary) == cache.BuilderCache.MembersOf(summary));
        Assert.Empty(cache.GetProblems(payload, System.Threading.CancellationToken.None));
        Assert.Equal(2, cache.TypesRead);
    }

    /// <summary>The lines (0-based, after the usings) that <paramref name="id"/> reports, in order.</summary>
    private static int[] LinesOf(ImmutableArray<Diagnostic> diagnostics, string id) =>
        diagnostics.Where(d => d.Id == id).Select(d => d.Location.GetLineSpan().StartLinePosition.Line).OrderBy(line => line).ToArray();

    /// <summary>The properties of <paramref name="types"/> through one fresh cache, as the analyzers see them.</summary>
    private static (AnalysisCache Cache, PayloadMember[] Members) MembersOf(string source, params string[] types)
    {
        Compilation compilation = UnboundedShapeTests.Compile(source);
        AnalysisCache cache = AnalysisCache.For(compilation);
        PayloadMember[] members = types
            .SelectMany(type => compilation.GetTypeByMetadataName(type)!.GetMembers().OfType<IPropertySymbol>())
            .Select(property => cache.GetMember(property, UnboundedShapeTests.EmptyOptions.Instance)!)
            .ToArray();
        return (cache, members);
    }
}
